import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { ImportCounts } from '@carebridge/contracts';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { testDbKinds } from '../../testing/test-db';
import { idCardFor } from '../../testing/clinical-fixtures';
import * as patientsImport from '../patients/patients.import';
import * as mpiRepo from '../mpi/mpi.repository';
import { inBulkLoad } from './bulk-writer';
import { createImportsService, type ImportInput } from './imports.service';
import * as interopRepo from './interop.repository';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳'];

/**
 * A register extract with the duplicates a hospital's HIS holds: the same person under a second record
 * number (same ID card), the same person without a card (same name, birth date and phone), a mistyped
 * name, a record number sent twice (the last copy counts) and a wrong ID-card number.
 */
function registerCsv(): string {
  const lines = ['姓名,性别,出生日期,身份证号,手机号码,门诊号'];
  const person = (i: number) => {
    const birth = `19${60 + (i % 40)}0${1 + (i % 9)}1${i % 10}`;
    return {
      name: SURNAMES[i % 10]! + GIVEN[i % 12]! + GIVEN[(i * 5 + 1) % 12]!,
      gender: i % 2 ? '男' : '女',
      birth: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
      card: idCardFor('110105', birth, 100 + i),
      mobile: `1380000${String(i).padStart(4, '0')}`,
    };
  };
  for (let i = 0; i < 120; i++) {
    const p = person(i);
    lines.push(`${p.name},${p.gender},${p.birth},${p.card},${p.mobile},MZ-${i}`);
  }
  for (let i = 0; i < 10; i++) {
    const p = person(i);
    lines.push(`${p.name},${p.gender},${p.birth},${p.card},,ZY-${i}`); // same card, inpatient number
    const q = person(20 + i);
    lines.push(`${q.name},${q.gender},${q.birth},,${q.mobile},ZY-2${i}`); // no card: name + birth + phone
    const r = person(40 + i);
    lines.push(`${r.name.slice(0, 2)}${GIVEN[(i + 7) % 12]},${r.gender},${r.birth},,${r.mobile},ZY-4${i}`);
  }
  const again = person(60);
  lines.push(`${again.name},${again.gender},${again.birth},${again.card},13900000060,MZ-60`);
  lines.push(`王错号,男,1980-01-01,110105198001011234,,MZ-BAD`);
  return lines.join('\n');
}

/** The register's indexes and constraints, with whether each constraint is checked (valid). */
async function registerIndexes(t: TestApp): Promise<string[]> {
  const r = await t.deps.database.db.execute<{ name: string }>(sql`
    SELECT indexname AS name FROM pg_indexes
    WHERE tablename IN ('patients', 'patient_phones', 'patient_identifiers', 'mpi_match_keys')
    UNION ALL
    SELECT conname || CASE WHEN convalidated THEN '' ELSE ' (not valid)' END FROM pg_constraint
    WHERE conrelid IN ('patients'::regclass, 'patient_phones'::regclass, 'patient_identifiers'::regclass,
      'mpi_match_keys'::regclass)
    ORDER BY name`);
  return r.rows.map((x) => x.name);
}

async function outcome(t: TestApp) {
  const r = await t.deps.database.db.execute<{
    people: number;
    merges: number;
    reviews: number;
    keys: number;
  }>(sql`
    SELECT (SELECT count(*)::int FROM patients WHERE merged_into IS NULL) AS people,
           (SELECT count(*)::int FROM mpi_merges) AS merges,
           (SELECT count(*)::int FROM mpi_reviews) AS reviews,
           (SELECT count(*)::int FROM mpi_match_keys) AS keys`);
  return r.rows[0]!;
}

