import { sql, type SQL } from 'drizzle-orm';
import type {
  ScoreLevel,
  SegmentCondition,
  SegmentConditionType,
  SegmentFilter,
  SegmentGroup,
} from '@carebridge/contracts';
import { birthDateBounds } from '@carebridge/domain';

/**
 * The segment builder's filter tree as one SQL condition over `patients p LEFT JOIN patient_values v`.
 *
 * Every value the user chose travels as a bind parameter; the only SQL text is this file's own. Each leaf is
 * two-valued (true or false, never NULL), so NOT is the complement within the population: "not tier A"
 * includes the patients not graded yet, as a user reading the condition expects. Conditions on `v` lead with
 * `v.patient_id is not null`, which keeps them strict, so at the top level the planner may turn the outer
 * join into an inner one and start from patient_values' own indexes.
 */

export interface ScoreThresholds {
  mediumFrom: number;
  highFrom: number;
}

export interface FilterContext {
  tenantId: string;
  /** YYYY-MM-DD in the hospital's time zone: ages are full years on this day. */
  today: string;
  /** "Within N days" windows end now and start N × 24 hours earlier. */
  now: Date;
  thresholds: ScoreThresholds;
}

const DAY_MS = 86_400_000;
/** Booked but never attended: not a visit. */
const NOT_VISITS = ['cancelled', 'no_show'];

/** The people a segment may contain: the tenant's live records (merged, anonymised and deceased ones are out). */
export const activePatients = (tenantId: string): SQL =>
  sql`p.tenant_id = ${tenantId} and p.merged_into is null and p.erased_at is null and not p.deceased`;

export function compileSegmentFilter(filter: SegmentFilter, ctx: FilterContext): SQL {
  return sql`(${activePatients(ctx.tenantId)} and ${node(filter, ctx)})`;
}

const isGroup = (f: SegmentFilter): f is SegmentGroup => f.type === 'and' || f.type === 'or';

function node(f: SegmentFilter, ctx: FilterContext): SQL {
  if (isGroup(f)) {
    const joiner = f.type === 'and' ? sql` and ` : sql` or `;
    return sql`(${sql.join(
      f.conditions.map((c) => node(c, ctx)),
      joiner,
    )})`;
  }
  if (f.type === 'not') return sql`(not ${node(f.condition, ctx)})`;
  return condition(f, ctx);
}

type Compiler<K extends SegmentConditionType> = (
  c: Extract<SegmentCondition, { type: K }>,
  ctx: FilterContext,
) => SQL;

function condition(c: SegmentCondition, ctx: FilterContext): SQL {
  const compile = CONDITIONS[c.type] as Compiler<SegmentConditionType>;
  return sql`(${compile(c, ctx)})`;
}

/** One array parameter with its element type: drizzle would spread a bare array into a list of parameters. */
const textArray = (values: readonly string[]) => sql`${sql.param([...values])}::text[]`;
const uuidArray = (values: readonly string[]) => sql`${sql.param([...values])}::uuid[]`;
const since = (ctx: FilterContext, days: number) =>
  sql`${new Date(ctx.now.getTime() - days * DAY_MS)}::timestamptz`;
const nowParam = (ctx: FilterContext) => sql`${ctx.now}::timestamptz`;

const all = (parts: (SQL | false | undefined)[]): SQL => {
  const kept = parts.filter((p): p is SQL => p !== false && p !== undefined);
  return kept.length ? sql.join(kept, sql` and `) : sql`true`;
};

/** A condition on a patient_values column: false for patients not graded yet. */
const graded = (...parts: (SQL | false | undefined)[]) => all([sql`v.patient_id is not null`, ...parts]);

/** LIKE treats % and _ as wildcards and \ as its escape; the zod pattern forbids them, and so does this. */
export const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Whole categories by array overlap; shorter prefixes ("E1") by a LIKE over the patient's few categories. */
function chronicCategories(codes: readonly string[]): SQL {
  const whole = codes.filter((code) => code.length === 3);
  const prefixes = codes.filter((code) => code.length < 3).map(likePrefix);
  const parts = [
    whole.length > 0 && sql`v.chronic_codes && ${textArray(whole)}`,
    prefixes.length > 0 &&
      sql`exists (select 1 from unnest(v.chronic_codes) cc where cc like any(${textArray(prefixes)}))`,
  ].filter((x): x is SQL => x !== false);
  return graded(sql`(${sql.join(parts, sql` or `)})`);
}

function scoreLevels(column: SQL, levels: readonly ScoreLevel[], t: ScoreThresholds): SQL {
  const ranges: Record<ScoreLevel, SQL> = {
    low: sql`${column} < ${t.mediumFrom}`,
    medium: sql`(${column} >= ${t.mediumFrom} and ${column} < ${t.highFrom})`,
    high: sql`${column} >= ${t.highFrom}`,
  };
  const chosen = [...new Set(levels)].map((l) => ranges[l]);
  return graded(sql`(${sql.join(chosen, sql` or `)})`);
}

const RFM_COLUMNS = { recency: sql`v.rfm_r`, frequency: sql`v.rfm_f`, monetary: sql`v.rfm_m` } as const;

