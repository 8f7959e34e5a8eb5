import { sql } from 'drizzle-orm';
import type {
  InboundAllergy,
  InboundAppointment,
  InboundCharge,
  InboundDiagnosis,
  InboundEncounter,
  InboundMedication,
  InboundProcedure,
  InboundResult,
} from '@carebridge/domain';
import type { DbOrTx } from '@carebridge/db';
import { arrayParam } from '../../platform/db/source-upsert';
import {
  idsBySource,
  upsertBySource,
  type SourceTable,
  type UpsertColumn,
  type UpsertOutcome,
} from '../../platform/db/source-upsert';

/** An inbound clinical record with everything it points to already resolved to CareBridge ids. */
export interface Resolved<R> {
  id: string;
  tenantId: string;
  patientId: string;
  encounterId: string | null;
  departmentId: string | null;
  practitionerId: string | null;
  record: R;
}

type Col<R> = UpsertColumn<Resolved<R>>;
const col = <R>(name: string, type: Col<R>['type'], get: (r: R) => unknown): Col<R> => ({
  name,
  type,
  get: (row) => get(row.record),
});
const base = <R extends { source: { system: string; id: string } }>(): Col<R>[] => [
  { name: 'id', type: 'uuid', get: (r) => r.id },
  { name: 'tenant_id', type: 'uuid', get: (r) => r.tenantId },
  { name: 'patient_id', type: 'uuid', get: (r) => r.patientId },
  col('source_system', 'text', (r) => r.source.system),
  col('source_id', 'text', (r) => r.source.id),
];
const encounterCol = <R>(): Col<R> => ({ name: 'encounter_id', type: 'uuid', get: (r) => r.encounterId });

function table<R extends { source: { system: string; id: string } }>(
  name: string,
  columns: Col<R>[],
): SourceTable<Resolved<R>> {
  const all = [...base<R>(), ...columns];
  const fixed = new Set(['id', 'tenant_id', 'source_system', 'source_id']);
  return { table: name, columns: all, mutable: all.map((c) => c.name).filter((n) => !fixed.has(n)) };
}

const ENCOUNTERS = table<InboundEncounter>('encounters', [
  col('kind', 'text', (r) => r.kind),
  { name: 'department_id', type: 'uuid', get: (r) => r.departmentId },
  { name: 'practitioner_id', type: 'uuid', get: (r) => r.practitionerId },
  col('start_at', 'timestamptz', (r) => r.startAt),
  col('end_at', 'timestamptz', (r) => r.endAt),
  col('status', 'text', (r) => r.status),
]);

const DIAGNOSES = table<InboundDiagnosis>('diagnoses', [
  encounterCol(),
  col('icd10_code', 'text', (r) => r.code),
  col('name', 'text', (r) => r.name),
  col('chronic', 'bool', (r) => r.chronic),
  col('diagnosed_at', 'timestamptz', (r) => r.diagnosedAt),
]);

const RESULTS = table<InboundResult>('results', [
  encounterCol(),
  col('kind', 'text', (r) => r.kind),
  col('code', 'text', (r) => r.code),
  col('name', 'text', (r) => r.name),
  col('value_numeric', 'numeric', (r) => r.valueNumeric),
  col('value_text', 'text', (r) => r.valueText),
  col('unit', 'text', (r) => r.unit),
  col('reference_low', 'numeric', (r) => r.referenceLow),
  col('reference_high', 'numeric', (r) => r.referenceHigh),
  col('reference_text', 'text', (r) => r.referenceText),
  col('abnormal_flag', 'text', (r) => r.abnormalFlag),
  col('conclusion', 'text', (r) => r.conclusion),
  col('released_at', 'timestamptz', (r) => r.releasedAt),
]);

const MEDICATIONS = table<InboundMedication>('medications', [
  encounterCol(),
  col('drug_code', 'text', (r) => r.drugCode),
  col('drug_name', 'text', (r) => r.drugName),
  col('dose', 'text', (r) => r.dose),
  col('frequency', 'text', (r) => r.frequency),
  col('route', 'text', (r) => r.route),
  col('prescribed_at', 'timestamptz', (r) => r.prescribedAt),
  col('start_date', 'date', (r) => r.startDate),
  col('end_date', 'date', (r) => r.endDate),
  col('chronic', 'bool', (r) => r.chronic),
]);

const ALLERGIES = table<InboundAllergy>('allergies', [
  col('substance', 'text', (r) => r.substance),
  col('reaction', 'text', (r) => r.reaction),
  col('severity', 'text', (r) => r.severity),
  col('recorded_at', 'timestamptz', (r) => r.recordedAt),
]);

