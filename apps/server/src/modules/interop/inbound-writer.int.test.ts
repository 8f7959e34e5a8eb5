import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { InboundEncounter, InboundPatient, InboundRecord } from '@carebridge/domain';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { testDbKinds } from '../../testing/test-db';
import { idCardFor, uniqueMobile } from '../../testing/clinical-fixtures';
import type { MpiContext } from '../mpi/mpi.service';

const HIS = 'HIS';
const patient = (id: string, over: Partial<InboundPatient> = {}): InboundPatient => ({
  type: 'patient',
  source: { system: HIS, id },
  name: '王建国',
  gender: 'male',
  birthDate: '1961-03-08',
  phones: [],
  identifiers: [{ kind: 'mrn', system: HIS, value: `MRN-${id}` }],
  ...over,
});
const visit = (id: string, patientId: string, startAt = '2026-10-01T09:00:00+08:00'): InboundRecord => ({
  type: 'encounter',
  source: { system: HIS, id },
  patient: { system: HIS, id: patientId },
  kind: 'outpatient',
  status: 'finished',
  startAt,
  department: { code: 'XNK', name: '心血管内科' },
});
const result = (id: string, patientId: string, encounterId: string): InboundRecord => ({
  type: 'result',
  source: { system: 'LIS', id },
  patient: { system: HIS, id: patientId },
  encounter: { system: HIS, id: encounterId },
  kind: 'lab',
  code: 'GLU',
  name: '空腹血糖',
  valueNumeric: 7.9,
  unit: 'mmol/L',
  referenceLow: 3.9,
  referenceHigh: 6.1,
  abnormalFlag: 'H',
  releasedAt: '2026-10-01T11:00:00+08:00',
});

