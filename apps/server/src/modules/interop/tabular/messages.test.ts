import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABULAR_MESSAGES, describeProblem } from './messages';

const FOLDERS = [
  new URL('./', import.meta.url),
  new URL('../../../../../../packages/domain/src/tabular/', import.meta.url),
];

describe('tabular messages', () => {
  it('has zh-CN and English text for every code the import emits', () => {
    const codes = new Set<string>();
    for (const folder of FOLDERS) {
      for (const file of readdirSync(folder)) {
        if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
        const source = readFileSync(new URL(file, folder), 'utf8');
        for (const m of source.matchAll(/'((?:csv|xlsx|xls|mapping|table|html)_[a-z0-9_]+)'/g))
          codes.add(m[1]!);
      }
    }
    expect(codes.size).toBeGreaterThan(30);
    const missing = [...codes].filter((code) => TABULAR_MESSAGES[code] === undefined);
    expect(missing).toEqual([]);
  });

  it('describes a problem in either language', () => {
    const problem = { where: 'row 3, column 出生日期', message: 'csv_date_invalid', detail: '1990-13-01' };
    expect(describeProblem(problem, 'en')).toBe('出生日期: Not a valid date (1990-13-01) [csv_date_invalid]');
    expect(
      describeProblem({ where: 'row 3, field kind', message: 'csv_required_missing' }, 'en', 'visits'),
    ).toBe('Visit type: Required value is missing [csv_required_missing]');
    expect(describeProblem({ where: 'row 3', message: 'no_such_code' }, 'zh')).toBe(
      'no_such_code [no_such_code]',
    );
  });
});
