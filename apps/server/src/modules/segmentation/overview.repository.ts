import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@carebridge/db';

/** Aggregates over patient_values and the tier history for the dashboard: no individual leaves here. */

export async function tierTotals(tx: DbOrTx, tenantId: string) {
  const r = await tx.execute<{ tier: string; patients: number; revenue: string; equity: string }>(sql`
    SELECT tier, count(*)::int AS patients, coalesce(sum(revenue_window_fen), 0)::text AS revenue,
           coalesce(sum(clv_fen), 0)::text AS equity
    FROM patient_values WHERE tenant_id = ${tenantId} GROUP BY tier`);
  return r.rows.map((x) => ({
    tier: x.tier,
    patients: Number(x.patients),
    revenueFen: Number(x.revenue),
    equityFen: Number(x.equity),
  }));
}

export async function countsBy(tx: DbOrTx, tenantId: string, column: 'level' | 'churn') {
  const r = await tx.execute<{ key: string; patients: number }>(sql`
    SELECT ${sql.identifier(column)} AS key, count(*)::int AS patients
    FROM patient_values WHERE tenant_id = ${tenantId} GROUP BY 1`);
  return new Map(r.rows.map((x) => [x.key, Number(x.patients)]));
}

/** Revenue of each percentile of customers, best first (100 rows at most). */
export async function revenueByPercentile(tx: DbOrTx, tenantId: string) {
  const r = await tx.execute<{ bucket: number; revenue: string }>(sql`
    SELECT bucket, sum(revenue_window_fen)::text AS revenue FROM (
      SELECT revenue_window_fen, ntile(100) OVER (ORDER BY revenue_window_fen DESC) AS bucket
      FROM patient_values WHERE tenant_id = ${tenantId}) ranked
    GROUP BY bucket ORDER BY bucket`);
  return r.rows.map((x) => ({ bucket: Number(x.bucket), revenueFen: Number(x.revenue) }));
}

/** Tier changes per month (business time zone) since `since`. */
export async function tierMovements(tx: DbOrTx, tenantId: string, since: Date, timeZone: string) {
  const r = await tx.execute<{ month: string; from: string | null; to: string | null; patients: number }>(sql`
    SELECT to_char(changed_at AT TIME ZONE ${timeZone}, 'YYYY-MM') AS month, from_value AS "from",
           to_value AS "to", count(*)::int AS patients
    FROM patient_tier_history
    WHERE tenant_id = ${tenantId} AND dimension = 'tier' AND changed_at >= ${since}
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
  return r.rows.map((x) => ({ ...x, patients: Number(x.patients) }));
}
