import { z } from 'zod';

/**
 * The segmentation policy: every figure the documents give (20% / 60%, ≥ 2 visits a month, quarterly, the CLV
 * inputs) is a default the hospital can edit. Saved as a new version each time; the tiers say which version
 * graded them.
 */
export const TIERS = ['A', 'B', 'C'] as const;
export type Tier = (typeof TIERS)[number];
export const LEVELS = ['gold', 'silver', 'regular'] as const;
export type Level = (typeof LEVELS)[number];
/** Why a patient has their tier: the first rule that held (A by rule, first-timers, then the revenue quotas). */
export const TIER_RULES = [
  'frequency',
  'programme',
  'chronic',
  'premium_checkup',
  'revenue_top',
  'none',
  'new',
  'revenue_next',
  'quarterly',
  'low',
] as const;
export const LEVEL_RULES = [
  'gold_revenue',
  'gold_vip',
  'silver_revenue',
  'silver_visits',
  'silver_tier',
  'regular',
] as const;
export const CHURN_LEVELS = ['low', 'medium', 'high', 'unknown'] as const;
export type ChurnLevel = (typeof CHURN_LEVELS)[number];
export const SCORE_LEVELS = ['low', 'medium', 'high'] as const;
export type ScoreLevel = (typeof SCORE_LEVELS)[number];

const share = z.number().min(0).max(1);
const fen = z.number().int().min(0).max(1e13);
const count = z.number().int().min(0).max(10_000);
const tagList = z.array(z.string().trim().min(1).max(30)).max(30);
const perTier = <T extends z.ZodType>(s: T) => z.strictObject({ A: s, B: s, C: s });

export const abcPolicySchema = z
  .strictObject({
    /** A: the top share of customers by revenue in the window (documents: 20%). */
    aRevenueTopShare: share,
    /** A: at least this many visits a month on average over the last `aFrequencyMonths` (documents: 2). */
    aVisitsPerMonth: z.number().min(0.1).max(60),
    aFrequencyMonths: z.number().int().min(1).max(12),
    /** A: members of a chronic-disease management programme: patients carrying one of these tags … */
    aProgrammeTags: tagList,
    /** … or with a chronic diagnosis seen at least this often in the window (0 turns this off). */
    aChronicMinVisits: count,
    /** A: premium check-up buyers: one check-up package of at least this amount in the window (0 = off). */
    aPremiumCheckupFen: fen,
    /** B: the next share of customers by revenue (documents: 30%). */
    bRevenueNextShare: share,
    /** B: medium frequency: at least this many visits in the window (about quarterly: 4 a year). */
    bMinVisits: count,
  })
  .refine((p) => p.aRevenueTopShare + p.bRevenueNextShare <= 1, {
    message: 'tier_shares_over_100',
    path: ['bRevenueNextShare'],
  });

export const levelPolicySchema = z.strictObject({
  /** Gold (VIP channel, queue priority, expert booking): revenue in the window at least … */
  goldMinRevenueFen: fen,
  /** … or marked VIP by staff. */
  goldIncludesVip: z.boolean(),
  /** Silver (quarterly health care, check-up discounts): revenue at least … */
  silverMinRevenueFen: fen,
  /** … or at least this many visits in the window, or any tier listed here. */
  silverMinVisits: count,
  silverTiers: z.array(z.enum(TIERS)).max(3),
});

export const clvPolicySchema = z.strictObject({
  /** Years of future relationship counted (documents: lifetime; 5 keeps forecasts honest). */
  horizonYears: z.number().int().min(1).max(30),
  /** Yearly discount rate for present value. */
  discountRate: z.number().min(0).max(1),
  /** Gross margin on revenue (accumulated profit = margin × revenue). */
  margin: share,
  /** Chance a customer of each tier is still a customer a year later. */
  retention: perTier(share),
  /** Yearly cost of keeping a customer of each tier (calls, greetings, health manager time). */
  maintenanceCostFen: perTier(fen),
  /** Cost of acquiring a customer, charged to customers first seen within the window. */
  acquisitionCostFen: fen,
});

export const churnPolicySchema = z
  .strictObject({
    /** At risk when the time since the last visit exceeds this many usual intervals (documents: about 2). */
    highFactor: z.number().min(1).max(10),
    /** Watch when it exceeds this many (between 1 and highFactor). */
    mediumFactor: z.number().min(0.5).max(10),
    /** Fewer visits than this give no usual interval: the churn risk is "unknown". */
    minVisits: z.number().int().min(2).max(50),
  })
  .refine((c) => c.mediumFactor <= c.highFactor, { message: 'medium_above_high', path: ['mediumFactor'] });

export const scorePolicySchema = z
  .strictObject({
    /** Results released within this many days count as recent. */
    recentDays: z.number().int().min(1).max(730),
    criticalResultPoints: z.number().int().min(0).max(100),
    abnormalResultPoints: z.number().int().min(0).max(100),
    chronicConditionPoints: z.number().int().min(0).max(100),
    noShowPoints: z.number().int().min(0).max(100),
    /** Risk points for a churn risk of medium / high. */
    churnMediumPoints: z.number().int().min(0).max(100),
    churnHighPoints: z.number().int().min(0).max(100),
    /** A score at or above these is medium / high. */
    mediumFrom: z.number().int().min(1).max(100),
    highFrom: z.number().int().min(1).max(100),
  })
  .refine((c) => c.mediumFrom < c.highFrom, { message: 'medium_above_high', path: ['mediumFrom'] });

export const segmentationPolicySchema = z.strictObject({
  /** The trailing window of revenue and visits, in months (documents: 12). */
  windowMonths: z.number().int().min(1).max(36),
  abc: abcPolicySchema,
  levels: levelPolicySchema,
  clv: clvPolicySchema,
  churn: churnPolicySchema,
  scores: scorePolicySchema,
});
export type SegmentationPolicy = z.infer<typeof segmentationPolicySchema>;

/** The documents' figures (maintenance plan, outpatient CRM, CLV section). */
export const DEFAULT_SEGMENTATION_POLICY: SegmentationPolicy = {
  windowMonths: 12,
  abc: {
    aRevenueTopShare: 0.2,
    aVisitsPerMonth: 2,
    aFrequencyMonths: 3,
    aProgrammeTags: ['慢病管理'],
    aChronicMinVisits: 10,
    aPremiumCheckupFen: 300_000,
    bRevenueNextShare: 0.3,
    bMinVisits: 4,
  },
  levels: {
    goldMinRevenueFen: 2_000_000,
    goldIncludesVip: true,
    silverMinRevenueFen: 500_000,
    silverMinVisits: 6,
    silverTiers: ['A'],
  },
  clv: {
    horizonYears: 5,
    discountRate: 0.08,
    margin: 0.25,
    retention: { A: 0.85, B: 0.6, C: 0.3 },
    maintenanceCostFen: { A: 30_000, B: 10_000, C: 2_000 },
    acquisitionCostFen: 20_000,
  },
  churn: { highFactor: 2, mediumFactor: 1.5, minVisits: 3 },
  scores: {
    recentDays: 90,
    criticalResultPoints: 40,
    abnormalResultPoints: 10,
    chronicConditionPoints: 15,
    noShowPoints: 15,
    churnMediumPoints: 20,
    churnHighPoints: 45,
    mediumFrom: 30,
    highFrom: 60,
  },
};
