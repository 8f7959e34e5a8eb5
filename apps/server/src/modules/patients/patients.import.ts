import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@carebridge/db';
import type pg from 'pg';
import { copyRowsIn, type CopyColumn } from '../../platform/db/copy-in';
import { arrayParam } from '../../platform/db/source-upsert';

/**
 * Set-based access to the patient tables for imports and the master patient index: whole batches in a
 * few statements (unnest arrays), because a 1M-row file cannot afford a round trip per row.
 */

export interface ImportPatientRow {
  id: string;
  tenantId: string;
  name: string;
  namePinyin: string;
  nameInitials: string;
  gender: string;
  birthDate: string | null;
  idCardCipher: string | null;
  idCardHash: string | null;
  idCardMasked: string | null;
  email: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  addressDetail: string | null;
  maritalStatus: string | null;
  preferredLanguage: string | null;
  deceased: boolean;
  deceasedAt: string | null;
}

export interface ImportPhoneRow {
  id: string;
  tenantId: string;
  patientId: string;
  kind: string;
  isPrimary: boolean;
  cipher: string;
  hash: string;
  last4: string;
  masked: string;
}

export interface ImportIdentifierRow {
  id: string;
  tenantId: string;
  patientId: string;
  kind: string;
  system: string;
  value: string;
}

/** The tables a person's register entry spans (a bulk load fills them; see platform/db/bulk-indexes). */
export const REGISTER_TABLES = ['patients', 'patient_phones', 'patient_identifiers'] as const;

/**
 * Fresh statistics for the register's tables, inside a bulk load: planned with the sizes from before the
 * load, lookups by key against a table that has grown by a million rows hash-join a scan of all of it
 * (one batch's source-key check went from 30 to 350 ms at 1M rows). ANALYZE samples, and sees the load's
 * own rows.
 */
export async function analyzeRegister(tx: DbOrTx) {
  await tx.execute(sql.raw(`ANALYZE ${REGISTER_TABLES.join(', ')}`));
}

/** The columns a source may set, in the order used by insert and compare. */
export const SOURCE_COLUMNS = [
  ['name', 'name', 'text'],
  ['namePinyin', 'name_pinyin', 'text'],
  ['nameInitials', 'name_initials', 'text'],
  ['gender', 'gender', 'text'],
  ['birthDate', 'birth_date', 'date'],
  ['idCardCipher', 'id_card_cipher', 'text'],
  ['idCardHash', 'id_card_hash', 'text'],
  ['idCardMasked', 'id_card_masked', 'text'],
  ['email', 'email', 'text'],
  ['province', 'province', 'text'],
  ['city', 'city', 'text'],
  ['district', 'district', 'text'],
  ['addressDetail', 'address_detail', 'text'],
  ['maritalStatus', 'marital_status', 'text'],
  ['preferredLanguage', 'preferred_language', 'text'],
  ['deceased', 'deceased', 'bool'],
  ['deceasedAt', 'deceased_at', 'date'],
] as const satisfies readonly (readonly [keyof ImportPatientRow, string, string])[];

function unnestInsert<R>(
  table: string,
  rows: readonly R[],
  columns: readonly (readonly [keyof R, string, string])[],
) {
  const names = columns.map((c) => `"${c[1]}"`).join(', ');
  const arrays = columns.map(([k, , type]) =>
    arrayParam(
      rows.map((r) => r[k] ?? null),
      type,
    ),
  );
  return sql`INSERT INTO ${sql.raw(`"${table}"`)} (${sql.raw(names)}) SELECT * FROM unnest(${sql.join(arrays, sql`, `)})`;
}

