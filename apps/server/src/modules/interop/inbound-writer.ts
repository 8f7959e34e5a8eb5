import {
  parseIdCard,
  parseMobile,
  type InboundConsent,
  type InboundDepartment,
  type InboundMerge,
  type InboundPatient,
  type InboundPractitioner,
  type InboundProblem,
  type InboundRecord,
  type InboundRef,
  type SourceKey,
} from '@carebridge/domain';
import type { DbOrTx } from '@carebridge/db';
import { newId } from '@carebridge/db';
import type { ImportCounts } from '@carebridge/contracts';
import type { Clock } from '../../platform/clock';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data';
import { sourceKeyString } from '../../platform/db/source-upsert';
import type * as clinical from '../clinical/clinical.import';
import { prepareSubject, type MpiContext, type MpiService } from '../mpi/mpi.service';
import { prepareRecords, subjectOf, type PreparedBatch } from './inbound-prepare';
import type * as org from '../organisation/organisation.import';
import { patientDraft, sameAsStored, type PatientDraft } from '../patients/inbound-patient';
import type * as patients from '../patients/patients.import';
import type { ConsentRow } from '../patients/patients.repository';

export type { PreparedBatch } from './inbound-prepare';

/** How a CSV visit or charge row names its patient when it has no source key of a patient record. */
export interface PatientLookup {
  by: 'idCard' | 'mobile' | 'mrn';
  value: string;
}

export interface WriterDeps {
  patients: Pick<
    typeof patients,
    | 'insertImportedPatients'
    | 'insertPhones'
    | 'insertIdentifiers'
    | 'patientsByIdentifier'
    | 'patientsByLookup'
    | 'loadImportPatients'
    | 'updateImportedPatient'
    | 'SOURCE_COLUMNS'
  >;
  upsertConsents: (tx: DbOrTx, rows: Omit<ConsentRow, 'id'>[]) => Promise<void>;
  clinical: Pick<typeof clinical, 'upsertClinical' | 'clinicalIdsBySource'>;
  org: Pick<typeof org, 'resolveOrgRefs' | 'orgRefKey'>;
  mpi: Pick<MpiService, 'matchBatch' | 'storeKeys' | 'queueReviews' | 'merge'>;
  lockMatching: (tx: DbOrTx, tenantId: string) => Promise<void>;
  /** Patients whose visits, charges, results, diagnoses or appointments changed (their tier may move). */
  markValueDirty: (tx: DbOrTx, tenantId: string, patientIds: readonly string[]) => Promise<void>;
  cipher: PersonalDataCipher;
  clock: Clock;
}

export interface WriteOutcome {
  counts: ImportCounts;
  /** Records that could not be written, by their index in the input, with why. */
  rejected: { index: number; problems: InboundProblem[] }[];
}

const CLINICAL = [
  'encounter',
  'diagnosis',
  'result',
  'medication',
  'allergy',
  'procedure',
  'charge',
  'appointment',
] as const;
/** What tiers and value scores are computed from. */
const VALUE_INPUTS = new Set<string>(['encounter', 'diagnosis', 'result', 'charge', 'appointment']);
type ClinicalRecord = Extract<InboundRecord, { type: (typeof CLINICAL)[number] }>;

export const emptyCounts = (): ImportCounts => ({
  read: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  merged: 0,
  queued: 0,
});

/**
 * Writes one batch of inbound records in the caller's transaction: organisation references, then people
 * (matched by the master patient index), then merges the source asked for, then clinical records linked
 * to their people. Idempotent: a record already stored identically counts as unchanged and writes nothing.
 * Records that cannot be linked (a result for a patient nobody sent) are rejected, the rest written.
 */
