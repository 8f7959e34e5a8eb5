import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { DbKind } from '@carebridge/db';
import { buildApp, createAppDeps, type AppDeps } from '../app';
import { ManualClock } from '../platform/clock';
import { loadConfig, type Config } from '../platform/config';
import { bootstrapIdentity } from '../modules/identity/bootstrap';
import { createTestDatabase, type TestDatabase } from './test-db';
import { pino } from 'pino';
import { createJobEngine } from '../platform/jobs';
import { allJobs } from '../platform/jobs/catalogue';

export const ADMIN_PASSWORD = 'Admin-Pass-2026';
export const DEMO_PASSWORD = 'Demo-Pass-2026';
/** A fixed, test-only personal-data key (32 bytes, base64): tests may decrypt what they wrote. */
export const TEST_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

export interface Session {
  cookie: string;
  csrfToken: string;
}

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  clock: ManualClock;
  database: TestDatabase;
  config: Config;
  /** Signs in and returns the cookie and CSRF token. */
  login(username: string, password?: string): Promise<Session>;
  /** app.inject with the session's cookie and (for writes) CSRF header. */
  as(session: Session | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A real app on a fresh database of the given kind, with the demo accounts and a movable clock. */
export interface TestAppOptions {
  env?: Record<string, string>;
  /** Runs before the app is ready: the place to add a test-only route. */
  beforeReady?: (app: FastifyInstance) => void;
  /** Capture the server's log (at LOG_LEVEL, default silent) instead of discarding it. */
  logStream?: NodeJS.WritableStream;
  /** Start a job engine (enqueue only; no worker) so the jobs routes exist. */
  jobs?: boolean;
}

export async function createTestApp(kind: DbKind, options: TestAppOptions = {}): Promise<TestApp> {
  const { env = {}, beforeReady = () => {} } = options;
  const database = await createTestDatabase(kind);
  const config = loadConfig({
    CAREBRIDGE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    CAREBRIDGE_DEMO_PASSWORD: DEMO_PASSWORD,
    LOG_LEVEL: 'silent',
    CAREBRIDGE_LOGIN_RATE_PER_MINUTE: '10000',
    CAREBRIDGE_DATA_KEY: TEST_DATA_KEY,
    ...env,
  });
  const boot = await bootstrapIdentity(database.db, {
    adminPassword: ADMIN_PASSWORD,
    demo: true,
    demoPassword: DEMO_PASSWORD,
  });
  const clock = new ManualClock(new Date('2026-11-02T09:00:00+08:00'));
  const jobs = options.jobs
    ? await createJobEngine({ database, jobs: allJobs, logger: pino({ level: 'silent' }), clock })
    : null;
  const deps = createAppDeps(config, database, clock, boot.tenantId, jobs);
  const app = await buildApp(deps, {
    logger: options.logStream ? true : false,
    serveWeb: false,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  beforeReady(app);
  await app.ready();

  const as: TestApp['as'] = (session, options) => {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
    if (session) {
      headers.cookie = session.cookie;
      if (options.method && options.method !== 'GET') headers['x-csrf-token'] ??= session.csrfToken;
    }
    return app.inject({ ...options, headers });
  };

  const login = async (
    username: string,
    password = username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD,
  ) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'cb_session');
    return {
      cookie: `cb_session=${cookie!.value}`,
      csrfToken: res.json<{ csrfToken: string }>().csrfToken,
    };
  };

  return {
    app,
    deps,
    clock,
    database,
    config,
    login,
    as,
    close: async () => {
      await app.close();
      await jobs?.stop({ graceful: true });
      await database.close();
    },
  };
}
