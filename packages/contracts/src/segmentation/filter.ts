import { z } from 'zod';
import { CONSENT_PURPOSES, CHANNELS, ENCOUNTER_KINDS } from '../patients/vocabulary';
import { CHURN_LEVELS, LEVELS, SCORE_LEVELS, TIERS } from './policy';

/**
 * The segment builder's filter language: a tree of AND / OR / NOT groups over conditions, each node tagged
 * by `type`. The server compiles it to parameterised SQL (every value travels as a bind parameter; field and
 * table names come only from the compiler's own tables), so this schema is the whole attack surface: it is
 * strict, bounded in depth, width and string length.
 */
export const SEGMENT_FILTER_LIMITS = { depth: 6, conditions: 40, listItems: 50 } as const;

export const CHARGE_CATEGORIES = [
  'registration',
  'consultation',
  'examination',
  'laboratory',
  'drug',
  'treatment',
  'surgery',
  'bed',
  'checkup_package',
  'other',
] as const;

const list = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(SEGMENT_FILTER_LIMITS.listItems);
const days = z.number().int().min(1).max(36_500);
const fen = z.number().int().min(0).max(1e13);
const shortText = z.string().trim().min(1).max(40);
const icdPrefix = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][0-9A-Z.]{0,7}$/, 'icd10_prefix_format');

/** Bounds lo ≤ hi; at least one of them unless `open` (then an absent lower bound has a default). */
function range<S extends z.ZodRawShape>(shape: S, lo: keyof S & string, hi: keyof S & string, open = false) {
  const bound = (c: object, k: string) => (c as Record<string, number | undefined>)[k];
  return z
    .strictObject(shape)
    .refine((c) => open || bound(c, lo) !== undefined || bound(c, hi) !== undefined, {
      message: 'range_empty',
      path: [lo],
    })
    .refine((c) => (bound(c, lo) ?? -Infinity) <= (bound(c, hi) ?? Infinity), {
      message: 'range_reversed',
      path: [hi],
    });
}

export const segmentConditionSchemas = [
  z.strictObject({ type: z.literal('gender'), in: list(z.enum(['male', 'female', 'unknown'])) }),
  range(
    {
      type: z.literal('age'),
      min: z.number().int().min(0).max(150).optional(),
      max: z.number().int().min(0).max(150).optional(),
    },
    'min',
    'max',
  ),
  z.strictObject({
    type: z.literal('region'),
    province: shortText,
    city: shortText.optional(),
    district: shortText.optional(),
  }),
  z.strictObject({ type: z.literal('tier'), in: list(z.enum(TIERS)) }),
  z.strictObject({ type: z.literal('level'), in: list(z.enum(LEVELS)) }),
  range(
    {
      type: z.literal('rfm'),
      dimension: z.enum(['recency', 'frequency', 'monetary']),
      min: z.number().int().min(1).max(5).optional(),
      max: z.number().int().min(1).max(5).optional(),
    },
    'min',
    'max',
  ),
  range(
    { type: z.literal('clv'), minFen: z.number().int().optional(), maxFen: z.number().int().optional() },
    'minFen',
    'maxFen',
  ),
  z.strictObject({ type: z.literal('churnRisk'), in: list(z.enum(CHURN_LEVELS)) }),
  z.strictObject({ type: z.literal('urgency'), in: list(z.enum(SCORE_LEVELS)) }),
  z.strictObject({ type: z.literal('risk'), in: list(z.enum(SCORE_LEVELS)) }),
  /** The top N% of customers by revenue in the policy's window (the 80/20 view). */
  z.strictObject({ type: z.literal('revenueTop'), percent: z.number().min(0.1).max(100) }),
  z.strictObject({
    type: z.literal('diagnosis'),
    /** ICD-10 code prefixes: "I10", "E11", "C". */
    codes: list(icdPrefix),
    chronicOnly: z.boolean().optional(),
    withinDays: days.optional(),
  }),
  range(
    {
      type: z.literal('visits'),
      departmentIds: list(z.uuid()).optional(),
      kinds: list(z.enum(ENCOUNTER_KINDS)).optional(),
      withinDays: days,
      /** At least this many visits (1 when absent: "visited in the last N days"). */
      min: z.number().int().min(1).max(10_000).optional(),
      max: z.number().int().min(1).max(10_000).optional(),
    },
    'min',
    'max',
    true,
  ),
  range(
    {
      type: z.literal('spend'),
      withinDays: days,
      categories: list(z.enum(CHARGE_CATEGORIES)).optional(),
      minFen: fen.optional(),
      maxFen: fen.optional(),
    },
    'minFen',
    'maxFen',
  ),
  z
    .strictObject({
      type: z.literal('tags'),
      any: list(shortText).optional(),
      all: list(shortText).optional(),
      none: list(shortText).optional(),
    })
    .refine((c) => c.any || c.all || c.none, { message: 'tags_empty', path: ['any'] }),
  z.strictObject({
    type: z.literal('consent'),
    purpose: z.enum(CONSENT_PURPOSES),
    channel: z.enum(CHANNELS).optional(),
    granted: z.boolean(),
  }),
  /** Last contact: today the latest visit of any kind (online and phone consultations included). */
  range(
    {
      type: z.literal('lastContact'),
      withinDays: days.optional(),
      olderThanDays: days.optional(),
    },
    'olderThanDays',
    'withinDays',
  ),
  z.strictObject({ type: z.literal('vip'), value: z.boolean() }),
] as const;

