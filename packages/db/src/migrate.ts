import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

// Shared by every CareBridge process: only one applies migrations at a time.
const MIGRATION_LOCK = 4_242_000;

/**
 * Applies the generated, append-only migrations in order; already-applied ones are skipped.
 * Holds a session advisory lock on one connection so API and worker processes starting together
 * do not race each other.
 */
export async function runMigrations(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