const PROCEDURES = table<InboundProcedure>('procedures', [
  encounterCol(),
  col('code', 'text', (r) => r.code),
  col('name', 'text', (r) => r.name),
  col('performed_at', 'timestamptz', (r) => r.performedAt),
]);

const CHARGES = table<InboundCharge>('charges', [
  encounterCol(),
  col('category', 'text', (r) => r.category),
  col('amount_fen', 'int8', (r) => r.amountFen),
  col('payment_method', 'text', (r) => r.paymentMethod),
  col('payer', 'text', (r) => r.payer),
  col('insurer', 'text', (r) => r.insurer),
  col('charged_at', 'timestamptz', (r) => r.chargedAt),
]);

const APPOINTMENTS = table<InboundAppointment>('appointments', [
  col('status', 'text', (r) => r.status),
  col('start_at', 'timestamptz', (r) => r.startAt),
  col('end_at', 'timestamptz', (r) => r.endAt),
  { name: 'department_id', type: 'uuid', get: (r) => r.departmentId },
  { name: 'practitioner_id', type: 'uuid', get: (r) => r.practitionerId },
  col('reason', 'text', (r) => r.reason),
]);

export const CLINICAL_TABLES = {
  encounter: ENCOUNTERS,
  diagnosis: DIAGNOSES,
  result: RESULTS,
  medication: MEDICATIONS,
  allergy: ALLERGIES,
  procedure: PROCEDURES,
  charge: CHARGES,
  appointment: APPOINTMENTS,
} as const;
export type ClinicalType = keyof typeof CLINICAL_TABLES;

/** Stores one kind of clinical record: created, updated or (identical to what is stored) unchanged. */
export function upsertClinical<T extends ClinicalType>(
  tx: DbOrTx,
  type: T,
  rows: readonly Resolved<unknown>[],
): Promise<UpsertOutcome> {
  return upsertBySource(tx, CLINICAL_TABLES[type] as SourceTable<Resolved<unknown>>, rows);
}

/** The ids clinical records already have under their source keys (to keep ids stable and link encounters). */
export function clinicalIdsBySource(
  tx: DbOrTx,
  type: ClinicalType,
  tenantId: string,
  keys: readonly { system: string; id: string }[],
) {
  return idsBySource(tx, CLINICAL_TABLES[type].table, tenantId, keys);
}

const PATIENT_TABLES = [
  'encounters',
  'diagnoses',
  'results',
  'medications',
  'allergies',
  'procedures',
  'family_history',
  'charges',
  'appointments',
];

/** A merge hands the merged record's history to the survivor; the moved ids are kept so undo is exact. */
export async function reassignClinicalRows(tx: DbOrTx, fromPatient: string, toPatient: string) {
  const moves: Record<string, string[]> = {};
  for (const t of PATIENT_TABLES) {
    const r = await tx.execute<{ id: string }>(sqlMove(t, fromPatient, toPatient));
    if (r.rows.length) moves[t] = r.rows.map((x) => x.id);
  }
  return moves;
}

/** Undo of a merge: exactly the rows the merge moved go back. */
export async function restoreClinicalRows(tx: DbOrTx, moves: Record<string, string[]>, toPatient: string) {
  for (const t of PATIENT_TABLES) {
    const ids = moves[t];
    if (ids?.length) await tx.execute(sqlRestore(t, ids, toPatient));
  }
}

const sqlMove = (t: string, from: string, to: string) =>
  sql`UPDATE ${sql.raw(`"${t}"`)} SET patient_id = ${to} WHERE patient_id = ${from} RETURNING id`;
const sqlRestore = (t: string, ids: string[], to: string) =>
  sql`UPDATE ${sql.raw(`"${t}"`)} SET patient_id = ${to} WHERE id = ANY(${arrayParam(ids, 'uuid')})`;

/** Visits per person (for the duplicate review: which record carries the history). */
export async function visitCounts(db: DbOrTx, patientIds: readonly string[]): Promise<Map<string, number>> {
  if (!patientIds.length) return new Map();
  const r = await db.execute<{ patient_id: string; n: number }>(
    sql`SELECT patient_id, count(*)::int AS n FROM encounters WHERE patient_id = ANY(${arrayParam(patientIds, 'uuid')}) GROUP BY patient_id`,
  );
  return new Map(r.rows.map((x) => [x.patient_id, x.n]));
}