const PATIENT_INSERT_COLUMNS = [
  ['id', 'id', 'uuid'],
  ['tenantId', 'tenant_id', 'uuid'],
  ...SOURCE_COLUMNS,
  ['createdAt', 'created_at', 'timestamptz'],
  ['updatedAt', 'updated_at', 'timestamptz'],
] as const;
const PHONE_COLUMNS = [
  ['id', 'id', 'uuid'],
  ['tenantId', 'tenant_id', 'uuid'],
  ['patientId', 'patient_id', 'uuid'],
  ['kind', 'kind', 'text'],
  ['isPrimary', 'is_primary', 'bool'],
  ['cipher', 'cipher', 'text'],
  ['hash', 'hash', 'text'],
  ['last4', 'last4', 'text'],
  ['masked', 'masked', 'text'],
] as const satisfies readonly CopyColumn<ImportPhoneRow>[];
const IDENTIFIER_COLUMNS = [
  ['id', 'id', 'uuid'],
  ['tenantId', 'tenant_id', 'uuid'],
  ['patientId', 'patient_id', 'uuid'],
  ['kind', 'kind', 'text'],
  ['system', 'system', 'text'],
  ['value', 'value', 'text'],
] as const satisfies readonly CopyColumn<ImportIdentifierRow>[];

/** created_at/updated_at: the injected clock, not the database's. */
const stamped = (patients: readonly ImportPatientRow[], at: Date) => {
  const stamp = at.toISOString();
  return patients.map((p) => ({ ...p, createdAt: stamp, updatedAt: stamp }));
};

export async function insertImportedPatients(
  tx: DbOrTx,
  patients: readonly ImportPatientRow[],
  phones: readonly ImportPhoneRow[],
  identifiers: readonly ImportIdentifierRow[],
  at: Date,
) {
  if (patients.length)
    await tx.execute(unnestInsert('patients', stamped(patients, at), PATIENT_INSERT_COLUMNS));
  await insertPhones(tx, phones);
  await insertIdentifiers(tx, identifiers);
}

/**
 * The same as `insertImportedPatients` by binary COPY on a server connection (a bulk load). Identifiers go
 * through a staging table so that one another person already holds is still skipped, not an error.
 */
