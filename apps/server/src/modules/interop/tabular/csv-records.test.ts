import { parse, type Options } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, detectDelimiter, type CsvRecord } from './csv-records';

function tokenize(
  text: string,
  options: ConstructorParameters<typeof CsvTokenizer>[0] = {},
  chunks?: number[],
) {
  const tokenizer = new CsvTokenizer(options);
  const out: CsvRecord[] = [];
  if (chunks === undefined) out.push(...tokenizer.push(text));
  else {
    let at = 0;
    for (const size of chunks) {
      out.push(...tokenizer.push(text.slice(at, at + size)));
      at += size;
    }
    out.push(...tokenizer.push(text.slice(at)));
  }
  out.push(...tokenizer.end());
  return out;
}

const ORACLE_OPTIONS: Options = { relax_column_count: true, skip_empty_lines: true };

const cellsOf = (records: CsvRecord[]) => records.map((r) => r.cells);

/** A field as a spreadsheet writes it: quoted when it must be. */
function quote(field: string, delimiter: string): string {
  return /["\r\n]/.test(field) || field.includes(delimiter) ? `"${field.replaceAll('"', '""')}"` : field;
}

const FIELD = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    '0',
    ' ',
    ',',
    ';',
    '\t',
    '"',
    '\n',
    '\r\n',
    '张',
    '三',
    '𠇔',
    '¥',
    '.',
    '-',
  ),
  maxLength: 8,
});
const TABLE = fc.array(fc.array(FIELD, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 });

describe('CsvTokenizer', () => {
  it('reads RFC 4180 quoting and all line ends', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","multi\nline"\n1,,3\r4,5,6';
    expect(tokenize(text)).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x, y', 'say "hi"', 'multi\nline'] },
      { line: 4, cells: ['1', '', '3'] },
      { line: 5, cells: ['4', '5', '6'] },
    ]);
  });

  it('treats quotes inside unquoted fields as text, and text after a closing quote as part of the field', () => {
    expect(cellsOf(tokenize('12" 显示器,a"b\n"ab"c,d\n'))).toEqual([
      ['12" 显示器', 'a"b'],
      ['abc', 'd'],
    ]);
  });

  it('reports an unclosed quote at its line and reads on from the next line', () => {
    const text = ['姓名,地址', '张三,"北京市朝阳区', '李四,"上海市",x', '王五,广州', ''].join('\n');
    expect(tokenize(text)).toEqual([
      { line: 1, cells: ['姓名', '地址'] },
      { line: 2, cells: [], problem: 'csv_unbalanced_quotes' },
      { line: 3, cells: ['李四', '上海市', 'x'] },
      { line: 4, cells: ['王五', '广州'] },
    ]);
  });

  it('gives up on a quote still open after too many lines, or at the end of the file', () => {
    const lines = ['a,"open', ...Array.from({ length: 10 }, (_, i) => `r${i},v`)];
    expect(tokenize(lines.join('\n'), { maxQuotedLines: 5 })).toEqual([
      { line: 1, cells: [], problem: 'csv_unbalanced_quotes' },
      ...Array.from({ length: 10 }, (_, i) => ({ line: i + 2, cells: [`r${i}`, 'v'] })),
    ]);
    expect(tokenize('a,b\n"c')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: [], problem: 'csv_unbalanced_quotes' },
    ]);
  });

  it('drops a row longer than the limit and reads on', () => {
    const text = `a,b\n${'x'.repeat(5000)}\nc,d\n`;
    expect(tokenize(text, { maxRecordChars: 1000 }, [10, 700, 700, 700, 3000])).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: [], problem: 'csv_row_too_long' },
      { line: 3, cells: ['c', 'd'] },
    ]);
  });

  it('flags rows with too many columns', () => {
    expect(tokenize('a,b,c,d\n', { maxColumns: 2 })).toEqual([
      { line: 1, cells: ['a', 'b'], problem: 'csv_too_many_columns' },
    ]);
  });

  it('detects the delimiter', () => {
    expect(detectDelimiter('姓名\t性别\n张三\t男\n')).toBe('\t');
    expect(detectDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(detectDelimiter('"a,b";c\n')).toBe(';');
    expect(detectDelimiter('只有一列\n')).toBe(',');
    expect(cellsOf(tokenize('姓名\t性别\n张三\t男\n'))).toEqual([
      ['姓名', '性别'],
      ['张三', '男'],
    ]);
  });

  it('gives csv-parse’s records for any well-formed file, however the text is chunked', () => {
    fc.assert(
      fc.property(
        TABLE,
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 30 }),
        (rows, eol, chunks) => {
          const text = rows.map((r) => r.map((f) => quote(f, ',')).join(',')).join(eol) + eol;
          const expected = parse(text, ORACLE_OPTIONS).filter((r) => !(r.length === 1 && r[0] === ''));
          const whole = tokenize(text, { delimiter: ',' });
          const chunked = tokenize(text, { delimiter: ',' }, chunks);
          const records = whole.filter((r) => !(r.cells.length === 1 && r.cells[0] === ''));
          expect(cellsOf(records)).toEqual(expected);
          expect(chunked).toEqual(whole);
          // Line numbers: each record starts after the line breaks of those before it.
          let line = 1;
          rows.forEach((row, i) => {
            expect(whole[i]!.line).toBe(line);
            line += row.join(',').split(/\r\n|\n|\r/).length;
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
