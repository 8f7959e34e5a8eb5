import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@carebridge/db';
import { arrayParam } from '../../platform/db/source-upsert';
import { aByRule, bByRule } from './tier-flags';
import { REVENUE_POINTS, type Cutoffs, type GradeParams } from './recompute.repository';

/** The tier rule that holds first (see TIER_RULES), over seg_stats' columns. */
function tierRuleOf(g: GradeParams, c: Cutoffs) {
  const rule = aByRule(g.policy);
  return sql`CASE
      WHEN ${rule.frequency} THEN 'frequency'
      WHEN ${rule.programme} THEN 'programme'
      WHEN ${rule.chronic} THEN 'chronic'
      WHEN ${rule.premium} THEN 'premium_checkup'
      WHEN visits_total = 0 THEN 'none'
      WHEN visits_total = 1 THEN 'new'
      WHEN revenue > 0 AND revenue >= ${c.aRevenueFen}::bigint THEN 'revenue_top'
      WHEN revenue > 0 AND revenue >= ${c.bRevenueFen}::bigint THEN 'revenue_next'
      WHEN ${bByRule(g.policy)} THEN 'quarterly'
      ELSE 'low'
    END`;
}

const TIER_OF_RULE = sql`CASE
    WHEN tier_rule IN ('revenue_top', 'frequency', 'programme', 'chronic', 'premium_checkup') THEN 'A'
    WHEN tier_rule IN ('revenue_next', 'quarterly') THEN 'B' ELSE 'C' END`;

/** The level rule that holds first (needs `tier`); the level is its first word. */
function levelRuleOf(g: GradeParams) {
  const l = g.policy.levels;
  return sql`CASE
      WHEN revenue >= ${l.goldMinRevenueFen}::bigint THEN 'gold_revenue'
      WHEN ${l.goldIncludesVip}::boolean AND vip THEN 'gold_vip'
      WHEN revenue >= ${l.silverMinRevenueFen}::bigint THEN 'silver_revenue'
      WHEN visits_window >= ${l.silverMinVisits}::int THEN 'silver_visits'
      WHEN tier = ANY(${arrayParam(l.silverTiers, 'text')}) THEN 'silver_tier'
      ELSE 'regular' END`;
}

const LEVEL_OF_RULE = sql`split_part(level_rule, '_', 1)`;

/**
 * Tiers and levels only, into seg_new (a temporary table dropped at commit): what a policy preview compares.
 */
export async function gradeTiers(tx: DbOrTx, g: GradeParams, c: Cutoffs): Promise<void> {
  await tx.execute(sql`DROP TABLE IF EXISTS seg_new`);
  await tx.execute(sql`
    CREATE TEMP TABLE seg_new ON COMMIT DROP AS
    WITH ruled AS (
      SELECT patient_id, vip, revenue, visits_window, visits_recent, chronic,
             cume_dist() OVER (ORDER BY revenue DESC) AS rank_share, ${tierRuleOf(g, c)} AS tier_rule
      FROM seg_stats
    ), tiered AS (SELECT ruled.*, ${TIER_OF_RULE} AS tier FROM ruled),
    leveled AS (SELECT tiered.*, ${levelRuleOf(g)} AS level_rule FROM tiered)
    SELECT patient_id, tier, tier_rule, ${LEVEL_OF_RULE} AS level, level_rule, revenue, rank_share,
           visits_window, visits_recent, chronic
    FROM leveled`);
  await tx.execute(sql`ANALYZE seg_new`);
}

/**
 * Grades every patient in seg_stats into seg_new (a temporary table dropped at commit). All figures come
 * from the policy and the cut-offs as bind parameters.
 */
