import type pg from 'pg';
import type { DemoTable } from '@carebridge/domain';
import { BinaryCopyWriter, type PgType } from '../../platform/db/copy-binary';
import { EagerCopy, writeValue } from '../../platform/db/copy-in';
import { LOAD_ORDER, type Column, type RowContext, type TableSpec } from './demo-tables';

/**
 * Where encoded rows go. `add` encodes rows into per-table buffers (synchronous, on our side); `flush` sends
 * everything pending to the server in load order and resolves when the server has taken it.
 */
export interface RowSink {
  add<R>(spec: TableSpec<R>, rows: readonly R[]): void;
  /** Bytes (COPY) or rows (INSERT) waiting to be sent. */
  pending(): number;
  /** Flush when `pending()` reaches this. */
  readonly flushAt: number;
  flush(): Promise<void>;
  /** Seconds the server spent per table (COPY/INSERT issued → completed), and rows sent. */
  readonly stats: Map<DemoTable, { rows: number; serverSeconds: number; encodeSeconds: number }>;
}

type Stats = RowSink['stats'];

function statsFor(stats: Stats, key: DemoTable) {
  let s = stats.get(key);
  if (!s) stats.set(key, (s = { rows: 0, serverSeconds: 0, encodeSeconds: 0 }));
  return s;
}

const columnList = (spec: TableSpec<unknown>) => spec.columns.map((c) => `"${c.name}"`).join(', ');

// ---------------------------------------------------------------------------------------------------
// PostgreSQL: binary COPY

/**
 * Binary COPY on one connection. Each flush issues one `COPY … FROM STDIN (FORMAT binary)` per table that
 * has rows, one after the other in load order, so parents always land before their children and the whole
 * load runs inside one transaction.
 *
 * The data goes out together with the COPY statement (EagerCopy) instead of after the server's
 * CopyInResponse, as pg-copy-streams does: that answer needs a turn of our event loop, which is busy
 * generating the next rows, and the server would idle until it came.
 */
export class CopySink implements RowSink {
  readonly stats: Stats = new Map();
  private writers = new Map<TableSpec<unknown>, BinaryCopyWriter>();
  private bytes = 0;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly ctx: RowContext,
    readonly flushAt = 16 * 1024 * 1024,
  ) {}

  add<R>(spec: TableSpec<R>, rows: readonly R[]): void {
    if (!rows.length) return;
    const started = performance.now();
    const key = spec as TableSpec<unknown>;
    let w = this.writers.get(key);
    if (!w) this.writers.set(key, (w = new BinaryCopyWriter(1024 * 1024)));
    const before = w.byteLength;
    for (const row of rows) writeRow(w, spec.columns, row, this.ctx);
    this.bytes += w.byteLength - before;
    const s = statsFor(this.stats, spec.key);
    s.rows += rows.length;
    s.encodeSeconds += (performance.now() - started) / 1000;
  }

  pending(): number {
    return this.bytes;
  }

  async flush(): Promise<void> {
    const writers = this.writers;
    this.writers = new Map();
    this.bytes = 0;
    // One statement at a time (node-postgres deprecates queueing queries on a client).
    for (const spec of LOAD_ORDER) {
      const w = writers.get(spec);
      if (!w) continue;
      const started = performance.now();
      const copy = new EagerCopy(
        `COPY "${spec.table}" (${columnList(spec)}) FROM STDIN (FORMAT binary)`,
        w.finish(),
      );
      this.client.query(copy);
      await copy.done;
      statsFor(this.stats, spec.key).serverSeconds += (performance.now() - started) / 1000;
    }
  }
}

function writeRow<R>(w: BinaryCopyWriter, columns: readonly Column<R>[], row: R, ctx: RowContext): void {
  w.row(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    // Row ids are new; every other uuid column (patient, encounter, tenant …) repeats.
    writeValue(w, c.type, c.get(row, ctx), c.name === 'id' ? -1 : i & 15);
  }
}

