import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCardCheckDigit } from '@carebridge/domain';
import { suggestMapping } from '@carebridge/domain';
import { mapTableRows } from './map-table';
import { readTable, type Table, type TableRow } from './read-table';

const ID = ((first17: string) => first17 + idCardCheckDigit(first17))('11010519900102123');
const OPTIONS = { source: 'xlsx:test', timeZone: 'Asia/Shanghai', today: '2024-06-01' };

async function rowsOf(table: Table): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const row of table.rows) out.push(row);
  return out;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carebridge-tabular-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A registration list as hospitals keep them: a merged title row, dates, rich text, a formula, a link. */
async function registrationWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const hidden = workbook.addWorksheet('旧表');
  hidden.state = 'hidden';
  hidden.addRow(['不要读这张表']);
  const sheet = workbook.addWorksheet('患者登记');
  sheet.addRow(['2024年门诊患者登记表']);
  sheet.mergeCells('A1:F1');
  sheet.addRow(['姓名', '性别', '出生日期', '身份证号', '科室', '备注']);
  sheet.addRow([
    '张三',
    '男',
    new Date(Date.UTC(1990, 0, 2)),
    ID,
    '心内科',
    { richText: [{ text: '富' }, { text: '文本' }] },
  ]);
  sheet.addRow([
    '李四',
    '女',
    new Date(Date.UTC(1985, 2, 5)),
    '',
    '心内科',
    { formula: 'A4&"!"', result: '李四!' },
  ]);
  sheet.addRow(['王五', '男', 32_874, '', null, { text: '链接', hyperlink: 'https://example.com' }]);
  sheet.addRow([]);
  sheet.addRow(['赵六', '2', '1970/1/1', 110_105_199_001_021_230, '骨科', true]);
  sheet.mergeCells('E4:E5'); // one department cell for two patients
  sheet.getColumn(3).numFmt = 'yyyy-mm-dd';
  const other = workbook.addWorksheet('Sheet3');
  other.addRow(['name', 'gender']);
  other.addRow(['Aaron Brekke', 'M']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('readTable: xlsx', () => {
  it('reads the first visible sheet, skips the title row, flattens cells, flags merged rows', async () => {
    const table = await readTable(await registrationWorkbook());
    expect(table.format).toBe('xlsx');
    expect(table.sheet).toEqual({ name: '患者登记', position: 2, names: ['旧表', '患者登记', 'Sheet3'] });
    expect(table.headerRowNumber).toBe(2);
    expect(table.headers).toEqual(['姓名', '性别', '出生日期', '身份证号', '科室', '备注']);
    const rows = await rowsOf(table);
    expect(rows).toEqual([
      { rowNumber: 3, cells: ['张三', '男', new Date(Date.UTC(1990, 0, 2)), ID, '心内科', '富文本'] },
      {
        rowNumber: 4,
        cells: ['李四', '女', new Date(Date.UTC(1985, 2, 5)), null, '心内科', '李四!'],
        problems: [{ where: 'row 4, column 科室', message: 'xlsx_merged_cells', detail: 'E4:E5' }],
      },
      {
        rowNumber: 5,
        cells: ['王五', '男', new Date(Date.UTC(1990, 0, 1)), null, null, '链接'],
        problems: [{ where: 'row 5, column 科室', message: 'xlsx_merged_cells', detail: 'E4:E5' }],
      },
      { rowNumber: 7, cells: ['赵六', '2', '1970/1/1', 110_105_199_001_021_230, '骨科', true] },
    ]);
    expect(table.problems).toEqual([]);
  });

  it('maps xlsx rows: Date cells, and an ID card Excel turned into a number', async () => {
    const table = await readTable(await registrationWorkbook(), { kind: 'patients' });
    const { mapping } = suggestMapping('patients', table.headers);
    const mapped = [];
    for await (const row of mapTableRows(table, 'patients', mapping, OPTIONS)) mapped.push(row);
    expect(mapped[0]!.records[0]!.record).toMatchObject({
      name: '张三',
      birthDate: '1990-01-02',
      idCard: ID,
    });
    expect(mapped[1]!.problems.map((p) => p.message)).toEqual(['xlsx_merged_cells']);
    expect(mapped[3]!.problems).toEqual([
      { where: 'row 7, column 身份证号', message: 'csv_id_card_invalid', detail: 'stored_as_number' },
    ]);
  });

  it('selects a sheet by name or position, and reports a missing one', async () => {
    const book = await registrationWorkbook();
    const byName = await readTable(book, { sheet: 'Sheet3' });
    expect(byName.headers).toEqual(['name', 'gender']);
    expect(await rowsOf(byName)).toEqual([{ rowNumber: 2, cells: ['Aaron Brekke', 'M'] }]);
    expect((await readTable(book, { sheet: 1 })).headers).toEqual(['不要读这张表']);
    const missing = await readTable(book, { sheet: '没有' });
    expect(missing.problems).toEqual([{ where: 'file', message: 'xlsx_sheet_not_found' }]);
    expect(await rowsOf(missing)).toEqual([]);
  });

  it('goes by content, not by file name', async () => {
    const xlsxNamedCsv = join(dir, 'export.csv');
    await writeFile(xlsxNamedCsv, await registrationWorkbook());
    expect((await readTable(xlsxNamedCsv)).format).toBe('xlsx');
    const csvNamedXlsx = join(dir, 'export.xlsx');
    await writeFile(csvNamedXlsx, '姓名,性别\n张三,男\n');
    const table = await readTable(csvNamedXlsx);
    expect(table.format).toBe('csv');
    expect(await rowsOf(table)).toEqual([{ rowNumber: 2, cells: ['张三', '男'] }]);
  });

  it('refuses .xls, password-protected .xlsx, HTML tables and damaged zips with clear codes', async () => {
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
    expect((await readTable(ole)).problems).toEqual([
      { where: 'file', message: 'xls_unsupported_save_as_xlsx' },
    ]);
    const encrypted = join(dir, 'locked.xlsx');
    await writeFile(encrypted, ole);
    expect((await readTable(encrypted)).problems).toEqual([{ where: 'file', message: 'xlsx_encrypted' }]);
    const html = Buffer.from(
      '\ufeff<html><head><meta charset="utf-8"></head><body><table><tr><td>姓名</td></tr></table>',
    );
    expect((await readTable(html)).problems).toEqual([
      { where: 'file', message: 'html_table_unsupported_save_as_xlsx' },
    ]);
    const book = await registrationWorkbook();
    const truncated = await readTable(book.subarray(0, Math.floor(book.length / 2)));
    expect(truncated.problems).toEqual([{ where: 'file', message: 'xlsx_invalid' }]);
    expect(await rowsOf(truncated)).toEqual([]);
    const notExcel = Buffer.from('504b0506' + '00'.repeat(18), 'hex'); // an empty zip
    expect((await readTable(notExcel)).problems).toEqual([{ where: 'file', message: 'xlsx_invalid' }]);
  });
});

describe('readTable: CSV', () => {
  it('finds the header row by the kind’s field names when asked', async () => {
    const csv =
      '导出时间,2024-06-01 08:00\n操作员,管理员\n门诊号,姓名,就诊时间,科室\nMZ1,张三,2024-03-05 08:30,心内科\n';
    expect((await readTable(Buffer.from(csv))).headerRowNumber).toBe(1); // first row with two cells
    const table = await readTable(Buffer.from(csv), { kind: 'visits' });
    expect(table.headerRowNumber).toBe(3);
    expect(table.headers).toEqual(['门诊号', '姓名', '就诊时间', '科室']);
    expect(await rowsOf(table)).toEqual([
      { rowNumber: 4, cells: ['MZ1', '张三', '2024-03-05 08:30', '心内科'] },
    ]);
    const fixed = await readTable(Buffer.from(csv), { headerRow: 2 });
    expect(fixed.headers).toEqual(['操作员', '管理员']);
    const none = await readTable(Buffer.from(csv), { headerRow: 0 });
    expect(none.headers).toEqual([]);
    expect((await rowsOf(none)).map((r) => r.rowNumber)).toEqual([1, 2, 3, 4]);
  });

  it('reads tab-separated text saved as .xls by a HIS', async () => {
    const path = join(dir, 'his-export.xls');
    await writeFile(path, '姓名\t性别\r\n张三\t男\r\n');
    const table = await readTable(path);
    expect([table.format, table.delimiter, table.headers]).toEqual(['csv', '\t', ['姓名', '性别']]);
  });

  it('reports an empty file', async () => {
    const table = await readTable(Buffer.from('\n\n  \n'));
    expect(table.problems).toEqual([{ where: 'file', message: 'table_empty' }]);
    expect(table.headers).toEqual([]);
  });
});
