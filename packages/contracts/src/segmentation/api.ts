import { z } from 'zod';
import { segmentFilterSchema } from './filter';
import {
  CHURN_LEVELS,
  LEVEL_RULES,
  LEVELS,
  SCORE_LEVELS,
  TIER_RULES,
  TIERS,
  segmentationPolicySchema,
} from './policy';

const timestamp = z.iso.datetime({ offset: true });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

// ---------------------------------------------------------------------------------------------------
// One patient's value

export const patientValueResponse = z.object({
  patientId: z.uuid(),
  /** Null until the first recompute has graded the patient (or when merged, anonymised or deceased). */
  computedAt: timestamp.nullable(),
  policyVersion: z.number().int().nullable(),
  tier: z.enum(TIERS).nullable(),
  level: z.enum(LEVELS).nullable(),
  rfm: z
    .object({
      recency: z.number().int().min(1).max(5),
      frequency: z.number().int().min(1).max(5),
      monetary: z.number().int().min(1).max(5),
      /** Days since the last visit; null when there has been none. */
      recencyDays: z.number().int().nullable(),
      visits: z.number().int(),
      revenueFen: z.number().int(),
      /** Rank by revenue in the window, as the share of customers at or above it (0.18 = top 18%). */
      revenueRankShare: z.number(),
    })
    .nullable(),
  clv: z
    .object({ valueFen: z.number().int(), retention: z.number(), horizonYears: z.number().int() })
    .nullable(),
  churnRisk: z
    .object({
      level: z.enum(CHURN_LEVELS),
      usualIntervalDays: z.number().nullable(),
      lastVisitOn: day.nullable(),
      expectedBy: day.nullable(),
      overdueDays: z.number().int().nullable(),
    })
    .nullable(),
  urgency: z.object({ score: z.number().int(), level: z.enum(SCORE_LEVELS) }).nullable(),
  risk: z.object({ score: z.number().int(), level: z.enum(SCORE_LEVELS) }).nullable(),
  /** Sentences a health manager understands, in the caller's language. */
  explanation: z.object({
    tier: z.string(),
    level: z.string(),
    rfm: z.string(),
    clv: z.string(),
    churnRisk: z.string(),
    urgency: z.string(),
    risk: z.string(),
  }),
});
export type PatientValue = z.infer<typeof patientValueResponse>;

export const tierHistoryResponse = z.object({
  items: z.array(
    z.object({
      dimension: z.enum(['tier', 'level']),
      from: z.string().nullable(),
      to: z.string().nullable(),
      rule: z.enum([...TIER_RULES, ...LEVEL_RULES]),
      policyVersion: z.number().int(),
      changedAt: timestamp,
    }),
  ),
});

// ---------------------------------------------------------------------------------------------------
// Recompute and overview

export const recomputeResponse = z.object({ jobId: z.string() });

export const overviewResponse = z.object({
  computedAt: timestamp.nullable(),
  policyVersion: z.number().int().nullable(),
  windowMonths: z.number().int(),
  customers: z.number().int(),
  revenueFen: z.number().int(),
  equityFen: z.number().int(),
  tiers: z.array(
    z.object({
      tier: z.enum(TIERS),
      patients: z.number().int(),
      share: z.number(),
      revenueFen: z.number().int(),
      revenueShare: z.number(),
      equityFen: z.number().int(),
    }),
  ),
  levels: z.array(z.object({ level: z.enum(LEVELS), patients: z.number().int(), share: z.number() })),
  churn: z.array(z.object({ level: z.enum(CHURN_LEVELS), patients: z.number().int() })),
  /** Share of customers (by revenue rank) against share of revenue, 0 → 1 in 1% steps. */
  pareto: z.array(z.object({ customerShare: z.number(), revenueShare: z.number() })),
  /** The 80/20 figure: revenue share of the top 20% of customers. */
  top20RevenueShare: z.number(),
  /** Tier changes per month over the last 12 months. */
  movements: z.array(
    z.object({
      month: z.string(),
      from: z.enum(TIERS).nullable(),
      to: z.enum(TIERS).nullable(),
      patients: z.number().int(),
    }),
  ),
});
export type SegmentationOverview = z.infer<typeof overviewResponse>;

