import { and, desc, eq, sql } from 'drizzle-orm';
import { schema, type DbOrTx } from '@carebridge/db';
import type pg from 'pg';
import { copyRowsIn } from '../../platform/db/copy-in';
import { arrayParam } from '../../platform/db/source-upsert';

const { mpiMatchKeys, mpiReviews, mpiMerges } = schema;
export type ReviewRow = typeof mpiReviews.$inferSelect;
export type MergeRow = typeof mpiMerges.$inferSelect;

/** The tables of matchable keys (a bulk load fills them; see platform/db/bulk-indexes). */
export const MATCH_KEY_TABLES = ['mpi_match_keys'] as const;

/** Replaces the blocking keys of these people (a changed name or phone changes its keys). */
export async function replaceMatchKeys(
  tx: DbOrTx,
  tenantId: string,
  keys: readonly { patientId: string; keyHash: number }[],
  patientIds: readonly string[],
) {
  if (patientIds.length)
    await tx.execute(
      sql`DELETE FROM mpi_match_keys WHERE patient_id = ANY(${arrayParam(patientIds, 'uuid')})`,
    );
  await insertMatchKeys(tx, tenantId, keys);
}

export async function insertMatchKeys(
  tx: DbOrTx,
  tenantId: string,
  keys: readonly { patientId: string; keyHash: number }[],
) {
  if (!keys.length) return;
  await tx.execute(sql`
    INSERT INTO mpi_match_keys (tenant_id, key_hash, patient_id)
    SELECT ${tenantId}, k, p FROM unnest(${arrayParam(
      keys.map((k) => k.keyHash),
      'int8',
    )}, ${arrayParam(
      keys.map((k) => k.patientId),
      'uuid',
    )}) AS u(k, p)
    ON CONFLICT DO NOTHING`);
}

export async function deleteMatchKeys(tx: DbOrTx, patientId: string) {
  await tx.delete(mpiMatchKeys).where(eq(mpiMatchKeys.patientId, patientId));
}

/**
 * People sharing any of these keys, with the keys they share (active records only). A key shared by more
 * than `maxBlock` people (a common name such as 王伟 in a large register) is not used: it would bring
 * hundreds of candidates that its other keys already cover or that scoring would turn away.
 */
export async function candidatesByKeys(
  tx: DbOrTx,
  tenantId: string,
  keyHashes: readonly number[],
  maxBlock: number,
): Promise<{ keyHash: number; patientId: string }[]> {
  if (!keyHashes.length) return [];
  const r = await tx.execute<{ key_hash: number; patient_id: string }>(sql`
    SELECT key_hash, patient_id FROM (
      SELECT k.key_hash, k.patient_id, count(*) OVER (PARTITION BY k.key_hash) AS block
      FROM mpi_match_keys k
      WHERE k.tenant_id = ${tenantId} AND k.key_hash = ANY(${arrayParam(keyHashes, 'int8')})
    ) shared WHERE block <= ${maxBlock}`);
  return r.rows.map((row) => ({ keyHash: Number(row.key_hash), patientId: row.patient_id }));
}

// ---------------------------------------------------------------------------------------------------
// A bulk load: its people's keys go straight into mpi_match_keys (whose indexes the load sets aside), and
// a temporary table says who came in the load (to tell them from the register); matching runs at the end.

/** Who came in this bulk load, dropped with the transaction. */
export async function createStagedPeople(tx: DbOrTx) {
  await tx.execute(sql`
    CREATE TEMP TABLE IF NOT EXISTS mpi_staged_people (patient_id uuid NOT NULL) ON COMMIT DROP`);
}

/** Keys and people of a bulk load by binary COPY, on a server connection. */
export async function copyStaged(
  client: pg.ClientBase,
  tenantId: string,
  keys: readonly { patientId: string; keyHash: number }[],
  people: readonly string[],
) {
  await copyRowsIn(
    client,
    'mpi_match_keys',
    keys.map((k) => ({ ...k, tenantId })),
    [
      ['tenantId', 'tenant_id', 'uuid'],
      ['keyHash', 'key_hash', 'int8'],
      ['patientId', 'patient_id', 'uuid'],
    ],
  );
  await copyRowsIn(
    client,
    'mpi_staged_people',
    people.map((patientId) => ({ patientId })),
    [['patientId', 'patient_id', 'uuid']],
  );
}

export async function stagePeople(tx: DbOrTx, people: readonly string[]) {
  if (!people.length) return;
  await tx.execute(sql`
    INSERT INTO mpi_staged_people (patient_id) SELECT * FROM unnest(${arrayParam(people, 'uuid')})`);
}

/** Fresh statistics for the matching tables after a bulk load (see patients' analyzeRegister). */
export async function analyzeMatching(tx: DbOrTx) {
  await tx.execute(sql`ANALYZE mpi_match_keys, mpi_reviews`);
}

/** Whether anyone in the register is matchable yet (a go-live load into an empty register skips a lookup). */
export async function hasMatchKeys(tx: DbOrTx, tenantId: string): Promise<boolean> {
  const r = await tx.execute<{ any: boolean }>(
    sql`SELECT EXISTS (SELECT 1 FROM mpi_match_keys WHERE tenant_id = ${tenantId}) AS any`,
  );
  return r.rows[0]!.any;
}

