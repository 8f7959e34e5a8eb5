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
  latinName?: string;
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

const ACTIVE = sql`p.merged_into is null and p.erased_at is null`;

/**
 * One search box, every reading a branch of its own: each branch is one index lookup returning
 * (id, sort key). Prefix branches over pinyin, initials and short names read covering partial indexes
 * (index-only), so a query that matches 25,000 people still costs index entries, not table rows. The
 * branches are unioned (a person found two ways counts once), then sorted and paged.
 */
interface Branch {
  sql: SQL;
  /** The branch's index already yields the name order: the database may walk it and stop early. */
  inNameOrder: boolean;
}

function candidateBranches(s: PatientSearchSpec, key: SQL): Branch[] {
  const t = sql`p.tenant_id = ${s.tenantId} and ${ACTIVE}`;
  const branch = (cond: SQL, inNameOrder = false): Branch => ({
    sql: sql`select p.id, ${key} as sort_key from patients p where ${t} and ${cond}`,
    inNameOrder,
  });
  const inPatientsOf = (table: SQL, cond: SQL) =>
    branch(sql`p.id in (select x.patient_id from ${table} x where x.tenant_id = ${s.tenantId} and ${cond})`);
  const branches: Branch[] = [];
  if (s.name) {
    const n = escapeLike(s.name);
    // Three characters and more use the trigram index; shorter ones a prefix (surname + given name)
    // or a suffix (given name alone) — trigrams cannot serve a two-character substring.
    if ([...s.name].length >= 3) branches.push(branch(sql`p.name like ${`%${n}%`}`));
    else
      branches.push(
        branch(sql`p.name like ${`${n}%`}`),
        branch(sql`(reverse(p.name) collate "C") like ${`${escapeLike(reverse(s.name))}%`}`),
      );
  }
  if (s.pinyin) {
    const p = `${escapeLike(s.pinyin)}%`;
    branches.push(
      branch(sql`(p.name_pinyin collate "C") like ${p}`, true),
      branch(sql`(p.name_initials collate "C") like ${p}`),
    );
  }
  // Foreign patients' names, case-insensitive anywhere in the name (the trigram index serves ilike).
  if (s.latinName) branches.push(branch(sql`p.name ilike ${`%${escapeLike(s.latinName)}%`}`));
  if (s.idCardHash) branches.push(branch(sql`p.id_card_hash = ${s.idCardHash}`));
  if (s.phoneHash) branches.push(inPatientsOf(sql`patient_phones`, sql`x.hash = ${s.phoneHash}`));
  if (s.phoneTail) branches.push(inPatientsOf(sql`patient_phones`, sql`x.last4 = ${s.phoneTail}`));
  if (s.recordNumber)
    branches.push(
      inPatientsOf(
        sql`patient_identifiers`,
        sql`x.value in (${s.recordNumber}, ${s.recordNumber.toUpperCase()})`,
      ),
    );
  return branches;
}

/**
 * A branch as a page source. Only a branch whose index is in name order may be walked in order; every
 * other branch is fenced (OFFSET 0) so that the planner finds its matches through its own index first
 * and sorts them, instead of walking the whole name order filtering for a rare match (seconds at 1M).
 */
function pageOf(
  b: Branch,
  sort: PatientSort,
  key: SQL,
  keyset: (k: SQL, id: SQL) => SQL,
  dir: SQL,
  cap: SQL,
): SQL {
  if (b.inNameOrder && sort === 'name')
    return sql`(${b.sql} ${keyset(key, sql`p.id`)} order by sort_key ${dir}, p.id ${dir} ${cap})`;
  return sql`(select f.id, f.sort_key from (${b.sql} offset 0) f where true ${keyset(sql`f.sort_key`, sql`f.id`)}
    order by f.sort_key ${dir}, f.id ${dir} ${cap})`;
}

/** Without a query: every active patient of the tenant that passes the filters. */
const allActive = (s: PatientSearchSpec, filters: SQL[]) =>
  sql.join([sql`p.tenant_id = ${s.tenantId}`, ACTIVE, ...filters], sql` and `);

const hasQuery = (s: PatientSearchSpec) =>
  !!(s.name || s.pinyin || s.idCardHash || s.phoneHash || s.phoneTail || s.recordNumber);