// ---------------------------------------------------------------------------------------------------
// Policies

export const policyVersionSchema = z.object({
  version: z.number().int(),
  policy: segmentationPolicySchema,
  note: z.string().nullable(),
  createdAt: timestamp.nullable(),
  /** The user id; createdByName is their display name (null for the defaults or a removed account). */
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export const policiesResponse = z.object({
  current: policyVersionSchema,
  history: z.array(policyVersionSchema.omit({ policy: true })),
});
export const policyPutRequest = z.strictObject({
  policy: segmentationPolicySchema,
  /** The version the editor started from; a stale one is refused (someone saved in between). */
  baseVersion: z.number().int().min(0),
  note: z.string().trim().max(200).optional(),
});
export const policyPutResponse = z.object({ version: z.number().int(), jobId: z.string().nullable() });
export const policyPreviewRequest = z.strictObject({ policy: segmentationPolicySchema });

const movementCell = z.object({
  from: z.string().nullable(),
  to: z.string(),
  patients: z.number().int(),
});
export const policyPreviewResponse = z.object({
  /** The figures the preview used: the patients' metrics as of the last recompute. */
  asOf: timestamp.nullable(),
  customers: z.number().int(),
  tiers: z.array(movementCell),
  levels: z.array(movementCell),
  moved: z.object({ tier: z.number().int(), level: z.number().int() }),
  after: z.array(z.object({ tier: z.enum(TIERS), patients: z.number().int(), revenueShare: z.number() })),
  /** A few patients who would move, names masked (张*), with the new explanation. */
  examples: z.array(
    z.object({
      patientId: z.uuid(),
      maskedName: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      explanation: z.string(),
    }),
  ),
  milliseconds: z.number().int(),
});

// ---------------------------------------------------------------------------------------------------
// Segments

export const SEGMENT_KINDS = ['dynamic', 'snapshot'] as const;
export const segmentCountRequest = z.strictObject({ filter: segmentFilterSchema });
export const segmentCountResponse = z.object({ count: z.number().int(), milliseconds: z.number().int() });

export const segmentCreateRequest = z.strictObject({
  name: z.string().trim().min(1).max(60),
  description: z.string().trim().max(500).optional(),
  kind: z.enum(SEGMENT_KINDS),
  filter: segmentFilterSchema,
});
export const segmentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  kind: z.enum(SEGMENT_KINDS),
  filter: segmentFilterSchema,
  /** Dynamic: the count now; snapshot: the members frozen at creation. */
  count: z.number().int(),
  /** The user id; createdByName is their display name (null when saved by a token or a removed account). */
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: timestamp,
  frozenAt: timestamp.nullable(),
});
export type Segment = z.infer<typeof segmentSchema>;
export const segmentListResponse = z.object({ items: z.array(segmentSchema) });

export const segmentMembersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const segmentMembersResponse = z.object({
  items: z.array(
    z.object({
      patientId: z.uuid(),
      name: z.string(),
      gender: z.enum(['male', 'female', 'unknown']),
      age: z.number().int().nullable(),
      phoneMasked: z.string().nullable(),
      tier: z.enum(TIERS).nullable(),
      level: z.enum(LEVELS).nullable(),
      revenueFen: z.number().int().nullable(),
    }),
  ),
  total: z.number().int(),
});

// ---------------------------------------------------------------------------------------------------
// Staff inbox (tier changes of one's own patients; later issues add tasks and alerts)

export const NOTIFICATION_KINDS = ['tier_change'] as const;
export const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  patientId: z.uuid().nullable(),
  createdAt: timestamp,
  readAt: timestamp.nullable(),
});
export const notificationQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const notificationListResponse = z.object({
  items: z.array(notificationSchema),
  unread: z.number().int(),
});
