import type PgBoss from 'pg-boss';
import type pino from 'pino';
import type { Database, DbOrTx } from '@carebridge/db';
import { systemClock, type Clock } from '../clock';
import { JobRegistry, type JobDefinition, type JobServices } from './registry';
import { bossSchema, createBoss, singletonJobId, transactionExecutor } from './pg-boss-db';

export interface EnqueueOptions {
  /** A Drizzle transaction (or db): the job exists only if that transaction commits. */
  tx?: DbOrTx;
  startAfter?: Date;
  /** At most one job per (name, key) while the earlier one is kept by the queue; a duplicate returns null. */
  singletonKey?: string;
}

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface JobEngine {
  enqueue(name: string, payload: unknown, opts?: EnqueueOptions): Promise<string | null>;
  /** Cron-style (5 fields, minute resolution), in `tz` or the engine's business time zone. One schedule per job name. */
  schedule(name: string, cron: string, payload: unknown, opts?: { tz?: string }): Promise<void>;
  schedules(): Promise<{ name: string; cron: string; timezone: string }[]>;
  /** Registered jobs with their policy and how many of each are in each state. */
  queues(): Promise<QueueSummary[]>;
  /** For operations and tests: where a job is and how many times it has started. */
  jobState(name: string, id: string): Promise<{ state: JobState; attempts: number } | null>;
  startWorker(): Promise<void>;
  /** Services handed to handlers (before startWorker): the wiring lives in the app, not in the engine. */
  provideServices(services: Partial<JobServices>): void;
  /** graceful: in-flight jobs finish first (SIGTERM); otherwise they are failed now and retried later. */
  stop(opts?: { graceful: boolean }): Promise<void>;
}

export interface QueueSummary {
  name: string;
  retryLimit: number;
  expireInSeconds: number;
  counts: Partial<Record<JobState, number>>;
}

export interface WorkerTuning {
  /** Jobs fetched per round trip. */
  batchSize: number;
  /** Parallel fetch loops per job name. */
  loopsPerJob: number;
  /** Idle wait between polls when a queue is empty. */
  pollIntervalMs: number;
}

export interface JobEngineOptions {
  database: Database;
  jobs: JobDefinition[];
  logger: pino.Logger;
  clock?: Clock;
  /** Default time zone of schedules (business time zone). */
  timeZone?: string;
  worker?: Partial<WorkerTuning>;
  /** How often expired (interrupted) jobs are failed into retry, archived and dropped. */
  maintenanceIntervalSeconds?: number;
}

type FetchedJob = PgBoss.JobWithMetadata<unknown>;
type Outcome = { id: string; ok: true } | { id: string; ok: false; permanent: boolean; message: string };

