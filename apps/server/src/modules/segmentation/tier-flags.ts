import { sql, type SQL } from 'drizzle-orm';
import type { SegmentationPolicy } from '@carebridge/contracts';
import { arrayParam } from '../../platform/db/source-upsert';

/**
 * The tier rules that do not depend on rank, as SQL over seg_stats' columns. A is a quota (documents: about
 * 20% of customers): high-frequency, programme, long-term chronic and premium check-up customers are A by
 * right, and the highest spenders fill the rest of the quota; B likewise (quarterly by right, then revenue).
 */
export function aByRule(p: SegmentationPolicy): {
  frequency: SQL;
  programme: SQL;
  chronic: SQL;
  premium: SQL;
} {
  const a = p.abc;
  return {
    frequency: sql`visits_recent >= ${a.aVisitsPerMonth * a.aFrequencyMonths}::float8`,
    programme: sql`tags && ${arrayParam(a.aProgrammeTags, 'text')}`,
    chronic: sql`(${a.aChronicMinVisits}::int > 0 AND chronic > 0 AND visits_window >= ${a.aChronicMinVisits}::int)`,
    premium: sql`(${a.aPremiumCheckupFen}::bigint > 0 AND max_checkup >= ${a.aPremiumCheckupFen}::bigint)`,
  };
}

export function anyARule(p: SegmentationPolicy): SQL {
  const r = aByRule(p);
  return sql`(${r.frequency} OR ${r.programme} OR ${r.chronic} OR ${r.premium})`;
}

export const bByRule = (p: SegmentationPolicy): SQL => sql`visits_window >= ${p.abc.bMinVisits}::int`;
