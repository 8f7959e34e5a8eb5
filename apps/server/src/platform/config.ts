import { z } from 'zod';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const postgresUrl = z
  .string()
  .refine(
    (v) => /^postgres(ql)?:\/\//.test(v) && URL.canParse(v),
    'must be a postgres:// or postgresql:// URL',
  );

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Every setting CareBridge reads from the environment, validated once at start. */
const configSchema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  CAREBRIDGE_DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce
    .number({ error: 'must be a port number (0–65535)' })
    .int('must be a port number (0–65535)')
    .min(0, 'must be a port number (0–65535)')
    .max(65535, 'must be a port number (0–65535)')
    .default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  CAREBRIDGE_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  CAREBRIDGE_DEMO: booleanFlag.optional(),
  /** Password of the demo accounts (one per role); only used in demo mode. */
  CAREBRIDGE_DEMO_PASSWORD: z.string().min(10, 'must be at least 10 characters').default('carebridge-demo'),
  /** Demo mode: patients generated on first start (0: none). */
  CAREBRIDGE_DEMO_PATIENTS: z.coerce.number().int().min(0).max(100_000).default(1500),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // At most a day: the nightly purge relies on a session unused for a week being over.
  CAREBRIDGE_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1440, 'must be at most 1440 (one day)')
    .default(30),
  CAREBRIDGE_SESSION_ABSOLUTE_HOURS: positiveInt(12),
  CAREBRIDGE_LOGIN_MAX_FAILURES: positiveInt(5),
  CAREBRIDGE_LOCKOUT_MINUTES: positiveInt(15),
  CAREBRIDGE_LOGIN_RATE_PER_MINUTE: positiveInt(20),
  CAREBRIDGE_BODY_LIMIT_BYTES: positiveInt(1024 * 1024),
  /** Send the session cookie only over HTTPS. Default: on unless bound to loopback. */
  CAREBRIDGE_COOKIE_SECURE: booleanFlag.optional(),
  /** Behind a reverse proxy, trust X-Forwarded-For for client IPs (audit, rate limits). */
  CAREBRIDGE_TRUST_PROXY: booleanFlag.default(false),
  CAREBRIDGE_TIME_ZONE: z
    .string()
    .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', 'unknown time zone')
    .default('Asia/Shanghai'),
  CAREBRIDGE_DB_POOL_SIZE: positiveInt(10),
  /** Master key for ID-card and phone encryption: 32 random bytes, base64 (`carebridge keygen`). */
  CAREBRIDGE_DATA_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 random bytes, base64 encoded')
    .transform((v) => Buffer.from(v, 'base64'))
    .optional(),
  /** HL7 v2 over MLLP: off unless switched on; it listens on CAREBRIDGE_MLLP_HOST:CAREBRIDGE_MLLP_PORT. */
  CAREBRIDGE_MLLP: booleanFlag.default(false),
  CAREBRIDGE_MLLP_PORT: z.coerce.number().int().min(0).max(65535).default(2575),
  CAREBRIDGE_MLLP_HOST: z.string().min(1).default('127.0.0.1'),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  adminPassword: string | undefined;
  demo: boolean;
  demoPassword: string;
  demoPatients: number;
  logLevel: RawConfig['LOG_LEVEL'];
  session: { idleMs: number; absoluteMs: number; cookieSecure: boolean };
  login: { maxFailures: number; lockoutMs: number; ratePerMinute: number };
  bodyLimit: number;
  trustProxy: boolean;
  timeZone: string;
  dbPoolSize: number;
  /** Unset: embedded mode keeps a generated key in the data directory; PostgreSQL mode refuses to start. */
  dataKey: Buffer | undefined;
  /** MLLP listener for HL7 v2 (null: off). MLLP has no authentication: bind it to the interface network. */
  mllp: { host: string; port: number } | null;
}

export class ConfigError extends Error {}

/** Reads and validates the environment; the error names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(c.HOST);
  return {
    databaseUrl: c.DATABASE_URL,
    dataDir: c.CAREBRIDGE_DATA_DIR,
    port: c.PORT,
    host: c.HOST,
    adminPassword: c.CAREBRIDGE_ADMIN_PASSWORD,
    demo: c.CAREBRIDGE_DEMO ?? !c.DATABASE_URL,
    demoPassword: c.CAREBRIDGE_DEMO_PASSWORD,
    demoPatients: c.CAREBRIDGE_DEMO_PATIENTS,
    logLevel: c.LOG_LEVEL,
    session: {
      idleMs: c.CAREBRIDGE_SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: c.CAREBRIDGE_SESSION_ABSOLUTE_HOURS * 3_600_000,
      cookieSecure: c.CAREBRIDGE_COOKIE_SECURE ?? !loopback,
    },
    login: {
      maxFailures: c.CAREBRIDGE_LOGIN_MAX_FAILURES,
      lockoutMs: c.CAREBRIDGE_LOCKOUT_MINUTES * 60_000,
      ratePerMinute: c.CAREBRIDGE_LOGIN_RATE_PER_MINUTE,
    },
    bodyLimit: c.CAREBRIDGE_BODY_LIMIT_BYTES,
    trustProxy: c.CAREBRIDGE_TRUST_PROXY,
    timeZone: c.CAREBRIDGE_TIME_ZONE,
    dbPoolSize: c.CAREBRIDGE_DB_POOL_SIZE,
    dataKey: c.CAREBRIDGE_DATA_KEY,
    mllp: c.CAREBRIDGE_MLLP ? { host: c.CAREBRIDGE_MLLP_HOST, port: c.CAREBRIDGE_MLLP_PORT } : null,
  };
}
