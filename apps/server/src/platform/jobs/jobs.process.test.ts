// Real worker processes on a real PostgreSQL: exactly-once claiming, recovery after SIGKILL, and after a server restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { openDb, type Database } from '@carebridge/db';
import { createTestDatabase, type TestDatabase } from '../../testing/test-db';
import { createJobEngine, type JobEngine } from './index';
import { platformJobs } from './system-jobs';
import { createRunsTable, runsTable, testJobs } from './test-jobs';
import {
  createPrivateCluster,
  spawnWorker,
  stopWorker,
  type PrivateCluster,
  type WorkerProcess,
} from './process-helpers';

const quiet = pino({ level: 'silent' });

async function waitFor(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function count(database: Database, where: string, params: unknown[] = []): Promise<number> {
  const { rows } = await database.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${runsTable} WHERE ${where}`,
    params,
  );
  return rows[0]!.n;
}

/** An engine that only enqueues (no worker loops), as the API process uses it. */
function enqueuer(database: Database): Promise<JobEngine> {
  return createJobEngine({
    database,
    jobs: [...platformJobs, ...testJobs],
    logger: quiet,
    maintenanceIntervalSeconds: 1,
  });
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('job worker processes on PostgreSQL', () => {
  let database: TestDatabase;
  let engine: JobEngine;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await createRunsTable(database);
    engine = await enqueuer(database);
  });

  afterAll(async () => {
    for (const worker of workers) await stopWorker(worker);
    await engine?.stop({ graceful: false });
    await database?.close();
  });

  it('two worker processes run each of 500 jobs exactly once', async () => {
    const env = { JOBS_BATCH_SIZE: '5', JOBS_POLL_MS: '100' };
    const [a, b] = await Promise.all([spawnWorker(database.url!, env), spawnWorker(database.url!, env)]);
    workers.push(a, b);
    for (let i = 0; i < 500; i++) await engine.enqueue('test.record', { key: `once-${i}` });
    await waitFor(async () => (await count(database, `key LIKE 'once-%'`)) >= 500, 40_000, '500 runs');
    await new Promise((r) => setTimeout(r, 500)); // a duplicate run would land now
    const { rows } = await database.pool.query<{ runs: number; keys: number; pids: number }>(
      `SELECT count(*)::int AS runs, count(DISTINCT key)::int AS keys, count(DISTINCT pid)::int AS pids
         FROM ${runsTable} WHERE key LIKE 'once-%'`,
    );
    expect(rows[0]).toEqual({ runs: 500, keys: 500, pids: 2 });
    await Promise.all([stopWorker(a), stopWorker(b)]);
  }, 60_000);

  it('retries a job whose worker was killed with SIGKILL, on another worker', async () => {
    const first = await spawnWorker(database.url!);
    workers.push(first);
    const id = await engine.enqueue('test.slow', { key: 'killed', firstAttemptMs: 60_000 });
    await waitFor(
      async () => (await count(database, `key = 'killed' AND outcome = 'started'`)) === 1,
      15_000,
      'first start',
    );
    await stopWorker(first); // SIGKILL in the middle of the job
    const second = await spawnWorker(database.url!);
    workers.push(second);
    // expireInSeconds 3 + maintenance every second: the stuck job is failed into retry and picked up.
    await waitFor(
      async () => (await count(database, `key = 'killed' AND outcome = 'done'`)) === 1,
      30_000,
      'retry done',
    );
    const { rows } = await database.pool.query<{ attempt: number; outcome: string; pid: number }>(
      `SELECT attempt, outcome, pid FROM ${runsTable} WHERE key = 'killed' ORDER BY at`,
    );
    expect(rows).toEqual([
      { attempt: 1, outcome: 'started', pid: first.pid },
      { attempt: 2, outcome: 'started', pid: second.pid },
      { attempt: 2, outcome: 'done', pid: second.pid },
    ]);
    expect(await engine.jobState('test.slow', id!)).toEqual({ state: 'completed', attempts: 2 });
    await stopWorker(second);
  }, 60_000);
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('job worker across a PostgreSQL restart', () => {
  let cluster: PrivateCluster | undefined;
  let database: Database | undefined;
  let engine: JobEngine | undefined;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    cluster = await createPrivateCluster();
    database = await openDb({ url: cluster.url, poolSize: 2 });
    await createRunsTable(database);
    engine = await enqueuer(database);
    worker = await spawnWorker(cluster.url, { JOBS_POLL_MS: '200' });
  }, 60_000);

  afterAll(async () => {
    await stopWorker(worker);
    await engine?.stop({ graceful: false }).catch(() => {});
    await database?.close().catch(() => {});
    cluster?.destroy();
  });

  it('keeps running and completes jobs enqueued after the server came back', async () => {
    const db = database!;
    for (let i = 0; i < 10; i++) await engine!.enqueue('test.record', { key: `before-${i}` });
    await waitFor(async () => (await count(db, `key LIKE 'before-%'`)) === 10, 15_000, 'jobs before restart');

    cluster!.stop();
    await new Promise((r) => setTimeout(r, 2_000)); // the worker polls a dead server meanwhile
    cluster!.start();

    await waitFor(
      async () => {
        try {
          await engine!.enqueue('test.record', { key: 'after-0' });
          return true;
        } catch {
          return false;
        }
      },
      15_000,
      'enqueue after restart',
    );
    for (let i = 1; i < 10; i++) await engine!.enqueue('test.record', { key: `after-${i}` });
    await waitFor(async () => (await count(db, `key LIKE 'after-%'`)) >= 10, 20_000, 'jobs after restart');
    expect(await count(db, `key LIKE 'after-%' AND pid = $1`, [worker!.pid])).toBe(10);
    expect(worker!.child.exitCode).toBeNull();
  }, 60_000);
});
