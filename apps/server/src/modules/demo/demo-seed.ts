import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  createDemoPopulation,
  DEMO_TABLES,
  type DemoBatch,
  type DemoPopulation,
  type DemoTable,
} from '@carebridge/domain';
import type { Database } from '@carebridge/db';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data';
import { CopySink, UnnestSink, type RowSink } from './bulk-load';
import {
  dropSecondaryIndexesAndForeignKeys,
  lockTables,
  tablesAreEmpty,
  validateForeignKeys,
  type DroppedObjects,
} from '../../platform/db/bulk-indexes';
import { BULK_TABLES, LOAD_ORDER, Protector, type RowContext } from './demo-tables';

export interface DemoSeedOptions {
  tenantId: string;
  patients: number;
  seed: number | string;
  /** 'YYYY-MM-DD': the data covers the two years before this day. */
  asOf: string;
  cipher: PersonalDataCipher;
  /** Chronic patients are assigned to these round-robin; when absent, the tenant's active health managers. */
  healthManagerIds?: readonly string[];
  /**
   * 'auto' (default): when the tables are empty, drop secondary indexes and foreign keys for the load and
   * rebuild them after, inside the same transaction (always on PGlite; on PostgreSQL from 20,000 patients,
   * below which the exclusive locks are not worth it). 'never' keeps them throughout.
   */
  rebuildIndexes?: 'auto' | 'always' | 'never';
  onProgress?: (progress: DemoSeedProgress) => void;
}

export interface DemoSeedProgress {
  phase: 'load' | 'indexes' | 'validate' | 'analyze';
  patients: number;
  of: number;
  seconds: number;
  detail?: string;
}

export interface DemoSeedTableFigures {
  table: string;
  rows: number;
  /** Time the database spent taking this table's rows (statement issued → completed). */
  serverSeconds: number;
  rowsPerSecond: number;
  /** Time spent on our side turning rows into COPY data or parameters (encryption included). */
  encodeSeconds: number;
}

export interface DemoSeedSummary {
  database: Database['kind'];
  method: 'copy-binary' | 'insert-unnest';
  patients: number;
  totalRows: number;
  seconds: number;
  rowsPerSecond: number;
  tables: DemoSeedTableFigures[];
  /**
   * load: generate and write the rows; index: rebuild dropped indexes and re-add foreign keys NOT VALID
   * (before the commit); validate: check those foreign keys (after it); analyze: planner statistics.
   */
  phases: { loadSeconds: number; indexSeconds: number; validateSeconds: number; analyzeSeconds: number };
  indexesRebuilt: boolean;
  departments: number;
  practitioners: number;
  healthManagers: number;
}

export class DemoSeedRefused extends Error {
  constructor(tenantId: string) {
    super(`tenant ${tenantId} already has patients; demo data is only seeded into an empty database`);
  }
}

/** Patients generated per step: small, so each step's rows die young (cheap garbage collection). */
const GENERATION_STEP = 8;
const REBUILD_FROM_PATIENTS = 20_000;
/** Serialises seeders of one database (any constant; pg_advisory_xact_lock takes a bigint). */
const SEED_LOCK = 7_100_531_822;

/**
 * Generates the deterministic demo population and writes it into the tenant in one transaction: binary
 * COPY on PostgreSQL, INSERT … SELECT FROM unnest on the embedded database. ID-card numbers and phones are
 * encrypted and blind-indexed as the patients module stores them. Refuses when the tenant already has
 * patients (DemoSeedRefused).
 */
export async function seedDemoPopulation(
  database: Database,
  options: DemoSeedOptions,
): Promise<DemoSeedSummary> {
  const result = await seed(database, options);
  if (result === null) throw new DemoSeedRefused(options.tenantId);
  return result;
}

/**
 * For the first `npm start`: seeds the demo population unless the tenant has patients already; returns null
 * when it did nothing.
 */
export async function seedDemoPopulationIfEmpty(
  database: Database,
  options: DemoSeedOptions,
): Promise<DemoSeedSummary | null> {
  return seed(database, options);
}

