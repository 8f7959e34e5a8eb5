import { describe, expect, it } from 'vitest';
import {
  normaliseHeader,
  resolveColumnMapping,
  suggestMapping,
  toColumnMapping,
  validateColumnMapping,
} from './suggest-mapping';
import { TARGET_FIELDS, TABULAR_KINDS } from './targets';

/** Mapped fields by header text, for readable expectations. */
function byHeader(kind: Parameters<typeof suggestMapping>[0], headers: string[]): Record<string, string> {
  const { mapping } = suggestMapping(kind, headers);
  const out: Record<string, string> = {};
  for (const [key, index] of Object.entries(mapping)) if (index !== null) out[key] = headers[index]!;
  return out;
}

describe('normaliseHeader', () => {
  it.each([
    ['  姓名 ', '姓名'],
    ['*姓名', '姓名'],
    ['姓名(必填)', '姓名'],
    ['姓名（必填）', '姓名'],
    ['金额(元)', '金额'],
    ['出生日期【yyyy-mm-dd】', '出生日期'],
    ['Patient Name', 'patientname'],
    ['ID_Card-No.', 'idcardno'],
    ['ＭＲＮ', 'mrn'],
    ['(备注)', '备注'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseHeader(input)).toBe(expected);
  });
});

describe('suggestMapping', () => {
  it('maps a HIS patient master export', () => {
    const headers = [
      '病人ID',
      '门诊号',
      '住院号',
      '姓名',
      '性别',
      '出生日期',
      '年龄',
      '身份证号',
      '联系电话',
      '家庭住址',
      '工作单位',
      '联系人',
      '联系人电话',
      '婚姻',
      '民族',
      '职业',
      '医保卡号',
      '建档日期',
    ];
    const result = suggestMapping('patients', headers);
    expect(byHeader('patients', headers)).toEqual({
      name: '姓名',
      gender: '性别',
      birthDate: '出生日期',
      idCard: '身份证号',
      mobile: '联系电话',
      mrn: '门诊号',
      address: '家庭住址',
      maritalStatus: '婚姻',
    });
    expect(result.confidence.name).toBe(1);
    expect(result.unmappedHeaders).toEqual([
      '病人ID',
      '住院号',
      '年龄',
      '工作单位',
      '联系人',
      '联系人电话',
      '民族',
      '职业',
      '医保卡号',
      '建档日期',
    ]);
    expect(result.missingRequired).toEqual([]);
  });

  it('maps a physical-examination (体检) list with required markers and units', () => {
    const headers = [
      '序号',
      '体检号',
      '*姓名',
      '性别',
      '年龄',
      '身份证号码(必填)',
      '手机号码',
      '单位名称',
      '体检日期',
    ];
    expect(byHeader('patients', headers)).toEqual({
      name: '*姓名',
      gender: '性别',
      idCard: '身份证号码(必填)',
      mobile: '手机号码',
    });
  });

  it('maps a visit export', () => {
    const headers = [
      '就诊流水号',
      '门诊号',
      '患者姓名',
      '性别',
      '年龄',
      '就诊科室',
      '接诊医生',
      '就诊时间',
      '就诊类型',
      '诊断',
    ];
    expect(byHeader('visits', headers)).toEqual({
      visitNo: '就诊流水号',
      mrn: '门诊号',
      name: '患者姓名',
      department: '就诊科室',
      doctor: '接诊医生',
      startAt: '就诊时间',
      kind: '就诊类型',
    });
  });

  it('maps a charge export, keeping price, cashier and item apart', () => {
    const headers = [
      '收费流水号',
      '门诊号',
      '姓名',
      '费用类别',
      '项目名称',
      '数量',
      '单价',
      '实收金额',
      '应收金额',
      '费别',
      '支付方式',
      '收费时间',
      '收费员',
    ];
    const result = suggestMapping('charges', headers);
    expect(byHeader('charges', headers)).toEqual({
      chargeNo: '收费流水号',
      mrn: '门诊号',
      name: '姓名',
      category: '费用类别',
      amount: '实收金额',
      payer: '费别',
      paymentMethod: '支付方式',
      chargedAt: '收费时间',
    });
    expect(result.unmappedHeaders).toContain('应收金额');
  });

  it('maps English headers and near spellings', () => {
    const headers = ['Pateint Name', 'Sex', 'DOB', 'ID Card No.', 'Mobile Phone', 'MRN', 'E-mail', 'Address'];
    const result = suggestMapping('patients', headers);
    expect(byHeader('patients', headers)).toEqual({
      name: 'Pateint Name',
      gender: 'Sex',
      birthDate: 'DOB',
      idCard: 'ID Card No.',
      mobile: 'Mobile Phone',
      mrn: 'MRN',
      email: 'E-mail',
      address: 'Address',
    });
    expect(result.confidence.name).toBeLessThan(1);
    expect(result.confidence.name).toBeGreaterThanOrEqual(0.5);
  });

  it("never takes someone else's name or phone for the patient's", () => {
    const headers = ['联系人姓名', '紧急联系人电话', '医生姓名', '监护人身份证号'];
    expect(byHeader('patients', headers)).toEqual({});
    expect(byHeader('visits', ['姓名', '医生姓名'])).toEqual({ name: '姓名', doctor: '医生姓名' });
  });

  it('never maps one column to two fields, nor a field to two columns', () => {
    const headers = ['手机', '手机号', '电话', '联系电话', '姓名', '姓名'];
    const { mapping } = suggestMapping('patients', headers);
    const used = Object.values(mapping).filter((v) => v !== null);
    expect(new Set(used).size).toBe(used.length);
    expect(mapping.name).toBe(4);
    expect(mapping.mobile).toBe(1); // 手机号 is the better synonym
  });

  it('reports what is missing', () => {
    expect(suggestMapping('patients', ['性别']).missingRequired).toEqual(['name']);
    expect(suggestMapping('visits', ['就诊号', '就诊时间', '就诊类型']).missingRequired).toEqual([
      'mrn|idCard|mobile',
    ]);
    expect(suggestMapping('charges', []).mapping.amount).toBeNull();
  });

  it('every synonym of every field maps to that field on its own', () => {
    for (const kind of TABULAR_KINDS) {
      for (const field of TARGET_FIELDS[kind]) {
        for (const synonym of field.synonyms) {
          expect({ synonym, mapped: suggestMapping(kind, [synonym]).mapping[field.key] }).toEqual({
            synonym,
            mapped: 0,
          });
        }
      }
    }
  });
});

