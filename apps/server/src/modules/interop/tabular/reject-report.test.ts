import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { idCardCheckDigit } from '@carebridge/domain';
import { suggestMapping } from '@carebridge/domain';
import { mapTableRows, type MappedRow } from './map-table';
import { readTable, type TableRow } from './read-table';
import {
  REPORT_COLUMNS,
  maskedRow,
  rejectReportBuffer,
  reportCell,
  writeRejectReport,
} from './reject-report';

const ID = ((first17: string) => first17 + idCardCheckDigit(first17))('11010519900102123');
const OPTIONS = { source: 'csv:test', timeZone: 'Asia/Shanghai', today: '2024-06-01' };

const CSV = [
  '姓名,性别,出生日期,证件号码,联系电话,备注',
  `张三,男,1990-01-02,${ID},13812345678,正常`,
  `李四,女,1990-13-01,${ID},13912345678,电话 13912345678 身份证 ${ID}`,
  '王五,"男,1980-01-01',
  `赵六,未知的值,1985-03-05,,010-87654321,`,
].join('\n');

async function rejected(): Promise<{
  headers: string[];
  rows: MappedRow[];
  columns: Record<string, number | null>;
}> {
  const table = await readTable(Buffer.from(CSV), { kind: 'patients' });
  const { mapping } = suggestMapping('patients', table.headers);
  const rows: MappedRow[] = [];
  for await (const row of mapTableRows(table, 'patients', mapping, OPTIONS))
    if (row.problems.length) rows.push(row);
  return { headers: table.headers, rows, columns: mapping };
}

describe('reject report', () => {
  it('round-trips: rows, masked numbers, zh-CN reasons with codes', async () => {
    const { headers, rows, columns } = await rejected();
    expect(rows.map((r) => r.rowNumber)).toEqual([3, 4, 5]);
    const buffer = await rejectReportBuffer(rows, { headers, kind: 'patients', columns });

    const report = await readTable(buffer);
    expect(report.format).toBe('xlsx');
    expect(report.headers).toEqual([...REPORT_COLUMNS, ...headers]);
    const back: TableRow[] = [];
    for await (const row of report.rows) back.push(row);
    expect(back.map((r) => r.cells[0])).toEqual([3, 4, 5]);

    const [li, wang, zhao] = back;
    expect(li!.cells[1]).toBe(
      '出生日期：日期无法识别或不存在（1990-13-01） [csv_date_invalid]\n' +
        '性别：与身份证号中的出生日期或性别不一致（性别） [csv_id_card_mismatch]',
    );
    expect(li!.cells[2]).toBe('csv_date_invalid, csv_id_card_mismatch');
    expect(li!.cells.slice(3)).toEqual([
      '李四',
      '女',
      '1990-13-01',
      '110***********' + ID.slice(-4),
      '139****5678',
      `电话 139****5678 身份证 110***********${ID.slice(-4)}`,
    ]);
    expect(wang!.cells.slice(0, 3)).toEqual([
      4,
      '该行引号不成对（缺少结束引号），整行无法读取 [csv_unbalanced_quotes]',
      'csv_unbalanced_quotes',
    ]);
    expect(zhao!.cells[1]).toBe('性别：性别无法识别（未知的值） [csv_gender_invalid]');
    expect(zhao!.cells[7]).toBe('010-****4321');
    // No clear number anywhere in the file.
    const text = JSON.stringify(back);
    expect(text).not.toContain(ID);
    expect(text).not.toContain('13912345678');
  });

  it('writes to a path, with a sheet for file-level problems', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carebridge-report-'));
    try {
      const path = join(dir, 'rejected.xlsx');
      const count = await writeRejectReport(
        (async function* () {
          yield {
            rowNumber: 9,
            cells: ['x'],
            problems: [{ where: 'row 9, field kind', message: 'csv_required_missing' }],
          };
        })(),
        { headers: ['a'], kind: 'visits', fileProblems: [{ where: 'file', message: 'table_empty' }] },
        path,
      );
      expect(count).toBe(1);
      const first = await readTable(await readFile(path));
      const rows: TableRow[] = [];
      for await (const row of first.rows) rows.push(row);
      expect(rows[0]!.cells).toEqual([
        9,
        '就诊类型：必填项为空 [csv_required_missing]',
        'csv_required_missing',
        'x',
      ]);
      const second = await readTable(path, { sheet: 2 });
      expect(second.headers).toEqual(['位置 Where', '问题 Problem', '错误代码 Code']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('masks cells by column and by shape', () => {
    expect(reportCell(` ${ID.toLowerCase()} `, 'idCard')).toBe(`110***********${ID.slice(-4)}`);
    expect(reportCell('138 1234 5678', 'phone')).toBe('138****5678');
    expect(reportCell('+1 415 555 0100', 'phone')).toBe('********0100');
    expect(reportCell(13_812_345_678, undefined)).toBe('138****5678');
    expect(reportCell(12.5, undefined)).toBe(12.5);
    expect(reportCell('订单 20240305123456789', undefined)).toBe('订单 20240305123456789'); // 17 digits: no ID
    expect(reportCell(new Date(Date.UTC(2024, 2, 5)), undefined)).toBe('2024-03-05');
    expect(reportCell('', 'idCard')).toBeNull();
  });
});

describe('maskedRow', () => {
  it('masks a row as the report does', () => {
    const headers = ['姓名', '身份证', '电话', '备注'];
    expect(maskedRow(['张三', ID, '13812345678', `手机13812345678`], { headers })).toEqual([
      '张三',
      `110***********${ID.slice(-4)}`,
      '138****5678',
      '手机138****5678',
    ]);
    // The mapping can name a column whose header gives nothing away.
    expect(
      maskedRow(['x', '010-87654321'], { headers: ['a', 'b'], kind: 'patients', columns: { phone: 1 } }),
    ).toEqual(['x', '010-****4321']);
  });
});