/**
 * For each key a person of the bulk load holds, the people of the register who hold it too: their ids,
 * or only how many when they are more than `maxBlock` (the key is then not used).
 */
export async function registerHoldersOfStagedKeys(
  tx: DbOrTx,
  tenantId: string,
  maxBlock: number,
): Promise<Map<number, { count: number; ids: string[] }>> {
  await tx.execute(sql`ANALYZE mpi_staged_people`);
  const r = await tx.execute<{ key_hash: number; n: number; ids: string[] | null }>(sql`
    SELECT k.key_hash, count(*)::int AS n,
      CASE WHEN count(*) <= ${maxBlock} THEN array_agg(k.patient_id::text) END AS ids
    FROM mpi_match_keys k
    WHERE k.tenant_id = ${tenantId}
      AND NOT EXISTS (SELECT 1 FROM mpi_staged_people s WHERE s.patient_id = k.patient_id)
      AND k.key_hash IN (SELECT m.key_hash FROM mpi_match_keys m JOIN mpi_staged_people USING (patient_id))
    GROUP BY k.key_hash`);
  return new Map(r.rows.map((row) => [Number(row.key_hash), { count: row.n, ids: row.ids ?? [] }]));
}

/** Patients that have no keys yet (loaded before the index existed, e.g. the demo data): a page of ids. */
export async function patientsWithoutKeys(tx: DbOrTx, tenantId: string, limit: number): Promise<string[]> {
  const r = await tx.execute<{ id: string }>(sql`
    SELECT p.id FROM patients p WHERE p.tenant_id = ${tenantId} AND p.merged_into IS NULL AND p.erased_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM mpi_match_keys k WHERE k.patient_id = p.id) ORDER BY p.id LIMIT ${limit}`);
  return r.rows.map((x) => x.id);
}

/** In statements of 1,000 (a bulk load queues tens of thousands; a statement takes at most 65,535 values). */
export async function insertReviews(tx: DbOrTx, rows: (typeof mpiReviews.$inferInsert)[]) {
  for (let at = 0; at < rows.length; at += 1000)
    await tx
      .insert(mpiReviews)
      .values(rows.slice(at, at + 1000))
      .onConflictDoNothing();
}

export async function findReview(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(mpiReviews)
    .where(and(eq(mpiReviews.tenantId, tenantId), eq(mpiReviews.id, id)));
  return row ?? null;
}

export async function listReviews(
  db: DbOrTx,
  tenantId: string,
  status: string,
  limit: number,
  offset: number,
): Promise<{ rows: ReviewRow[]; total: number }> {
  const where = and(eq(mpiReviews.tenantId, tenantId), eq(mpiReviews.status, status));
  const rows = await db
    .select()
    .from(mpiReviews)
    .where(where)
    .orderBy(desc(mpiReviews.score), desc(mpiReviews.createdAt))
    .limit(limit)
    .offset(offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mpiReviews)
    .where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function decideReview(
  tx: DbOrTx,
  id: string,
  status: 'merged' | 'distinct',
  by: string | null,
  at: Date,
) {
  const [row] = await tx
    .update(mpiReviews)
    .set({ status, decidedBy: by, decidedAt: at })
    .where(and(eq(mpiReviews.id, id), eq(mpiReviews.status, 'open')))
    .returning();
  return row ?? null;
}

/** Open reviews that involve a record which has just been merged away are moot: closed as merged. */
export async function closeReviewsOf(tx: DbOrTx, patientId: string, at: Date) {
  await tx.execute(sql`
    UPDATE mpi_reviews SET status = 'merged', decided_at = ${at.toISOString()}::timestamptz
    WHERE status = 'open' AND (patient_id = ${patientId} OR candidate_id = ${patientId})`);
}

export async function insertMerge(tx: DbOrTx, row: typeof mpiMerges.$inferInsert): Promise<MergeRow> {
  const [created] = await tx.insert(mpiMerges).values(row).returning();
  return created!;
}

export async function findMerge(db: DbOrTx, tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(mpiMerges)
    .where(and(eq(mpiMerges.tenantId, tenantId), eq(mpiMerges.id, id)));
  return row ?? null;
}

export async function markMergeUndone(tx: DbOrTx, id: string, by: string | null, at: Date) {
  const [row] = await tx
    .update(mpiMerges)
    .set({ undoneAt: at, undoneBy: by })
    .where(and(eq(mpiMerges.id, id), sql`${mpiMerges.undoneAt} is null`))
    .returning();
  return row ?? null;
}

export async function mergesOf(db: DbOrTx, tenantId: string, patientId: string) {
  return db
    .select()
    .from(mpiMerges)
    .where(
      and(
        eq(mpiMerges.tenantId, tenantId),
        sql`(${mpiMerges.survivorId} = ${patientId} or ${mpiMerges.mergedId} = ${patientId})`,
      ),
    )
    .orderBy(desc(mpiMerges.createdAt));
}

/** Takes the tenant's matching lock: two imports must not each create the same new person. */
export async function lockMatching(tx: DbOrTx, tenantId: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${'mpi:' + tenantId}, 0))`);
}