/** Active users of the tenant with the health_manager role, oldest first. */
export async function healthManagerIdsOf(
  client: pg.ClientBase | pg.Pool,
  tenantId: string,
): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM users WHERE tenant_id = $1 AND active AND 'health_manager' = ANY(roles) ORDER BY created_at, id`,
    [tenantId],
  );
  return rows.map((r) => r.id);
}

async function seed(database: Database, options: DemoSeedOptions): Promise<DemoSeedSummary | null> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const progress = (phase: DemoSeedProgress['phase'], detail?: string) =>
    options.onProgress?.({
      phase,
      patients: options.patients,
      of: options.patients,
      seconds: seconds(),
      detail,
    });
  // Validates patients and asOf before anything touches the database.
  createDemoPopulation({ patients: options.patients, seed: options.seed, asOf: options.asOf });

  const dedicated = database.kind === 'postgres' ? await connect(database) : null;
  const client: pg.ClientBase = dedicated ?? (await database.pool.connect());
  let loaded: Loaded | null;
  try {
    await client.query('BEGIN');
    try {
      loaded = await load(database.kind, client, options, seconds);
      await client.query(loaded === null ? 'ROLLBACK' : 'COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
    if (loaded === null) return null;
    const { summary, dropped } = loaded;

    if (dropped?.foreignKeys.length) {
      const t = performance.now();
      // Two checks at a time on a server (they are joins over whole tables); PGlite has one connection.
      const second = database.kind === 'postgres' ? await connect(database) : null;
      try {
        const clients = second ? [client, second] : [client];
        if (second) for (const c of clients) await c.query(`SET work_mem = '512MB'`);
        const sizes = new Map(summary.tables.map((x) => [x.table, x.rows]));
        await validateForeignKeys(clients, dropped.foreignKeys, sizes, (what) => progress('validate', what));
      } finally {
        await second?.end().catch(() => {});
      }
      summary.phases.validateSeconds = round((performance.now() - t) / 1000);
    }

    const t = performance.now();
    progress('analyze');
    // After a big load, vacuum once: search answers from covering indexes (index-only scans), which need
    // the visibility map that only VACUUM sets — PGlite has no autovacuum, and on a server it would come
    // minutes later. Small loads only need planner statistics.
    const verb = options.patients >= REBUILD_FROM_PATIENTS ? 'VACUUM ANALYZE' : 'ANALYZE';
    await client.query(`${verb} ${BULK_TABLES.map((name) => `"${name}"`).join(', ')}`);
    summary.phases.analyzeSeconds = round((performance.now() - t) / 1000);
    summary.seconds = round(seconds());
    summary.rowsPerSecond = Math.round(summary.totalRows / seconds());
    return summary;
  } finally {
    if (dedicated) await dedicated.end().catch(() => {});
    else (client as pg.PoolClient).release();
  }
}

/** A connection of its own on a server (long COPY transactions should not hold a pool slot). */
async function connect(database: Database): Promise<pg.Client> {
  const client = new pg.Client(database.connection);
  client.on('error', () => {});
  await client.connect();
  return client;
}

interface Loaded {
  summary: DemoSeedSummary;
  dropped: DroppedObjects | null;
}

async function load(
  kind: Database['kind'],
  client: pg.ClientBase,
  options: DemoSeedOptions,
  seconds: () => number,
): Promise<Loaded | null> {
  const { tenantId } = options;
  await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
  const { rows: existing } = await client.query<{ any: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM patients WHERE tenant_id = $1) AS any',
    [tenantId],
  );
  if (existing[0]!.any) return null;

  const healthManagerIds = options.healthManagerIds ?? (await healthManagerIdsOf(client, tenantId));
  const population = createDemoPopulation({
    patients: options.patients,
    seed: options.seed,
    asOf: options.asOf,
    healthManagerIds,
  });
  const roster = await upsertRoster(client, tenantId, options.asOf, population);

  const mode = options.rebuildIndexes ?? 'auto';
  let dropped: DroppedObjects | null = null;
  // On PGlite nothing else can use the database while the load holds its only connection, so dropping
  // indexes costs no one anything there; on a server, only big loads are worth the exclusive locks.
  const worthIt = kind === 'pglite' || options.patients >= REBUILD_FROM_PATIENTS;
  if (mode === 'always' || (mode === 'auto' && worthIt)) {
    if (await tablesAreEmpty(client, BULK_TABLES)) {
      await lockTables(client, BULK_TABLES);
      if (await tablesAreEmpty(client, BULK_TABLES))
        dropped = await dropSecondaryIndexesAndForeignKeys(client, BULK_TABLES);
    }
  }
  // Index builds sort in memory.
  await client.query(`SET LOCAL maintenance_work_mem = '${kind === 'postgres' ? '512MB' : '128MB'}'`);

  const ctx: RowContext = {
    tenantId,
    departmentId: (code) => {
      const id = roster.departments.get(code);
      if (!id) throw new Error(`unknown department ${code}`);
      return id;
    },
    practitionerId: (code) => (code === null ? null : (roster.practitioners.get(code) ?? null)),
    protect: new Protector(options.cipher),
  };
  const sink: RowSink = kind === 'postgres' ? new CopySink(client, ctx) : new UnnestSink(client, ctx);
  const loadStarted = performance.now();
  await stream(population, sink, options, seconds);
  const loadSeconds = (performance.now() - loadStarted) / 1000;

  let indexSeconds = 0;
  if (dropped) {
    indexSeconds = await dropped.restore((what) =>
      options.onProgress?.({
        phase: 'indexes',
        patients: options.patients,
        of: options.patients,
        seconds: seconds(),
        detail: what,
      }),
    );
  }

  const tables: DemoSeedTableFigures[] = LOAD_ORDER.map((spec) => {
    const s = sink.stats.get(spec.key) ?? { rows: 0, serverSeconds: 0, encodeSeconds: 0 };
    return {
      table: spec.table,
      rows: s.rows,
      serverSeconds: round(s.serverSeconds),
      rowsPerSecond: s.serverSeconds > 0 ? Math.round(s.rows / s.serverSeconds) : 0,
      encodeSeconds: round(s.encodeSeconds),
    };
  });
  const totalRows = tables.reduce((n, t) => n + t.rows, 0);
  const summary: DemoSeedSummary = {
    database: kind,
    method: kind === 'postgres' ? 'copy-binary' : 'insert-unnest',
    patients: options.patients,
    totalRows,
    seconds: seconds(),
    rowsPerSecond: 0,
    tables,
    phases: {
      loadSeconds: round(loadSeconds),
      indexSeconds: round(indexSeconds),
      validateSeconds: 0,
      analyzeSeconds: 0,
    },
    indexesRebuilt: dropped !== null,
    departments: roster.departments.size,
    practitioners: roster.practitioners.size,
    healthManagers: healthManagerIds.length,
  };
  return { summary, dropped };
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Generation and loading overlap: while the database takes one flush, the next is generated. Between
 * generation steps the event loop gets a turn, so the socket keeps feeding the server; a new flush waits
 * for the previous one (backpressure: at most two flushes' worth of data in memory).
 */
async function stream(
  population: DemoPopulation,
  sink: RowSink,
  options: DemoSeedOptions,
  seconds: () => number,
): Promise<void> {
  let inFlight: Promise<void> | null = null;
  let done = 0;
  let reported = 0;
  const step = Math.max(1, Math.floor(options.patients / 20));
  for (const batch of population.batches(GENERATION_STEP)) {
    for (const spec of LOAD_ORDER) addRows(sink, spec, batch);
    done += batch.patients.length;
    if (sink.pending() >= sink.flushAt) {
      if (inFlight) await inFlight;
      inFlight = sink.flush();
      inFlight.catch(() => {}); // awaited below; this only stops an "unhandled rejection" in between
    } else if (inFlight) {
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (done - reported >= step) {
      reported = done;
      options.onProgress?.({ phase: 'load', patients: done, of: options.patients, seconds: seconds() });
    }
  }
  if (inFlight) await inFlight;
  await sink.flush();
}

function addRows(sink: RowSink, spec: (typeof LOAD_ORDER)[number], batch: DemoBatch): void {
  // The union of specs and the union of row arrays line up by `key`; TypeScript cannot see that.
  sink.add<unknown>(spec, batch[spec.key]);
}

// ---------------------------------------------------------------------------------------------------
// Departments and practitioners: upserted by code, so a second seed (or a real roster) is reused.

interface RosterIds {
  departments: Map<string, string>;
  practitioners: Map<string, string>;
}

/** A UUIDv7-shaped id for a roster row: its time is two days before asOf, its bits a hash of tenant and code. */
function rosterId(tenantId: string, code: string, asOf: string): string {
  const ms = Date.parse(`${asOf}T00:00:00+08:00`) - 2 * 86_400_000;
  const hash = createHash('sha256').update(`${tenantId}/${code}`).digest();
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(ms, 0, 6);
  hash.copy(bytes, 6, 0, 10);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function upsertRoster(
  client: pg.ClientBase,
  tenantId: string,
  asOf: string,
  population: DemoPopulation,
): Promise<RosterIds> {
  const departments = new Map<string, string>();
  const d = population.departments;
  const { rows: deptRows } = await client.query<{ id: string; code: string }>(
    `INSERT INTO departments (id, tenant_id, code, name, name_en, kind, sort_order)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int4[])
     ON CONFLICT (tenant_id, code) DO UPDATE
       SET name = excluded.name, name_en = excluded.name_en, kind = excluded.kind, updated_at = now()
     RETURNING id, code`,
    [
      d.map((x) => rosterId(tenantId, `department/${x.code}`, asOf)),
      d.map(() => tenantId),
      d.map((x) => x.code),
      d.map((x) => x.name),
      d.map((x) => x.nameEn),
      d.map((x) => x.kind),
      d.map((x) => x.sortOrder),
    ],
  );
  for (const r of deptRows) departments.set(r.code, r.id);

  const practitioners = new Map<string, string>();
  const p = population.practitioners;
  const { rows: practitionerRows } = await client.query<{ id: string; code: string }>(
    `INSERT INTO practitioners (id, tenant_id, code, name, gender, title, department_id, specialties, clinic_hours)
     SELECT u.id, u.tenant_id, u.code, u.name, u.gender, u.title, u.department_id, u.specialties::text[], u.clinic_hours
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::jsonb[])
         AS u(id, tenant_id, code, name, gender, title, department_id, specialties, clinic_hours)
     ON CONFLICT (tenant_id, code) DO UPDATE
       SET name = excluded.name, gender = excluded.gender, title = excluded.title,
           department_id = excluded.department_id, specialties = excluded.specialties,
           clinic_hours = excluded.clinic_hours, updated_at = now()
     RETURNING id, code`,
    [
      p.map((x) => rosterId(tenantId, `practitioner/${x.code}`, asOf)),
      p.map(() => tenantId),
      p.map((x) => x.code),
      p.map((x) => x.name),
      p.map((x) => x.gender),
      p.map((x) => x.title),
      p.map((x) => departments.get(x.departmentCode) ?? null),
      p.map((x) => `{${x.specialties.map((s) => `"${s}"`).join(',')}}`),
      p.map((x) => JSON.stringify(x.clinicHours)),
    ],
  );
  for (const r of practitionerRows) practitioners.set(r.code, r.id);
  return { departments, practitioners };
}

/** Rows per table of a summary, keyed like the domain's batch (for tests and the CLI). */
export function rowsByTable(summary: DemoSeedSummary): Record<DemoTable, number> {
  const out = Object.fromEntries(DEMO_TABLES.map((t) => [t, 0])) as Record<DemoTable, number>;
  for (const spec of LOAD_ORDER)
    out[spec.key] = summary.tables.find((t) => t.table === spec.table)?.rows ?? 0;
  return out;
}
