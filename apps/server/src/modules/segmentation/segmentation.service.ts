import type { Database, DbOrTx } from '@carebridge/db';
import {
  CHURN_LEVELS,
  DEFAULT_SEGMENTATION_POLICY,
  LEVELS,
  TIERS,
  type TIER_RULES,
  segmentationPolicySchema,
  type ChurnLevel,
  type Level,
  type PatientValue,
  type SegmentationOverview,
  type SegmentationPolicy,
  type Tier,
} from '@carebridge/contracts';
import type { z } from 'zod';
import type { policyPreviewResponse, policyPutRequest } from '@carebridge/contracts';
import type { Actor, RequestOrigin } from '../../platform/http/actor';
import type { AuditService } from '../audit/audit.service';
import { auditedPatientRead, type PatientReadDeps } from '../audit/patient-read';
import type { Clock } from '../../platform/clock';
import { AppError, fieldError } from '../../platform/errors';
import type { Lang } from '../../platform/i18n';
import { todayIn } from '@carebridge/domain';
import { explainTier, explainValue, scoreLevel, type Explained } from './explain';
import type * as overviewRepo from './overview.repository';
import type * as previewRepo from './preview.repository';
import type * as recompute from './recompute.repository';
import type * as grade from './grade.repository';
import type * as repo from './segmentation.repository';
import { monthsBefore } from './months';
import { maskName } from './mask-name';
import { gradeParams } from './grade-params';

export const RECOMPUTE_JOB = 'segmentation.recompute';

export interface SegmentationDeps {
  db: Database['db'];
  repo: typeof repo;
  overview: typeof overviewRepo;
  preview: typeof previewRepo;
  recompute: Pick<typeof recompute, 'measureCutoffs'>;
  grade: Pick<typeof grade, 'gradeTiers'>;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
  timeZone: string;
  /** The patient in the caller's tenant, or null (then the answer is 404). */
  findPatient: PatientReadDeps<unknown>['findPatient'];
  /** Display names of the staff who saved policy versions (the identity module's users). */
  staffNames: (db: DbOrTx, tenantId: string, ids: readonly string[]) => Promise<Map<string, string>>;
  /** Queues a full recompute (null when the app runs without a job engine). */
  enqueueRecompute: ((tenantId: string, tx?: DbOrTx) => Promise<string | null>) | null;
}