describe.each(testDbKinds())('bulk patient load on %s', (kind) => {
  let bulk: TestApp;
  let incremental: TestApp;
  const ctx = (t: TestApp) => ({
    tenantId: t.deps.tenantId,
    actor: null,
    origin: { ip: null, userAgent: 'test' },
  });
  const input = (mode: 'bulk' | 'incremental'): ImportInput => ({
    kind: 'patients',
    file: { name: 'his-register.csv', bytes: Buffer.from(registerCsv()) },
    mapping: { name: 0, gender: 1, birthDate: 2, idCard: 3, mobile: 4, mrn: 5 },
    mode,
  });
  beforeAll(async () => {
    [bulk, incremental] = await Promise.all([createTestApp(kind), createTestApp(kind)]);
  });
  afterAll(async () => {
    await bulk.close();
    await incremental.close();
  });

  it('makes the decisions of the ordinary import, and puts every index back', async () => {
    const indexesBefore = await registerIndexes(bulk);
    const one = await bulk.deps.imports.runNow(ctx(bulk), input('bulk'));
    const other = await incremental.deps.imports.runNow(ctx(incremental), input('incremental'));
    expect(one.mode).toBe('bulk');
    expect(one.status).toBe('done');
    expect(one.counts).toEqual(other.counts);
    const expected: Partial<ImportCounts> = { read: 152, created: 150, unchanged: 1, rejected: 1 };
    expect(one.counts).toMatchObject(expected);
    // At least the ten second records with the same ID card are merged; the rest as the matcher decides.
    expect(one.counts.merged).toBeGreaterThanOrEqual(10);
    expect(await outcome(bulk)).toEqual(await outcome(incremental));
    expect(await registerIndexes(bulk)).toEqual(indexesBefore);
    // The last copy of MZ-60 is the one kept.
    const phones = await bulk.deps.database.db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM patient_phones ph JOIN patient_identifiers i ON i.patient_id = ph.patient_id
      WHERE i.value = 'MZ-60' AND ph.last4 = '0060'`);
    expect(phones.rows[0]!.n).toBe(1);
  });

  it('a second bulk load of the same file creates nothing', async () => {
    const before = await outcome(bulk);
    const again = await bulk.deps.imports.runNow(ctx(bulk), input('bulk'));
    expect(again.counts).toMatchObject({ created: 0, updated: 0, merged: 0, queued: 0, rejected: 1 });
    expect(again.counts.unchanged).toBe(151);
    expect(await outcome(bulk)).toEqual(before);
  });

  it('leaves nothing behind when it fails at the end, indexes included', async () => {
    const indexesBefore = await registerIndexes(bulk);
    const before = await outcome(bulk);
    const failing = createImportsService({
      db: bulk.deps.database.db,
      repo: interopRepo,
      inbound: bulk.deps.inbound,
      bulkLoad: (work) =>
        inBulkLoad(
          {
            database: bulk.deps.database,
            patients: patientsImport,
            mpi: bulk.deps.mpi,
            inbound: bulk.deps.inbound,
            lockMatching: mpiRepo.lockMatching,
            hasMatchKeys: mpiRepo.hasMatchKeys,
            analyzeMatching: mpiRepo.analyzeMatching,
            clock: bulk.clock,
          },
          (tx, writer) =>
            work(tx, { write: writer.write, finish: () => Promise.reject(new Error('server gone')) }),
        ),
      audit: bulk.deps.audit,
      jobs: null,
      clock: bulk.clock,
      timeZone: 'Asia/Shanghai',
    });
    const other = {
      ...input('bulk'),
      sourceSystem: 'his-2',
      file: { name: 'b.csv', bytes: Buffer.from(registerCsv()) },
    };
    await expect(failing.runNow(ctx(bulk), other)).rejects.toThrow('server gone');
    expect(await outcome(bulk)).toEqual(before);
    expect(await registerIndexes(bulk)).toEqual(indexesBefore);
    const jobs = await bulk.deps.imports.list({ tenantId: bulk.deps.tenantId } as never);
    expect(jobs.items[0]).toMatchObject({ status: 'failed', mode: 'bulk' });
  });

  it('matches a second system’s load against the register as the ordinary import does', async () => {
    // Each app now holds the first file; the second system sends the same people under its own numbers.
    const second = (mode: 'bulk' | 'incremental') => ({ ...input(mode), sourceSystem: 'pacs' });
    const one = await incremental.deps.imports.runNow(ctx(incremental), second('bulk'));
    const other = await bulk.deps.imports.runNow(ctx(bulk), second('incremental'));
    expect(one.counts).toEqual(other.counts);
    expect(one.counts.created).toBe(150);
    // Everyone with an ID card is a sure match for the person already registered.
    expect(one.counts.merged).toBeGreaterThanOrEqual(120);
    expect(await outcome(incremental)).toEqual(await outcome(bulk));
  });

  it('refuses a bulk load larger than the server can hold, before storing anything', async () => {
    const small = createImportsService({
      db: bulk.deps.database.db,
      repo: interopRepo,
      inbound: bulk.deps.inbound,
      bulkLoad: () => Promise.reject(new Error('not reached')),
      bulkMaxRows: 100,
      audit: bulk.deps.audit,
      jobs: null,
      clock: bulk.clock,
      timeZone: 'Asia/Shanghai',
    });
    const before = (await bulk.deps.imports.list({ tenantId: bulk.deps.tenantId } as never)).items.length;
    await expect(small.runNow(ctx(bulk), input('bulk'))).rejects.toMatchObject({
      fields: [{ path: 'mode', message: 'bulk_too_large' }],
    });
    expect((await bulk.deps.imports.list({ tenantId: bulk.deps.tenantId } as never)).items).toHaveLength(
      before,
    );
  });

  it('refuses a bulk load of visits, naming the field', async () => {
    await expect(
      bulk.deps.imports.runNow(ctx(bulk), { ...input('bulk'), kind: 'visits' }),
    ).rejects.toMatchObject({ fields: [{ path: 'mode', message: 'bulk_patients_only' }] });
  });
});
