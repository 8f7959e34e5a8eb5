// Demo-population load: seeds N patients into a throw-away database and prints one JSON line per table
// (rows, database seconds, rows/s), a total line, and a ceiling: a bare load of the same number of rows into
// a one-column table in the same database and run, with the same method (binary COPY on PostgreSQL,
// INSERT … SELECT FROM unnest on PGlite).
// Usage: node --import tsx bench/seed.ts [patients=100000]
// Env: BENCH_DB=postgres|pglite (default postgres), BENCH_DATABASE_URL, BENCH_SEED, BENCH_AS_OF
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, runMigrations, type Database } from '@carebridge/db';
import { emit, scratchPostgres } from './lib';
import { createPersonalDataCipher } from '../apps/server/src/platform/crypto/personal-data';
import { seedDemoPopulation } from '../apps/server/src/modules/demo/demo-seed';
import { BinaryCopyWriter } from '../apps/server/src/platform/db/copy-binary';

const patients = Number(process.argv[2] ?? 100_000);
const kind = process.env.BENCH_DB === 'pglite' ? 'pglite' : 'postgres';
const seed = process.env.BENCH_SEED ?? '1';
const asOf = process.env.BENCH_AS_OF ?? '2025-06-30';
const TENANT = '0190a000-0000-7000-8000-00000000bead';

async function withDatabase<T>(use: (database: Database) => Promise<T>): Promise<T> {
  if (kind === 'pglite') {
    const database = await openDb({ dataDir: 'memory://' });
    try {
      return await use(database);
    } finally {
      await database.close();
    }
  }
  const scratch = await scratchPostgres('cb_bench_seed');
  const database = await openDb({ url: scratch.url, poolSize: 4 });
  try {
    return await use(database);
  } finally {
    await database.close();
    await scratch.drop();
  }
}

/** The ceiling: `rows` rows of (int8, text) loaded the same way, outside any index but the primary key. */
async function ceiling(
  database: Database,
  rows: number,
): Promise<{ seconds: number; rowsPerSecond: number }> {
  const dedicated = kind === 'postgres' ? new pg.Client(database.connection) : null;
  if (dedicated) await dedicated.connect();
  const pooled = dedicated ? null : await database.pool.connect();
  const client: pg.ClientBase = dedicated ?? pooled!;
  try {
    await client.query('CREATE TABLE bench_ceiling (n int8 PRIMARY KEY, t text NOT NULL)');
    const started = performance.now();
    const chunk = kind === 'postgres' ? 500_000 : 20_000;
    for (let from = 0; from < rows; from += chunk) {
      const to = Math.min(rows, from + chunk);
      if (kind === 'postgres') {
        const w = new BinaryCopyWriter(chunk * 24);
        for (let n = from; n < to; n++) {
          w.row(2);
          w.int8(n);
          w.text('demo');
        }
        await copyBinary(client, 'COPY bench_ceiling (n, t) FROM STDIN (FORMAT binary)', w.finish());
      } else {
        const ns = Array.from({ length: to - from }, (_, i) => from + i);
        await client.query(`INSERT INTO bench_ceiling SELECT n, 'demo' FROM unnest($1::int8[]) AS u(n)`, [
          ns,
        ]);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    return { seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows / seconds) };
  } finally {
    await dedicated?.end();
    pooled?.release();
  }
}

/** A plain COPY through pg-copy-streams (the ceiling does not need the seeder's eager variant). */
async function copyBinary(client: pg.ClientBase, sql: string, data: Buffer): Promise<void> {
  const { from } = (await import('pg-copy-streams')).default;
  await new Promise<void>((resolve, reject) => {
    const stream = client.query(from(sql));
    stream.on('finish', () => resolve());
    stream.on('error', reject);
    stream.end(data);
  });
}

await withDatabase(async (database) => {
  await runMigrations(database.pool);
  let lastMark = '';
  await database.pool.query(`INSERT INTO tenants (id, code, name) VALUES ($1, 'bench', '康桥示范医院')`, [
    TENANT,
  ]);
  const summary = await seedDemoPopulation(database, {
    tenantId: TENANT,
    patients,
    seed,
    asOf,
    cipher: createPersonalDataCipher(randomBytes(32)),
    healthManagerIds: [],
    onProgress: (p) => {
      // Phase changes, and the load at each quarter.
      const mark = p.phase === 'load' ? `load ${Math.floor((4 * p.patients) / p.of)}` : p.phase;
      if (mark === lastMark) return;
      lastMark = mark;
      process.stderr.write(`${p.phase} ${p.patients}/${p.of} ${p.seconds.toFixed(1)}s\n`);
    },
  });
  for (const t of summary.tables) emit({ bench: 'seed', db: kind, patients, ...t });
  emit({
    bench: 'seed',
    db: kind,
    patients,
    table: '(total)',
    method: summary.method,
    rows: summary.totalRows,
    seconds: Math.round(summary.seconds * 10) / 10,
    rowsPerSecond: summary.rowsPerSecond,
    ...summary.phases,
    indexesRebuilt: summary.indexesRebuilt,
  });
  const base = await ceiling(database, summary.totalRows);
  emit({
    bench: 'seed',
    db: kind,
    patients,
    table: '(ceiling: bare load of as many rows)',
    rows: summary.totalRows,
    ...base,
  });
});