// ---------------------------------------------------------------------------------------------------
// Embedded PGlite: INSERT … SELECT FROM unnest(arrays)

/**
 * PGlite behind pglite-socket cannot take COPY FROM STDIN (the socket hands each protocol message to PGlite
 * separately, and a COPY needs its data in the same call: the connection is dropped with "protocol
 * synchronization was lost"; electric-sql/pglite#1028). So rows go as one array parameter per column into
 * `INSERT … SELECT … FROM unnest(…)`: one statement and one parse per few thousand rows. Constant columns
 * travel once per statement, and instants as epoch milliseconds (int8 parses far faster than timestamptz
 * text in the WASM build).
 */
export class UnnestSink implements RowSink {
  readonly stats: Stats = new Map();
  private columns = new Map<TableSpec<unknown>, { values: unknown[][]; rows: number }>();
  private rows = 0;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly ctx: RowContext,
    readonly flushAt = 40_000,
  ) {}

  add<R>(spec: TableSpec<R>, rows: readonly R[]): void {
    if (!rows.length) return;
    const started = performance.now();
    const key = spec as TableSpec<unknown>;
    let pending = this.columns.get(key);
    if (!pending) {
      pending = { values: spec.columns.map(() => []), rows: 0 };
      this.columns.set(key, pending);
    }
    const { values } = pending;
    spec.columns.forEach((c, i) => {
      const out = values[i]!;
      if (c.constant) {
        if (out.length === 0) out.push(c.get(rows[0]!, this.ctx));
        return;
      }
      for (const row of rows) out.push(unnestValue(c.type, c.get(row, this.ctx)));
    });
    pending.rows += rows.length;
    this.rows += rows.length;
    const s = statsFor(this.stats, spec.key);
    s.rows += rows.length;
    s.encodeSeconds += (performance.now() - started) / 1000;
  }

  pending(): number {
    return this.rows;
  }

  async flush(): Promise<void> {
    const columns = this.columns;
    this.columns = new Map();
    this.rows = 0;
    for (const spec of LOAD_ORDER) {
      const pending = columns.get(spec);
      if (!pending) continue;
      const started = performance.now();
      await this.client.query({
        text: unnestInsert(spec as TableSpec<unknown>),
        values: pending.values.map((v, i) => (spec.columns[i]!.constant ? v[0] : v)),
      });
      statsFor(this.stats, spec.key).serverSeconds += (performance.now() - started) / 1000;
    }
  }
}

const ARRAY_TYPE: Record<PgType, string> = {
  uuid: 'uuid[]',
  text: 'text[]',
  bool: 'bool[]',
  int4: 'int4[]',
  int8: 'int8[]',
  timestamptz: 'int8[]',
  date: 'date[]',
  numeric: 'numeric[]',
  // A text[] column travels as its array literal in a text[] parameter and is cast back per row.
  'text[]': 'text[]',
  jsonb: 'jsonb[]',
};

const insertSql = new Map<TableSpec<unknown>, string>();

function unnestInsert(spec: TableSpec<unknown>): string {
  let sql = insertSql.get(spec);
  if (!sql) {
    const arrays: string[] = [];
    const names: string[] = [];
    const select = spec.columns.map((c, i) => {
      const param = `$${i + 1}`;
      if (c.constant) return `${param}::${c.type}`;
      arrays.push(`${param}::${ARRAY_TYPE[c.type]}`);
      names.push(`c${i}`);
      if (c.type === 'text[]') return `c${i}::text[]`;
      if (c.type === 'timestamptz') return `to_timestamp(c${i} / 1000.0)`;
      return `c${i}`;
    });
    sql = `INSERT INTO "${spec.table}" (${columnList(spec)}) SELECT ${select.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${names.join(', ')})`;
    insertSql.set(spec, sql);
  }
  return sql;
}

function unnestValue(type: PgType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'text[]') return arrayLiteral(v as string[]);
  return v;
}

/** A PostgreSQL array literal of text: {"a","b"} with quotes and backslashes escaped. */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
