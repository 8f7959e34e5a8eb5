import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD } from './server';
import { browserSuite, clickInPopup } from './harness';

const CHARTS = ['tiers', 'levels', 'pareto', 'churn', 'movements'];

// A small generated population with two years of visits and charges to grade.
const suite = browserSuite({ demoPatients: 200 });
const { newPage, logIn } = suite;

/** The API as one user (cookie session; writes carry the session's CSRF token). */
async function apiSession(username: string, password: string) {
  const { cookie, csrfToken } = await suite.apiLogin(username, password);
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${suite.baseUrl()}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

/** Waits until the live count has answered for the current conditions with a number other than `before`. */
async function countOtherThan(page: Page, before: string): Promise<number> {
  await page
    .locator(`[data-testid="segment-count"][data-state="ready"]:not([data-count="${before}"])`)
    .waitFor({ timeout: 15_000 });
  return Number(await page.getByTestId('segment-count').getAttribute('data-count'));
}

async function addCondition(page: Page, label: string): Promise<void> {
  await page.getByTestId('seg-root').getByTestId('seg-add-condition').last().click();
  await clickInPopup(page.getByRole('menuitem', { name: label, exact: true }));
}

describe('customer segmentation in Chromium', () => {
  it('the admin recomputes the tiers and the dashboard draws its charts', { timeout: 120_000 }, async () => {
    const page = await newPage();
    await logIn(page, 'admin', ADMIN_PASSWORD);
    const menu = (await page.getByTestId('side-menu').textContent()) ?? '';
    expect(menu).toContain('客户分层');
    expect(menu).toContain('分层策略');
    // The admin keeps the policy but does not build patient lists.
    expect(menu).not.toContain('客户分群');

    await page.getByTestId('side-menu').getByText('客户分层', { exact: true }).click();
    await page.waitForURL('**/segmentation/overview');
    await page.getByTestId('seg-overview').waitFor();
    await page.getByTestId('seg-recompute').click();
    await page.getByTestId('seg-recompute-done').waitFor({ timeout: 90_000 });

    const overview = page.getByTestId('seg-overview');
    expect(await overview.getAttribute('data-computed-at')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const customers = (await page.getByTestId('seg-kpi-customers').textContent()) ?? '';
    expect(Number(customers.replace(/\D/g, ''))).toBeGreaterThan(0);
    expect(await page.getByTestId('seg-kpi-revenue').textContent()).toMatch(/¥[\d,]+\.\d{2}/);
    expect(await page.getByTestId('seg-kpi-top20').textContent()).toMatch(/\d+\.\d%/);
    for (const chart of CHARTS) await page.getByTestId(`seg-chart-${chart}`).locator('canvas').waitFor();
    expect(await page.getByText(/计算于 .* 策略版本 v\d+/).count()).toBe(1);
    await page.context().close();
  });

  it(
    'the admin previews a policy change, meets a concurrent save, and saves it',
    { timeout: 120_000 },
    async () => {
      const page = await newPage();
      await logIn(page, 'admin', ADMIN_PASSWORD);
      await page.getByTestId('side-menu').getByText('分层策略', { exact: true }).click();
      await page.waitForURL('**/segmentation/policy');
      const policyPage = page.getByTestId('policy-page');
      await policyPage.waitFor();
      const base = Number(await policyPage.getAttribute('data-version'));
      const save = page.getByTestId('policy-save');
      expect(await save.isDisabled()).toBe(true);

      // Tier A: the top 25% by revenue instead of 20%; the preview shows who would move.
      await page.getByTestId('policy-abc-aRevenueTopShare').fill('25');
      await page.getByTestId('policy-preview-run').click();
      const preview = page.getByTestId('policy-preview');
      await preview.waitFor();
      await page.getByTestId('policy-matrix-tiers').locator('td.cb-matrix-moved').first().waitFor();
      await page.getByTestId('policy-matrix-levels').waitFor();
      expect(Number(await preview.getAttribute('data-moved-tier'))).toBeGreaterThan(0);
      expect(await page.getByTestId('policy-preview-summary').textContent()).toContain('客户分类将变化');
      expect(await save.isEnabled()).toBe(true);

      // A change after the preview needs a new preview before saving.
      await page.getByTestId('policy-abc-bMinVisits').fill('5');
      expect(await save.isDisabled()).toBe(true);
      await page.getByTestId('policy-abc-bMinVisits').fill('4');
      await page.getByTestId('policy-preview-run').click();
      await page.locator('[data-testid="policy-save"]:not([disabled])').waitFor();

      // Meanwhile someone else saves a version: this save is refused, and says so.
      const api = await apiSession('admin', ADMIN_PASSWORD);
      const { current } = await api<{ current: { policy: unknown; version: number } }>(
        'GET',
        '/api/segmentation/policies',
      );
      expect(current.version).toBe(base);
      await api('PUT', '/api/segmentation/policies', {
        policy: current.policy,
        baseVersion: base,
        note: '并发保存',
      });
      await save.click();
      const conflict = page.getByTestId('policy-conflict');
      await conflict.waitFor();
      expect(await conflict.textContent()).toContain('其他人已保存了新的策略版本');

      await page.getByTestId('policy-reload').click();
      await page.locator(`[data-testid="policy-page"][data-version="${base + 1}"]`).waitFor();
      await page.getByTestId('policy-abc-aRevenueTopShare').fill('25');
      await page.getByTestId('policy-note').fill('A 类比例调整为 25%');
      await page.getByTestId('policy-preview-run').click();
      await page.getByTestId('policy-preview').waitFor();
      await save.click();
      await page.getByText(`已保存为版本 v${base + 2}`).waitFor();
      await page.locator(`[data-testid="policy-page"][data-version="${base + 2}"]`).waitFor();
      const history = (await page.getByTestId('policy-history').textContent()) ?? '';
      expect(history).toContain(`v${base + 2}`);
      expect(history).toContain('A 类比例调整为 25%');
      expect(history).toContain('并发保存');
      await page.context().close();
    },
  );

  it('the health manager builds a segment with a live count, fixes a condition and saves it', async () => {
    const page = await newPage();
    await logIn(page, 'health_manager', DEMO_PASSWORD);
    await page.getByTestId('side-menu').getByText('客户分群', { exact: true }).click();
    await page.waitForURL('**/segments');
    await page.locator('[data-testid="segment-count"][data-state="empty"]').waitFor();

    await addCondition(page, '性别');
    const women = await countOtherThan(page, '');
    expect(women).toBeGreaterThan(0);
    await addCondition(page, '年龄');
    const olderWomen = await countOtherThan(page, String(women));
    expect(olderWomen).toBeGreaterThan(0);
    expect(olderWomen).toBeLessThan(women);

    // 60 to 20 years: the server refuses the range, and the message sits at the age condition.
    const age = page.locator('[data-testid="seg-condition"][data-type="age"]');
    await age.getByTestId('cond-age-max').fill('20');
    await age.getByTestId('seg-condition-error').waitFor();
    expect(await age.getByTestId('seg-condition-error').textContent()).toContain('上限不能小于下限');
    expect(await page.getByTestId('segment-count').getAttribute('data-state')).toBe('error');
    const gender = page.locator('[data-testid="seg-condition"][data-type="gender"]');
    expect(await gender.getAttribute('data-invalid')).toBe('false');
    await age.getByTestId('cond-age-max').fill('');
    await page.locator('[data-testid="segment-count"][data-state="ready"]').waitFor();
    await age.getByTestId('seg-condition-error').waitFor({ state: 'detached' });
    expect(Number(await page.getByTestId('segment-count').getAttribute('data-count'))).toBe(olderWomen);

    const name = `60 岁以上女性 ${Date.now()}`;
    await page.getByTestId('segment-save').click();
    await page.getByTestId('segment-name').fill(name);
    await page.getByTestId('segment-save-submit').click();
    await page.getByText(`已保存分群「${name}」，共 ${olderWomen} 人`).waitFor();
    const row = page.getByTestId('segment-list').locator('tr', { hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain('动态');
    expect(await row.textContent()).toContain(olderWomen.toLocaleString('en-US'));

    // Members (names, masked phones) and the Excel export.
    await row.getByText('成员', { exact: true }).click();
    const members = page.getByTestId('segment-members');
    await members.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await members.textContent()).not.toMatch(/1[3-9]\d{9}/);
    const href = (await page.getByTestId('segment-export').getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/api\/segments\/[0-9a-f-]{36}\/export$/);
    const file = await page.request.get(`${suite.baseUrl()}${href}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('spreadsheetml');
    await page.context().close();
  });

  it('the doctor reads the value card on the patient 360 page, also for a patient not graded yet', async () => {
    const api = await apiSession('doctor', DEMO_PASSWORD);
    const list = await api<{ items: { id: string }[] }>('GET', '/api/patients?limit=50');
    let graded: string | undefined;
    for (const item of list.items) {
      const value = await api<{ computedAt: string | null }>('GET', `/api/patients/${item.id}/value`);
      if (value.computedAt) {
        graded = item.id;
        break;
      }
    }
    expect(graded, 'a graded demo patient').toBeTruthy();

    const page = await newPage();
    await logIn(page, 'doctor', DEMO_PASSWORD);
    await page.goto(`${suite.baseUrl()}/patients/${graded}`);
    const card = page.locator('[data-testid="patient-value"][data-computed="true"]');
    await card.waitFor();
    expect(await card.getByTestId('tier-tag').getAttribute('data-tier')).toMatch(/^[ABC]$/);
    const scores = await card
      .locator('.cb-rfm-score')
      .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-score'))));
    expect(scores).toHaveLength(3);
    for (const score of scores) expect(score >= 1 && score <= 5).toBe(true);
    expect(await card.getByTestId('value-clv').textContent()).toMatch(/¥/);
    expect(
      (await card.getByTestId('value-tier').locator('.cb-value-why').textContent())?.length,
    ).toBeGreaterThan(4);
    await card.locator('[data-testid="tier-history"], [data-testid="tier-history-empty"]').first().waitFor();

    // A patient registered after the last recompute: the card says so instead of breaking the page.
    const fresh = await api<{ id: string }>('POST', '/api/patients', {
      name: '慕容未分',
      gender: 'female',
      birthDate: '1980-01-01',
    });
    await page.goto(`${suite.baseUrl()}/patients/${fresh.id}`);
    await page.locator('[data-testid="patient-value"][data-computed="false"]').waitFor();
    expect(await page.getByTestId('value-not-computed').textContent()).toContain('尚未计算');
    await page.getByTestId('patient-tabs').waitFor();
    await page.context().close();
  });

  it('the health manager is told of a tier change and opens the patient from the bell', async () => {
    // The policy saved above moved some customers from B to A; their health manager gets a notice each.
    const api = await apiSession('health_manager', DEMO_PASSWORD);
    let unread = 0;
    for (let i = 0; i < 60 && unread === 0; i++) {
      unread = (await api<{ unread: number }>('GET', '/api/notifications?limit=1')).unread;
      if (unread === 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(unread).toBeGreaterThan(0);

    const page = await newPage();
    await logIn(page, 'health_manager', DEMO_PASSWORD);
    const bell = page.getByTestId('notification-bell');
    await page.locator(`[data-testid="notification-bell"][data-unread="${unread}"]`).waitFor();
    await bell.click();
    await clickInPopup(page.getByTestId('notification-item').first());
    await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
    await page.getByTestId('patient-value').waitFor();
    await page.locator(`[data-testid="notification-bell"][data-unread="${unread - 1}"]`).waitFor();

    await bell.click();
    await clickInPopup(page.getByTestId('notification-read-all'));
    await page.locator('[data-testid="notification-bell"][data-unread="0"]').waitFor();
    await page.context().close();
  });
});
