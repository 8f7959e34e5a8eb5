import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { createImportsService } from './imports.service';
import * as interopRepo from './interop.repository';
import { testDbKinds } from '../../testing/test-db';
import { idCardFor, uniqueMobile } from '../../testing/clinical-fixtures';

/** A multipart/form-data body, as a browser's FormData would send it. */
function form(fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = '----carebridge' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe.each(testDbKinds())('CSV and Excel imports on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp(kind, { jobs: true });
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const card = idCardFor('440106', '19850315', 32);
  const mobile = uniqueMobile();
  const csv = [
    '患者姓名,性别,出生日期,身份证号,手机号码,门诊号',
    `林小红,女,1985/3/15,${card},${mobile},MZ-9001`,
    `陈大文,男,1979年13月1日,,${uniqueMobile()},MZ-9002`,
    `吴敏,女,19920708,,${uniqueMobile()},MZ-9003`,
  ].join('\r\n');
  const gbk = iconv.encode(csv, 'gbk');

  const post = (url: string, fields: Record<string, string>, bytes = gbk, name = '门诊患者.csv') =>
    t.as(admin, { method: 'POST', url, ...form(fields, { name, bytes }) });

  it('suggests the mapping from Chinese headers in a GBK file and flags the bad cell', async () => {
    const res = await post('/api/imports/preview', { kind: 'patients', dryRun: 'true' });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json();
    expect(preview.headers[0]).toBe('患者姓名');
    expect(preview.mapping).toMatchObject({ name: 0, gender: 1, birthDate: 2, idCard: 3, mobile: 4, mrn: 5 });
    const bad = preview.rows.find((r: { rowNumber: number }) => r.rowNumber === 3);
    expect(bad.problems[0].where).toBe('row 3, column 出生日期');
    expect(bad.problems[0].text).toMatch(/日期/);
    // The preview never shows a clear ID or phone number.
    expect(preview.rows[0].cells[3]).toMatch(/\*{5,}/);
    expect(preview.dryRun).toEqual({ rows: 3, valid: 2, rejected: 1 });
  });

  it('imports in the background with progress and counts; the same file again creates nothing', async () => {
    const preview = (await post('/api/imports/preview', { kind: 'patients' })).json();
    const started = await post('/api/imports', {
      kind: 'patients',
      mapping: JSON.stringify(preview.mapping),
    });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json().status).toBe('queued');
    await t.deps.imports.run(started.json().id);
    const job = (await t.as(admin, { method: 'GET', url: `/api/imports/${started.json().id}` })).json();
    expect(job).toMatchObject({
      status: 'done',
      rowsDone: 3,
      rowsTotal: 3,
      counts: { created: 2, rejected: 1 },
    });
    const report = await t.as(admin, { method: 'GET', url: `/api/imports/${job.id}/report` });
    expect(report.headers['content-type']).toContain('spreadsheetml');
    const audited = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'interop.import_report_downloaded' and resource_id = ${job.id}`,
    );
    expect(audited.rows[0]!.n).toBe(1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(book.worksheets[0]!.getSheetValues());
    expect(text).toContain('陈大文');
    expect(text).not.toContain(mobile);

    const again = await post('/api/imports', { kind: 'patients', mapping: JSON.stringify(preview.mapping) });
    await t.deps.imports.run(again.json().id);
    const second = (await t.as(admin, { method: 'GET', url: `/api/imports/${again.json().id}` })).json();
    expect(second.counts).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 1 });
  });

  it('links visits to the patients by ID-card number and refuses a visit of an unknown person', async () => {
    const visits = [
      '身份证号,就诊流水号,就诊类型,就诊时间,科室,医生',
      `${card},GH-1,门诊,2026-10-08 09:30,心血管内科,王医生`,
      `${idCardFor('110101', '19700101', 11)},GH-2,门诊,2026-10-08 10:00,心血管内科,王医生`,
    ].join('\n');
    const preview = (
      await post('/api/imports/preview', { kind: 'visits' }, Buffer.from(visits), 'visits.csv')
    ).json();
    const started = await post(
      '/api/imports',
      { kind: 'visits', mapping: JSON.stringify(preview.mapping) },
      Buffer.from(visits),
      'visits.csv',
    );
    await t.deps.imports.run(started.json().id);
    const job = (await t.as(admin, { method: 'GET', url: `/api/imports/${started.json().id}` })).json();
    expect(job.counts).toMatchObject({ created: 1, rejected: 1 });
  });

  it('marks the job failed when a batch cannot be written, and keeps going for the next job', async () => {
    const failing = createImportsService({
      db: t.deps.database.db,
      repo: interopRepo,
      inbound: {
        prepare: t.deps.inbound.prepare,
        write: () => Promise.reject(new Error('disk full')),
      },
      bulkLoad: () => Promise.reject(new Error('not used by an incremental import')),
      audit: t.deps.audit,
      jobs: null,
      clock: t.clock,
      timeZone: 'Asia/Shanghai',
    });
    const ctx = { tenantId: t.deps.tenantId, actor: null, origin: { ip: null, userAgent: 'test' } };
    const input = {
      kind: 'patients' as const,
      file: { name: 'x.csv', bytes: gbk },
      mapping: { name: 0, gender: 1 },
    };
    await expect(failing.runNow(ctx, input)).rejects.toThrow('disk full');
    const job = (await t.as(admin, { method: 'GET', url: '/api/imports' }))
      .json()
      .items.find((j: { fileName: string }) => j.fileName === 'x.csv');
    expect(job).toMatchObject({ status: 'failed', error: 'Error', rowsDone: 0 });
  });

  it('names the wrong form field', async () => {
    const res = await post('/api/imports/preview', { kind: 'nonsense' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toEqual({ path: 'kind', message: '不是可选的值之一' });
    const doctor = await t.login('doctor');
    expect((await t.as(doctor, { method: 'GET', url: '/api/imports' })).statusCode).toBe(403);
  });
});
