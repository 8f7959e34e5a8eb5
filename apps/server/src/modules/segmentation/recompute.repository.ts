import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@carebridge/db';
import type { SegmentationPolicy, Tier } from '@carebridge/contracts';
import { arrayParam } from '../../platform/db/source-upsert';
import { anyARule, bByRule } from './tier-flags';

/**
 * The set-based recompute. Segmentation is a read model over the visits, charges, diagnoses and results:
 * it reads those tables (read-only, in bulk, as architecture §4 asks of heavy computations) and writes only
 * its own (patient_values, patient_tier_history). See docs/adr/0004-segmentation-read-model.md.
 *
 * Three steps in the caller's transaction:
 *  1. `collectStats`: one row per patient with the raw figures (visits, revenue, chronic conditions …);
 *  2. `measureCutoffs` (full runs only): the revenue percentiles and RFM quintile lines of everyone;
 *  3. `grade`: tiers, levels, RFM, CLV, churn, urgency and risk from the figures and the cut-offs,
 *     then history rows for what changed and an upsert that writes only rows whose values differ.
 * An event-driven update of a few patients runs 1 and 3 with the last full run's cut-offs, so one patient's
 * new visit grades them against the same lines as everyone else.
 */

/** Revenue percentiles kept (0.1% steps): "top 18%" can be told to a tenth of a percent. */
export const REVENUE_POINTS = 1000;

export interface Cutoffs {
  /** Ascending revenue (fen) at 0.1%, 0.2% … 100% of customers. */
  revenue: number[];
  /** The least revenue that fills the A quota after the customers who are A by rule (null: quota full). */
  aRevenueFen: number | null;
  /** The same for B, after A and the customers who are B by rule. */
  bRevenueFen: number | null;
  /** Quintile lines (20/40/60/80%) among customers with a visit. */
  recencyDays: number[];
  frequency: number[];
  monetary: number[];
}

export interface GradeParams {
  tenantId: string;
  now: Date;
  timeZone: string;
  windowStart: Date;
  policy: SegmentationPolicy;
  policyVersion: number;
  /** Σ r^(t−1)/(1+d)^t per tier (see domain clvFactor). */
  clvFactors: Record<Tier, number>;
}

export interface StatsScope {
  tenantId: string;
  now: Date;
  windowStart: Date;
  /** Start of the "visits a month" window of the A rule. */
  frequencyStart: Date;
  /** Start of the "recent results" window of need urgency. */
  resultsStart: Date;
  /** Only these patients (event-driven update); all when absent. */
  patientIds?: readonly string[];
}

const only = (column: SQL, ids?: readonly string[]) =>
  ids ? sql`AND ${column} = ANY(${arrayParam(ids, 'uuid')})` : sql``;

