import type { FastifyInstance } from 'fastify';
import { openDb, redactUrl, runMigrations, type Database } from '@carebridge/db';
import { buildApp, createAppDeps, jobServices } from './app';
import { systemClock } from './platform/clock';
import type { Config } from './platform/config';
import { bootstrapIdentity, type BootstrapResult } from './modules/identity/bootstrap';
import { pino } from 'pino';
import { loggerOptions } from './platform/logging';
import { createJobEngine } from './platform/jobs';
import { allJobs, registerSchedules } from './platform/jobs/catalogue';
import { seedDemoPatientsOnFirstStart } from './modules/demo/first-start';
import { todayIn } from '@carebridge/domain';
import { resolveDataKey } from './platform/crypto/data-key';
import { createPersonalDataCipher } from './platform/crypto/personal-data';

export interface Runtime {
  database: Database;
  boot: BootstrapResult;
  /** Demo patients generated on this start (first start in demo mode), else 0. */
  demoPatientsSeeded: number;
  app: FastifyInstance | null;
  url: string | null;
  stop(): Promise<void>;
}

/** Opens the database, migrates, bootstraps identity, and starts the HTTP server and/or the worker. */
export async function startRuntime(
  config: Config,
  roles: { http: boolean; worker: boolean },
  notice: (line: string) => void = () => {},
): Promise<Runtime> {
  const database = await openConfiguredDb(config);
  try {
    await runMigrations(database.pool);
    const boot = await bootstrapIdentity(database.db, {
      adminPassword: config.adminPassword,
      demo: config.demo,
      demoPassword: config.demoPassword,
    });
    const demoPatientsSeeded = await seedDemoPatients(config, database, boot.tenantId, notice);
    const logger = pino(loggerOptions(config.logLevel) as pino.LoggerOptions);
    // API processes enqueue; worker processes also run jobs. Both share one engine per process.
    const jobs = await createJobEngine({
      database,
      jobs: allJobs,
      logger,
      clock: systemClock,
      timeZone: config.timeZone,
    });
    const deps = createAppDeps(config, database, systemClock, boot.tenantId, jobs);
    if (roles.worker) {
      jobs.provideServices(jobServices(deps));
      await registerSchedules(jobs, database, config.timeZone);
      await jobs.startWorker();
    }
    // Generated patients are loaded in bulk, without the master patient index's keys: give them theirs,
    // so that imports and registrations are matched against them.
    if (demoPatientsSeeded) await deps.mpi.indexMissing(database.db, boot.tenantId);
    // …and their tiers, so the dashboard and the 360 pages have something to show before the nightly run.
    if (demoPatientsSeeded) await deps.segmentationRecompute.recomputeAll(boot.tenantId);
    const app = roles.http ? await buildApp(deps) : null;
    const url = app ? await app.listen({ port: config.port, host: config.host }) : null;
    const mllp = roles.http && config.mllp ? await startMllp(config.mllp, deps, boot.tenantId, logger) : null;
    if (mllp) notice(`HL7 v2 (MLLP) listening on ${config.mllp!.host}:${mllp.port}`);
    const stop = async () => {
      // Order matters: stop taking requests (in-flight ones finish), let running jobs finish, then the database.
      await mllp?.close();
      await app?.close();
      await jobs.stop({ graceful: true });
      await database.close();
    };
    return { database, boot, demoPatientsSeeded, app, url, stop };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

/** HL7 v2 over MLLP: each batch of messages from one connection is written in one transaction. */
async function startMllp(
  at: { host: string; port: number },
  deps: ReturnType<typeof createAppDeps>,
  tenantId: string,
  logger: pino.Logger,
) {
  const { startMllpServer } = await import('./modules/interop/mllp/mllp-server');
  const ctx = { tenantId, actor: null, origin: { ip: null, userAgent: 'mllp' } };
  return startMllpServer({
    host: at.host,
    port: at.port,
    logger: {
      info: (o, m) => logger.info(o, m),
      warn: (o, m) => logger.warn(o, m),
      error: (o, m) => logger.error(o, m),
    },
    // Larger batches amortise the transaction and the matching lock over more messages.
    maxBatchSize: 500,
    handleBatch: async (messages) => (await deps.hl7.receive(ctx, messages)).map((o) => o.ack),
  });
}

/**
 * Demo mode's first start generates a small, deterministic patient population (before the server listens:
 * the embedded database has one connection, and the load holds it). A database with patients is left alone.
 */
async function seedDemoPatients(
  config: Config,
  database: Database,
  tenantId: string,
  notice: (line: string) => void,
): Promise<number> {
  if (!config.demo || config.demoPatients === 0) return 0;
  return seedDemoPatientsOnFirstStart(
    database,
    {
      tenantId,
      patients: config.demoPatients,
      seed: 1,
      asOf: todayIn(config.timeZone),
      cipher: createPersonalDataCipher(resolveDataKey(config)),
    },
    () => notice(`first start: generating ${config.demoPatients.toLocaleString('en')} demo patients…`),
  );
}

export function openConfiguredDb(config: Config): Promise<Database> {
  return openDb({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize });
}

export function describeDatabase(config: Config): string {
  return config.databaseUrl
    ? `PostgreSQL ${redactUrl(config.databaseUrl)}`
    : `embedded PGlite in ${config.dataDir} (for trying, demos and tests — not crash-safe; set DATABASE_URL in production)`;
}

/** Stops on SIGTERM/SIGINT once; a second signal forces exit. */
export function stopOnSignals(stop: () => Promise<void>, log: (message: string) => void): void {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log(`${signal} received: finishing in-flight requests and jobs…`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
}
