import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Patient, PatientSearchResponse, TimelineEntry } from '@carebridge/contracts';
import { DEMO_PASSWORD } from './server';
import { browserSuite } from './harness';

/** A valid resident ID-card number (GB 11643 check digit) that no demo patient has: born 1990-03-07, male. */
const NEW_PATIENT = {
  name: '欧阳测试',
  initials: 'oycs',
  idCard: '110101199003070134',
  badIdCard: '110101199003070135',
  birthDate: '1990-03-07',
  phone: '13912345678',
  /** Added later in the edit drawer, without retyping the first (which the editor only sees masked). */
  secondPhone: '13687654321',
};

// A small generated population: some patients have abnormal results with a numeric trend.
const suite = browserSuite({ demoPatients: 200 });
const { newPage, logIn } = suite;

/** The API as the doctor, to pick test data the way the UI will see it. */
async function apiSession(username: string, password: string) {
  const { cookie } = await suite.apiLogin(username, password);
  return async <T>(path: string): Promise<T> => {
    const res = await fetch(`${suite.baseUrl()}${path}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

interface Candidate {
  id: string;
  name: string;
  initials: string;
  code: string;
}

/**
 * A demo patient with a phone and an abnormal result, whose pinyin initials find them on the first page
 * of the search: what the UI test types, the API has already answered.
 */
async function findPatientWithAbnormalResult(): Promise<Candidate> {
  const get = await apiSession('doctor', DEMO_PASSWORD);
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const list = await get<PatientSearchResponse>(
      `/api/patients?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    for (const item of list.items) {
      if (!item.phoneMasked) continue;
      // The results tab shows the newest 100; the trend needs a numeric value.
      const timeline = await get<{ items: TimelineEntry[] }>(
        `/api/patients/${item.id}/timeline?types=result&limit=100`,
      );
      const abnormal = timeline.items.find(
        (r) => r.type === 'result' && r.abnormal && r.value !== null && Number.isFinite(Number(r.value)),
      );
      if (abnormal?.type !== 'result') continue;
      const patient = await get<Patient>(`/api/patients/${item.id}`);
      const found = await get<PatientSearchResponse>(
        `/api/patients?q=${encodeURIComponent(patient.nameInitials)}&limit=20`,
      );
      if (!found.items.some((p) => p.id === item.id)) continue;
      return { id: item.id, name: patient.name, initials: patient.nameInitials, code: abnormal.code };
    }
    cursor = list.nextCursor ?? undefined;
    if (!cursor) break;
  }
  throw new Error('No demo patient with a phone and an abnormal result: is the demo population seeded?');
}

/** Types into the one search box and opens the patient's row (the search answers after a short pause). */
async function searchAndOpen(page: Page, text: string, patientId: string): Promise<void> {
  await page.goto(`${suite.baseUrl()}/patients`);
  await page.getByTestId('patient-search').fill(text);
  await page.getByTestId(`patient-row-${patientId}`).click();
  await page.waitForURL(`**/patients/${patientId}`);
  await page.getByTestId('patient-header').waitFor();
}

/** 显示: a reason, then the full numbers replace the masked ones. */
async function revealPhones(page: Page): Promise<string[]> {
  const phones = page.getByTestId('patient-phone');
  expect(await phones.first().textContent()).toContain('*');
  await page.getByTestId('unmask-button').click();
  await page.getByTestId('unmask-submit').click();
  // The reason is required: nothing is revealed without one.
  await page.getByText('请填写事由').waitFor();
  await page.getByTestId('unmask-reason').fill('电话随访，核对联系方式');
  await page.getByTestId('unmask-submit').click();
  await page.getByTestId('unmask-hide').waitFor();
  return phones.allTextContents();
}

describe('patients in Chromium', () => {
  it('a doctor finds a patient by pinyin initials, sees an abnormal result and its trend, and reveals the phone', async () => {
    const patient = await findPatientWithAbnormalResult();
    const page = await newPage();
    await logIn(page, 'doctor', DEMO_PASSWORD);

    await page.goto(`${suite.baseUrl()}/patients`);
    await page.getByTestId('patients-total').getByText('位患者').waitFor();
    await searchAndOpen(page, patient.initials, patient.id);
    expect(await page.getByTestId('patient-name').textContent()).toBe(patient.name);
    await page.getByTestId('patient-summary').waitFor();

    await page.getByRole('tab', { name: '检验检查' }).click();
    const abnormal = page
      .getByTestId('results-table')
      .locator(`[data-testid="result-row-abnormal"][data-code="${patient.code}"]`)
      .first();
    await abnormal.waitFor();
    expect(await abnormal.getAttribute('class')).toContain('cb-row-abnormal');
    expect(await abnormal.getByTestId('result-flag').textContent()).toMatch(/[↑↓*]/);
    await page.screenshot({ path: '/tmp/carebridge-patient-results.png' });

    await abnormal.click();
    const chart = page.getByTestId('trend-chart');
    await chart.locator('canvas').waitFor();
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(0);
    await page.screenshot({ path: '/tmp/carebridge-patient-trend.png' });
    await page.keyboard.press('Escape');
    await chart.waitFor({ state: 'detached' });

    const revealed = await revealPhones(page);
    expect(revealed.length).toBeGreaterThan(0);
    for (const phone of revealed) expect(phone).not.toContain('*');
    await page.screenshot({ path: '/tmp/carebridge-patient-360.png', fullPage: true });
    await page.context().close();
  });

  it('a doctor registers a patient: localised validation, ID card fills birth date and gender; then finds and reveals', async () => {
    const page = await newPage();
    await logIn(page, 'doctor', DEMO_PASSWORD);
    await page.goto(`${suite.baseUrl()}/patients`);
    await page.getByTestId('patient-create').click();
    const form = page.getByTestId('patient-form');
    await form.waitFor();

    // The same zod schema as the server, with the same localised messages on the same fields.
    await page.getByTestId('patient-form-name').fill('欧阳1');
    await page.getByTestId('patient-form-idcard').fill(NEW_PATIENT.badIdCard);
    await page.getByTestId('patient-form-submit').click();
    await form.getByText('姓名不能包含数字或特殊符号').waitFor();
    await form.getByText('身份证号校验位不正确').waitFor();
    await page.screenshot({ path: '/tmp/carebridge-patient-form-errors.png' });

    await page.getByTestId('patient-form-name').fill(NEW_PATIENT.name);
    await page.getByTestId('patient-form-idcard').fill(NEW_PATIENT.idCard);
    expect(await page.getByTestId('patient-form-birthdate').inputValue()).toBe(NEW_PATIENT.birthDate);
    expect(await page.getByTestId('patient-form-gender').getByRole('radio', { name: '男' }).isChecked()).toBe(
      true,
    );
    // Editing the field takes its problem away (antd only clears errors of fields with rules of their own).
    await form.getByText('身份证号校验位不正确').waitFor({ state: 'detached' });
    await page.getByTestId('patient-form-phone-number').first().fill(NEW_PATIENT.phone);
    await page.getByTestId('patient-form-submit').click();

    await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.getByTestId('patient-header').waitFor();
    expect(await page.getByTestId('patient-idcard').textContent()).toBe('110***********0134');

    // Editing: the stored phone stays masked (kept by id, never retyped); add a second one and make it primary.
    await page.getByTestId('patient-edit').click();
    const phoneRows = page.getByTestId('patient-form-phone');
    const stored = phoneRows.first().getByTestId('patient-form-phone-masked');
    await stored.waitFor();
    expect(await stored.textContent()).toMatch(/\*+5678$/);
    await page.getByTestId('patient-form-phone-add').click();
    const added = phoneRows.nth(1);
    await added.getByTestId('patient-form-phone-number').fill(NEW_PATIENT.secondPhone);
    await added.getByText('主要').click();
    expect(await phoneRows.first().getByRole('checkbox').isChecked()).toBe(false);
    await page.getByTestId('patient-form-submit').click();
    const headerPhones = page.getByTestId('patient-header').getByTestId('patient-phone');
    await expect.poll(() => headerPhones.count(), { timeout: 15_000 }).toBe(2);
    const shown = await headerPhones.allTextContents();
    // Both masked; the new primary phone comes first.
    expect(shown[0]).toMatch(/\*+4321$/);
    expect(shown[1]).toMatch(/\*+5678$/);

    await searchAndOpen(page, NEW_PATIENT.initials, id);
    expect(await revealPhones(page)).toEqual([NEW_PATIENT.secondPhone, NEW_PATIENT.phone]);

    // Every new string has its English form.
    await page.getByTestId('lang-switch').click();
    await page.getByRole('tab', { name: 'Results' }).waitFor();
    expect(await page.getByTestId('patient-header').textContent()).toContain('Date of birth');
    await page.context().close();
  });
});
