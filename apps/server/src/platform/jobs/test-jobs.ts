// Jobs used only by the job engine's tests (in-process and in spawned worker processes).
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Database } from '@carebridge/db';
import { defineJob } from './registry';

export const runsTable = 'job_test_runs';

export async function createRunsTable(database: Database): Promise<void> {
  await database.pool.query(
    `CREATE TABLE IF NOT EXISTS ${runsTable} (
       key text NOT NULL, job_id text NOT NULL, attempt int NOT NULL, outcome text NOT NULL, pid int NOT NULL,
       at timestamptz NOT NULL DEFAULT now())`,
  );
}

async function record(
  database: Database,
  key: string,
  jobId: string,
  attempt: number,
  outcome: string,
): Promise<void> {
  await database.pool.query(
    `INSERT INTO ${runsTable} (key, job_id, attempt, outcome, pid) VALUES ($1, $2, $3, $4, $5)`,
    [key, jobId, attempt, outcome, process.pid],
  );
}

/** Records each run; fails its first `failTimes` attempts. */
export const recordJob = defineJob({
  name: 'test.record',
  payload: z.object({ key: z.string().min(1), failTimes: z.number().int().min(0).default(0) }),
  retry: { limit: 3, delaySeconds: 0, backoff: false },
  handler: async ({ key, failTimes }, { jobId, attempt, database }) => {
    if (attempt <= failTimes) {
      await record(database, key, jobId, attempt, 'failed');
      throw new Error(`planned failure ${attempt}`);
    }
    await record(database, key, jobId, attempt, 'done');
  },
});

/** A long first attempt (the test kills its worker meanwhile); a short expiry so the retry comes soon. */
export const slowJob = defineJob({
  name: 'test.slow',
  payload: z.object({ key: z.string(), firstAttemptMs: z.number().int() }),
  retry: { limit: 2, delaySeconds: 0, backoff: false },
  expireInSeconds: 3,
  handler: async ({ key, firstAttemptMs }, { jobId, attempt, database }) => {
    await record(database, key, jobId, attempt, 'started');
    if (attempt === 1) await sleep(firstAttemptMs);
    await record(database, key, jobId, attempt, 'done');
  },
});

export const testJobs = [recordJob, slowJob];