function filterConditions(s: PatientSearchSpec): SQL[] {
  const c: SQL[] = [];
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

/** Sort expression and direction for each sort the API offers; (key, id) is the keyset. */
const SORTS: Record<PatientSort, { key: SQL; desc: boolean }> = {
  name: { key: sql`(p.name_pinyin collate "C")`, desc: false },
  createdAt: { key: sql`p.created_at::text`, desc: false },
  '-createdAt': { key: sql`p.created_at::text`, desc: true },
  birthDate: { key: sql`coalesce(p.birth_date::text, '9999-12-31')`, desc: false },
  '-birthDate': { key: sql`coalesce(p.birth_date::text, '0000-01-01')`, desc: true },
  '-updatedAt': { key: sql`p.updated_at::text`, desc: true },
};

/**
 * The matching patients as (id, sort_key), in page order. With a query and no filters each branch
 * stops after `limit` rows past the cursor; with filters the branches give every candidate and the
 * filters run over them (the candidate set, not the whole table).
 */
function matches(spec: PatientSearchSpec, sort: PatientSort, after: SortKey | null, limit: number): SQL {
  const { key, desc } = SORTS[sort];
  const dir = desc ? sql`desc` : sql`asc`;
  const filters = filterConditions(spec);
  const keyset = (k: SQL, id: SQL) =>
    after ? sql`and (${k}, ${id}) ${desc ? sql`<` : sql`>`} (${after[0]}, ${after[1]}::uuid)` : sql``;
  const cap = sql`limit ${limit}`;
  if (!hasQuery(spec))
    return sql`select p.id, ${key} as sort_key from patients p where ${allActive(spec, filters)}
      ${keyset(key, sql`p.id`)} order by ${key} ${dir}, p.id ${dir} ${cap}`;
  const perBranch = filters.length === 0 ? cap : sql``;
  const branches = candidateBranches(spec, key).map((b) => pageOf(b, sort, key, keyset, dir, perBranch));
  const union = sql`select distinct id, sort_key from (${sql.join(branches, sql` union all `)}) b`;
  if (filters.length === 0)
    return sql`select id, sort_key from (${union}) c order by sort_key ${dir}, id ${dir} ${cap}`;
  return sql`select p.id, c.sort_key from (${union}) c join patients p on p.id = c.id
    where ${sql.join(filters, sql` and `)} order by c.sort_key ${dir}, p.id ${dir} ${cap}`;
}

export async function searchPatients(
  db: DbOrTx,
  spec: PatientSearchSpec,
  sort: PatientSort,
  after: SortKey | null,
  limit: number,
): Promise<(ListRow & { sortKey: string })[]> {
  const { desc } = SORTS[sort];
  const dir = desc ? sql`desc` : sql`asc`;
  const result = await db.execute(sql`
    with page as materialized (${matches(spec, sort, after, limit)})
    select p.id, p.name, p.name_pinyin as "namePinyin", p.gender, p.birth_date::text as "birthDate",
      p.id_card_masked as "idCardMasked", p.tags, p.vip, p.deceased, page.sort_key as "sortKey"
    from page join patients p on p.id = page.id
    order by page.sort_key ${dir}, p.id ${dir}`);
  return result.rows as unknown as (ListRow & { sortKey: string })[];
}

/** Exact up to `cap`; past it the caller shows "10,000+" instead of counting a million rows. */
export async function countPatients(db: DbOrTx, spec: PatientSearchSpec, cap: number): Promise<number> {
  const result = await db.execute(
    sql`select count(*)::int as n from (${matchesForCount(spec, cap + 1)}) hits`,
  );
  return (result.rows[0] as { n: number }).n;
}

/** For counting, order does not matter: each branch stops at the cap, and so does their union. */
function matchesForCount(spec: PatientSearchSpec, cap: number): SQL {
  const filters = filterConditions(spec);
  if (!hasQuery(spec)) return sql`select 1 from patients p where ${allActive(spec, filters)} limit ${cap}`;
  const idOnly = sql`p.id`;
  const perBranch = filters.length === 0 ? sql`limit ${cap}` : sql``;
  const branches = candidateBranches(spec, idOnly).map((b) => sql`(${b.sql} ${perBranch})`);
  const union = sql`select distinct id from (${sql.join(branches, sql` union all `)}) b`;
  if (filters.length === 0) return sql`${union} limit ${cap}`;
  return sql`select 1 from (${union}) c join patients p on p.id = c.id
    where ${sql.join(filters, sql` and `)} limit ${cap}`;
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
