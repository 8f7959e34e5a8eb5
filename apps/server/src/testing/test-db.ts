import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, runMigrations, type Database, type DbKind } from '@carebridge/db';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (as CI sets it). */
export function testDbKinds(): DbKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends Database {
  /** URL of the throw-away database (PostgreSQL only), for tests that start other processes. */
  url: string | undefined;
}

/** A fresh, migrated database of its own for one test file; `close()` removes it. */
export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDb({ dataDir: 'memory://' });
    await runMigrations(database.pool);
    return { ...database, url: undefined };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const scratch = await createScratchDatabase(adminUrl, 'cb_test');
  const database = await openDb({ url: scratch.url, poolSize: 8 });
  await runMigrations(database.pool);
  return {
    ...database,
    url: scratch.url,
    close: async () => {
      try {
        await database.close();
      } finally {
        await scratch.drop();
      }
    },
  };
}

/** An empty database of its own on the server behind `adminUrl` (tests, benchmarks); `drop()` removes it. */
export async function createScratchDatabase(adminUrl: string, prefix: string) {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  return {
    url: withDatabaseName(adminUrl, name),
    drop: () => withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function withAdmin<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