export async function gradeStats(
  tx: DbOrTx,
  g: GradeParams,
  c: Cutoffs,
  rank: 'everyone' | 'cutoffs',
): Promise<void> {
  const { clv, churn, scores } = g.policy;
  const yearly = 12 / g.policy.windowMonths;
  const perTier = (v: Record<'A' | 'B' | 'C', number>) =>
    sql`CASE tier WHEN 'A' THEN ${v.A}::float8 WHEN 'B' THEN ${v.B}::float8 ELSE ${v.C}::float8 END`;
  await tx.execute(sql`DROP TABLE IF EXISTS seg_new`);
  await tx.execute(sql`
    CREATE TEMP TABLE seg_new ON COMMIT DROP AS
    WITH s AS (
      SELECT st.*,
        ${rankShare(rank, c)} AS rank_share,
        CASE WHEN last_visit IS NULL THEN NULL
             ELSE floor(extract(epoch FROM (${g.now}::timestamptz - last_visit)) / 86400)::int END AS recency_days,
        CASE WHEN visits_total >= ${churn.minVisits}::int
             THEN greatest(1, extract(epoch FROM (last_visit - first_visit)) / 86400.0 / (visits_total - 1))
        END AS interval_days,
        ${tierRuleOf(g, c)} AS tier_rule
      FROM seg_stats st
    ), tiered AS (
      SELECT s.*, ${TIER_OF_RULE} AS tier,
        CASE WHEN interval_days IS NULL THEN 'unknown'
             WHEN recency_days > ${churn.highFactor}::float8 * interval_days THEN 'high'
             WHEN recency_days > ${churn.mediumFactor}::float8 * interval_days THEN 'medium'
             ELSE 'low' END AS churn
      FROM s
    ), leveled AS (SELECT tiered.*, ${levelRuleOf(g)} AS level_rule FROM tiered)
    SELECT t.patient_id, t.health_manager_id, t.tier, t.tier_rule, ${LEVEL_OF_RULE} AS level, t.level_rule,
      t.visits_window, t.visits_recent, t.visits_total, t.revenue, t.rank_share::real AS rank_share,
      t.first_visit, t.last_visit, t.interval_days::real AS interval_days,
      CASE WHEN t.last_visit IS NULL THEN 1
           ELSE 5 - width_bucket(t.recency_days::float8, ${arrayParam(c.recencyDays, 'float8')}) END::smallint AS rfm_r,
      CASE WHEN t.visits_total = 0 THEN 1
           ELSE 1 + width_bucket(t.visits_window::float8, ${arrayParam(c.frequency, 'float8')}) END::smallint AS rfm_f,
      CASE WHEN t.visits_total = 0 THEN 1
           ELSE 1 + width_bucket(t.revenue::float8, ${arrayParam(c.monetary, 'float8')}) END::smallint AS rfm_m,
      round(${perTier(g.clvFactors)} * (${clv.margin}::float8 * t.revenue * ${yearly}::float8
              - ${perTier(clv.maintenanceCostFen)})
            - CASE WHEN t.first_visit >= ${g.windowStart}::timestamptz
                   THEN ${clv.acquisitionCostFen}::float8 ELSE 0 END)::bigint AS clv_fen,
      t.churn,
      CASE WHEN t.interval_days IS NULL THEN NULL
           ELSE ((t.last_visit + make_interval(secs => t.interval_days * 86400))
                 AT TIME ZONE ${g.timeZone})::date END AS expected_by,
      least(100, t.critical * ${scores.criticalResultPoints}::int + t.abnormal * ${scores.abnormalResultPoints}::int
                 + t.chronic * ${scores.chronicConditionPoints}::int)::smallint AS urgency,
      least(100, t.no_shows * ${scores.noShowPoints}::int
                 + CASE t.churn WHEN 'high' THEN ${scores.churnHighPoints}::int
                                WHEN 'medium' THEN ${scores.churnMediumPoints}::int ELSE 0 END)::smallint AS risk,
      t.chronic, t.critical, t.abnormal, t.no_shows, t.max_checkup, t.tags, t.vip, t.chronic_codes
    FROM leveled t`);
  await tx.execute(sql`ANALYZE seg_new`);
}

/**
 * Share of customers ranked at or above each patient by revenue: exact over everyone in a full run (one
 * sort), from the last full run's percentiles when a few patients are graded between runs.
 */
function rankShare(rank: 'everyone' | 'cutoffs', c: Cutoffs) {
  if (rank === 'everyone') return sql`cume_dist() OVER (ORDER BY revenue DESC)`;
  return sql`greatest(${1 / REVENUE_POINTS}::float8,
    1 - width_bucket((revenue - 1)::float8, ${arrayParam(c.revenue, 'float8')}) / ${REVENUE_POINTS}::float8)`;
}

export interface TierChange {
  patientId: string;
  healthManagerId: string;
  name: string;
  from: string;
  to: string;
  rule: string;
  revenueFen: number;
  rankShare: number;
  visitsWindow: number;
  visitsRecent: number;
  chronic: number;
  maxCheckupFen: number;
}

/**
 * Writes a history row for every tier or level that differs from the stored one, and returns the tier
 * changes into or out of A of patients who have a health manager. A first grading is not a change: it is
 * the patient's value row itself (computed_at says when), so the first run over a million patients does not
 * write two million history rows.
 */
