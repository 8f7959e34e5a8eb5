// Job queue throughput: 10,000 no-op jobs enqueued, then completed, per library and database.
// Prints one JSON line per measurement (median of 3 runs). Usage: node --import tsx bench/jobs.ts
// Env: BENCH_DB=postgres|pglite, BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_JOBS, BENCH_RUNS, BENCH_ONLY=pg-boss|graphile-worker
import pg from 'pg';
import pino from 'pino';
import { Logger, makeWorkerUtils, run, runMigrations } from 'graphile-worker';
import { openDb, type Database, type DbKind } from '@carebridge/db';
import { median, scratchPostgres } from './lib';
import { createJobEngine } from '../apps/server/src/platform/jobs/engine';
import { platformJobs } from '../apps/server/src/platform/jobs/system-jobs';

const jobs = Number(process.env.BENCH_JOBS ?? 10_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS ?? 120_000);
const silentGraphile = new Logger(() => () => {});
const quiet = pino({ level: 'silent' });

interface Result {
  enqueuePerSecond: number;
  perSecond: number;
}

async function withDatabase<T>(kind: DbKind, use: (database: Database) => Promise<T>): Promise<T> {
  if (kind === 'pglite') {
    const database = await openDb({ dataDir: 'memory://' });
    try {
      return await use(database);
    } finally {
      // A client stuck in LISTEN (graphile-worker) keeps pool.end() waiting forever: give up after 5 s.
      await Promise.race([database.close(), new Promise((r) => setTimeout(r, 5_000))]);
    }
  }
  const scratch = await scratchPostgres('cb_bench_jobs');
  const database = await openDb({ url: scratch.url, poolSize: 10 });
  try {
    return await use(database);
  } finally {
    await database.close();
    await scratch.drop();
  }
}

async function inChunks(
  total: number,
  size: number,
  add: (from: number, to: number) => Promise<unknown>,
): Promise<void> {
  for (let from = 0; from < total; from += size) await add(from, Math.min(total, from + size));
}

/** The chosen design: our engine over pg-boss 10 (own fetch loops, batch fetch/complete). */
async function benchPgBoss(database: Database): Promise<Result> {
  const engine = await createJobEngine({
    database,
    jobs: platformJobs,
    logger: quiet,
    worker: { batchSize: 50, loopsPerJob: database.kind === 'postgres' ? 4 : 1, pollIntervalMs: 200 },
  });
  const enqueueStart = performance.now();
  // 20 requests in flight, as concurrent API requests would enqueue.
  await inChunks(jobs, 20, (from, to) =>
    Promise.all(Array.from({ length: to - from }, (_, i) => engine.enqueue('system.noop', { n: from + i }))),
  );
  const enqueueSeconds = (performance.now() - enqueueStart) / 1000;
  const start = performance.now();
  await engine.startWorker();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'system.noop' AND state = 'completed'`,
    );
    if (rows[0]!.n >= jobs) break;
    if (Date.now() > deadline) throw new Error(`pg-boss: only ${rows[0]!.n} of ${jobs} completed`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - start) / 1000;
  await engine.stop({ graceful: true });
  return { enqueuePerSecond: jobs / enqueueSeconds, perSecond: jobs / seconds };
}

/** graphile-worker 0.17 over the same pool (on PGlite: the one-connection pool, no prepared statements). */
async function benchGraphile(database: Database, localQueue: boolean): Promise<Result> {
  // On PostgreSQL graphile-worker gets its own pool (it holds one client for LISTEN and, with localQueue, more).
  const pgPool =
    database.kind === 'postgres' ? new pg.Pool({ ...database.connection, max: 20 }) : database.pool;
  pgPool.on('error', () => {});
  try {
    return await runGraphile(pgPool, database.kind, localQueue);
  } finally {
    if (pgPool !== database.pool) await pgPool.end();
  }
}

async function runGraphile(pgPool: pg.Pool, kind: DbKind, localQueue: boolean): Promise<Result> {
  const noPreparedStatements = kind === 'pglite';
  await runMigrations({ pgPool, noPreparedStatements, logger: silentGraphile });
  const utils = await makeWorkerUtils({ pgPool, noPreparedStatements, logger: silentGraphile });
  const enqueueStart = performance.now();
  await inChunks(jobs, 20, (from, to) =>
    Promise.all(Array.from({ length: to - from }, (_, i) => utils.addJob('noop', { n: from + i }))),
  );
  const enqueueSeconds = (performance.now() - enqueueStart) / 1000;
  await utils.release();
  let done = 0;
  let finished: () => void = () => {};
  const allDone = new Promise<void>((resolve) => (finished = resolve));
  const preset: GraphileConfig.Preset = localQueue ? { worker: { localQueue: { size: 100 } } } : {};
  const start = performance.now();
  const runner = await run({
    pgPool,
    concurrency: 10,
    noHandleSignals: true,
    noPreparedStatements,
    pollInterval: 200,
    logger: silentGraphile,
    taskList: {
      noop: async () => {
        if (++done === jobs) finished();
      },
    },
    preset,
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      allDone,
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`graphile-worker: only ${done} of ${jobs} ran in ${timeoutMs / 1000}s`)),
          timeoutMs,
        );
      }),
    ]);
  } catch (error) {
    // On PGlite's one-connection pool the LISTEN client holds the only connection: stop cannot finish either.
    void runner.stop().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const seconds = (performance.now() - start) / 1000;
  await runner.stop();
  return { enqueuePerSecond: jobs / enqueueSeconds, perSecond: jobs / seconds };
}

const cases: { library: string; variant: string; run: (d: Database) => Promise<Result> }[] = [
  { library: 'pg-boss', variant: 'engine: fetch/complete batch 50', run: benchPgBoss },
  { library: 'graphile-worker', variant: 'concurrency 10', run: (d) => benchGraphile(d, false) },
  {
    library: 'graphile-worker',
    variant: 'concurrency 10 + localQueue 100',
    run: (d) => benchGraphile(d, true),
  },
];

for (const kind of ['postgres', 'pglite'] as const) {
  if (process.env.BENCH_DB && process.env.BENCH_DB !== kind) continue;
  for (const c of cases) {
    if (process.env.BENCH_ONLY && process.env.BENCH_ONLY !== c.library) continue;
    const results: Result[] = [];
    let error: string | undefined;
    for (let i = 0; i < runs && !error; i++) {
      try {
        results.push(await withDatabase(kind, c.run));
      } catch (e) {
        error = (e as Error).message;
      }
    }
    const line = error
      ? { bench: 'jobs', library: c.library, variant: c.variant, db: kind, jobs, error }
      : {
          bench: 'jobs',
          library: c.library,
          variant: c.variant,
          db: kind,
          jobs,
          runs,
          enqueuePerSecond: Math.round(median(results.map((r) => r.enqueuePerSecond))),
          perSecond: Math.round(median(results.map((r) => r.perSecond))),
        };
    console.log(JSON.stringify(line));
  }
}

// Leftover clients from a failed graphile-worker run on PGlite must not keep the process alive.
process.exit(0);