const CONDITIONS: { [K in SegmentConditionType]: Compiler<K> } = {
  gender: (c) => sql`p.gender = any(${textArray(c.in)})`,
  age: (c, ctx) => {
    const { latest, earliestExclusive } = birthDateBounds(ctx.today, c.min, c.max);
    return all([
      sql`p.birth_date is not null`,
      latest !== undefined && sql`p.birth_date <= ${latest}::date`,
      earliestExclusive !== undefined && sql`p.birth_date > ${earliestExclusive}::date`,
    ]);
  },
  region: (c) =>
    sql`coalesce(${all([
      sql`p.province = ${c.province}`,
      c.city !== undefined && sql`p.city = ${c.city}`,
      c.district !== undefined && sql`p.district = ${c.district}`,
    ])}, false)`,
  tier: (c) => graded(sql`v.tier = any(${textArray(c.in)})`),
  level: (c) => graded(sql`v.level = any(${textArray(c.in)})`),
  rfm: (c) => {
    const column = RFM_COLUMNS[c.dimension];
    return graded(
      c.min !== undefined && sql`${column} >= ${c.min}`,
      c.max !== undefined && sql`${column} <= ${c.max}`,
    );
  },
  clv: (c) =>
    graded(
      c.minFen !== undefined && sql`v.clv_fen >= ${c.minFen}::bigint`,
      c.maxFen !== undefined && sql`v.clv_fen <= ${c.maxFen}::bigint`,
    ),
  churnRisk: (c) => graded(sql`v.churn = any(${textArray(c.in)})`),
  urgency: (c, ctx) => scoreLevels(sql`v.urgency`, c.in, ctx.thresholds),
  risk: (c, ctx) => scoreLevels(sql`v.risk`, c.in, ctx.thresholds),
  // A real parameter, as the column is: 0.2 as a double is below 0.2 as a real, and would drop the boundary.
  revenueTop: (c) => graded(sql`v.revenue_rank_share <= ${c.percent / 100}::real`),
  diagnosis: (c, ctx) => {
    // Chronic conditions by category (up to three characters: "I10", "E1") at any time: the graded
    // patient's own array, one narrow row each, instead of the diagnoses of a million patients.
    if (c.chronicOnly === true && c.withinDays === undefined && c.codes.every((code) => code.length <= 3))
      return chronicCategories(c.codes);
    const codes = c.codes.map((code) => sql`d.icd10_code like ${likePrefix(code)}`);
    return sql`p.id in (select d.patient_id from diagnoses d where ${all([
      sql`d.tenant_id = ${ctx.tenantId}`,
      sql`(${sql.join(codes, sql` or `)})`,
      c.chronicOnly === true && sql`d.chronic`,
      c.withinDays !== undefined && sql`d.diagnosed_at >= ${since(ctx, c.withinDays)}`,
    ])})`;
  },
  visits: (c, ctx) => {
    const min = c.min ?? 1;
    const having = all([
      min > 1 && sql`count(*) >= ${min}`,
      c.max !== undefined && sql`count(*) <= ${c.max}`,
    ]);
    const where = all([
      sql`e.tenant_id = ${ctx.tenantId}`,
      c.departmentIds && sql`e.department_id = any(${uuidArray(c.departmentIds)})`,
      sql`e.start_at >= ${since(ctx, c.withinDays)}`,
      // Planned visits ahead are not visits yet.
      sql`e.start_at <= ${nowParam(ctx)}`,
      c.kinds && sql`e.kind = any(${textArray(c.kinds)})`,
      sql`e.status <> all(${textArray(NOT_VISITS)})`,
    ]);
    // "At least once" needs no counting: a plain semi-join.
    if (min <= 1 && c.max === undefined)
      return sql`p.id in (select e.patient_id from encounters e where ${where})`;
    return sql`p.id in (select e.patient_id from encounters e where ${where} group by e.patient_id having ${having})`;
  },
  spend: (c, ctx) => {
    const spenders = (having: SQL) =>
      sql`select ch.patient_id from charges ch where ${all([
        sql`ch.tenant_id = ${ctx.tenantId}`,
        sql`ch.charged_at >= ${since(ctx, c.withinDays)}`,
        sql`ch.charged_at <= ${nowParam(ctx)}`,
        c.categories && sql`ch.category = any(${textArray(c.categories)})`,
      ])} group by ch.patient_id having ${having}`;
    const minFen = c.minFen ?? 0;
    if (minFen > 0)
      return sql`p.id in (${spenders(
        all([
          sql`sum(ch.amount_fen) >= ${minFen}::bigint`,
          c.maxFen !== undefined && sql`sum(ch.amount_fen) <= ${c.maxFen}::bigint`,
        ]),
      )})`;
    // Spending at most X includes spending nothing: everyone but those above X.
    if (c.maxFen === undefined) return sql`true`;
    return sql`p.id not in (${spenders(sql`sum(ch.amount_fen) > ${c.maxFen}::bigint`)})`;
  },
  tags: (c) =>
    all([
      c.any && sql`p.tags && ${textArray(c.any)}`,
      c.all && sql`p.tags @> ${textArray(c.all)}`,
      c.none && sql`not (p.tags && ${textArray(c.none)})`,
    ]),
  consent: (c, ctx) => {
    const grant = sql`exists (select 1 from patient_consents pc where ${all([
      sql`pc.patient_id = p.id`,
      sql`pc.tenant_id = ${ctx.tenantId}`,
      sql`pc.purpose = ${c.purpose}`,
      c.channel !== undefined && sql`pc.channel = ${c.channel}`,
      sql`pc.granted`,
    ])})`;
    return c.granted ? grant : sql`not ${grant}`;
  },
  lastContact: (c, ctx) => {
    const olderThan = c.olderThanDays !== undefined && sql`v.last_visit_at < ${since(ctx, c.olderThanDays)}`;
    // Never seen (or not graded yet: no visit on record) counts as "not seen for N days".
    if (c.withinDays === undefined) return sql`(v.last_visit_at is null or ${olderThan || sql`false`})`;
    return graded(
      sql`v.last_visit_at is not null`,
      sql`v.last_visit_at >= ${since(ctx, c.withinDays)}`,
      olderThan,
    );
  },
  vip: (c) => sql`p.vip = ${c.value}`,
};