export async function recordChanges(
  tx: DbOrTx,
  g: GradeParams,
): Promise<{ history: number; notices: TierChange[] }> {
  const h = await tx.execute(sql`
    INSERT INTO patient_tier_history
      (id, tenant_id, patient_id, dimension, from_value, to_value, rule, policy_version, changed_at)
    SELECT uuid_v7(), ${g.tenantId}, n.patient_id, d.dimension, d.from_value, d.to_value, d.rule,
           ${g.policyVersion}, ${g.now}
    FROM seg_new n JOIN patient_values o ON o.patient_id = n.patient_id
    CROSS JOIN LATERAL (VALUES ('tier', o.tier, n.tier, n.tier_rule),
                               ('level', o.level, n.level, n.level_rule)) d(dimension, from_value, to_value, rule)
    WHERE d.from_value IS DISTINCT FROM d.to_value`);
  const r = await tx.execute<{
    patient_id: string;
    health_manager_id: string;
    name: string;
    from: string;
    to: string;
    rule: string;
    revenue: string | number;
    rank_share: number;
    visits_window: number;
    visits_recent: number;
    chronic: number;
    max_checkup: string | number;
  }>(sql`
    SELECT n.patient_id, n.health_manager_id, p.name, o.tier AS "from", n.tier AS "to", n.tier_rule AS rule,
           n.revenue, n.rank_share, n.visits_window, n.visits_recent, n.chronic, n.max_checkup
    FROM seg_new n JOIN patient_values o ON o.patient_id = n.patient_id JOIN patients p ON p.id = n.patient_id
    WHERE n.health_manager_id IS NOT NULL AND o.tier <> n.tier AND (o.tier = 'A' OR n.tier = 'A')`);
  return {
    history: h.rowCount ?? 0,
    notices: r.rows.map((x) => ({
      patientId: x.patient_id,
      healthManagerId: x.health_manager_id,
      name: x.name,
      from: x.from,
      to: x.to,
      rule: x.rule,
      revenueFen: Number(x.revenue),
      rankShare: Number(x.rank_share),
      visitsWindow: Number(x.visits_window),
      visitsRecent: Number(x.visits_recent),
      chronic: Number(x.chronic),
      maxCheckupFen: Number(x.max_checkup),
    })),
  };
}

const VALUE_COLUMNS = [
  'tier',
  'tier_rule',
  'level',
  'level_rule',
  'visits_window',
  'visits_recent',
  'visits_total',
  'revenue_window_fen',
  'revenue_rank_share',
  'first_visit_at',
  'last_visit_at',
  'usual_interval_days',
  'rfm_r',
  'rfm_f',
  'rfm_m',
  'clv_fen',
  'churn',
  'expected_by',
  'urgency',
  'risk',
  'chronic_conditions',
  'critical_results',
  'abnormal_results',
  'no_shows',
  'max_checkup_fen',
  'tags',
  'vip',
  'chronic_codes',
  'policy_version',
] as const;

/**
 * Stores the grades that differ from the stored ones (found with one hash join, not a probe per row), so a
 * second run with nothing new writes nothing.
 */
export async function storeGrades(tx: DbOrTx, g: GradeParams): Promise<number> {
  const cols = sql.raw(VALUE_COLUMNS.join(', '));
  const incoming = sql.raw(VALUE_COLUMNS.map((c) => `n.${c}`).join(', '));
  const stored = sql.raw(VALUE_COLUMNS.map((c) => `o.${c}`).join(', '));
  const set = sql.raw(VALUE_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', '));
  const r = await tx.execute(sql`
    INSERT INTO patient_values (patient_id, tenant_id, computed_at, ${cols})
    SELECT n.patient_id, ${g.tenantId}, ${g.now}, ${incoming}
    FROM (
      SELECT patient_id, tier, tier_rule, level, level_rule, visits_window, visits_recent, visits_total,
             revenue AS revenue_window_fen, rank_share AS revenue_rank_share, first_visit AS first_visit_at,
             last_visit AS last_visit_at, interval_days AS usual_interval_days, rfm_r, rfm_f, rfm_m, clv_fen,
             churn, expected_by, urgency, risk, chronic::smallint AS chronic_conditions,
             critical::smallint AS critical_results, abnormal::smallint AS abnormal_results,
             no_shows::smallint AS no_shows, max_checkup AS max_checkup_fen, tags, vip, chronic_codes,
             ${g.policyVersion}::int AS policy_version
      FROM seg_new) n
    LEFT JOIN patient_values o ON o.patient_id = n.patient_id
    WHERE o.patient_id IS NULL OR (${stored}) IS DISTINCT FROM (${incoming})
    ON CONFLICT (patient_id) DO UPDATE SET ${set}, computed_at = EXCLUDED.computed_at`);
  return r.rowCount ?? 0;
}

/**
 * Fresh planner statistics after a full run rewrote the table: segment counts join it with the visits and
 * diagnoses, and a plan made on the old (or empty) statistics can be ten times slower.
 */
export async function analyseGrades(tx: DbOrTx) {
  await tx.execute(sql`ANALYZE patient_values`);
}

/** Patients no longer graded (merged, anonymised, deceased) lose their value row. */
export async function dropUngraded(tx: DbOrTx, tenantId: string, patientIds?: readonly string[]) {
  const scope = patientIds ? sql`AND v.patient_id = ANY(${arrayParam(patientIds, 'uuid')})` : sql``;
  await tx.execute(sql`
    DELETE FROM patient_values v WHERE v.tenant_id = ${tenantId} ${scope}
      AND NOT EXISTS (SELECT 1 FROM seg_stats s WHERE s.patient_id = v.patient_id)`);
}
