import type pg from 'pg';

/**
 * What pg_restore does for a large load: build secondary indexes and check foreign keys once, after the
 * rows are in, instead of maintaining them row by row. Inside the loading transaction (a failed or
 * interrupted load rolls back to the old schema). The demo seed uses it on empty tables only; the go-live
 * import (interop/bulk-writer.ts) on a register that may hold people already, rebuilding over all of them. Primary keys and unique indexes
 * stay: they guard the load itself. Indexes that lead with patient_id stay too: patients are written in id
 * order, so their keys arrive almost sorted and are cheap to maintain on the way (measured: the load takes
 * no longer with them, and the rebuild after it shrinks from ~9 s to ~2 s per 100,000 patients).
 *
 * With `primaryKeysOf`, the primary keys of those tables go too (tables no foreign key points at, whose
 * keys arrive in random order: the MPI's match keys); the restore adds them back as constraints, which
 * checks every row.
 *
 * Foreign keys (unless `foreignKeys: false`) come back `NOT VALID` inside the transaction (enforced for
 * every new row from then on) and are checked with `validateForeignKeys`: the demo seed after its commit,
 * several at a time (validation takes only a SHARE UPDATE EXCLUSIVE lock, so the application can already
 * read and write meanwhile); the import before its commit, so that a bad row fails the whole load.
 */
export interface DroppedObjects {
  /** `table` is set for a primary key (restored with ALTER TABLE … ADD CONSTRAINT). */
  indexes: { name: string; definition: string; table: string | null }[];
  foreignKeys: ForeignKey[];
  /** Recreates the indexes and re-adds the foreign keys NOT VALID, in the same transaction; returns seconds. */
  restore(onStep?: (what: string, seconds: number) => void): Promise<number>;
}

export interface ForeignKey {
  /** Schema-qualified and quoted, for SQL. */
  table: string;
  /** The bare table name. */
  relation: string;
  name: string;
  definition: string;
}

export async function tablesAreEmpty(client: pg.ClientBase, tables: readonly string[]): Promise<boolean> {
  const probes = tables.map((t) => `EXISTS (SELECT 1 FROM "${t}")`).join(' OR ');
  const { rows } = await client.query<{ any: boolean }>(`SELECT (${probes}) AS any`);
  return !rows[0]!.any;
}

export async function lockTables(client: pg.ClientBase, tables: readonly string[]): Promise<void> {
  await client.query(`LOCK TABLE ${tables.map((t) => `"${t}"`).join(', ')} IN ACCESS EXCLUSIVE MODE`);
}

export async function dropSecondaryIndexesAndForeignKeys(
  client: pg.ClientBase,
  tables: readonly string[],
  options: { foreignKeys?: boolean; primaryKeysOf?: readonly string[] } = {},
): Promise<DroppedObjects> {
  const { rows: indexes } = await client.query<{ name: string; definition: string; table: string | null }>(
    `SELECT CASE WHEN k.oid IS NULL THEN quote_ident(n.nspname) || '.' || quote_ident(ic.relname)
                 ELSE quote_ident(k.conname) END AS name,
            CASE WHEN k.oid IS NULL THEN pg_get_indexdef(i.indexrelid) ELSE pg_get_constraintdef(k.oid) END
              AS definition,
            CASE WHEN k.oid IS NULL THEN NULL ELSE quote_ident(n.nspname) || '.' || quote_ident(c.relname) END
              AS table
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.contype = 'p' AND i.indisprimary
      WHERE n.nspname = current_schema()
        AND c.relname = ANY($1::text[])
        AND (
          (NOT i.indisunique AND NOT i.indisprimary
            AND i.indkey[0] IS DISTINCT FROM (
              SELECT attnum FROM pg_attribute WHERE attrelid = c.oid AND attname = 'patient_id' AND NOT attisdropped)
            AND NOT EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = i.indexrelid))
          OR (i.indisprimary AND k.oid IS NOT NULL AND c.relname = ANY($2::text[])))
      ORDER BY c.relname, i.indisprimary DESC, ic.relname`,
    [tables, options.primaryKeysOf ?? []],
  );
  const { rows: foreignKeys } =
    options.foreignKeys === false
      ? { rows: [] as ForeignKey[] }
      : await client.query<ForeignKey>(
          `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS table, c.relname AS relation,
            quote_ident(k.conname) AS name,
            pg_get_constraintdef(k.oid) AS definition
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = current_schema() AND c.relname = ANY($1::text[])
      ORDER BY c.relname, k.conname`,
          [tables],
        );
  for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${fk.name}`);
  for (const index of indexes)
    await client.query(
      index.table ? `ALTER TABLE ${index.table} DROP CONSTRAINT ${index.name}` : `DROP INDEX ${index.name}`,
    );
  return {
    indexes,
    foreignKeys,
    async restore(onStep) {
      const started = performance.now();
      for (const index of indexes) {
        const t = performance.now();
        await client.query(
          index.table
            ? `ALTER TABLE ${index.table} ADD CONSTRAINT ${index.name} ${index.definition}`
            : index.definition,
        );
        onStep?.(index.name, (performance.now() - t) / 1000);
      }
      for (const fk of foreignKeys) {
        await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${fk.name} ${fk.definition} NOT VALID`);
      }
      return (performance.now() - started) / 1000;
    },
  };
}

/**
 * Validates foreign keys added NOT VALID, on up to `clients.length` connections at once (largest tables
 * first). Each check is one join over the table; a failure names the constraint.
 */
export async function validateForeignKeys(
  clients: readonly pg.ClientBase[],
  keys: readonly ForeignKey[],
  sizes: ReadonlyMap<string, number>,
  onStep?: (what: string) => void,
): Promise<void> {
  const queue = [...keys].sort((a, b) => (sizes.get(b.relation) ?? 0) - (sizes.get(a.relation) ?? 0));
  await Promise.all(
    clients.map(async (client) => {
      for (let fk = queue.shift(); fk; fk = queue.shift()) {
        try {
          await client.query(`ALTER TABLE ${fk.table} VALIDATE CONSTRAINT ${fk.name}`);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new Error(`foreign key ${fk.name} on ${fk.table} failed validation: ${reason}`);
        }
        onStep?.(`${fk.table} ${fk.name}`);
      }
    }),
  );
}
