import type { InboundProblem } from '@carebridge/domain';
import {
  createRowMapper,
  type ColumnMapping,
  type FieldColumns,
  type TabularKind,
  type TabularMapOptions,
  type TabularRecord,
} from '@carebridge/domain';
import type { Table, TableRow } from './read-table';

export interface MappedRow extends TableRow {
  records: TabularRecord[];
  problems: InboundProblem[];
}

/**
 * The rows of a table mapped to inbound records, in the table's batches (what a database writer wants).
 * A row with reading problems (unbalanced quotes, merged cells) yields no records; its cells, when it has
 * any, are still mapped so the reject report lists every reason at once.
 */
export async function* mapTableBatches(
  table: Table,
  kind: TabularKind,
  mapping: FieldColumns | ColumnMapping,
  options: Omit<TabularMapOptions, 'headers'>,
): AsyncGenerator<MappedRow[]> {
  const mapper = createRowMapper(kind, mapping, { ...options, headers: table.headers });
  for await (const batch of table.batches) {
    const out: MappedRow[] = new Array<MappedRow>(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const row = batch[i]!;
      if (row.problems === undefined) {
        const { records, problems } = mapper(row.cells, row.rowNumber);
        out[i] = { rowNumber: row.rowNumber, cells: row.cells, records, problems };
      } else {
        const mapped = row.cells.length > 0 ? mapper(row.cells, row.rowNumber).problems : [];
        out[i] = {
          rowNumber: row.rowNumber,
          cells: row.cells,
          records: [],
          problems: [...row.problems, ...mapped],
        };
      }
    }
    yield out;
  }
}

/** `mapTableBatches` one row at a time. */
export async function* mapTableRows(
  table: Table,
  kind: TabularKind,
  mapping: FieldColumns | ColumnMapping,
  options: Omit<TabularMapOptions, 'headers'>,
): AsyncGenerator<MappedRow> {
  for await (const batch of mapTableBatches(table, kind, mapping, options)) yield* batch;
}
