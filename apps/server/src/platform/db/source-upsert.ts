import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@carebridge/db';

/**
 * A JavaScript array as one typed array parameter (`$1::uuid[]`): drizzle's `sql` would otherwise expand it
 * into a list of parameters. Batches travel this way into `unnest(…)` and `= ANY(…)`.
 */
export const arrayParam = (values: readonly unknown[], type: string) =>
  sql`${sql.param([...values])}::${sql.raw(type)}[]`;

/** The PostgreSQL array type a column's values travel in (one array parameter per column). */
export type ColumnType = 'uuid' | 'text' | 'timestamptz' | 'date' | 'numeric' | 'bool' | 'int8';

export interface UpsertColumn<R> {
  name: string;
  type: ColumnType;
  get: (row: R) => unknown;
}

export interface SourceTable<R> {
  table: string;
  /** Every column written, `id`, `tenant_id`, `source_system` and `source_id` included. */
  columns: UpsertColumn<R>[];
  /** Columns a newer copy of the record may change (compared to tell 'updated' from 'unchanged'). */
  mutable: string[];
}

export interface UpsertOutcome {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Inserts rows keyed by (tenant, source system, source id), updating those that exist only when something
 * differs, in one statement per batch: `INSERT … SELECT FROM unnest(arrays) ON CONFLICT … DO UPDATE … WHERE
 * (old) IS DISTINCT FROM (new)`. A row returned with xmax = 0 was inserted; one returned otherwise was
 * updated; one not returned was already identical, so a re-import counts as unchanged and writes nothing.
 * Callers pass ids resolved beforehand (existing id or a new one), so every row's id is known either way.
 */
export async function upsertBySource<R>(
  tx: DbOrTx,
  spec: SourceTable<R>,
  rows: readonly R[],
): Promise<UpsertOutcome> {
  if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const names = spec.columns.map((c) => `"${c.name}"`).join(', ');
  const arrays = spec.columns.map((c) => arrayParam(rows.map(c.get).map(nullish), c.type));
  const old = spec.mutable.map((c) => `"${spec.table}"."${c}"`).join(', ');
  const neu = spec.mutable.map((c) => `excluded."${c}"`).join(', ');
  const set = spec.mutable.map((c) => `"${c}" = excluded."${c}"`).join(', ');
  const result = await tx.execute<{ inserted: boolean }>(sql`
    INSERT INTO ${sql.raw(`"${spec.table}"`)} (${sql.raw(names)})
    SELECT * FROM unnest(${sql.join(arrays, sql`, `)})
    ON CONFLICT (tenant_id, source_system, source_id) WHERE source_id IS NOT NULL
    DO UPDATE SET ${sql.raw(set)}
    WHERE (${sql.raw(old)}) IS DISTINCT FROM (${sql.raw(neu)})
    RETURNING (xmax = 0) AS inserted`);
  const created = result.rows.filter((r) => r.inserted).length;
  const updated = result.rows.length - created;
  return { created, updated, unchanged: rows.length - result.rows.length };
}

/** Ids of rows already stored under these source keys: `${system}\u0000${id}` → row id. */
export async function idsBySource(
  tx: DbOrTx,
  table: string,
  tenantId: string,
  keys: readonly { system: string; id: string }[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (keys.length === 0) return found;
  const result = await tx.execute<{ source_system: string; source_id: string; id: string }>(sql`
    SELECT t.source_system, t.source_id, t.id FROM ${sql.raw(`"${table}"`)} t
    JOIN unnest(${arrayParam(
      keys.map((k) => k.system),
      'text',
    )}, ${arrayParam(
      keys.map((k) => k.id),
      'text',
    )})
      AS k(system, id) ON t.source_system = k.system AND t.source_id = k.id
    WHERE t.tenant_id = ${tenantId}`);
  for (const r of result.rows) found.set(sourceKeyString(r.source_system, r.source_id), r.id);
  return found;
}

export const sourceKeyString = (system: string, id: string) => `${system}\u0000${id}`;

const nullish = (v: unknown) => (v === undefined ? null : v);