describe('saved mappings', () => {
  it('validate, resolve by header text or index, and round-trip', () => {
    const headers = ['门诊号', '挂号流水号', '就诊时间', '科室'];
    const saved = {
      version: 1,
      kind: 'visits',
      columns: { mrn: '门诊号', visitNo: ' 挂号流水号 ', startAt: '就诊时间', department: 3, doctor: null },
      defaults: { kind: '门诊' },
    };
    const checked = validateColumnMapping(JSON.parse(JSON.stringify(saved)));
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const resolved = resolveColumnMapping(checked.value, headers);
    expect(resolved.problems).toEqual([]);
    expect(resolved.columns).toMatchObject({ mrn: 0, visitNo: 1, startAt: 2, department: 3, doctor: null });
    const again = toColumnMapping('visits', resolved.columns, headers, resolved.defaults);
    expect(resolveColumnMapping(again, headers).columns).toEqual(resolved.columns);
    expect(again.columns.department).toBe('科室');
  });

  it('reports bad mappings by JSON path', () => {
    expect(validateColumnMapping(null)).toEqual({
      ok: false,
      problems: [{ where: '$', message: 'mapping_not_object' }],
    });
    const result = validateColumnMapping({
      version: 2,
      kind: 'patients',
      columns: { name: 0, mobile: 0, shoeSize: 1, gender: -1, birthDate: '' },
      defaults: { gender: 1 },
      extra: true,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { where: 'version', message: 'mapping_version_unsupported' },
      { where: 'columns.mobile', message: 'mapping_column_reused', detail: 'name' },
      { where: 'columns.shoeSize', message: 'mapping_field_unknown' },
      { where: 'columns.gender', message: 'mapping_column_invalid' },
      { where: 'columns.birthDate', message: 'mapping_column_invalid' },
      { where: 'defaults.gender', message: 'mapping_default_invalid' },
      { where: 'extra', message: 'mapping_key_unknown' },
    ]);
    expect(validateColumnMapping({ version: 1, kind: 'x', columns: {} })).toMatchObject({ ok: false });
  });

  it('reports headers the file lacks and required fields left out', () => {
    const resolved = resolveColumnMapping(
      { version: 1, kind: 'charges', columns: { mrn: '病历号', chargeNo: 7, amount: '金额' } },
      ['金额'],
    );
    expect(resolved.problems).toEqual([
      { where: 'columns.mrn', message: 'mapping_header_not_found', detail: '病历号' },
      { where: 'columns.chargeNo', message: 'mapping_column_out_of_range', detail: '7' },
      { where: 'columns.chargeNo', message: 'mapping_required_unmapped' },
      { where: 'columns.chargedAt', message: 'mapping_required_unmapped' },
      { where: 'columns.mrn|idCard|mobile', message: 'mapping_required_unmapped' },
    ]);
  });
});
