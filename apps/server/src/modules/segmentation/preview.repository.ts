import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@carebridge/db';

/**
 * A policy preview grades the figures stored by the last recompute (no visit or charge is read again), so
 * it answers in seconds at a million patients. It writes nothing but temporary tables.
 */
export async function statsFromValues(tx: DbOrTx, tenantId: string): Promise<number> {
  await tx.execute(sql`DROP TABLE IF EXISTS seg_stats`);
  await tx.execute(sql`
    CREATE TEMP TABLE seg_stats ON COMMIT DROP AS
    SELECT v.patient_id, v.tags, v.vip, v.chronic_codes, v.visits_window, v.visits_recent,
           v.visits_total, v.first_visit_at AS first_visit, v.last_visit_at AS last_visit,
           v.no_shows::int AS no_shows, v.revenue_window_fen AS revenue, v.max_checkup_fen AS max_checkup,
           v.chronic_conditions::int AS chronic, v.critical_results::int AS critical,
           v.abnormal_results::int AS abnormal
    FROM patient_values v
    WHERE v.tenant_id = ${tenantId}`);
  await tx.execute(sql`ANALYZE seg_stats`);
  const n = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM seg_stats`);
  return Number(n.rows[0]!.n);
}

/** From → to counts of tiers and of levels between the stored grades and seg_new, in one join. */
export async function movementMatrix(tx: DbOrTx) {
  const r = await tx.execute<{
    tier_from: string | null;
    tier_to: string | null;
    level_from: string | null;
    level_to: string | null;
    patients: number;
  }>(sql`
    SELECT o.tier AS tier_from, n.tier AS tier_to, o.level AS level_from, n.level AS level_to,
           count(*)::int AS patients
    FROM seg_new n LEFT JOIN patient_values o ON o.patient_id = n.patient_id
    GROUP BY GROUPING SETS ((o.tier, n.tier), (o.level, n.level))`);
  const cells = (from: 'tier_from' | 'level_from', to: 'tier_to' | 'level_to') =>
    r.rows
      .filter((x) => x[to] !== null)
      .map((x) => ({ from: x[from], to: x[to]!, patients: Number(x.patients) }))
      .sort((a, b) => `${a.from}${a.to}`.localeCompare(`${b.from}${b.to}`));
  return { tiers: cells('tier_from', 'tier_to'), levels: cells('level_from', 'level_to') };
}

export async function distributionAfter(tx: DbOrTx) {
  const r = await tx.execute<{ tier: string; patients: number; revenue: string }>(sql`
    SELECT tier, count(*)::int AS patients, coalesce(sum(revenue), 0)::text AS revenue
    FROM seg_new GROUP BY tier ORDER BY tier`);
  return r.rows.map((x) => ({ tier: x.tier, patients: Number(x.patients), revenueFen: Number(x.revenue) }));
}

/** A few patients whose tier would change, with what explains the new tier. */
export async function movedExamples(tx: DbOrTx, limit: number) {
  const r = await tx.execute<{
    patient_id: string;
    name: string;
    from: string | null;
    to: string;
    tier_rule: string;
    revenue: string;
    rank_share: number;
    visits_window: number;
    visits_recent: number;
    chronic: number;
  }>(sql`
    SELECT n.patient_id, p.name, o.tier AS "from", n.tier AS "to", n.tier_rule, n.revenue::text AS revenue,
           n.rank_share, n.visits_window, n.visits_recent, n.chronic
    FROM seg_new n JOIN patient_values o ON o.patient_id = n.patient_id JOIN patients p ON p.id = n.patient_id
    WHERE o.tier <> n.tier
    ORDER BY n.revenue DESC, n.patient_id LIMIT ${limit}`);
  return r.rows;
}
