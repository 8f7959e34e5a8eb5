import type { ColumnMapping, PreviewRow } from './imports-api';

export interface RowProblems {
  /** Column index → the problems' texts in that cell. */
  cells: Map<number, string[]>;
  /** Problems of the row as a whole, or of a column the preview cannot place. */
  row: string[];
}

/**
 * Places each problem of a preview row on its cell. The server says where as `row 12, column 出生日期`
 * (the file's header text) or `row 12, field birthDate` (a field, found through the mapping); anything
 * else belongs to the row.
 */
export function placeProblems(
  row: PreviewRow,
  headers: readonly string[],
  mapping: ColumnMapping,
): RowProblems {
  const cells = new Map<number, string[]>();
  const general: string[] = [];
  for (const problem of row.problems) {
    const text = problem.text || problem.message;
    const index = columnOf(problem.where, headers, mapping);
    if (index === undefined) general.push(text);
    else cells.set(index, [...(cells.get(index) ?? []), text]);
  }
  return { cells, row: general };
}

function columnOf(where: string, headers: readonly string[], mapping: ColumnMapping): number | undefined {
  const m = /^row \d+, (column|field) (.*)$/s.exec(where.trim());
  if (!m) return undefined;
  const name = m[2]!.trim();
  if (m[1] === 'field') return mapping[name] ?? undefined;
  const index = headers.findIndex((h) => h.trim() === name);
  return index === -1 ? undefined : index;
}

/** Spreadsheet letters for a column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
