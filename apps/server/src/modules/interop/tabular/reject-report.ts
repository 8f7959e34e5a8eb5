import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { maskIdCard, maskPhone, parsePhone, type InboundProblem } from '@carebridge/domain';
import {
  TARGET_FIELDS,
  cellText,
  isBlankCell,
  suggestMapping,
  type FieldColumns,
  type TabularKind,
} from '@carebridge/domain';
import { bufferSink } from '../../../platform/buffer-sink';
import { describeProblem } from './messages';

/**
 * The rows an import rejected, as an .xlsx a clerk can work from: the row's number in the original file,
 * why it was rejected (zh-CN, each reason followed by its English code), and the original cells. ID-card and
 * phone numbers are masked (110***********1234, 138****5678): in the columns the mapping reads as such, in
 * columns whose header says so, and wherever a cell contains something shaped like one. Written with
 * exceljs's streaming writer, so a large report does not sit in memory as a workbook.
 *
 * The report is laid out so that it can be corrected and imported again: the report's own columns come
 * first, the original header row follows. Masked numbers must be re-entered.
 */

export interface RejectedRow {
  rowNumber: number;
  cells: readonly unknown[];
  problems: readonly InboundProblem[];
}

export interface RejectReportOptions {
  /** The original file's header row. */
  headers: readonly string[];
  kind?: TabularKind;
  /** The mapping used for the import: its ID-card and phone columns are masked. */
  columns?: Readonly<FieldColumns>;
  /** Problems about the whole file, listed on a second sheet. */
  fileProblems?: readonly InboundProblem[];
}

export const REPORT_COLUMNS = ['原行号 Row', '原因 Reasons', '错误代码 Codes'] as const;

type Sensitive = 'idCard' | 'phone';

function sensitiveColumns(options: RejectReportOptions): Map<number, Sensitive> {
  const out = new Map<number, Sensitive>();
  if (options.kind !== undefined && options.columns !== undefined) {
    for (const field of TARGET_FIELDS[options.kind]) {
      const index = options.columns[field.key];
      if (field.sensitive !== undefined && typeof index === 'number') out.set(index, field.sensitive);
    }
  }
  // Whatever the mapping said, columns headed like ID or phone numbers are masked too.
  const suggested = suggestMapping('patients', options.headers).mapping;
  for (const [key, kind] of [
    ['idCard', 'idCard'],
    ['mobile', 'phone'],
    ['phone', 'phone'],
  ] as const) {
    const index = suggested[key];
    if (typeof index === 'number' && !out.has(index)) out.set(index, kind);
  }
  return out;
}

const sensitiveCache = new WeakMap<readonly string[], { key: string; columns: Map<number, Sensitive> }>();

/** `sensitiveColumns`, remembered per header row (masking is called row by row). */
function sensitiveColumnsOf(options: RejectReportOptions): Map<number, Sensitive> {
  const key = `${options.kind ?? ''}|${JSON.stringify(options.columns ?? null)}`;
  const cached = sensitiveCache.get(options.headers);
  if (cached !== undefined && cached.key === key) return cached.columns;
  const columns = sensitiveColumns(options);
  sensitiveCache.set(options.headers, { key, columns });
  return columns;
}

/**
 * One row's cells as they may be shown or stored outside the import (the preview, the rejects table):
 * ID-card and phone numbers masked as in the report.
 */
export function maskedRow(
  cells: readonly unknown[],
  options: Pick<RejectReportOptions, 'headers' | 'kind' | 'columns'>,
): (string | number | boolean | null)[] {
  const sensitive = sensitiveColumnsOf(options);
  return cells.map((cell, i) => reportCell(cell, sensitive.get(i)));
}

const ID_LIKE = /(?<![0-9])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const MOBILE_LIKE = /(?<![0-9])(?:\+?86[\s-]?)?1\d{2}[\s-]?\d{4}[\s-]?\d{4}(?![0-9])/g;

function maskNumbersIn(text: string): string {
  return text
    .replace(ID_LIKE, (m) => maskIdCard(m.toUpperCase()))
    .replace(MOBILE_LIKE, (m) => {
      const digits = m.replace(/\D/g, '').slice(-11);
      return maskPhone(digits);
    });
}

/** A cell as shown in the report: masked where needed, dates as text. */
export function reportCell(
  value: unknown,
  sensitive: Sensitive | undefined,
): string | number | boolean | null {
  if (isBlankCell(value)) return null;
  if (sensitive === 'idCard') {
    return maskIdCard(cellText(value).normalize('NFKC').replace(/\s+/g, '').toUpperCase());
  }
  if (sensitive === 'phone') {
    const text = cellText(value);
    const parsed = parsePhone(text);
    return maskPhone(parsed.ok ? parsed.value : text.normalize('NFKC').replace(/\s+/g, ''));
  }
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    // Long integers are numbers typed into a spreadsheet, possibly ID or phone numbers.
    return Number.isInteger(value) && Math.abs(value) >= 1e10 ? maskNumbersIn(cellText(value)) : value;
  }
  return maskNumbersIn(cellText(value));
}

async function* asAsync<T>(items: Iterable<T> | AsyncIterable<T>): AsyncGenerator<T> {
  yield* items;
}

async function writeReport(
  rows: Iterable<RejectedRow> | AsyncIterable<RejectedRow>,
  options: RejectReportOptions,
  target: { stream: Writable } | { filename: string },
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...target,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('被拒绝的行 Rejected', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { width: 10 },
    { width: 60, style: { alignment: { wrapText: true, vertical: 'top' } } },
    { width: 24 },
    ...options.headers.map((h) => ({ width: Math.min(40, Math.max(10, h.length * 2 + 4)) })),
  ];
  const header = sheet.addRow([...REPORT_COLUMNS, ...options.headers]);
  header.font = { bold: true };
  header.commit();
  const sensitive = sensitiveColumnsOf(options);
  let count = 0;
  for await (const row of asAsync(rows)) {
    const reasons = row.problems.map((p) => describeProblem(p, 'zh', options.kind)).join('\n');
    const codes = [...new Set(row.problems.map((p) => p.message))].join(', ');
    const cells = row.cells.map((cell, i) => reportCell(cell, sensitive.get(i)));
    sheet.addRow([row.rowNumber, reasons, codes, ...cells]).commit();
    count++;
  }
  sheet.commit(); // synchronous in the streaming writer
  if (options.fileProblems && options.fileProblems.length > 0) {
    const notes = workbook.addWorksheet('文件问题 File');
    notes.columns = [{ width: 16 }, { width: 80 }, { width: 30 }];
    const top = notes.addRow(['位置 Where', '问题 Problem', '错误代码 Code']);
    top.font = { bold: true };
    top.commit();
    for (const p of options.fileProblems) {
      notes.addRow([p.where, describeProblem({ ...p, where: '' }, 'zh', options.kind), p.message]).commit();
    }
    notes.commit();
  }
  await workbook.commit();
  return count;
}

/** Write the report to a file; resolves to the number of rows written. */
export async function writeRejectReport(
  rows: Iterable<RejectedRow> | AsyncIterable<RejectedRow>,
  options: RejectReportOptions,
  path: string,
): Promise<number> {
  return writeReport(rows, options, { filename: path });
}

/** The report as a Buffer (for an HTTP download). */
export async function rejectReportBuffer(
  rows: Iterable<RejectedRow> | AsyncIterable<RejectedRow>,
  options: RejectReportOptions,
): Promise<Buffer> {
  const sink = bufferSink();
  await writeReport(rows, options, { stream: sink.stream }); // the writer ends the stream
  return sink.buffer;
}
