import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Db } from './open';

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

/** Applies the generated, append-only migrations in order; already-applied ones are skipped. */
export async function runMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder });
}