export async function copyImportedPatients(
  client: pg.ClientBase,
  patients: readonly ImportPatientRow[],
  phones: readonly ImportPhoneRow[],
  identifiers: readonly ImportIdentifierRow[],
  at: Date,
) {
  await copyRowsIn(client, 'patients', stamped(patients, at), PATIENT_INSERT_COLUMNS);
  await copyRowsIn(client, 'patient_phones', phones, PHONE_COLUMNS);
  if (!identifiers.length) return;
  const names = IDENTIFIER_COLUMNS.map((c) => c[1]).join(', ');
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS identifiers_in (LIKE patient_identifiers INCLUDING DEFAULTS) ON COMMIT DROP`,
  );
  await copyRowsIn(client, 'identifiers_in', identifiers, IDENTIFIER_COLUMNS);
  await client.query(
    `INSERT INTO patient_identifiers (${names}) SELECT ${names} FROM identifiers_in ON CONFLICT DO NOTHING`,
  );
  await client.query('TRUNCATE identifiers_in');
}

export async function insertPhones(tx: DbOrTx, phones: readonly ImportPhoneRow[]) {
  if (!phones.length) return;
  await tx.execute(unnestInsert('patient_phones', phones, PHONE_COLUMNS));
}

/** Identifiers another person already holds are skipped (ON CONFLICT): the first holder keeps them. */
export async function insertIdentifiers(tx: DbOrTx, identifiers: readonly ImportIdentifierRow[]) {
  if (!identifiers.length) return;
  const insert = unnestInsert('patient_identifiers', identifiers, IDENTIFIER_COLUMNS);
  await tx.execute(sql`${insert} ON CONFLICT DO NOTHING`);
}

/** The people that already carry these identifiers (source keys, record numbers): `system\0value` → id. */
export async function patientsByIdentifier(
  tx: DbOrTx,
  tenantId: string,
  keys: readonly { system: string; value: string }[],
): Promise<Map<string, { recordId: string; personId: string }>> {
  const out = new Map<string, { recordId: string; personId: string }>();
  if (!keys.length) return out;
  // A merged record's identifiers stay with it; merged_into (followed to the end) names the person now.
  const r = await tx.execute<{ system: string; value: string; patient_id: string; person_id: string }>(sql`
    WITH RECURSIVE found AS (
      SELECT i.system, i.value, i.patient_id, i.patient_id AS person_id, 0 AS depth FROM patient_identifiers i
      JOIN unnest(${arrayParam(
        keys.map((k) => k.system),
        'text',
      )}, ${arrayParam(
        keys.map((k) => k.value),
        'text',
      )}) AS k(system, value)
        ON i.system = k.system AND i.value = k.value
      WHERE i.tenant_id = ${tenantId}
      UNION ALL
      SELECT f.system, f.value, f.patient_id, p.merged_into, f.depth + 1 FROM found f
      JOIN patients p ON p.id = f.person_id WHERE p.merged_into IS NOT NULL AND f.depth < 20)
    SELECT DISTINCT ON (system, value) system, value, patient_id, person_id FROM found ORDER BY system, value, depth DESC`);
  for (const row of r.rows)
    out.set(`${row.system}\u0000${row.value}`, { recordId: row.patient_id, personId: row.person_id });
  return out;
}

/** Active people by ID-card or phone blind index, or by record number in any system (CSV visit rows). */
export async function patientsByLookup(
  tx: DbOrTx,
  tenantId: string,
  by: 'idCard' | 'mobile' | 'mrn',
  values: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!values.length) return out;
  const v = arrayParam([...values], 'text');
  const query =
    by === 'idCard'
      ? sql`SELECT id_card_hash AS v, id FROM patients WHERE tenant_id = ${tenantId} AND id_card_hash = ANY(${v}) AND merged_into IS NULL AND erased_at IS NULL`
      : by === 'mobile'
        ? sql`SELECT ph.hash AS v, p.id FROM patient_phones ph JOIN patients p ON p.id = ph.patient_id WHERE ph.tenant_id = ${tenantId} AND ph.hash = ANY(${v}) AND p.merged_into IS NULL AND p.erased_at IS NULL`
        : sql`SELECT value AS v, patient_id AS id FROM patient_identifiers WHERE tenant_id = ${tenantId} AND kind = 'mrn' AND value = ANY(${v})`;
  const r = await tx.execute<{ v: string; id: string }>(query);
  // A phone shared by two people (a family's one mobile) names nobody for sure: left unresolved.
  const ambiguous = new Set<string>();
  for (const row of r.rows) {
    if (out.has(row.v) && out.get(row.v) !== row.id) ambiguous.add(row.v);
    out.set(row.v, row.id);
  }
  for (const a of ambiguous) out.delete(a);
  return out;
}

export type StoredImportPatient = ImportPatientRow & {
  mergedInto: string | null;
  erasedAt: string | null;
  phoneHashes: string[];
};

/** What is stored for these people, to compare with a newer copy from the source and to score matches. */
export async function loadImportPatients(
  tx: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, StoredImportPatient>> {
  const out = new Map<string, StoredImportPatient>();
  if (!ids.length) return out;
  const select = SOURCE_COLUMNS.map(
    ([k, c]) => `p."${c}"${c === 'birth_date' || c === 'deceased_at' ? '::text' : ''} AS "${k}"`,
  ).join(', ');
  const r = await tx.execute<Record<string, unknown>>(sql`
    SELECT p.id, p.tenant_id AS "tenantId", ${sql.raw(select)}, p.merged_into AS "mergedInto", p.erased_at::text AS "erasedAt",
      coalesce((SELECT array_agg(ph.hash ORDER BY ph.is_primary DESC, ph.id) FROM patient_phones ph WHERE ph.patient_id = p.id), '{}') AS "phoneHashes"
    FROM patients p WHERE p.id = ANY(${arrayParam([...ids], 'uuid')})`);
  for (const row of r.rows) out.set(row.id as string, row as unknown as StoredImportPatient);
  return out;
}

/** A newer copy of the person from a source system: the fields it sends replace what is stored. */
export async function updateImportedPatient(tx: DbOrTx, row: ImportPatientRow, at: Date) {
  const set = SOURCE_COLUMNS.map(
    ([k, c, type]) => sql`${sql.raw(`"${c}"`)} = ${row[k] ?? null}::${sql.raw(type)}`,
  );
  await tx.execute(
    sql`UPDATE patients SET ${sql.join(set, sql`, `)}, version = version + 1, updated_at = ${at.toISOString()}::timestamptz WHERE id = ${row.id}`,
  );
}

// ---------------------------------------------------------------------------------------------------
// Merges (master patient index)

/** Marks a record as merged into another person (or, on undo, active again). */
export async function setMergedInto(tx: DbOrTx, patientId: string, survivorId: string | null, at: Date) {
  await tx.execute(
    sql`UPDATE patients SET merged_into = ${survivorId}, version = version + 1, updated_at = ${at.toISOString()}::timestamptz WHERE id = ${patientId}`,
  );
}

/**
 * The survivor takes the phones of the merged record that it does not already have, so staff reach the
 * person on every number. Identifiers stay with the merged record, which keeps them (its source keys still
 * resolve, through merged_into, to the survivor). Returns what moved, for an exact undo.
 */
export async function reassignPatientRows(tx: DbOrTx, from: string, to: string) {
  const phones = await tx.execute<{ id: string }>(sql`
    UPDATE patient_phones ph SET patient_id = ${to}, is_primary = false WHERE ph.patient_id = ${from}
      AND NOT EXISTS (SELECT 1 FROM patient_phones s WHERE s.patient_id = ${to} AND s.hash = ph.hash) RETURNING id`);
  const moves: Record<string, string[]> = {};
  if (phones.rows.length) moves.patient_phones = phones.rows.map((r) => r.id);
  return moves;
}

export async function restorePatientRows(tx: DbOrTx, moves: Record<string, string[]>, to: string) {
  for (const table of ['patient_phones'] as const) {
    const ids = moves[table];
    if (ids?.length)
      await tx.execute(
        sql`UPDATE ${sql.raw(table)} SET patient_id = ${to} WHERE id = ANY(${arrayParam(ids, 'uuid')})`,
      );
  }
}

/** What the master patient index compares, for active people only (merged and erased records are skipped). */
export async function loadMatchSubjects(tx: DbOrTx, ids: readonly string[]) {
  const stored = await loadImportPatients(tx, ids);
  return [...stored.values()]
    .filter((p) => !p.mergedInto && !p.erasedAt)
    .map((p) => ({
      patientId: p.id,
      name: p.name,
      gender: p.gender,
      birthDate: p.birthDate,
      idCardHash: p.idCardHash,
      phoneHashes: p.phoneHashes,
      province: p.province,
      city: p.city,
      district: p.district,
      addressDetail: p.addressDetail,
    }));
}

/** Two records side by side for the duplicate review: numbers masked, identifiers, address in one line. */
export async function describeForReview(db: DbOrTx, ids: readonly string[]) {
  const out = new Map<
    string,
    {
      id: string;
      name: string;
      gender: string;
      birthDate: string | null;
      idCardMasked: string | null;
      phonesMasked: string[];
      address: string | null;
      identifiers: { system: string; value: string }[];
      createdAt: string;
    }
  >();
  if (!ids.length) return out;
  const r = await db.execute<{
    id: string;
    name: string;
    gender: string;
    birth_date: string | null;
    id_card_masked: string | null;
    address: string | null;
    phones: string[];
    identifiers: { system: string; value: string }[];
    created_at: string;
  }>(sql`
    SELECT p.id, p.name, p.gender, p.birth_date::text, p.id_card_masked,
      nullif(concat_ws(' ', p.province, p.city, p.district, p.address_detail), '') AS address,
      coalesce((SELECT array_agg(masked ORDER BY is_primary DESC) FROM patient_phones WHERE patient_id = p.id), '{}') AS phones,
      coalesce((SELECT json_agg(json_build_object('system', system, 'value', value) ORDER BY kind, system)
        FROM patient_identifiers WHERE patient_id = p.id), '[]') AS identifiers,
      p.created_at
    FROM patients p WHERE p.id = ANY(${arrayParam([...ids], 'uuid')})`);
  for (const row of r.rows)
    out.set(row.id, {
      id: row.id,
      name: row.name,
      gender: row.gender,
      birthDate: row.birth_date,
      idCardMasked: row.id_card_masked,
      phonesMasked: row.phones,
      address: row.address,
      identifiers: row.identifiers,
      createdAt: new Date(row.created_at).toISOString(),
    });
  return out;
}