export function createInboundWriter(d: WriterDeps) {
  /** The CPU part of a batch, done before the transaction (see inbound-prepare.ts). */
  const prepare = (tenantId: string, input: readonly InboundRecord[], yieldEvery = 0) =>
    prepareRecords(d.cipher, tenantId, input, yieldEvery);

  async function write(
    tx: DbOrTx,
    ctx: MpiContext,
    input: readonly InboundRecord[] | PreparedBatch,
    lookups: ReadonlyMap<number, PatientLookup> = new Map(),
  ): Promise<WriteOutcome> {
    const pre = 'drafts' in input ? input : await prepare(ctx.tenantId, input);
    const records = pre.records;
    const out: WriteOutcome = { counts: { ...emptyCounts(), read: records.length }, rejected: [] };
    const reject = (index: number, problems: InboundProblem[]) => {
      out.rejected.push({ index, problems });
      out.counts.rejected++;
    };
    // One writer per tenant at a time: two imports must not each create the same new person (or the same
    // new department). Mapping and parsing happen before, outside the lock.
    if (records.length) await d.lockMatching(tx, ctx.tenantId);
    const indexed = records.map((record, index) => ({ record, index }));
    const ofType = <T extends InboundRecord['type']>(t: T) =>
      indexed.filter(
        (x): x is { record: Extract<InboundRecord, { type: T }>; index: number } => x.record.type === t,
      );

    const orgIds = await resolveOrganisation(
      tx,
      ctx,
      ofType('department'),
      ofType('practitioner'),
      records,
      out,
    );
    const people = await writePatients(tx, ctx, ofType('patient'), pre, out, reject);
    await applyMerges(tx, ctx, ofType('merge'), people, out, reject);
    const resolve = await patientResolver(tx, ctx.tenantId, records, lookups, people);
    await writeClinical(tx, ctx.tenantId, indexed, resolve, orgIds, out, reject);
    await writeConsents(tx, ctx.tenantId, ofType('consent'), resolve, out, reject);
    return out;
  }

  // -------------------------------------------------------------------------------------------------
  // Departments and practitioners

  async function resolveOrganisation(
    tx: DbOrTx,
    ctx: MpiContext,
    departments: { record: InboundDepartment }[],
    practitioners: { record: InboundPractitioner }[],
    records: readonly InboundRecord[],
    out: WriteOutcome,
  ) {
    const deptRefs: org.OrgRef[] = departments.map(({ record: r }) => ({ ...r, system: r.source.system }));
    const pracRefs: org.OrgRef[] = practitioners.map(({ record: r }) => ({ ...r, system: r.source.system }));
    for (const r of records) {
      if ('department' in r && r.department) deptRefs.push({ ...r.department, system: r.source.system });
      if ('practitioner' in r && r.practitioner)
        pracRefs.push({ ...r.practitioner, system: r.source.system });
    }
    const departmentIds = await d.org.resolveOrgRefs(tx, 'departments', ctx.tenantId, deptRefs);
    const practitionerIds = await d.org.resolveOrgRefs(tx, 'practitioners', ctx.tenantId, pracRefs);
    // Organisation resources are reference data: counted as unchanged (they are created on first sight).
    out.counts.unchanged += departments.length + practitioners.length;
    const id = (map: Map<string, string>, ref: InboundRef | undefined, system: string) =>
      ref && (ref.source || ref.code || ref.name)
        ? (map.get(d.org.orgRefKey({ ...ref, system })) ?? null)
        : null;
    return {
      department: (ref: InboundRef | undefined, system: string) => id(departmentIds, ref, system),
      practitioner: (ref: InboundRef | undefined, system: string) => id(practitionerIds, ref, system),
    };
  }

  // -------------------------------------------------------------------------------------------------
  // People

  /** Returns source key → { recordId, personId } for every patient of the batch that was stored. */
  async function writePatients(
    tx: DbOrTx,
    ctx: MpiContext,
    inbound: { record: InboundPatient; index: number }[],
    pre: PreparedBatch,
    out: WriteOutcome,
    reject: (index: number, problems: InboundProblem[]) => void,
  ) {
    const people = new Map<string, { recordId: string; personId: string }>();
    if (!inbound.length) return people;
    // The last copy of a source record in the batch is the one that counts.
    const latest = new Map<string, { record: InboundPatient; index: number }>();
    for (const x of inbound) {
      const key = sourceKeyString(x.record.source.system, x.record.source.id);
      if (latest.has(key)) out.counts.unchanged++;
      latest.set(key, x);
    }
    const known = await d.patients.patientsByIdentifier(
      tx,
      ctx.tenantId,
      [...latest.values()].map((x) => ({ system: x.record.source.system, value: x.record.source.id })),
    );
    const fresh: { draft: PatientDraft; key: string }[] = [];
    const existing: { draft: PatientDraft; key: string; recordId: string }[] = [];
    for (const [key, x] of latest) {
      const { draft, problems } = pre.drafts.get(x.index) ?? patientDraft(d.cipher, ctx.tenantId, x.record);
      if (!draft) {
        reject(x.index, problems);
        continue;
      }
      const found = known.get(key);
      if (found) {
        people.set(key, found);
        existing.push({ draft, key, recordId: found.recordId });
      } else fresh.push({ draft, key });
    }
    await updateExisting(tx, ctx, existing, out);
    await createNew(tx, ctx, fresh, pre, people, out);
    return people;
  }

  async function updateExisting(
    tx: DbOrTx,
    ctx: MpiContext,
    existing: { draft: PatientDraft; recordId: string }[],
    out: WriteOutcome,
  ) {
    if (!existing.length) return;
    const stored = await d.patients.loadImportPatients(
      tx,
      existing.map((e) => e.recordId),
    );
    const changed: PatientDraft[] = [];
    for (const e of existing) {
      const s = stored.get(e.recordId);
      const draft = withId(e.draft, e.recordId);
      if (s && sameAsStored(draft, s, d.patients.SOURCE_COLUMNS)) {
        out.counts.unchanged++;
        continue;
      }
      await d.patients.updateImportedPatient(tx, draft.row, d.clock.now());
      const newPhones = draft.phones
        .filter((p) => !s?.phoneHashes.includes(p.hash))
        .map((p) => ({ ...p, isPrimary: false }));
      await d.patients.insertPhones(tx, newPhones);
      await d.patients.insertIdentifiers(tx, draft.identifiers);
      changed.push(draft);
      out.counts.updated++;
    }
    // A changed name, birth date or phone changes how the person is found (active records only).
    const active = changed.filter((c) => !stored.get(c.row.id)?.mergedInto);
    await d.mpi.storeKeys(
      tx,
      ctx.tenantId,
      active.map((c) => prepareSubject(d.cipher, subjectOf(c))),
      true,
    );
  }

  async function createNew(
    tx: DbOrTx,
    ctx: MpiContext,
    fresh: { draft: PatientDraft; key: string }[],
    pre: PreparedBatch,
    people: Map<string, { recordId: string; personId: string }>,
    out: WriteOutcome,
  ) {
    if (!fresh.length) return;
    const at = d.clock.now();
    await d.patients.insertImportedPatients(
      tx,
      fresh.map((f) => f.draft.row),
      fresh.flatMap((f) => f.draft.phones),
      fresh.flatMap((f) => f.draft.identifiers),
      at,
    );
    out.counts.created += fresh.length;
    const prepared = fresh.map(
      (f) => pre.matching.get(f.draft.row.id) ?? prepareSubject(d.cipher, subjectOf(f.draft)),
    );
    const decisions = await d.mpi.matchBatch(tx, ctx.tenantId, prepared);
    await d.mpi.storeKeys(
      tx,
      ctx.tenantId,
      prepared.filter((_, i) => decisions[i]!.outcome !== 'auto_merge'),
      false,
    );
    await d.mpi.queueReviews(tx, ctx.tenantId, decisions);
    fresh.forEach((f, i) => {
      const dec = decisions[i]!;
      const survivor =
        dec.outcome === 'auto_merge' ? resolveSurvivor(dec.candidateId!, people) : f.draft.row.id;
      people.set(f.key, { recordId: f.draft.row.id, personId: survivor });
      if (dec.outcome === 'review') out.counts.queued++;
    });
    for (const [i, dec] of decisions.entries()) {
      if (dec.outcome !== 'auto_merge') continue;
      await d.mpi.merge(
        tx,
        ctx,
        resolveSurvivor(dec.candidateId!, people),
        fresh[i]!.draft.row.id,
        'auto',
        dec.score!.score,
      );
      out.counts.merged++;
    }
  }

  /** A candidate that was itself merged earlier in this batch stands for the person it merged into. */
  function resolveSurvivor(candidateId: string, people: Map<string, { recordId: string; personId: string }>) {
    for (const p of people.values()) if (p.recordId === candidateId) return p.personId;
    return candidateId;
  }

  async function applyMerges(
    tx: DbOrTx,
    ctx: MpiContext,
    merges: { record: InboundMerge; index: number }[],
    people: Map<string, { recordId: string; personId: string }>,
    out: WriteOutcome,
    reject: (index: number, problems: InboundProblem[]) => void,
  ) {
    if (!merges.length) return;
    const keys = merges.flatMap((m) => [m.record.survivor, m.record.retired]);
    const known = await d.patients.patientsByIdentifier(
      tx,
      ctx.tenantId,
      keys.map((k) => ({ system: k.system, value: k.id })),
    );
    const find = (k: SourceKey) =>
      people.get(sourceKeyString(k.system, k.id)) ?? known.get(sourceKeyString(k.system, k.id));
    for (const { record, index } of merges) {
      const survivor = find(record.survivor);
      const retired = find(record.retired);
      if (!survivor || !retired) {
        reject(index, [{ where: survivor ? 'retired' : 'survivor', message: 'merge_patient_unknown' }]);
        continue;
      }
      // Already one person (a resent A40, or the MPI merged them first): nothing to do.
      if (survivor.personId === retired.personId) {
        out.counts.unchanged++;
        continue;
      }
      await d.mpi.merge(tx, ctx, survivor.personId, retired.personId, 'hl7_a40', null);
      out.counts.merged++;
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Linking clinical records to people

  async function patientResolver(
    tx: DbOrTx,
    tenantId: string,
    records: readonly InboundRecord[],
    lookups: ReadonlyMap<number, PatientLookup>,
    people: Map<string, { recordId: string; personId: string }>,
  ) {
    const wanted: SourceKey[] = [];
    for (const r of records)
      if ('patient' in r && !people.has(sourceKeyString(r.patient.system, r.patient.id)))
        wanted.push(r.patient);
    const known = await d.patients.patientsByIdentifier(
      tx,
      tenantId,
      wanted.map((k) => ({ system: k.system, value: k.id })),
    );
    const byLookup = await resolveLookups(tx, tenantId, lookups);
    return (record: InboundRecord, index: number): string | null => {
      const lookup = lookups.get(index);
      if (lookup) return byLookup.get(`${lookup.by}:${lookup.value}`) ?? null;
      if (!('patient' in record)) return null;
      const key = sourceKeyString(record.patient.system, record.patient.id);
      return (people.get(key) ?? known.get(key))?.personId ?? null;
    };
  }

  /** CSV rows may name the patient by ID-card number or mobile (compared as blind indexes) or record number. */
  async function resolveLookups(tx: DbOrTx, tenantId: string, lookups: ReadonlyMap<number, PatientLookup>) {
    const out = new Map<string, string>();
    for (const by of ['idCard', 'mobile', 'mrn'] as const) {
      const values = [...lookups.values()].filter((l) => l.by === by).map((l) => l.value);
      const stored = new Map(values.map((v) => [storedLookupValue(by, v), v] as const));
      stored.delete(null);
      const found = await d.patients.patientsByLookup(tx, tenantId, by, [...stored.keys()] as string[]);
      for (const [s, v] of stored) {
        const id = found.get(s!);
        if (id) out.set(`${by}:${v}`, id);
      }
    }
    return out;
  }

  function storedLookupValue(by: PatientLookup['by'], value: string): string | null {
    if (by === 'mrn') return value;
    const parsed = by === 'idCard' ? parseIdCard(value) : parseMobile(value);
    if (!parsed.ok) return null;
    const number = typeof parsed.value === 'string' ? parsed.value : parsed.value.number;
    return d.cipher.blindIndex(by === 'idCard' ? 'id_card' : 'phone', number);
  }

  async function writeClinical(
    tx: DbOrTx,
    tenantId: string,
    indexed: { record: InboundRecord; index: number }[],
    patientOf: (record: InboundRecord, index: number) => string | null,
    orgIds: Awaited<ReturnType<typeof resolveOrganisation>>,
    out: WriteOutcome,
    reject: (index: number, problems: InboundProblem[]) => void,
  ) {
    const encounterIds = new Map<string, string>();
    const valueChanged = new Set<string>();
    for (const type of CLINICAL) {
      const items = latestBySource(
        indexed.filter((x): x is { record: ClinicalRecord; index: number } => x.record.type === type),
        out,
      );
      if (!items.length) continue;
      const ids = await d.clinical.clinicalIdsBySource(
        tx,
        type,
        tenantId,
        items.map((x) => x.record.source),
      );
      const encounterKeys = items.flatMap((x) =>
        'encounter' in x.record && x.record.encounter ? [x.record.encounter] : [],
      );
      const storedEncounters = await d.clinical.clinicalIdsBySource(
        tx,
        'encounter',
        tenantId,
        encounterKeys.filter((k) => !encounterIds.has(sourceKeyString(k.system, k.id))),
      );
      const rows: clinical.Resolved<unknown>[] = [];
      for (const { record, index } of items) {
        const patientId = patientOf(record, index);
        if (!patientId) {
          reject(index, [{ where: 'patient', message: 'patient_not_found' }]);
          continue;
        }
        const key = sourceKeyString(record.source.system, record.source.id);
        const id = ids.get(key) ?? newId();
        if (type === 'encounter') encounterIds.set(key, id);
        const enc =
          'encounter' in record && record.encounter
            ? sourceKeyString(record.encounter.system, record.encounter.id)
            : null;
        rows.push({
          id,
          tenantId,
          patientId,
          encounterId: enc ? (encounterIds.get(enc) ?? storedEncounters.get(enc) ?? null) : null,
          departmentId:
            'department' in record ? orgIds.department(record.department, record.source.system) : null,
          practitionerId:
            'practitioner' in record ? orgIds.practitioner(record.practitioner, record.source.system) : null,
          record,
        });
      }
      const outcome = await d.clinical.upsertClinical(tx, type, rows);
      out.counts.created += outcome.created;
      out.counts.updated += outcome.updated;
      out.counts.unchanged += outcome.unchanged;
      if (VALUE_INPUTS.has(type) && outcome.created + outcome.updated > 0)
        for (const r of rows) valueChanged.add(r.patientId);
    }
    await d.markValueDirty(tx, tenantId, [...valueChanged]);
  }

  async function writeConsents(
    tx: DbOrTx,
    tenantId: string,
    consents: { record: InboundConsent; index: number }[],
    patientOf: (record: InboundRecord, index: number) => string | null,
    out: WriteOutcome,
    reject: (index: number, problems: InboundProblem[]) => void,
  ) {
    const rows: Omit<ConsentRow, 'id'>[] = [];
    for (const { record, index } of consents) {
      const patientId = patientOf(record, index);
      if (!patientId) {
        reject(index, [{ where: 'patient', message: 'patient_not_found' }]);
        continue;
      }
      const at = new Date(record.at);
      rows.push({
        tenantId,
        patientId,
        purpose: record.purpose,
        channel: record.channel,
        granted: record.granted,
        grantedAt: record.granted ? at : null,
        withdrawnAt: record.granted ? null : at,
        source: 'import',
        updatedAt: d.clock.now(),
      });
      out.counts.updated++;
    }
    await d.upsertConsents(tx, rows);
  }

  return { prepare, write };
}
export type InboundWriter = ReturnType<typeof createInboundWriter>;

/** One row per source key (the last copy wins; earlier copies count as unchanged). */
function latestBySource<T extends { record: { source: SourceKey } }>(items: T[], out: WriteOutcome): T[] {
  const latest = new Map<string, T>();
  for (const x of items) {
    const key = sourceKeyString(x.record.source.system, x.record.source.id);
    if (latest.has(key)) out.counts.unchanged++;
    latest.set(key, x);
  }
  return [...latest.values()];
}

function withId(draft: PatientDraft, id: string): PatientDraft {
  return {
    ...draft,
    row: { ...draft.row, id },
    phones: draft.phones.map((p) => ({ ...p, patientId: id })),
    identifiers: draft.identifiers.map((i) => ({ ...i, patientId: id })),
  };
}
