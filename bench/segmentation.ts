// Segmentation: seeds N demo patients (about 10 visits each) into a throw-away database, then measures
//  - a full recompute (tiers, levels, RFM, CLV, churn, urgency, risk) the first time (every patient new,
//    history written for all) and again (nothing changed: no value and no history row written);
//  - a policy preview (other shares and thresholds) at the same size;
//  - the live count of a five-condition segment filter (median of 5), and a bare count(*) of the same
//    patients as the baseline measured in the same run.
// Prints JSON lines. Usage: node --import tsx bench/segmentation.ts [patients=100000] [--db postgres|pglite]
//   [--keep NAME]: PostgreSQL only; seed into database NAME once and keep it (later runs reuse its patients).
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDb, runMigrations, type Database } from '@carebridge/db';
import { DEFAULT_SEGMENTATION_POLICY, type SegmentationPolicy } from '@carebridge/contracts';
import pg from 'pg';
import { ADMIN_URL, emit, median, scratchPostgres } from './lib';
import { withDatabaseName } from '../apps/server/src/testing/test-db';
import { createPersonalDataCipher } from '../apps/server/src/platform/crypto/personal-data';
import { seedDemoPopulation } from '../apps/server/src/modules/demo/demo-seed';
import { ManualClock } from '../apps/server/src/platform/clock';
import { createSegmentationDomain } from '../apps/server/src/app';
import { createAuditService } from '../apps/server/src/modules/audit/audit.service';
import * as auditRepo from '../apps/server/src/modules/audit/audit.repository';
import { segmentCountQueries } from './lib-segment-count';

const args = process.argv.slice(2);
const patients = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const kind = args.includes('--db') && args[args.indexOf('--db') + 1] === 'pglite' ? 'pglite' : 'postgres';
const AS_OF = '2025-06-30';
const TENANT = '0190a000-0000-7000-8000-00000000bead';
const MANAGERS = ['0190a000-0000-7000-8000-0000000000b1', '0190a000-0000-7000-8000-0000000000b2'];
const seconds = (ms: number) => Math.round(ms / 10) / 100;
const keep = args.includes('--keep') ? args[args.indexOf('--keep') + 1] : undefined;

async function withDatabase<T>(use: (database: Database) => Promise<T>): Promise<T> {
  if (kind === 'pglite') {
    const database = await openDb({ dataDir: 'memory://' });
    try {
      return await use(database);
    } finally {
      await database.close();
    }
  }
  const scratch = keep ? await keptPostgres(keep) : await scratchPostgres('cb_bench_seg');
  const database = await openDb({ url: scratch.url, poolSize: 4 });
  try {
    return await use(database);
  } finally {
    await database.close();
    await scratch.drop();
  }
}

/** A named database that outlives the run (created when missing), to measure again without seeding again. */
async function keptPostgres(name: string) {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(name)) throw new Error('--keep takes a plain lower-case database name');
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!exists.rowCount) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return { url: withDatabaseName(ADMIN_URL, name), drop: async () => {} };
}

async function seed(database: Database) {
  await runMigrations(database.pool);
  const seeded = await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM patients');
  if (seeded.rows[0]!.n > 0) return;
  await database.pool.query(`INSERT INTO tenants (id, code, name) VALUES ($1, 'bench', '康桥示范医院')`, [
    TENANT,
  ]);
  for (const [i, id] of MANAGERS.entries())
    await database.pool.query(
      `INSERT INTO users (id, tenant_id, username, display_name, roles, password_hash)
       VALUES ($1, $2, $3, $4, '{health_manager}', 'not-a-real-hash')`,
      [id, TENANT, `hm${i}`, `健康管家${i}`],
    );
  const started = performance.now();
  const summary = await seedDemoPopulation(database, {
    tenantId: TENANT,
    patients,
    seed: 1,
    asOf: AS_OF,
    cipher: createPersonalDataCipher(randomBytes(32)),
    healthManagerIds: MANAGERS,
  });
  const visits = summary.tables.find((t) => t.table === 'encounters')?.rows ?? 0;
  const charges = summary.tables.find((t) => t.table === 'charges')?.rows ?? 0;
  emit({
    bench: 'segmentation',
    db: kind,
    step: 'seed',
    patients,
    visits,
    charges,
    seconds: seconds(performance.now() - started),
  });
}

