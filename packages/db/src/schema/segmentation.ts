import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId } from './columns';
import { patients } from './patients';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** Every saved version of the tiering policy; the highest version is in force. */
export const segmentationPolicies = pgTable(
  'segmentation_policies',
  {
    tenantId: tenantId(),
    version: integer('version').notNull(),
    policy: jsonb('policy').$type<Record<string, unknown>>().notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.version] })],
);

/**
 * One full recompute: when, under which policy, and the cut-offs it found (revenue ranks, RFM quintiles), so
 * an event-driven update of one patient grades against the same lines as everyone else.
 */
export const segmentationRuns = pgTable(
  'segmentation_runs',
  {
    id: id(),
    tenantId: tenantId(),
    policyVersion: integer('policy_version').notNull(),
    asOf: at('as_of').notNull(),
    cutoffs: jsonb('cutoffs').$type<Record<string, unknown>>().notNull(),
    patients: integer('patients').notNull(),
    changed: integer('changed').notNull(),
    milliseconds: integer('milliseconds').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('segmentation_runs_tenant_time_idx').on(t.tenantId, t.createdAt)],
);

/**
 * Patients whose visits, charges or results changed since the last refresh, marked in the same transaction
 * as the change; a job grades them every minute against the last full run's cut-offs.
 */
export const segmentationDirty = pgTable(
  'segmentation_dirty',
  { tenantId: tenantId(), patientId: uuid('patient_id').notNull() },
  (t) => [primaryKey({ columns: [t.tenantId, t.patientId] })],
);

/** The value figures of each graded patient (a read model: recomputed from the visits, charges and results). */
export const patientValues = pgTable(
  'patient_values',
  {
    // No foreign key: a read model rebuilt every night, whose rows for merged or anonymised patients the run
    // itself removes; a key would cost a lookup per row on a million-row upsert.
    patientId: uuid('patient_id').primaryKey(),
    tenantId: tenantId(),
    policyVersion: integer('policy_version').notNull(),
    computedAt: at('computed_at').notNull(),
    tier: text('tier').notNull(),
    /** Why: 'revenue_top' | 'frequency' | 'programme' | 'chronic' | 'premium_checkup' | 'revenue_next' | 'quarterly' | 'low' | 'new' | 'none'. */
    tierRule: text('tier_rule').notNull(),
    level: text('level').notNull(),
    levelRule: text('level_rule').notNull(),
    visitsWindow: integer('visits_window').notNull(),
    visitsRecent: integer('visits_recent').notNull(),
    visitsTotal: integer('visits_total').notNull(),
    revenueWindowFen: bigint('revenue_window_fen', { mode: 'number' }).notNull(),
    /** Share of customers ranked at or above this one by revenue (0.18 = top 18%). */
    revenueRankShare: real('revenue_rank_share').notNull(),
    firstVisitAt: at('first_visit_at'),
    lastVisitAt: at('last_visit_at'),
    usualIntervalDays: real('usual_interval_days'),
    rfmR: smallint('rfm_r').notNull(),
    rfmF: smallint('rfm_f').notNull(),
    rfmM: smallint('rfm_m').notNull(),
    clvFen: bigint('clv_fen', { mode: 'number' }).notNull(),
    churn: text('churn').notNull(),
    expectedBy: date('expected_by'),
    urgency: smallint('urgency').notNull(),
    risk: smallint('risk').notNull(),
    /** The counts behind urgency, risk and the A rules. */
    chronicConditions: smallint('chronic_conditions').notNull(),
    criticalResults: smallint('critical_results').notNull(),
    abnormalResults: smallint('abnormal_results').notNull(),
    noShows: smallint('no_shows').notNull(),
    maxCheckupFen: bigint('max_checkup_fen', { mode: 'number' }).notNull(),
    /**
     * Chronic conditions as ICD-10 categories (three characters, 'I10', 'E11'): segment filters on chronic
     * diagnoses read this narrow array instead of joining the diagnoses of a million patients.
     */
    chronicCodes: text('chronic_codes').array().notNull(),
    /** The patient's tags and VIP mark as graded (a policy preview re-grades from this row alone). */
    tags: text('tags').array().notNull(),
    vip: boolean('vip').notNull(),
  },
  (t) => [
    index('patient_values_tenant_tier_idx').on(t.tenantId, t.tier, t.level),
    index('patient_values_tenant_revenue_idx').on(t.tenantId, t.revenueWindowFen),
  ],
);

/** A row only when a tier or level changes: from → to, the rule that decided, under which policy. */
export const patientTierHistory = pgTable(
  'patient_tier_history',
  {
    id: id(),
    tenantId: tenantId(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    dimension: text('dimension').notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    rule: text('rule').notNull(),
    policyVersion: integer('policy_version').notNull(),
    changedAt: at('changed_at').notNull(),
  },
  (t) => [
    index('patient_tier_history_patient_idx').on(t.patientId, t.changedAt),
    index('patient_tier_history_tenant_time_idx').on(t.tenantId, t.changedAt),
  ],
);

/** Saved segments: a filter (dynamic) or a filter and the members it had when frozen (snapshot). */
export const segments = pgTable(
  'segments',
  {
    id: id(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    description: text('description'),
    kind: text('kind').notNull(),
    filter: jsonb('filter').$type<Record<string, unknown>>().notNull(),
    memberCount: integer('member_count').notNull().default(0),
    frozenAt: at('frozen_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('segments_tenant_idx').on(t.tenantId, t.createdAt)],
);

export const segmentMembers = pgTable(
  'segment_members',
  {
    segmentId: uuid('segment_id')
      .notNull()
      .references(() => segments.id, { onDelete: 'cascade' }),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.patientId] })],
);

/** The staff inbox: notices addressed to one user (tier changes of their patients; later tasks and alerts). */
export const staffNotifications = pgTable(
  'staff_notifications',
  {
    id: id(),
    tenantId: tenantId(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    patientId: uuid('patient_id').references(() => patients.id),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    /** The event this notice is about; a retried job sends nothing twice. */
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: createdAt(),
    readAt: at('read_at'),
  },
  (t) => [
    uniqueIndex('staff_notifications_dedupe_uq').on(t.tenantId, t.dedupeKey),
    index('staff_notifications_user_idx').on(t.userId, t.createdAt),
  ],
);
