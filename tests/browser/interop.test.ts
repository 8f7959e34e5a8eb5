import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD } from './server';
import { browserSuite, clickInPopup } from './harness';

/** An admission whose birth date (PID-7) does not exist: refused with AE and kept in the inbox. */
const BAD_HL7 = [
  'MSH|^~\\&|HIS|HOSP|CB|CB|20261101083000||ADT^A04^ADT_A01|BROWSER-BAD-1|P|2.5',
  'PID|1||7001^^^HOSP^MR||张^三丰||19611345|M',
  'PV1|1|O|NK^101',
].join('\r');

/** Same name, birth date and gender and nothing else: the master patient index asks a person to decide. */
const twin = (id: string) => ({
  resourceType: 'Bundle',
  type: 'batch',
  entry: [
    {
      resource: {
        resourceType: 'Patient',
        id,
        name: [{ family: '司马', given: ['晓东'] }],
        gender: 'male',
        birthDate: '1985-06-15',
      },
      request: { method: 'PUT', url: `Patient/${id}` },
    },
  ],
});

/** Three patients, the second with a date that does not exist (row 3 of the file). */
const PATIENTS_CSV = [
  '姓名,性别,出生日期,手机号',
  '欧阳导入,男,1990-03-07,13912345670',
  '上官导入,女,1988-13-45,13912345671',
  '诸葛导入,男,1975-11-02,13912345672',
].join('\n');

const suite = browserSuite();
const { newPage, logIn } = suite;

/** The API as one user (cookie session; writes carry the session's CSRF token). */
async function apiSession(username: string, password: string) {
  const { cookie, csrfToken } = await suite.apiLogin(username, password);
  return (path: string, body: string, contentType: string) =>
    fetch(`${suite.baseUrl()}${path}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': contentType },
      body,
    });
}

describe('interfaces and duplicates in Chromium', () => {
  beforeAll(async () => {
    const post = await apiSession('admin', ADMIN_PASSWORD);
    const hl7 = await post('/api/hl7', BAD_HL7, 'text/plain');
    expect(hl7.status).toBe(200);
    expect(((await hl7.json()) as { ackCode: string }).ackCode).toBe('AE');
    let queued = 0;
    for (const id of ['browser-twin-a', 'browser-twin-b']) {
      const res = await post('/fhir/R4', JSON.stringify(twin(id)), 'application/fhir+json');
      expect(res.status, await res.clone().text()).toBe(200);
      queued +=
        (JSON.parse(res.headers.get('x-carebridge-import') ?? '{}') as { queued?: number }).queued ?? 0;
    }
    expect(queued).toBe(1);
  });

  it('the quality officer merges a possible duplicate and undoes the merge', async () => {
    const page = await newPage();
    await logIn(page, 'quality_officer', DEMO_PASSWORD);
    const menu = (await page.getByTestId('side-menu').textContent()) ?? '';
    expect(menu).toContain('疑似重复');
    expect(menu).toContain('接口消息');
    expect(menu).not.toContain('数据导入');

    await page.getByTestId('side-menu').getByText('疑似重复', { exact: true }).click();
    await page.waitForURL('**/mpi/reviews');
    const card = page.locator('[data-testid^="mpi-review-"]').filter({ hasText: '司马晓东' });
    await card.waitFor();
    const evidence = (await card.getByTestId('mpi-evidence').textContent()) ?? '';
    for (const field of ['姓', '名', '出生日期', '性别']) expect(evidence).toContain(field);
    expect(await card.getByTestId('mpi-score').textContent()).toMatch(/\d+\.\d 位/);

    await card.getByTestId('mpi-merge').click();
    await page.getByTestId('mpi-merge-submit').click();
    const banner = page.getByTestId('mpi-merged-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('已将「司马晓东」合并到「司马晓东」');
    await page.getByTestId('mpi-empty').waitFor();

    await page.getByTestId('mpi-undo').click();
    await page.getByText('已撤销合并').waitFor();
    await banner.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('the quality officer reads a refused HL7 message, reprocesses it and dismisses it', async () => {
    const page = await newPage();
    await logIn(page, 'quality_officer', DEMO_PASSWORD);
    await page.goto(`${suite.baseUrl()}/interop/inbox`);
    const row = page.getByTestId('inbox-row-BROWSER-BAD-1');
    await row.waitFor();
    expect(await row.textContent()).toContain('PID-7');
    expect(await row.textContent()).toContain('ADT^A04');

    // The raw text is patient data: not without a reason.
    await row.getByText('查看原文').click();
    await page.getByTestId('inbox-raw-submit').click();
    await page.getByText('请填写事由').waitFor();
    await page.getByTestId('inbox-raw-reason').fill('核对接口报错原因');
    await page.getByTestId('inbox-raw-submit').click();
    const raw = page.getByTestId('inbox-raw-text');
    await raw.waitFor();
    expect(await raw.locator('.cb-hl7-segment').allTextContents()).toEqual(BAD_HL7.split('\r'));
    await page.getByTestId('inbox-raw-close').click();
    await raw.waitFor({ state: 'detached' });

    // Nothing was fixed upstream: reprocessing leaves it refused.
    await page.getByTestId('inbox-reprocess-BROWSER-BAD-1').click();
    const result = page.getByTestId('inbox-reprocess-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('已拒收');
    await page.getByTestId('inbox-reprocess-close').click();

    await row.getByText('忽略').click();
    await clickInPopup(page.getByTestId('inbox-dismiss-confirm'));
    await page.getByText('已忽略该消息').waitFor();
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('inbox-status').getByText('已忽略').click();
    await page.getByTestId('inbox-row-BROWSER-BAD-1').waitFor();
    await page.context().close();
  });

  it('the admin bulk-loads a CSV: the bad date is flagged in the preview and its row rejected', async () => {
    const page = await newPage();
    await logIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('side-menu').getByText('数据导入', { exact: true }).click();
    await page.waitForURL('**/imports');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'patients.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(PATIENTS_CSV, 'utf8'),
    });
    // The go-live load: the same preview, dry run and outcome, in one transaction.
    await page.getByTestId('import-bulk').check();
    await page.getByTestId('import-next').click();

    const preview = page.getByTestId('import-preview-table');
    await preview.waitFor();
    const bad = preview.locator('td.cb-import-cell-bad');
    await bad.first().waitFor();
    expect(await bad.count()).toBe(1);
    expect(await bad.textContent()).toContain('1988-13-45');
    expect(await bad.getAttribute('data-problem')).toBeTruthy();

    await page.getByTestId('import-dry-run').click();
    const totals = page.getByTestId('import-dry-run-result');
    await totals.waitFor();
    expect((await totals.textContent())?.replace(/\s+/g, '')).toMatch(/总行数3可导入2将被拒绝1/);

    await page.getByTestId('import-start').click();
    await page.locator('[data-testid="import-job"][data-status="done"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-counts-created').textContent()).toContain('新建 2');
    expect(await page.getByTestId('import-counts-rejected').textContent()).toContain('拒绝 1');
    expect(await page.getByTestId('import-job').textContent()).toContain('初次批量导入');
    await page.getByTestId('import-report').waitFor();
    await page.getByTestId('import-history').getByText('patients.csv').waitFor();
    await page.context().close();
  });
});
