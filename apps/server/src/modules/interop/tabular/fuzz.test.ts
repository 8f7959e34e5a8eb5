import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { idCardCheckDigit } from '@carebridge/domain';
import { TABULAR_KINDS, suggestMapping, type TabularKind } from '@carebridge/domain';
import { isValidUtf8 } from './decode';
import { mapTableRows, type MappedRow } from './map-table';
import { readTable, type TableRow } from './read-table';

const OPTIONS = { source: 'csv:fuzz', timeZone: 'Asia/Shanghai', today: '2024-06-01' };

/** Read and map everything; what a broken file may do is report problems, never throw. */
async function importAll(bytes: Buffer, kind: TabularKind, detectByKind: boolean): Promise<MappedRow[]> {
  const table = await readTable(bytes, detectByKind ? { kind } : {});
  const { mapping } = suggestMapping(kind, table.headers);
  const out: MappedRow[] = [];
  for await (const row of mapTableRows(table, kind, mapping, OPTIONS)) {
    expect(row.records.length === 0 || row.problems.length === 0).toBe(true);
    for (const p of row.problems) expect(p.where).toMatch(/^row \d+/);
    out.push(row);
  }
  for (const p of table.problems) expect(p.where).toBe('file');
  return out;
}

const PREFIXES = [
  [],
  [0xef, 0xbb, 0xbf],
  [0xff, 0xfe],
  [0xfe, 0xff],
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  [...Buffer.from('<html><table>')],
].map((p) => Buffer.from(p));

const CSV_UNIT = fc.constantFrom(
  ',',
  '"',
  '""',
  '\n',
  '\r\n',
  '\r',
  '\t',
  ';',
  ' ',
  '姓名',
  '性别',
  '出生日期',
  '身份证号',
  '手机号',
  '门诊号',
  '金额',
  '就诊时间',
  '男',
  '女',
  '1990-01-02',
  '2024/3/5 8:30',
  '¥1,234.50',
  '13812345678',
  '110105199001021238',
  '=',
  "'",
  '\u0000',
  '\ufeff',
  '\ud800',
  '𠇔',
  'x',
  '9',
);

function patientCsv(
  rows: { name: string; gender: string; birth: string; id: string; mobile: string }[],
): string {
  const lines = ['姓名,性别,出生日期,身份证号,手机号'];
  for (const r of rows) lines.push([r.name, r.gender, r.birth, r.id, r.mobile].join(','));
  return lines.join('\r\n') + '\r\n';
}

