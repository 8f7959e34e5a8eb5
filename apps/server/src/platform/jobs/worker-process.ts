// A job worker as its own process, spawned by the multi-process tests: `node --import tsx worker-process.ts`.
// Env: DATABASE_URL, JOBS_BATCH_SIZE, JOBS_POLL_MS, JOBS_MAINTENANCE_SECONDS.
import pino from 'pino';
import { openDb } from '@carebridge/db';
import { createJobEngine } from './engine';
import { platformJobs } from './system-jobs';
import { testJobs } from './test-jobs';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
const database = await openDb({ url, poolSize: 4 });
const engine = await createJobEngine({
  database,
  jobs: [...platformJobs, ...testJobs],
  logger,
  worker: {
    batchSize: Number(process.env.JOBS_BATCH_SIZE ?? 10),
    pollIntervalMs: Number(process.env.JOBS_POLL_MS ?? 200),
  },
  maintenanceIntervalSeconds: Number(process.env.JOBS_MAINTENANCE_SECONDS ?? 1),
});
await engine.startWorker();
process.stdout.write('ready\n');

process.once('SIGTERM', () => {
  void engine
    .stop({ graceful: true })
    .then(() => database.close())
    .then(() => process.exit(0));
});