export type SegmentCondition = z.infer<(typeof segmentConditionSchemas)[number]>;
export type SegmentConditionType = SegmentCondition['type'];
export interface SegmentGroup {
  type: 'and' | 'or';
  conditions: SegmentFilter[];
}
export interface SegmentNot {
  type: 'not';
  condition: SegmentFilter;
}
export type SegmentFilter = SegmentGroup | SegmentNot | SegmentCondition;

export const segmentFilterSchema: z.ZodType<SegmentFilter> = z.lazy(() =>
  z
    .discriminatedUnion('type', [
      z.strictObject({
        type: z.enum(['and', 'or']),
        conditions: z.array(segmentFilterSchema).min(1).max(SEGMENT_FILTER_LIMITS.conditions),
      }),
      z.strictObject({ type: z.literal('not'), condition: segmentFilterSchema }),
      ...segmentConditionSchemas,
    ])
    .superRefine((node, ctx) => {
      if (node.type !== 'and' && node.type !== 'or' && node.type !== 'not') return;
      const { depth, leaves } = measure(node);
      if (depth > SEGMENT_FILTER_LIMITS.depth) ctx.addIssue({ code: 'custom', message: 'filter_too_deep' });
      if (leaves > SEGMENT_FILTER_LIMITS.conditions)
        ctx.addIssue({ code: 'custom', message: 'filter_too_many_conditions' });
    }),
);

function measure(node: SegmentFilter): { depth: number; leaves: number } {
  if (node.type === 'and' || node.type === 'or') {
    const parts = node.conditions.map(measure);
    return {
      depth: 1 + Math.max(0, ...parts.map((p) => p.depth)),
      leaves: parts.reduce((n, p) => n + p.leaves, 0),
    };
  }
  if (node.type === 'not') {
    const inner = measure(node.condition);
    return { depth: 1 + inner.depth, leaves: inner.leaves };
  }
  return { depth: 0, leaves: 1 };
}

export const SEGMENT_FILTER_MESSAGES: Record<string, { zh: string; en: string }> = {
  range_empty: { zh: '请至少填写下限或上限之一', en: 'Give a lower or an upper bound' },
  range_reversed: { zh: '上限不能小于下限', en: 'The upper bound is below the lower bound' },
  tags_empty: { zh: '请选择至少一个标签', en: 'Choose at least one tag' },
  icd10_prefix_format: {
    zh: '应为 ICD-10 编码或其前缀，如 I10、E11',
    en: 'An ICD-10 code or prefix, such as I10 or E11',
  },
  filter_too_deep: {
    zh: `条件嵌套不能超过 ${SEGMENT_FILTER_LIMITS.depth} 层`,
    en: `Groups nest at most ${SEGMENT_FILTER_LIMITS.depth} deep`,
  },
  filter_too_many_conditions: {
    zh: `条件不能超过 ${SEGMENT_FILTER_LIMITS.conditions} 个`,
    en: `At most ${SEGMENT_FILTER_LIMITS.conditions} conditions`,
  },
  tier_shares_over_100: {
    zh: 'A 类与 B 类的客户占比之和不能超过 100%',
    en: 'The A and B shares together exceed 100%',
  },
  segment_snapshot_frozen: {
    zh: '快照分群的成员已冻结，不能修改条件',
    en: 'A snapshot segment is frozen; its filter cannot change',
  },
  medium_above_high: {
    zh: '“中”的界线不能高于“高”的界线',
    en: 'The medium line must be below the high line',
  },
  policy_version_stale: {
    zh: '策略已被他人更新，请刷新后再编辑',
    en: 'Someone saved the policy meanwhile; reload and edit again',
  },
};
