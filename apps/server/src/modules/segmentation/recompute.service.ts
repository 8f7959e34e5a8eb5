import type { Database, DbOrTx } from '@carebridge/db';
import { newId } from '@carebridge/db';
import type { SegmentationPolicy } from '@carebridge/contracts';
import type { Clock } from '../../platform/clock';
import { gradeParams, windowsOf } from './grade-params';
import type { TierChangeNotice } from '../inbox/inbox.service';
import { explainTier } from './explain';
import { maskName } from './mask-name';
import type * as recompute from './recompute.repository';
import type { Cutoffs } from './recompute.repository';
import type * as grade from './grade.repository';
import type * as repo from './segmentation.repository';

export interface RecomputeDeps {
  db: Database['db'];
  recompute: Pick<typeof recompute, 'collectStats' | 'measureCutoffs'>;
  grade: Pick<
    typeof grade,
    'gradeStats' | 'recordChanges' | 'storeGrades' | 'dropUngraded' | 'analyseGrades'
  >;
  repo: Pick<typeof repo, 'lockRecompute' | 'insertRun' | 'latestRun' | 'takeDirty' | 'sizeForBulk'>;
  policyOf: (tx: DbOrTx, tenantId: string) => Promise<{ version: number; policy: SegmentationPolicy }>;
  /** Tells health managers when their patient enters or leaves tier A (the staff inbox). */
  notifyTierChanges: (
    tx: DbOrTx,
    tenantId: string,
    runKey: string,
    changes: TierChangeNotice[],
  ) => Promise<void>;
  clock: Clock;
  timeZone: string;
}

export interface RecomputeOutcome {
  runId: string | null;
  patients: number;
  changed: number;
  history: number;
  notices: number;
  milliseconds: number;
  /** Milliseconds per step (stats, cutoffs, grade, history, store), for operations and the benchmark. */
  steps: Record<string, number>;
}

/** Times each awaited step under its name. */
function stopwatch() {
  const steps: Record<string, number> = {};
  let last = performance.now();
  return {
    steps,
    lap(name: string) {
      const now = performance.now();
      steps[name] = Math.round(now - last);
      last = now;
    },
  };
}

/** Full runs (nightly, after a policy change, on demand) and event-driven updates of a few patients. */
export function createRecomputeService(d: RecomputeDeps) {
  /** Grades everybody. Idempotent: a second run with nothing new writes no value and no history row. */
  async function recomputeAll(tenantId: string): Promise<RecomputeOutcome> {
    const started = Date.now();
    return d.db.transaction(async (tx) => {
      await d.repo.lockRecompute(tx, tenantId);
      await d.repo.sizeForBulk(tx);
      const watch = stopwatch();
      const now = d.clock.now();
      const { version, policy } = await d.policyOf(tx, tenantId);
      const patients = await d.recompute.collectStats(tx, { tenantId, now, ...windowsOf(policy, now) });
      watch.lap('stats');
      const cutoffs = await d.recompute.measureCutoffs(tx, now, policy);
      watch.lap('cutoffs');
      const g = gradeParams(tenantId, now, d.timeZone, version, policy);
      await d.grade.gradeStats(tx, g, cutoffs, 'everyone');
      watch.lap('grade');
      const runId = newId();
      const { history, notices } = await d.grade.recordChanges(tx, g);
      await d.notifyTierChanges(tx, tenantId, runId, toNotices(notices, policy));
      watch.lap('history');
      const changed = await d.grade.storeGrades(tx, g);
      await d.grade.dropUngraded(tx, tenantId);
      if (changed) await d.grade.analyseGrades(tx);
      watch.lap('store');
      const milliseconds = Date.now() - started;
      await d.repo.insertRun(tx, {
        id: runId,
        tenantId,
        policyVersion: version,
        asOf: now,
        cutoffs: cutoffs as unknown as Record<string, unknown>,
        patients,
        changed,
        milliseconds,
        createdAt: now,
      });
      return { runId, patients, changed, history, notices: notices.length, milliseconds, steps: watch.steps };
    });
  }

  /** Grades these patients against the last full run's cut-offs (a new visit, charge or result). */
  async function gradePatients(
    tx: DbOrTx,
    tenantId: string,
    run: { id: string; cutoffs: Cutoffs },
    patientIds: readonly string[],
  ) {
    if (!patientIds.length) return;
    const now = d.clock.now();
    const { version, policy } = await d.policyOf(tx, tenantId);
    await d.recompute.collectStats(tx, { tenantId, now, ...windowsOf(policy, now), patientIds });
    const g = gradeParams(tenantId, now, d.timeZone, version, policy);
    await d.grade.gradeStats(tx, g, run.cutoffs, 'cutoffs');
    const { notices } = await d.grade.recordChanges(tx, g);
    await d.notifyTierChanges(tx, tenantId, `${run.id}:${now.getTime()}`, toNotices(notices, policy));
    await d.grade.storeGrades(tx, g);
    await d.grade.dropUngraded(tx, tenantId, patientIds);
  }

  /**
   * Works through the patients marked since the last refresh, a batch per transaction. Before any full run
   * there is nothing to grade against: they stay marked until there is.
   */
  async function refreshDirty(tenantId: string, batch = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await d.db.transaction(async (tx) => {
        await d.repo.lockRecompute(tx, tenantId);
        const run = await d.repo.latestRun(tx, tenantId);
        if (!run) return 0;
        const ids = await d.repo.takeDirty(tx, tenantId, batch);
        await gradePatients(tx, tenantId, run, ids);
        return ids.length;
      });
      total += n;
      if (n < batch) return total;
    }
  }

  return { recomputeAll, refreshDirty };
}
export type RecomputeService = ReturnType<typeof createRecomputeService>;

function toNotices(changes: grade.TierChange[], policy: SegmentationPolicy): TierChangeNotice[] {
  return changes.map((c) => {
    const x = { ...c, tierRule: c.rule, levelRule: '', visitsTotal: 0 };
    return {
      patientId: c.patientId,
      healthManagerId: c.healthManagerId,
      maskedName: maskName(c.name),
      from: c.from,
      to: c.to,
      explanation: { zh: explainTier(x, policy, 'zh'), en: explainTier(x, policy, 'en') },
    };
  });
}
