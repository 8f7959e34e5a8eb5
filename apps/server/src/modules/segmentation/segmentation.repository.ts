import { and, desc, eq, sql } from 'drizzle-orm';
import { schema, type DbOrTx } from '@carebridge/db';
import { arrayParam } from '../../platform/db/source-upsert';
import type { Cutoffs } from './recompute.repository';

const { segmentationPolicies, segmentationRuns, patientValues, patientTierHistory } = schema;
export type PolicyRow = typeof segmentationPolicies.$inferSelect;
export type RunRow = typeof segmentationRuns.$inferSelect;
export type ValueRow = typeof patientValues.$inferSelect;

// ---------------------------------------------------------------------------------------------------
// Policies and runs

export async function latestPolicy(tx: DbOrTx, tenantId: string): Promise<PolicyRow | undefined> {
  const [row] = await tx
    .select()
    .from(segmentationPolicies)
    .where(eq(segmentationPolicies.tenantId, tenantId))
    .orderBy(desc(segmentationPolicies.version))
    .limit(1);
  return row;
}

export async function policyHistory(tx: DbOrTx, tenantId: string, limit = 50) {
  return tx
    .select()
    .from(segmentationPolicies)
    .where(eq(segmentationPolicies.tenantId, tenantId))
    .orderBy(desc(segmentationPolicies.version))
    .limit(limit);
}

/** Serialises policy saves of a tenant (the version check and the insert happen under it). */
export async function lockPolicies(tx: DbOrTx, tenantId: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('segmentation.policy'), hashtext(${tenantId}))`);
}

export async function insertPolicy(tx: DbOrTx, row: typeof segmentationPolicies.$inferInsert) {
  await tx.insert(segmentationPolicies).values(row);
}

/** One recompute at a time per tenant: a second waits (they would only repeat each other's work). */
export async function lockRecompute(tx: DbOrTx, tenantId: string) {
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtext('segmentation.recompute'), hashtext(${tenantId}))`,
  );
}

/**
 * Memory for the run's sorts and hash aggregates (a million patients need more than the 4 MB default, which
 * would spill them to disk), for this transaction only.
 */
export async function sizeForBulk(tx: DbOrTx) {
  await tx.execute(sql`SET LOCAL work_mem = '256MB'`);
}

export async function insertRun(tx: DbOrTx, row: typeof segmentationRuns.$inferInsert) {
  await tx.insert(segmentationRuns).values(row);
}

export async function latestRun(
  tx: DbOrTx,
  tenantId: string,
): Promise<(RunRow & { cutoffs: Cutoffs }) | undefined> {
  const [row] = await tx
    .select()
    .from(segmentationRuns)
    .where(eq(segmentationRuns.tenantId, tenantId))
    .orderBy(desc(segmentationRuns.createdAt), desc(segmentationRuns.id))
    .limit(1);
  return row as (RunRow & { cutoffs: Cutoffs }) | undefined;
}

// ---------------------------------------------------------------------------------------------------
// Patients waiting for an event-driven update

export async function markDirty(tx: DbOrTx, tenantId: string, patientIds: readonly string[]) {
  if (!patientIds.length) return;
  await tx.execute(sql`
    INSERT INTO segmentation_dirty (tenant_id, patient_id)
    SELECT ${tenantId}, id FROM unnest(${arrayParam([...new Set(patientIds)], 'uuid')}) AS u(id)
    ON CONFLICT DO NOTHING`);
}

/** Takes up to `limit` waiting patients (removed in the caller's transaction: a failed run puts them back). */
export async function takeDirty(tx: DbOrTx, tenantId: string, limit: number): Promise<string[]> {
  const r = await tx.execute<{ patient_id: string }>(sql`
    DELETE FROM segmentation_dirty WHERE (tenant_id, patient_id) IN (
      SELECT tenant_id, patient_id FROM segmentation_dirty WHERE tenant_id = ${tenantId}
      LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING patient_id`);
  return r.rows.map((x) => x.patient_id);
}

// ---------------------------------------------------------------------------------------------------
// Reading values and history

export async function valueOf(
  tx: DbOrTx,
  tenantId: string,
  patientId: string,
): Promise<ValueRow | undefined> {
  const [row] = await tx
    .select()
    .from(patientValues)
    .where(and(eq(patientValues.tenantId, tenantId), eq(patientValues.patientId, patientId)));
  return row;
}

export async function historyOf(tx: DbOrTx, tenantId: string, patientId: string, limit = 50) {
  return tx
    .select()
    .from(patientTierHistory)
    .where(and(eq(patientTierHistory.tenantId, tenantId), eq(patientTierHistory.patientId, patientId)))
    .orderBy(desc(patientTierHistory.changedAt), desc(patientTierHistory.id))
    .limit(limit);
}
