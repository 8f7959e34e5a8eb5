import { z } from 'zod';
import type { Database } from '@carebridge/db';
import type { JobEngine } from './engine';
import { defineJob } from './registry';

/** Embedded PGlite has no autovacuum: without it trigram search slows ~10× as tables churn. */
export const vacuumJob = defineJob({
  name: 'system.vacuum',
  payload: z.object({}).strict(),
  retry: { limit: 2, delaySeconds: 600, backoff: false },
  expireInSeconds: 60 * 60,
  handler: async (_payload, { database, logger }) => {
    const started = Date.now();
    // VACUUM cannot run inside a transaction block; a plain pool query is its own implicit transaction.
    await database.pool.query('VACUUM ANALYZE');
    logger.info({ ms: Date.now() - started }, 'vacuum analyze done');
  },
});

/** Does nothing: measures the queue itself (bench/jobs.ts). */
export const noopJob = defineJob({
  name: 'system.noop',
  payload: z.object({ n: z.number().int().optional() }).strict(),
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  handler: async () => {},
});

export const platformJobs = [vacuumJob, noopJob];

export const nightlyVacuumCron = '30 3 * * *';

/** Schedules that the platform itself needs. PostgreSQL servers run autovacuum, so only PGlite gets one. */
export async function registerPlatformSchedules(
  engine: JobEngine,
  database: Database,
  timeZone = 'Asia/Shanghai',
): Promise<void> {
  if (database.kind === 'pglite')
    await engine.schedule(vacuumJob.name, nightlyVacuumCron, {}, { tz: timeZone });
}
