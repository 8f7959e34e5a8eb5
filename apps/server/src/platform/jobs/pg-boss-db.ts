import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Database, DbOrTx } from '@carebridge/db';

export const bossSchema = 'pgboss';

export interface BossTuning {
  maintenanceIntervalSeconds: number;
  /** pg-boss's own pool size on a PostgreSQL server (unused on PGlite). */
  poolSize: number;
}

/**
 * On a PostgreSQL server pg-boss gets a small pool of its own (from the same connection settings).
 * On embedded PGlite it must share `database.pool` (one connection): a second connection to pglite-socket
 * can interleave extended-protocol messages with ours.
 */
export function createBoss(database: Database, tuning: BossTuning): PgBoss {
  const common = {
    schema: bossSchema,
    migrate: true,
    supervise: true,
    schedule: true,
    maintenanceIntervalSeconds: tuning.maintenanceIntervalSeconds,
  };
  if (database.kind === 'postgres') {
    const { connectionString, host, port, user, password, database: name, ssl } = database.connection;
    return new PgBoss({
      ...common,
      connectionString,
      host,
      port,
      user,
      password: typeof password === 'string' ? password : undefined,
      database: name,
      ssl: ssl,
      max: tuning.poolSize,
      application_name: 'carebridge-jobs',
    });
  }
  return new PgBoss({ ...common, db: poolExecutor(database) });
}

function poolExecutor(database: Database): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const client = await database.pool.connect();
      try {
        // Without values node-postgres uses the simple protocol, which pg-boss needs for its multi-statement SQL.
        return values && values.length > 0 ? await client.query(text, values) : await client.query(text);
      } catch (error) {
        // A failed statement inside pg-boss's `BEGIN; …; COMMIT` string leaves the session in an aborted
        // transaction; on the one embedded connection that would break every later query.
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** Runs pg-boss's SQL on the caller's Drizzle transaction, so the job exists only if that transaction commits. */
export function transactionExecutor(tx: DbOrTx): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const result = await tx.execute(toDrizzleSql(text, values ?? []));
      return { rows: result.rows };
    },
  };
}

/** `$n` placeholders → Drizzle params (each wrapped, so arrays stay one parameter instead of a list). */
export function toDrizzleSql(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = parts.map((part, index) =>
    index % 2 === 0 ? sql.raw(part) : sql`${sql.param(values[Number(part) - 1])}`,
  );
  return sql.join(chunks, sql.raw(''));
}

/** A stable job id for a singleton key: a second enqueue with the same key is a no-op while the first job is kept. */
export function singletonJobId(name: string, key: string): string {
  const hex = createHash('sha256').update(`${name}\u0000${key}`).digest('hex');
  // Shape it as an RFC 4122 UUID (version 8, "custom") so the uuid column accepts it.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
