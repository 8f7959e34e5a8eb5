import { and, desc, eq, sql } from 'drizzle-orm';
import { schema, type DbOrTx } from '@carebridge/db';
import { arrayParam } from '../../platform/db/source-upsert';

const { mpiMatchKeys, mpiReviews, mpiMerges } = schema;
export type ReviewRow = typeof mpiReviews.$inferSelect;
export type MergeRow = typeof mpiMerges.$inferSelect;

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

/** People sharing any of these keys, with the keys they share (active records only). */
export async function candidatesByKeys(
  tx: DbOrTx,
  tenantId: string,
  keyHashes: readonly number[],
): Promise<{ keyHash: number; patientId: string }[]> {
  if (!keyHashes.length) return [];
  const r = await tx.execute<{ key_hash: number; patient_id: string }>(sql`
    SELECT k.key_hash, k.patient_id FROM mpi_match_keys k
    WHERE k.tenant_id = ${tenantId} AND k.key_hash = ANY(${arrayParam(keyHashes, 'int8')})`);
  return r.rows.map((row) => ({ keyHash: Number(row.key_hash), patientId: row.patient_id }));
}

/** Patients that have no keys yet (loaded before the index existed, e.g. the demo data): a page of ids. */
export async function patientsWithoutKeys(tx: DbOrTx, tenantId: string, limit: number): Promise<string[]> {
  const r = await tx.execute<{ id: string }>(sql`
    SELECT p.id FROM patients p WHERE p.tenant_id = ${tenantId} AND p.merged_into IS NULL AND p.erased_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM mpi_match_keys k WHERE k.patient_id = p.id) ORDER BY p.id LIMIT ${limit}`);
  return r.rows.map((x) => x.id);
}

export async function insertReviews(tx: DbOrTx, rows: (typeof mpiReviews.$inferInsert)[]) {
  if (!rows.length) return;
  await tx.insert(mpiReviews).values(rows).onConflictDoNothing();
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