describe.each(testDbKinds())('inbound writer and master patient index on %s', (kind) => {
  let t: TestApp;
  let ctx: MpiContext;
  const write = (records: InboundRecord[]) =>
    t.deps.database.db.transaction((tx) => t.deps.inbound.write(tx, ctx, records));
  const count = async (table: string) =>
    (await t.deps.database.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))
      .rows[0]!.n;

  beforeAll(async () => {
    t = await createTestApp(kind);
    ctx = { tenantId: t.deps.tenantId, actor: null, origin: { ip: null, userAgent: null } };
  });
  afterAll(() => t.close());

  it('creates people and their history once; the same input again changes nothing', async () => {
    const mobile = uniqueMobile();
    const records = [
      patient('P1', {
        idCard: idCardFor('110105', '19610308', 11),
        phones: [{ kind: 'mobile', number: mobile }],
      }),
      visit('V1', 'P1'),
      result('R1', 'P1', 'V1'),
    ];
    const first = await write(records);
    expect(first.counts).toMatchObject({ read: 3, created: 3, updated: 0, unchanged: 0, rejected: 0 });
    const before = { patients: await count('patients'), encounters: await count('encounters') };
    const again = await write(records);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 0, merged: 0 });
    expect(await count('patients')).toBe(before.patients);
    expect(await count('encounters')).toBe(before.encounters);
    // The result is linked to the visit and the visit to an auto-created department.
    const [row] = (
      await t.deps.database.db.execute<{ dept: string; linked: boolean }>(sql`
      select d.name as dept, r.encounter_id = e.id as linked from results r join encounters e on e.source_id = 'V1'
      join departments d on d.id = e.department_id where r.source_id = 'R1'`)
    ).rows;
    expect(row).toEqual({ dept: '心血管内科', linked: true });
  });

  it('applies a newer copy of a record as an update', async () => {
    const changed = await write([visit('V1', 'P1', '2026-10-02T09:00:00+08:00')]);
    expect(changed.counts).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
  });

  it('merges a second registration with the same ID number into the person, and the merge can be undone', async () => {
    const idCard = idCardFor('310104', '19750512', 23);
    const lisMobile = uniqueMobile();
    await write([patient('A1', { name: '李秀英', gender: 'female', birthDate: '1975-05-12', idCard })]);
    const dup = await write([
      patient('LIS-9', {
        source: { system: 'LIS', id: '9' },
        name: '李秀英',
        gender: 'female',
        birthDate: '1975-05-12',
        idCard,
        phones: [{ kind: 'mobile', number: lisMobile }],
      }),
      { ...(visit('V9', '9') as InboundEncounter), patient: { system: 'LIS', id: '9' } },
    ]);
    expect(dup.counts).toMatchObject({ created: 2, merged: 1, queued: 0 });
    // Sent again, the merged duplicate is unchanged (its phones now belong to the person it joined).
    const resent = await write([
      patient('LIS-9', {
        source: { system: 'LIS', id: '9' },
        name: '李秀英',
        gender: 'female',
        birthDate: '1975-05-12',
        idCard,
        phones: [{ kind: 'mobile', number: lisMobile }],
      }),
    ]);
    expect(resent.counts).toMatchObject({ created: 0, updated: 0, unchanged: 1, merged: 0 });
    const people = await t.deps.database.db.execute<{ id: string; merged_into: string | null }>(sql`
      select p.id, p.merged_into from patients p join patient_identifiers i on i.patient_id = p.id
      where i.kind = 'source' and i.value in ('A1', '9') order by i.value desc`);
    const [original, merged] = people.rows;
    expect(merged!.merged_into).toBe(original!.id);
    // The visit sent for the duplicate belongs to the person.
    const visitOwner = await t.deps.database.db.execute<{ patient_id: string }>(
      sql`select patient_id from encounters where source_id = 'V9'`,
    );
    expect(visitOwner.rows[0]!.patient_id).toBe(original!.id);
    const [m] = (
      await t.deps.database.db.execute<{ id: string }>(
        sql`select id from mpi_merges where merged_id = ${merged!.id}`,
      )
    ).rows;
    await t.deps.database.db.transaction((tx) => t.deps.mpi.undo(tx, { ...ctx, actor: fakeActor(t) }, m!.id));
    const after = await t.deps.database.db.execute<{ merged_into: string | null }>(
      sql`select merged_into from patients where id = ${merged!.id}`,
    );
    expect(after.rows[0]!.merged_into).toBeNull();
  });

  it('queues a likely but uncertain duplicate for review and keeps clearly different people apart', async () => {
    await write([
      patient('B1', {
        name: '陈志明',
        birthDate: '1980-01-15',
        address: { city: '杭州市', district: '西湖区' },
      }),
    ]);
    const similar = await write([
      patient('B2', {
        name: '陈志明',
        birthDate: '1980-01-15',
        address: { city: '杭州市', district: '西湖区' },
      }),
    ]);
    expect(similar.counts.created).toBe(1);
    expect(similar.counts.merged + similar.counts.queued).toBe(1);
    const other = await write([patient('C1', { name: '赵丽', gender: 'female', birthDate: '1992-07-30' })]);
    expect(other.counts).toMatchObject({ created: 1, merged: 0, queued: 0 });
  });

  it('rejects records it cannot place and an invalid ID number, and writes the rest', async () => {
    const out = await write([
      patient('X1', { idCard: '110105196103081234' }),
      visit('V-orphan', 'nobody'),
      patient('X2', { name: '孙悟空', birthDate: '1990-01-01' }),
    ]);
    expect(out.counts).toMatchObject({ rejected: 2, created: 1 });
    expect(out.rejected.map((r) => [r.index, r.problems[0]!.message]).sort()).toEqual([
      [0, 'id_card_checksum'],
      [1, 'patient_not_found'],
    ]);
  });

  it('applies a source merge (HL7 A40) once', async () => {
    const seeded = await write([
      patient('M1', { name: '周杰', birthDate: '1979-01-18' }),
      patient('M2', { name: '周杰伦', birthDate: '2001-01-18' }),
      visit('VM2', 'M2'),
    ]);
    expect(seeded.counts).toMatchObject({ created: 3, rejected: 0 });
    const merge: InboundRecord = {
      type: 'merge',
      source: { system: HIS, id: 'A40-1' },
      survivor: { system: HIS, id: 'M1' },
      retired: { system: HIS, id: 'M2' },
    };
    expect((await write([merge])).counts).toMatchObject({ merged: 1 });
    expect((await write([merge])).counts).toMatchObject({ merged: 0, unchanged: 1 });
    // The retired record's history went to the survivor; undoing the merge brings exactly that back.
    const owner = async () =>
      (
        await t.deps.database.db.execute<{ source: string }>(sql`
        select i.value as source from encounters e join patient_identifiers i on i.patient_id = e.patient_id and i.kind = 'source'
        where e.source_id = 'VM2'`)
      ).rows[0]!.source;
    expect(await owner()).toBe('M1');
    const [m] = (
      await t.deps.database.db.execute<{ id: string }>(
        sql`select id from mpi_merges where reason = 'hl7_a40'`,
      )
    ).rows;
    await t.deps.database.db.transaction((tx) => t.deps.mpi.undo(tx, { ...ctx, actor: fakeActor(t) }, m!.id));
    expect(await owner()).toBe('M2');
  });

  it('shows the review queue side by side, merges on decision, and undoes the merge', async () => {
    await write([
      patient('D1', {
        name: '黄磊',
        birthDate: '1971-05-06',
        phones: [{ kind: 'mobile', number: uniqueMobile() }],
      }),
      patient('D2', {
        name: '黄磊',
        birthDate: '1971-05-06',
        phones: [{ kind: 'mobile', number: uniqueMobile() }],
      }),
    ]);
    const agent = await t.login('service_agent');
    const list = await t.as(agent, { method: 'GET', url: '/api/mpi/reviews' });
    expect(list.statusCode, list.body).toBe(200);
    const review = list.json().items.find((r: { patient: { name: string } }) => r.patient.name === '黄磊');
    expect(review.candidate.name).toBe('黄磊');
    expect(review.patient.phonesMasked[0]).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(review.evidence.length).toBeGreaterThan(3);
    const decided = await t.as(agent, {
      method: 'POST',
      url: `/api/mpi/reviews/${review.id}/decision`,
      payload: { decision: 'merge' },
    });
    expect(decided.json()).toEqual({ status: 'merged' });
    const again = await t.as(agent, {
      method: 'POST',
      url: `/api/mpi/reviews/${review.id}/decision`,
      payload: { decision: 'distinct' },
    });
    expect(again.statusCode).toBe(409);
    const merges = await t.as(agent, { method: 'GET', url: `/api/patients/${review.candidate.id}/merges` });
    const merge = merges.json().items[0];
    expect(merge).toMatchObject({
      reason: 'review',
      survivorId: review.candidate.id,
      mergedId: review.patient.id,
    });
    const undone = await t.as(agent, { method: 'POST', url: `/api/mpi/merges/${merge.id}/undo` });
    expect(undone.json().undoneAt).not.toBeNull();
    const doctor = await t.login('doctor');
    expect((await t.as(doctor, { method: 'GET', url: '/api/mpi/reviews' })).statusCode).toBe(403);
  });
});

function fakeActor(t: TestApp) {
  return {
    kind: 'user' as const,
    id: '00000000-0000-7000-8000-000000000001',
    tenantId: t.deps.tenantId,
    username: 'test',
    displayName: 'test',
    roles: [],
    permissions: new Set<never>(),
  };
}