/** Shares of customers and revenue per tier, and where each generator behaviour landed. */
async function shape(database: Database) {
  const r = await database.pool.query<{ tier: string; n: number; revenue: string }>(
    `SELECT tier, count(*)::int AS n, sum(revenue_window_fen)::text AS revenue FROM patient_values GROUP BY tier ORDER BY tier`,
  );
  const n = r.rows.reduce((s, x) => s + x.n, 0);
  const revenue = r.rows.reduce((s, x) => s + Number(x.revenue), 0);
  return Object.fromEntries(
    r.rows.map((x) => [
      x.tier,
      {
        customerShare: Math.round((x.n / n) * 1000) / 1000,
        revenueShare: Math.round((Number(x.revenue) / revenue) * 1000) / 1000,
      },
    ]),
  );
}

await withDatabase(async (database) => {
  await seed(database);
  // A kept database carries the last run's grades: start from none, so "first" means first.
  if (keep)
    await database.pool.query(
      'TRUNCATE patient_values, patient_tier_history, segmentation_runs, staff_notifications',
    );
  const clock = new ManualClock(new Date(`${AS_OF}T16:00:00Z`));
  const audit = createAuditService({ ...auditRepo, clock });
  const seg = createSegmentationDomain({
    db: database.db,
    audit,
    clock,
    timeZone: 'Asia/Shanghai',
    jobs: null,
  });

  const first = await seg.segmentationRecompute.recomputeAll(TENANT);
  emit({
    bench: 'segmentation',
    db: kind,
    step: 'recompute-first',
    ...first,
    seconds: seconds(first.milliseconds),
    shape: await shape(database),
  });
  const again = await seg.segmentationRecompute.recomputeAll(TENANT);
  emit({
    bench: 'segmentation',
    db: kind,
    step: 'recompute-again',
    ...again,
    seconds: seconds(again.milliseconds),
  });

  const actor = { id: MANAGERS[0]!, tenantId: TENANT, username: 'bench', roles: ['admin'] } as never;
  const other: SegmentationPolicy = {
    ...DEFAULT_SEGMENTATION_POLICY,
    abc: { ...DEFAULT_SEGMENTATION_POLICY.abc, aRevenueTopShare: 0.15, bMinVisits: 3 },
    levels: { ...DEFAULT_SEGMENTATION_POLICY.levels, goldMinRevenueFen: 1_500_000 },
  };
  const p = await seg.segmentation.preview(actor, other, 'zh');
  emit({
    bench: 'segmentation',
    db: kind,
    step: 'preview',
    patients,
    seconds: seconds(p.milliseconds),
    moved: p.moved,
    target: 10,
  });

  const base: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await database.db.execute(
      sql`SELECT count(*) FROM patients WHERE tenant_id = ${TENANT} AND merged_into IS NULL`,
    );
    base.push(performance.now() - t0);
  }
  for (const count of await segmentCountQueries(database, TENANT, clock)) {
    const timings: number[] = [];
    let found = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      found = await count.run();
      timings.push(performance.now() - t0);
    }
    const floor: number[] = [];
    for (let i = 0; count.floor && i < 5; i++) {
      const t0 = performance.now();
      await count.floor();
      floor.push(performance.now() - t0);
    }
    emit({
      bench: 'segmentation',
      db: kind,
      step: 'segment-count',
      filter: count.name,
      patients,
      conditions: count.conditions,
      found,
      medianMs: Math.round(median(timings)),
      baselineCountAllMs: Math.round(median(base)),
      ...(floor.length > 0 && { visitConditionAloneMs: Math.round(median(floor)) }),
      target: 1000,
    });
  }
});
