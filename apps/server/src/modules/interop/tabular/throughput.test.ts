import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { idCardCheckDigit } from '@carebridge/domain';
import { suggestMapping } from '@carebridge/domain';
import { mapTableRows } from './map-table';
import { readTable } from './read-table';

const ROWS = 200_000;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂';
const DISTRICTS = ['朝阳区', '海淀区', '西城区', '东城区', '丰台区'];

/** A HIS patient export: every row valid, with real-looking ID cards (right check digit) and mobiles. */
function patientCsv(rows: number): string {
  const lines = ['病历号,姓名,性别,出生日期,身份证号,手机号码,省份,城市,区县,家庭住址,婚姻状况'];
  for (let i = 0; i < rows; i++) {
    const year = 1940 + (i % 80);
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + (i % 28)).padStart(2, '0');
    const male = i % 2 === 0;
    const sequence = String((i * 2 + (male ? 1 : 0)) % 1000).padStart(3, '0');
    const first17 = `110105${year}${month}${day}${sequence}`;
    const name =
      SURNAMES[i % SURNAMES.length]! +
      GIVEN[(i * 7) % GIVEN.length]! +
      (i % 3 ? GIVEN[i % GIVEN.length]! : '');
    lines.push(
      [
        `MZ${String(i).padStart(8, '0')}`,
        name,
        male ? '男' : '女',
        `${year}-${month}-${day}`,
        first17 + idCardCheckDigit(first17),
        `13${String(800_000_000 + i).padStart(9, '0')}`,
        '北京市',
        '北京市',
        DISTRICTS[i % DISTRICTS.length],
        `"某某路${i % 500}号${i % 30}单元"`,
        i % 4 ? '已婚' : '未婚',
      ].join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

describe('throughput', () => {
  it(`reads, decodes and maps ${ROWS.toLocaleString()} patient rows at ≥ 30,000 rows/s`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carebridge-throughput-'));
    try {
      const text = patientCsv(ROWS);
      const utf8 = join(dir, 'patients-utf8.csv');
      const gbk = join(dir, 'patients-gbk.csv');
      await writeFile(utf8, text);
      await writeFile(gbk, iconv.encode(text, 'gbk'));
      for (const [label, path] of [
        ['UTF-8', utf8],
        ['GBK', gbk],
      ] as const) {
        const started = performance.now();
        const table = await readTable(path, { kind: 'patients' });
        const { mapping } = suggestMapping('patients', table.headers);
        let records = 0;
        let problems = 0;
        for await (const row of mapTableRows(table, 'patients', mapping, {
          source: 'csv:HIS',
          timeZone: 'Asia/Shanghai',
          today: '2024-06-01',
        })) {
          records += row.records.length;
          problems += row.problems.length;
        }
        const seconds = (performance.now() - started) / 1000;
        const rate = Math.round(ROWS / seconds);
        console.log(`${label}: ${ROWS} rows in ${seconds.toFixed(2)} s = ${rate.toLocaleString()} rows/s`);
        expect({ records, problems }).toEqual({ records: ROWS, problems: 0 });
        expect(rate).toBeGreaterThanOrEqual(30_000);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
