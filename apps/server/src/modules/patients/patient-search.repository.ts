import { sql, type SQL } from 'drizzle-orm';
import { schema, type DbOrTx } from '@carebridge/db';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { PatientSort } from '@carebridge/contracts';
import type { ListRow } from './patient-view';

const { patientPhones, patientIdentifiers } = schema;

/** Everything the search needs, already normalised and hashed (no clear phone or ID number here). */
export interface PatientSearchSpec {
  tenantId: string;
  name?: string;
  pinyin?: string;
  phoneHash?: string;
  phoneTail?: string;
  idCardHash?: string;
  recordNumber?: string;
  gender?: string;
  bornOnOrBefore?: string;
  bornAfter?: string;
  tags?: string[];
  departmentId?: string;
  chronicCodePrefix?: string;
  healthManagerId?: string;
  vip?: boolean;
}

export type SortKey = [string, string];

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const reverse = (s: string) => [...s].reverse().join('');

/** One search box, every reading OR-ed: each branch is an index lookup of its own. */
function queryCondition(s: PatientSearchSpec): SQL | null {
  const branches: SQL[] = [];
  if (s.name) {
    const n = escapeLike(s.name);
    // Three characters and more use the trigram index; shorter ones a prefix (surname + given name)
    // or a suffix (given name alone) — trigrams cannot serve a two-character substring.
    if ([...s.name].length >= 3) branches.push(sql`p.name like ${`%${n}%`}`);
    else
      branches.push(
        sql`p.name like ${`${n}%`}`,
        sql`(reverse(p.name) collate "C") like ${`${escapeLike(reverse(s.name))}%`}`,
      );
  }
  if (s.pinyin) {
    const p = `${escapeLike(s.pinyin)}%`;
    branches.push(sql`(p.name_pinyin collate "C") like ${p}`, sql`(p.name_initials collate "C") like ${p}`);
  }
  if (s.idCardHash) branches.push(sql`p.id_card_hash = ${s.idCardHash}`);
  if (s.phoneHash)
    branches.push(
      sql`p.id in (select patient_id from patient_phones where tenant_id = ${s.tenantId} and hash = ${s.phoneHash})`,
    );
  if (s.phoneTail)
    branches.push(
      sql`p.id in (select patient_id from patient_phones where tenant_id = ${s.tenantId} and last4 = ${s.phoneTail})`,
    );
  if (s.recordNumber)
    branches.push(
      sql`p.id in (select patient_id from patient_identifiers where tenant_id = ${s.tenantId}
        and value in (${s.recordNumber}, ${s.recordNumber.toUpperCase()}))`,
    );
  return branches.length ? sql`(${sql.join(branches, sql` or `)})` : null;
}

function filterConditions(s: PatientSearchSpec): SQL[] {
  const c: SQL[] = [sql`p.tenant_id = ${s.tenantId}`, sql`p.merged_into is null`, sql`p.erased_at is null`];
  if (s.gender) c.push(sql`p.gender = ${s.gender}`);
  if (s.bornOnOrBefore) c.push(sql`p.birth_date <= ${s.bornOnOrBefore}::date`);
  if (s.bornAfter) c.push(sql`p.birth_date > ${s.bornAfter}::date`);
  if (s.tags?.length) c.push(sql`p.tags @> ${`{${s.tags.map((t) => JSON.stringify(t)).join(',')}}`}::text[]`);
  if (s.healthManagerId) c.push(sql`p.health_manager_id = ${s.healthManagerId}`);
  if (s.vip !== undefined) c.push(sql`p.vip = ${s.vip}`);
  if (s.departmentId)
    c.push(
      sql`exists (select 1 from encounters e where e.department_id = ${s.departmentId} and e.patient_id = p.id)`,
    );
  if (s.chronicCodePrefix)
    c.push(sql`exists (select 1 from diagnoses d where d.tenant_id = ${s.tenantId} and d.chronic
      and d.icd10_code like ${`${escapeLike(s.chronicCodePrefix)}%`} and d.patient_id = p.id)`);
  return c;
}

/** Sort expression, direction, and the keyset comparison for each sort the API offers. */
const SORTS: Record<PatientSort, { key: SQL; desc: boolean }> = {
  name: { key: sql`(p.name_pinyin collate "C")`, desc: false },
  createdAt: { key: sql`p.created_at::text`, desc: false },
  '-createdAt': { key: sql`p.created_at::text`, desc: true },
  birthDate: { key: sql`coalesce(p.birth_date::text, '9999-12-31')`, desc: false },
  '-birthDate': { key: sql`coalesce(p.birth_date::text, '0000-01-01')`, desc: true },
  '-updatedAt': { key: sql`p.updated_at::text`, desc: true },
};

export function whereClause(spec: PatientSearchSpec): SQL {
  const q = queryCondition(spec);
  return sql.join([...filterConditions(spec), ...(q ? [q] : [])], sql` and `);
}

export async function searchPatients(
  db: DbOrTx,
  spec: PatientSearchSpec,
  sort: PatientSort,
  after: SortKey | null,
  limit: number,
): Promise<(ListRow & { sortKey: string })[]> {
  const { key, desc } = SORTS[sort];
  const dir = desc ? sql`desc` : sql`asc`;
  const keyset = after
    ? sql`and (${key}, p.id) ${desc ? sql`<` : sql`>`} (${after[0]}, ${after[1]}::uuid)`
    : sql``;
  const result = await db.execute(sql`
    select p.id, p.name, p.name_pinyin as "namePinyin", p.gender, p.birth_date::text as "birthDate",
      p.id_card_masked as "idCardMasked", p.tags, p.vip, p.deceased, ${key} as "sortKey"
    from patients p
    where ${whereClause(spec)} ${keyset}
    order by ${key} ${dir}, p.id ${dir}
    limit ${limit}`);
  return result.rows as unknown as (ListRow & { sortKey: string })[];
}

/** Exact up to `cap`; past it the caller shows "10,000+" instead of counting a million rows. */
export async function countPatients(db: DbOrTx, spec: PatientSearchSpec, cap: number): Promise<number> {
  const result = await db.execute(
    sql`select count(*)::int as n from (select 1 from patients p where ${whereClause(spec)} limit ${cap + 1}) hits`,
  );
  return (result.rows[0] as { n: number }).n;
}

/** The primary phone (masked) and the first record number of each listed patient. */
export async function listDecorations(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return { phones: new Map<string, string>(), mrns: new Map<string, string>() };
  const phones = await db
    .select({ patientId: patientPhones.patientId, masked: patientPhones.masked })
    .from(patientPhones)
    .where(and(inArray(patientPhones.patientId, ids), eq(patientPhones.isPrimary, true)));
  const identifiers = await db
    .select({ patientId: patientIdentifiers.patientId, value: patientIdentifiers.value })
    .from(patientIdentifiers)
    .where(and(inArray(patientIdentifiers.patientId, ids), eq(patientIdentifiers.kind, 'mrn')))
    .orderBy(asc(patientIdentifiers.system), asc(patientIdentifiers.value));
  const mrns = new Map<string, string>();
  for (const i of identifiers) if (!mrns.has(i.patientId)) mrns.set(i.patientId, i.value);
  return { phones: new Map(phones.map((p) => [p.patientId, p.masked])), mrns };
}
