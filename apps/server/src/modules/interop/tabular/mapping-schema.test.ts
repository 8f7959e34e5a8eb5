import { describe, expect, it } from 'vitest';
import { columnMappingSchema } from './mapping-schema';

describe('columnMappingSchema', () => {
  it('accepts a saved mapping', () => {
    const mapping = {
      version: 1,
      kind: 'charges',
      columns: { mrn: '门诊号', chargeNo: 0, amount: '实收金额', chargedAt: '收费时间', payer: null },
      defaults: { category: '药费' },
    };
    expect(columnMappingSchema.parse(mapping)).toEqual(mapping);
  });

  it('reports the domain’s rules with their codes and paths', () => {
    const result = columnMappingSchema.safeParse({
      version: 1,
      kind: 'patients',
      columns: { name: 0, mobile: 0, shoeSize: 2 },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['columns.mobile', 'mapping_column_reused'],
      ['columns.shoeSize', 'mapping_field_unknown'],
    ]);
    expect(
      columnMappingSchema.safeParse({ version: 1, kind: 'patients', columns: {}, extra: 1 }).success,
    ).toBe(false);
  });
});