/** The policy in force: the latest saved version, or the documents' defaults as version 0. */
export async function policyIn(
  r: Pick<typeof repo, 'latestPolicy'>,
  tx: DbOrTx,
  tenantId: string,
): Promise<{ version: number; policy: SegmentationPolicy; row: repo.PolicyRow | null }> {
  const row = await r.latestPolicy(tx, tenantId);
  if (!row) return { version: 0, policy: DEFAULT_SEGMENTATION_POLICY, row: null };
  // A policy saved by an older release may lack newer fields: the defaults fill them.
  const parsed = segmentationPolicySchema.safeParse({ ...DEFAULT_SEGMENTATION_POLICY, ...row.policy });
  return { version: row.version, policy: parsed.success ? parsed.data : DEFAULT_SEGMENTATION_POLICY, row };
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function createSegmentationService(d: SegmentationDeps) {
  const current = (tx: DbOrTx, tenantId: string) => policyIn(d.repo, tx, tenantId);

  async function policies(actor: Actor) {
    const { version, policy, row } = await current(d.db, actor.tenantId);
    const history = await d.repo.policyHistory(d.db, actor.tenantId);
    const authors = [row?.createdBy, ...history.map((h) => h.createdBy)].filter((id): id is string => !!id);
    const staff = await d.staffNames(d.db, actor.tenantId, authors);
    const by = (id: string | null | undefined) => ({
      createdBy: id ?? null,
      createdByName: id ? (staff.get(id) ?? null) : null,
    });
    return {
      current: {
        version,
        policy,
        note: row?.note ?? null,
        createdAt: iso(row?.createdAt),
        ...by(row?.createdBy),
      },
      history: history.map((h) => ({
        version: h.version,
        note: h.note,
        createdAt: iso(h.createdAt),
        ...by(h.createdBy),
      })),
    };
  }

  /** Saves a new version (refused when someone saved since `baseVersion`) and queues a full recompute. */
  async function savePolicy(actor: Actor, body: z.infer<typeof policyPutRequest>, origin: RequestOrigin) {
    return d.db.transaction(async (tx) => {
      await d.repo.lockPolicies(tx, actor.tenantId);
      const { version } = await current(tx, actor.tenantId);
      if (version !== body.baseVersion) throw fieldError('conflict', 'baseVersion', 'policy_version_stale');
      const next = version + 1;
      await d.repo.insertPolicy(tx, {
        tenantId: actor.tenantId,
        version: next,
        policy: body.policy,
        note: body.note ?? null,
        createdBy: actor.id,
        createdAt: d.clock.now(),
      });
      await d.audit.record(
        tx,
        { tenantId: actor.tenantId, actor, origin },
        {
          action: 'segmentation.policy_saved',
          resourceType: 'segmentation_policy',
          resourceId: String(next),
        },
      );
      const jobId = d.enqueueRecompute ? await d.enqueueRecompute(actor.tenantId, tx) : null;
      return { version: next, jobId };
    });
  }

  async function startRecompute(actor: Actor, origin: RequestOrigin) {
    if (!d.enqueueRecompute) throw new AppError('internal_error');
    const jobId = await d.db.transaction(async (tx) => {
      await d.audit.record(
        tx,
        { tenantId: actor.tenantId, actor, origin },
        { action: 'segmentation.recompute_started', resourceType: 'segmentation' },
      );
      return d.enqueueRecompute!(actor.tenantId, tx);
    });
    return { jobId: jobId ?? 'already-queued' };
  }

  /** What saving this policy would do: moves between tiers and levels, with examples (names masked). */
  async function preview(
    actor: Actor,
    policy: SegmentationPolicy,
    lang: Lang,
  ): Promise<z.infer<typeof policyPreviewResponse>> {
    const started = Date.now();
    return d.db.transaction(async (tx) => {
      await d.repo.sizeForBulk(tx);
      const run = await d.repo.latestRun(tx, actor.tenantId);
      const customers = await d.preview.statsFromValues(tx, actor.tenantId);
      const now = d.clock.now();
      const cutoffs = await d.recompute.measureCutoffs(tx, now, policy, 'quotas');
      await d.grade.gradeTiers(tx, gradeParams(actor.tenantId, now, d.timeZone, 0, policy), cutoffs);
      const { tiers, levels } = await d.preview.movementMatrix(tx);
      const after = await d.preview.distributionAfter(tx);
      const revenue = after.reduce((s, x) => s + x.revenueFen, 0);
      const examples = await d.preview.movedExamples(tx, 8);
      const moved = (cells: { from: string | null; to: string; patients: number }[]) =>
        cells.filter((c) => c.from !== null && c.from !== c.to).reduce((s, c) => s + c.patients, 0);
      return {
        asOf: iso(run?.asOf),
        customers,
        tiers,
        levels,
        moved: { tier: moved(tiers), level: moved(levels) },
        after: after.map((a) => ({
          tier: a.tier as Tier,
          patients: a.patients,
          revenueShare: revenue ? a.revenueFen / revenue : 0,
        })),
        examples: examples.map((e) => ({
          patientId: e.patient_id,
          maskedName: maskName(e.name),
          from: e.from,
          to: e.to,
          explanation: explainTier(
            {
              tierRule: e.tier_rule,
              levelRule: '',
              revenueFen: Number(e.revenue),
              rankShare: Number(e.rank_share),
              visitsWindow: Number(e.visits_window),
              visitsRecent: Number(e.visits_recent),
              visitsTotal: 0,
              chronic: Number(e.chronic),
              maxCheckupFen: 0,
            },
            policy,
            lang,
          ),
        })),
        milliseconds: Date.now() - started,
      };
    });
  }

  async function value(
    actor: Actor,
    patientId: string,
    lang: Lang,
    origin: RequestOrigin,
  ): Promise<PatientValue> {
    return auditedPatientRead(d, actor, origin, patientId, 'value', async (tx) => {
      const row = await d.repo.valueOf(tx, actor.tenantId, patientId);
      const run = await d.repo.latestRun(tx, actor.tenantId);
      const { policy } = await current(tx, actor.tenantId);
      return row ? toValue(row, policy, lang, run?.asOf ?? row.computedAt) : notGraded(patientId, lang);
    });
  }

  function toValue(row: repo.ValueRow, policy: SegmentationPolicy, lang: Lang, asOf: Date): PatientValue {
    const recencyDays = row.lastVisitAt
      ? Math.floor((d.clock.now().getTime() - row.lastVisitAt.getTime()) / 86_400_000)
      : null;
    const interval = row.usualIntervalDays;
    const base = {
      patientId: row.patientId,
      computedAt: asOf.toISOString(),
      policyVersion: row.policyVersion,
      tier: row.tier as Tier,
      level: row.level as Level,
      rfm: {
        recency: row.rfmR,
        frequency: row.rfmF,
        monetary: row.rfmM,
        recencyDays,
        visits: row.visitsWindow,
        revenueFen: row.revenueWindowFen,
        revenueRankShare: row.revenueRankShare,
      },
      clv: {
        valueFen: row.clvFen,
        retention: policy.clv.retention[row.tier as Tier] ?? 0,
        horizonYears: policy.clv.horizonYears,
      },
      churnRisk: {
        level: (CHURN_LEVELS.includes(row.churn as ChurnLevel) ? row.churn : 'unknown') as ChurnLevel,
        usualIntervalDays: interval === null ? null : Math.round(interval * 10) / 10,
        lastVisitOn: row.lastVisitAt ? todayIn(d.timeZone, row.lastVisitAt) : null,
        expectedBy: row.expectedBy,
        overdueDays:
          interval === null || recencyDays === null ? null : Math.max(0, Math.round(recencyDays - interval)),
      },
      urgency: { score: row.urgency, level: scoreLevel(row.urgency, policy) },
      risk: { score: row.risk, level: scoreLevel(row.risk, policy) },
    };
    const x: Explained & { critical: number; abnormal: number; noShows: number } = {
      tierRule: row.tierRule,
      levelRule: row.levelRule,
      revenueFen: row.revenueWindowFen,
      rankShare: row.revenueRankShare,
      visitsWindow: row.visitsWindow,
      visitsRecent: row.visitsRecent,
      visitsTotal: row.visitsTotal,
      chronic: row.chronicConditions,
      maxCheckupFen: row.maxCheckupFen,
      critical: row.criticalResults,
      abnormal: row.abnormalResults,
      noShows: row.noShows,
    };
    return { ...base, explanation: explainValue(base, x, policy, lang) };
  }

  async function tierHistory(actor: Actor, patientId: string, origin: RequestOrigin) {
    return auditedPatientRead(d, actor, origin, patientId, 'tier_history', async (tx) => {
      const rows = await d.repo.historyOf(tx, actor.tenantId, patientId);
      return {
        items: rows.map((r) => ({
          dimension: r.dimension as 'tier' | 'level',
          from: r.fromValue,
          to: r.toValue,
          rule: r.rule as (typeof TIER_RULES)[number],
          policyVersion: r.policyVersion,
          changedAt: r.changedAt.toISOString(),
        })),
      };
    });
  }

  async function overview(actor: Actor): Promise<SegmentationOverview> {
    const t = actor.tenantId;
    return d.db.transaction(async (tx) => {
      const run = await d.repo.latestRun(tx, t);
      const { policy } = await current(tx, t);
      const totals = await d.overview.tierTotals(tx, t);
      const customers = totals.reduce((s, x) => s + x.patients, 0);
      const revenue = totals.reduce((s, x) => s + x.revenueFen, 0);
      const share = (n: number, of: number) => (of ? n / of : 0);
      const levels = await d.overview.countsBy(tx, t, 'level');
      const churn = await d.overview.countsBy(tx, t, 'churn');
      const pareto = paretoPoints(await d.overview.revenueByPercentile(tx, t), revenue);
      const movements = await d.overview.tierMovements(tx, t, monthsBefore(d.clock.now(), 12), d.timeZone);
      return {
        computedAt: iso(run?.asOf),
        policyVersion: run?.policyVersion ?? null,
        windowMonths: policy.windowMonths,
        customers,
        revenueFen: revenue,
        equityFen: totals.reduce((s, x) => s + x.equityFen, 0),
        tiers: TIERS.map((tier) => {
          const x = totals.find((r) => r.tier === tier) ?? { patients: 0, revenueFen: 0, equityFen: 0 };
          return {
            tier,
            patients: x.patients,
            share: share(x.patients, customers),
            revenueFen: x.revenueFen,
            revenueShare: share(x.revenueFen, revenue),
            equityFen: x.equityFen,
          };
        }),
        levels: LEVELS.map((level) => {
          const n = levels.get(level) ?? 0;
          return { level, patients: n, share: share(n, customers) };
        }),
        churn: CHURN_LEVELS.map((level) => ({ level, patients: churn.get(level) ?? 0 })),
        pareto,
        top20RevenueShare: pareto[20]?.revenueShare ?? 0,
        movements: movements.map((m) => ({
          month: m.month,
          from: m.from as Tier | null,
          to: m.to as Tier | null,
          patients: m.patients,
        })),
      };
    });
  }

  return { policies, savePolicy, startRecompute, preview, value, tierHistory, overview, current };
}
export type SegmentationService = ReturnType<typeof createSegmentationService>;

/** 101 points: the revenue share held by the best 0%, 1%, … 100% of customers. */
function paretoPoints(buckets: { bucket: number; revenueFen: number }[], total: number) {
  const points = [{ customerShare: 0, revenueShare: 0 }];
  let cumulative = 0;
  for (let b = 1; b <= 100; b++) {
    cumulative += buckets.find((x) => x.bucket === b)?.revenueFen ?? 0;
    points.push({ customerShare: b / 100, revenueShare: total ? cumulative / total : 0 });
  }
  return points;
}

function notGraded(patientId: string, lang: Lang): PatientValue {
  const text =
    lang === 'zh' ? '尚未计算：下次分层计算后显示' : 'Not graded yet: shown after the next recompute';
  return {
    patientId,
    computedAt: null,
    policyVersion: null,
    tier: null,
    level: null,
    rfm: null,
    clv: null,
    churnRisk: null,
    urgency: null,
    risk: null,
    explanation: {
      tier: text,
      level: text,
      rfm: text,
      clv: text,
      churnRisk: text,
      urgency: text,
      risk: text,
    },
  };
}
