import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema/index';
import { startEmbeddedServer, type EmbeddedServer } from './embedded/start-embedded';

export type DbKind = 'pglite' | 'postgres';
export type Db = NodePgDatabase<typeof schema>;
/** A Drizzle handle that is either the database or an open transaction. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  kind: DbKind;
  db: Db;
  pool: pg.Pool;
  /** Connection settings a second library (the job queue) can use to reach the same database. */
  connection: pg.PoolConfig;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  /** PostgreSQL server URL; when absent an embedded PGlite is started. */
  url?: string | undefined;
  /** Embedded data directory, or `memory://` for a throw-away database. */
  dataDir?: string;
  /** Pool size on a PostgreSQL server. */
  poolSize?: number;
  applicationName?: string;
}

// timestamptz and bigint come back as strings by default; dates are parsed by Drizzle itself.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * Handles that may use named (server-side) prepared statements: PostgreSQL servers. PGlite over its socket
 * loses track of a statement name after any error on the connection, so it gets unnamed statements.
 */
const serverDbs = new WeakSet<Db>();
export const supportsNamedStatements = (db: Db): boolean => serverDbs.has(db);
/** A server pool: a second query may run while a transaction holds a connection (the embedded one has one). */
export const hasConcurrentConnections = (db: Db): boolean => serverDbs.has(db);

export async function openDb(options: OpenDbOptions): Promise<Database> {
  if (options.url) return openServerDb(options.url, options);
  return openEmbeddedDb(options.dataDir ?? './data');
}

async function openServerDb(url: string, options: OpenDbOptions): Promise<Database> {
  const connection: pg.PoolConfig = {
    connectionString: url,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'carebridge',
    connectionTimeoutMillis: 10_000,
  };
  const pool = new pg.Pool(connection);
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on('error', () => {});
  await checkReachable(pool, url);
  const db = drizzle(pool, { schema });
  serverDbs.add(db);
  return { kind: 'postgres', db, pool, connection, close: () => endPool(pool) };
}

async function openEmbeddedDb(dataDir: string): Promise<Database> {
  const server: EmbeddedServer = await startEmbeddedServer(dataDir);
  // One connection: pglite-socket queues protocol *messages*, not whole extended-protocol exchanges, so two
  // clients can interleave Parse/Bind and bind each other's statements. The pool serialises instead.
  const connection: pg.PoolConfig = {
    host: '127.0.0.1',
    port: server.port,
    user: 'postgres',
    database: 'postgres',
    max: 1,
  };
  const pool = new pg.Pool(connection);
  pool.on('error', () => {});
  return {
    kind: 'pglite',
    db: drizzle(pool, { schema }),
    pool,
    connection,
    close: async () => {
      try {
        await endPool(pool);
      } finally {
        await server.stop();
      }
    },
  };
}

/** Idempotent: closing twice (or after the pool was ended elsewhere) is not an error. */
const endPool = (pool: pg.Pool): Promise<void> => (pool.ended ? Promise.resolve() : pool.end());

async function checkReachable(pool: pg.Pool, url: string): Promise<void> {
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`DATABASE_URL (${redactUrl(url)}) is not reachable: ${reason}`);
  }
}

/** Never print a password that came in a URL. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a valid URL)';
  }
}

/**
 * A transaction on a connection of its own, for work that needs the connection itself (binary COPY, DDL
 * around a bulk load): `tx` is a Drizzle handle on that connection, so repositories work as in any other
 * transaction. Commits when `work` resolves, rolls back when it throws. On the embedded database this is
 * its one connection: nothing else reaches the database until the work is done.
 */
export async function inOwnTransaction<T>(
  database: Database,
  work: (tx: Db, client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await database.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(drizzle(client, { schema }), client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((e: unknown) => {
      broken = e instanceof Error ? e : new Error(String(e)); // a dead connection is not given back
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