export async function createJobEngine(options: JobEngineOptions): Promise<JobEngine> {
  const { database, logger } = options;
  const clock = options.clock ?? systemClock;
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const registry = new JobRegistry(options.jobs);
  let services: Partial<JobServices> = {};
  const tuning: WorkerTuning = {
    batchSize: 20,
    loopsPerJob: database.kind === 'postgres' ? 2 : 1,
    pollIntervalMs: 1000,
    ...options.worker,
  };
  const boss = createBoss(database, {
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    poolSize: 2 + tuning.loopsPerJob,
  });
  // pg-boss emits connection and maintenance errors here; without a listener they would crash the process.
  boss.on('error', (error: Error) =>
    logger.warn({ err: { name: error.name, message: error.message } }, 'job queue error'),
  );
  // Installs or migrates pg-boss's schema under an advisory lock, so concurrent starts are safe.
  await boss.start();
  for (const job of registry.all()) {
    const queue = {
      name: job.name,
      policy: 'standard' as const,
      retryLimit: job.retry.limit,
      retryDelay: job.retry.delaySeconds,
      retryBackoff: job.retry.backoff,
      expireInSeconds: job.expireInSeconds,
    };
    await boss.createQueue(job.name, queue); // ON CONFLICT DO NOTHING
    await boss.updateQueue(job.name, queue); // a changed retry policy applies to new jobs
  }

  const wakers = new Map<string, Set<() => void>>();
  const inFlight = new Map<string, string>(); // job id → job name
  const loops: Promise<void>[] = [];
  let stopping = false;
  let stopped = false;

  function wake(name: string): void {
    for (const resolve of wakers.get(name) ?? []) resolve();
  }

  function idle(name: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const set = wakers.get(name) ?? new Set();
      wakers.set(name, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
    });
  }

  async function runOne(def: JobDefinition, job: FetchedJob): Promise<Outcome> {
    const parsed = def.payload.safeParse(job.data);
    if (!parsed.success) {
      // A payload that no longer fits its schema will not fit on retry either. Log no payload contents.
      logger.error({ job: def.name, jobId: job.id }, 'job payload failed validation; failing without retry');
      return { id: job.id, ok: false, permanent: true, message: 'payload failed validation' };
    }
    const attempt = job.retryCount + 1;
    const jobLogger = logger.child({ job: def.name, jobId: job.id, attempt });
    inFlight.set(job.id, def.name);
    try {
      await withTimeout(
        def.handler(parsed.data, { jobId: job.id, attempt, clock, logger: jobLogger, database, services }),
        def.expireInSeconds * 1000,
      );
      return { id: job.id, ok: true };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      jobLogger.warn({ err: { name: (error as Error)?.name, message } }, 'job failed');
      return { id: job.id, ok: false, permanent: false, message };
    } finally {
      inFlight.delete(job.id);
    }
  }

  async function settle(def: JobDefinition, outcomes: Outcome[]): Promise<void> {
    const completed = outcomes.filter((o) => o.ok).map((o) => o.id);
    if (completed.length > 0) await boss.complete(def.name, completed);
    for (const outcome of outcomes) {
      if (outcome.ok) continue;
      if (outcome.permanent) {
        await database.pool.query(
          `UPDATE ${bossSchema}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2 AND state = 'active'`,
          [def.name, outcome.id],
        );
      }
      await boss.fail(def.name, outcome.id, { message: outcome.message });
    }
  }

  async function loop(def: JobDefinition): Promise<void> {
    while (!stopping) {
      try {
        // pg-boss's fetch returns [] when the database is unreachable, so a restart just looks like an idle queue.
        const jobs = (await boss.fetch(def.name, {
          batchSize: tuning.batchSize,
          includeMetadata: true,
        })) as FetchedJob[];
        if (jobs.length === 0) {
          await idle(def.name, tuning.pollIntervalMs);
          continue;
        }
        const outcomes = await Promise.all(jobs.map((job) => runOne(def, job)));
        if (stopped) return; // non-graceful stop already failed these jobs
        await settle(def, outcomes);
      } catch (error) {
        // Completing failed (database gone): the jobs stay active until they expire and are retried.
        logger.warn(
          { job: def.name, err: { message: (error as Error).message } },
          'job loop error; backing off',
        );
        await idle(def.name, Math.max(tuning.pollIntervalMs, 1000));
      }
    }
  }

  return {
    provideServices(provided) {
      services = { ...services, ...provided };
    },
    async enqueue(name, payload, opts = {}) {
      const data = registry.parse(name, payload);
      const sendOptions: PgBoss.SendOptions = {};
      if (opts.startAfter) sendOptions.startAfter = opts.startAfter;
      if (opts.singletonKey !== undefined) sendOptions.id = singletonJobId(name, opts.singletonKey);
      if (opts.tx) sendOptions.db = transactionExecutor(opts.tx);
      const id = await boss.send(name, data as object, sendOptions);
      if (!opts.tx) wake(name);
      return id;
    },

    async schedule(name, cron, payload, opts = {}) {
      const data = registry.parse(name, payload);
      await boss.schedule(name, cron, data as object, { tz: opts.tz ?? timeZone });
    },

    async schedules() {
      // The table has a `timezone` column that pg-boss 10's typings leave out.
      const rows = (await boss.getSchedules()) as (PgBoss.Schedule & { timezone: string })[];
      return rows.map((s) => ({ name: s.name, cron: s.cron, timezone: s.timezone }));
    },

    async queues() {
      const { rows } = await database.pool.query<{ name: string; state: JobState; n: number }>(
        `SELECT name, state, count(*)::int AS n FROM ${bossSchema}.job GROUP BY name, state`,
      );
      return registry.all().map((def) => ({
        name: def.name,
        retryLimit: def.retry.limit,
        expireInSeconds: def.expireInSeconds,
        counts: Object.fromEntries(rows.filter((r) => r.name === def.name).map((r) => [r.state, r.n])),
      }));
    },

    async jobState(name, id) {
      const job = await boss.getJobById(name, id, { includeArchive: true });
      if (!job) return null;
      // retry_count counts restarts; a job that has started at least once has attempts = retry_count + 1.
      const attempts = job.startedOn ? job.retryCount + 1 : 0;
      return { state: job.state, attempts };
    },

    async startWorker() {
      if (loops.length > 0) return;
      for (const def of registry.all()) {
        for (let i = 0; i < tuning.loopsPerJob; i++) loops.push(loop(def));
      }
      logger.info({ jobs: registry.all().map((d) => d.name), ...tuning }, 'job worker started');
    },

    async stop(opts = { graceful: true }) {
      if (stopped) return;
      stopping = true;
      for (const name of wakers.keys()) wake(name);
      if (opts.graceful) {
        await Promise.all(loops);
      } else {
        stopped = true;
        const byName = new Map<string, string[]>();
        for (const [id, name] of inFlight) byName.set(name, [...(byName.get(name) ?? []), id]);
        for (const [name, ids] of byName) await boss.fail(name, ids).catch(() => {});
      }
      stopped = true;
      await boss.stop({ graceful: opts.graceful, close: true, wait: true, timeout: 5000 });
      logger.info('job engine stopped');
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`job exceeded its ${ms / 1000}s expiry`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