export async function collectStats(tx: DbOrTx, s: StatsScope): Promise<number> {
  await tx.execute(sql`DROP TABLE IF EXISTS seg_stats`);
  await tx.execute(sql`
    CREATE TEMP TABLE seg_stats ON COMMIT DROP AS
    SELECT p.id AS patient_id, p.tags, p.vip, p.health_manager_id,
      coalesce(e.visits_window, 0)::int AS visits_window,
      coalesce(e.visits_recent, 0)::int AS visits_recent,
      coalesce(e.visits_total, 0)::int AS visits_total,
      e.first_visit, e.last_visit,
      coalesce(e.no_shows, 0)::int + coalesce(a.no_shows, 0)::int AS no_shows,
      coalesce(c.revenue, 0)::bigint AS revenue,
      coalesce(c.max_checkup, 0)::bigint AS max_checkup,
      coalesce(d.chronic, 0)::int AS chronic,
      coalesce(d.chronic_codes, '{}') AS chronic_codes,
      coalesce(r.critical, 0)::int AS critical,
      coalesce(r.abnormal, 0)::int AS abnormal
    FROM patients p
    LEFT JOIN (
      SELECT patient_id,
        count(*) FILTER (WHERE status <> 'no_show' AND start_at >= ${s.windowStart}) AS visits_window,
        count(*) FILTER (WHERE status <> 'no_show' AND start_at >= ${s.frequencyStart}) AS visits_recent,
        count(*) FILTER (WHERE status <> 'no_show') AS visits_total,
        min(start_at) FILTER (WHERE status <> 'no_show') AS first_visit,
        max(start_at) FILTER (WHERE status <> 'no_show') AS last_visit,
        count(*) FILTER (WHERE status = 'no_show' AND start_at >= ${s.windowStart}) AS no_shows
      FROM encounters
      WHERE tenant_id = ${s.tenantId} AND status NOT IN ('cancelled', 'planned') AND start_at <= ${s.now}
        ${only(sql`patient_id`, s.patientIds)}
      GROUP BY patient_id
    ) e ON e.patient_id = p.id
    LEFT JOIN (
      SELECT patient_id, count(*) AS no_shows FROM appointments
      WHERE tenant_id = ${s.tenantId} AND status = 'no_show'
        AND start_at >= ${s.windowStart} AND start_at <= ${s.now} ${only(sql`patient_id`, s.patientIds)}
      GROUP BY patient_id
    ) a ON a.patient_id = p.id
    LEFT JOIN (
      SELECT patient_id, sum(amount_fen) AS revenue,
        max(amount_fen) FILTER (WHERE category = 'checkup_package') AS max_checkup
      FROM charges
      WHERE tenant_id = ${s.tenantId} AND charged_at >= ${s.windowStart} AND charged_at <= ${s.now}
        ${only(sql`patient_id`, s.patientIds)}
      GROUP BY patient_id
    ) c ON c.patient_id = p.id
    LEFT JOIN (
      SELECT patient_id, count(DISTINCT left(icd10_code, 3)) AS chronic,
             array_agg(DISTINCT left(icd10_code, 3)) AS chronic_codes FROM diagnoses
      WHERE tenant_id = ${s.tenantId} AND chronic ${only(sql`patient_id`, s.patientIds)}
      GROUP BY patient_id
    ) d ON d.patient_id = p.id
    LEFT JOIN (
      SELECT patient_id,
        count(*) FILTER (WHERE abnormal_flag IN ('HH', 'LL')) AS critical,
        count(*) FILTER (WHERE abnormal_flag NOT IN ('HH', 'LL')) AS abnormal
      FROM results
      WHERE tenant_id = ${s.tenantId} AND abnormal_flag IS NOT NULL AND abnormal_flag <> 'N'
        AND released_at >= ${s.resultsStart} AND released_at <= ${s.now} ${only(sql`patient_id`, s.patientIds)}
      GROUP BY patient_id
    ) r ON r.patient_id = p.id
    WHERE p.tenant_id = ${s.tenantId} AND p.merged_into IS NULL AND p.erased_at IS NULL AND NOT p.deceased
      ${only(sql`p.id`, s.patientIds)}`);
  // Temporary tables are never analysed automatically; the joins that follow need the row counts.
  await tx.execute(sql`ANALYZE seg_stats`);
  const n = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM seg_stats`);
  return Number(n.rows[0]!.n);
}

/** The lines everyone is graded against, from the whole population's figures. */
export async function measureCutoffs(
  tx: DbOrTx,
  now: Date,
  policy: SegmentationPolicy,
  only: 'all' | 'quotas' = 'all',
): Promise<Cutoffs> {
  if (only === 'quotas')
    return { revenue: [], recencyDays: [], frequency: [], monetary: [], ...(await quotaCutoffs(tx, policy)) };
  const points = Array.from({ length: REVENUE_POINTS }, (_, i) => (i + 1) / REVENUE_POINTS);
  const quintiles = [0.2, 0.4, 0.6, 0.8];
  const r = await tx.execute<Record<keyof Cutoffs, (string | number)[] | null>>(sql`
    SELECT
      percentile_disc(${arrayParam(points, 'float8')}) WITHIN GROUP (ORDER BY revenue) AS revenue,
      percentile_disc(${arrayParam(quintiles, 'float8')}) WITHIN GROUP (ORDER BY recency_days)
        FILTER (WHERE recency_days IS NOT NULL) AS "recencyDays",
      percentile_disc(${arrayParam(quintiles, 'float8')}) WITHIN GROUP (ORDER BY visits_window)
        FILTER (WHERE visits_total > 0) AS frequency,
      percentile_disc(${arrayParam(quintiles, 'float8')}) WITHIN GROUP (ORDER BY revenue)
        FILTER (WHERE visits_total > 0) AS monetary
    FROM (SELECT revenue, visits_window, visits_total,
                 floor(extract(epoch FROM (${now}::timestamptz - last_visit)) / 86400)::int AS recency_days
          FROM seg_stats) s`);
  const row = r.rows[0]!;
  const nums = (v: (string | number)[] | null, fallback: number[]) =>
    v ? v.map((x) => Number(x)) : fallback;
  const { aRevenueFen, bRevenueFen } = await quotaCutoffs(tx, policy);
  return {
    aRevenueFen,
    bRevenueFen,
    revenue: nums(row.revenue, new Array<number>(REVENUE_POINTS).fill(0)),
    recencyDays: nums(row.recencyDays, [0, 0, 0, 0]),
    frequency: nums(row.frequency, [0, 0, 0, 0]),
    monetary: nums(row.monetary, [0, 0, 0, 0]),
  };
}

/**
 * The revenue lines that fill the A and B quotas: A = the customers who are A by rule, then the highest
 * spenders among returning customers (first-timers are C whatever they spent) until A holds
 * `aRevenueTopShare` of all customers; B the same up to the A + B shares.
 */
async function quotaCutoffs(tx: DbOrTx, policy: SegmentationPolicy) {
  const { aRevenueTopShare: aShare, bRevenueNextShare: bShare } = policy.abc;
  const byRule = anyARule(policy);
  const counts = await tx.execute<{ n: number; a: number }>(sql`
    SELECT count(*)::int AS n, count(*) FILTER (WHERE ${byRule})::int AS a FROM seg_stats`);
  const n = Number(counts.rows[0]!.n);
  const quotaA = Math.round(aShare * n) - Number(counts.rows[0]!.a);
  const aRevenueFen = await nthRevenue(tx, sql`NOT ${byRule}`, quotaA);
  const inA = sql`(${byRule} OR (visits_total > 1 AND revenue > 0 AND revenue >= ${aRevenueFen}::bigint))`;
  const taken = await tx.execute<{ a: number; b: number }>(sql`
    SELECT count(*) FILTER (WHERE ${inA})::int AS a,
           count(*) FILTER (WHERE NOT coalesce(${inA}, false) AND ${bByRule(policy)})::int AS b FROM seg_stats`);
  const quotaB = Math.round((aShare + bShare) * n) - Number(taken.rows[0]!.a) - Number(taken.rows[0]!.b);
  const bRevenueFen = await nthRevenue(
    tx,
    sql`NOT coalesce(${inA}, false) AND NOT ${bByRule(policy)}`,
    quotaB,
  );
  return { aRevenueFen, bRevenueFen };
}

/** The revenue of the `rank`-th highest spender among those matching `where` (null when rank < 1). */
async function nthRevenue(tx: DbOrTx, where: SQL, rank: number): Promise<number | null> {
  if (rank < 1) return null;
  // (Not "revenue::text AS revenue": ORDER BY would then sort the text.)
  const r = await tx.execute<{ fen: string }>(sql`
    SELECT revenue::text AS fen FROM seg_stats WHERE revenue > 0 AND visits_total > 1 AND ${where}
    ORDER BY seg_stats.revenue DESC OFFSET ${rank - 1} LIMIT 1`);
  return r.rows[0] ? Number(r.rows[0].fen) : 1;
}
