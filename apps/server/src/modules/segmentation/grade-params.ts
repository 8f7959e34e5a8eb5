import { TIERS, type SegmentationPolicy, type Tier } from '@carebridge/contracts';
import { clvFactor } from '@carebridge/domain';
import { monthsBefore } from './months';
import type { GradeParams } from './recompute.repository';

/** The periods a policy reads at `now`: revenue and visits, the "visits a month" rule, recent results. */
export function windowsOf(policy: SegmentationPolicy, now: Date) {
  return {
    windowStart: monthsBefore(now, policy.windowMonths),
    frequencyStart: monthsBefore(now, policy.abc.aFrequencyMonths),
    resultsStart: new Date(now.getTime() - policy.scores.recentDays * 86_400_000),
  };
}

/** Everything a grading needs from the policy at `now` (full runs, event-driven updates and previews alike). */
export function gradeParams(
  tenantId: string,
  now: Date,
  timeZone: string,
  policyVersion: number,
  policy: SegmentationPolicy,
): GradeParams {
  const { retention, discountRate, horizonYears } = policy.clv;
  const clvFactors = Object.fromEntries(
    TIERS.map((t) => [t, clvFactor(retention[t], discountRate, horizonYears)]),
  ) as Record<Tier, number>;
  const { windowStart } = windowsOf(policy, now);
  return { tenantId, now, timeZone, windowStart, policy, policyVersion, clvFactors };
}