const PATIENT = fc
  .record({
    name: fc.string({
      unit: fc.constantFrom(...'王李张刘陈杨黄赵吴周伟芳娜秀英'),
      minLength: 2,
      maxLength: 3,
    }),
    male: fc.boolean(),
    date: fc.date({
      min: new Date('1930-01-01T00:00:00Z'),
      max: new Date('2020-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    sequence: fc.integer({ min: 0, max: 499 }),
    mobile: fc.integer({ min: 0, max: 99_999_999 }),
  })
  .map(({ name, male, date, sequence, mobile }) => {
    const birth = date.toISOString().slice(0, 10);
    const first17 = `110105${birth.replaceAll('-', '')}${String(sequence * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
    return {
      name,
      gender: male ? '男' : '女',
      birth,
      id: first17 + idCardCheckDigit(first17),
      mobile: `138${String(mobile).padStart(8, '0')}`,
    };
  });

describe('fuzz: the CSV path never throws', () => {
  it('on arbitrary bytes, with or without a misleading signature', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PREFIXES),
        fc.uint8Array({ maxLength: 1500 }),
        fc.constantFrom(...TABULAR_KINDS),
        fc.boolean(),
        async (prefix, bytes, kind, detect) => {
          await importAll(Buffer.concat([prefix, bytes]), kind, detect);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on arbitrary CSV-ish text in every encoding', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(CSV_UNIT, { maxLength: 120 }).map((units) => units.join('')),
        fc.constantFrom('utf-8', 'utf-8-bom', 'gb18030', 'utf-16le'),
        fc.constantFrom(...TABULAR_KINDS),
        fc.boolean(),
        async (text, encoding, kind, detect) => {
          const bytes =
            encoding === 'utf-8-bom'
              ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
              : encoding === 'utf-8'
                ? Buffer.from(text)
                : iconv.encode(text, encoding, { addBOM: encoding === 'utf-16le' });
          await importAll(bytes, kind, detect);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on mutated valid files: damage stays in the rows it touches', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(PATIENT, { minLength: 3, maxLength: 15 }),
        fc.array(
          fc.record({
            at: fc.nat(),
            remove: fc.nat({ max: 6 }),
            insert: fc.array(CSV_UNIT, { maxLength: 3 }).map((u) => u.join('')),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (patients, mutations) => {
          let text = patientCsv(patients);
          for (const m of mutations) {
            const at = m.at % (text.length + 1);
            text = text.slice(0, at) + m.insert + text.slice(at + m.remove);
          }
          const rows = await importAll(iconv.encode(text, 'gb18030'), 'patients', true);
          // Whatever was imported is a patient from the original list, unless the mutation produced another
          // valid row (possible: a new name or number), which must then be wholly valid.
          for (const row of rows) for (const r of row.records) expect(r.record.type).toBe('patient');
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('fuzz: valid tables round-trip', () => {
  it('cells come back as written, in any encoding and chunking', async () => {
    // Without lone surrogates (not encodable), BOMs (removed at the start) and NULs (text rich in NULs is
    // indistinguishable from UTF-16 without a BOM; real CSV text has none).
    const unit = CSV_UNIT.filter((u) => u !== '\ud800' && u !== '\ufeff' && u !== '\u0000');
    const field = fc.array(unit, { maxLength: 4 }).map((u) => u.join(''));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 2, maxLength: 10 }),
        fc.constantFrom('utf-8', 'gb18030', 'utf-16le'),
        fc.integer({ min: 1, max: 64 }),
        async (generated, encoding, chunkSize) => {
          const header = generated[0]!.map((h, i) => `h${i}${h.replace(/[\r\n]/g, '')}`); // not blank
          const table = [header, ...generated.slice(1)];
          const quote = (f: string) =>
            /[",\r\n]/.test(f) || /^\s|\s$/.test(f) ? `"${f.replaceAll('"', '""')}"` : f;
          const text = table.map((row) => row.map(quote).join(',')).join('\r\n');
          const bytes = iconv.encode(text, encoding, { addBOM: encoding === 'utf-16le' });
          // A few GB18030 bytes can also be valid UTF-8 ('女' is C5 AE, also 'Ů'): by policy valid UTF-8 is
          // read as UTF-8, so such a file is ambiguous by construction, not a round-trip failure.
          fc.pre(
            !(
              encoding === 'gb18030' &&
              [...text].some((c) => c.charCodeAt(0) > 0x7f) &&
              isValidUtf8(bytes, false)
            ),
          );
          const read = await readTable(bytes, { headerRow: 1, delimiter: ',', chunkSize });
          const rows: TableRow[] = [];
          for await (const row of read.rows) rows.push(row);
          expect(read.headers).toEqual(header.map((h) => h.trim())); // header texts are trimmed
          const expected = table.slice(1).filter((row) => row.some((f) => f.trim() !== ''));
          expect(rows.map((r) => r.cells)).toEqual(expected);
          expect(rows.every((r) => r.problems === undefined)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('generated patients come back as the same records', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(PATIENT, { minLength: 1, maxLength: 20, selector: (p) => p.id }),
        async (patients) => {
          const rows = await importAll(iconv.encode(patientCsv(patients), 'gbk'), 'patients', true);
          expect(rows.map((r) => r.problems)).toEqual(patients.map(() => []));
          expect(rows.map((r) => r.records[0]!.record)).toEqual(
            patients.map((p) => ({
              type: 'patient',
              source: expect.objectContaining({ system: 'csv:fuzz' }),
              name: p.name,
              gender: p.gender === '男' ? 'male' : 'female',
              birthDate: p.birth,
              idCard: p.id,
              phones: [{ kind: 'mobile', number: p.mobile }],
              identifiers: [],
            })),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
