import { describe, expect, it } from 'vitest';
import { idCardCheckDigit } from '../cn-identity/id-card';
import { createRowMapper, parseTabularWhere, rowToInbound, tabularWhere } from './rows-to-inbound';
import { suggestMapping, type ColumnMapping } from './suggest-mapping';

const OPTIONS = { source: 'csv:HIS', timeZone: 'Asia/Shanghai', today: '2024-06-01' };
const ID = ((first17: string) => first17 + idCardCheckDigit(first17))('11010519900102123'); // male, 1990-01-02

const PATIENT_HEADERS = [
  '姓名',
  '性别',
  '出生日期',
  '身份证号',
  '手机号',
  '固定电话',
  '病历号',
  '就诊卡号',
  '省份',
  '城市',
  '区县',
  '地址',
  '婚姻状况',
  '邮箱',
];

function patient(cells: unknown[], rowNumber = 2) {
  const { mapping } = suggestMapping('patients', PATIENT_HEADERS);
  return rowToInbound('patients', cells, mapping, { ...OPTIONS, rowNumber, headers: PATIENT_HEADERS });
}

describe('patients', () => {
  it('maps a complete row', () => {
    const result = patient([
      '张　三',
      '男',
      '1990/1/2',
      ID,
      '138 1234 5678',
      '010-87654321',
      'MZ0001',
      'K123',
      '北京市',
      '北京市',
      '朝阳区',
      '某某路1号',
      '已婚',
      'zs@example.com',
    ]);
    expect(result).toEqual({
      problems: [],
      records: [
        {
          record: {
            type: 'patient',
            source: { system: 'csv:HIS', id: 'mrn:MZ0001' },
            name: '张三',
            gender: 'male',
            birthDate: '1990-01-02',
            idCard: ID,
            phones: [
              { kind: 'mobile', number: '13812345678' },
              { kind: 'home', number: '010-87654321' },
            ],
            email: 'zs@example.com',
            identifiers: [
              { kind: 'mrn', system: 'csv:HIS', value: 'MZ0001' },
              { kind: 'card', system: 'csv:HIS', value: 'K123' },
            ],
            address: { province: '北京市', city: '北京市', district: '朝阳区', detail: '某某路1号' },
            maritalStatus: 'married',
          },
        },
      ],
    });
  });

  it('keys a row without MRN by a hash that holds no clear number and is stable', () => {
    const a = patient(['李四', '', '', ID, '13812345678']);
    const b = patient([' 李四 ', '男', '', ID, '138-1234-5678'], 99);
    const id = a.records[0]!.record.source.id;
    expect(id).toMatch(/^row:[0-9a-f]{16}$/);
    expect(b.records[0]!.record.source.id).toBe(id);
    expect(id).not.toContain('13812345678');
    expect(id).not.toContain(ID.slice(0, 6));
    // Birth date and gender come from the card when the row leaves them blank.
    expect(a.records[0]!.record).toMatchObject({ gender: 'male', birthDate: '1990-01-02' });
  });

  it('reports every problem of a row, located by the file header, and yields nothing for it', () => {
    const result = patient(
      ['', '3', '2023-02-30', '110105199001021234', '12345', '', '', '', '', '', '', '', '离了', 'x@'],
      12,
    );
    expect(result.records).toEqual([]);
    expect(result.problems).toEqual([
      { where: 'row 12, column 姓名', message: 'csv_required_missing' },
      { where: 'row 12, column 身份证号', message: 'csv_id_card_invalid', detail: 'checksum' },
      { where: 'row 12, column 性别', message: 'csv_gender_invalid', detail: '3' },
      { where: 'row 12, column 出生日期', message: 'csv_date_invalid', detail: '2023-02-30' },
      { where: 'row 12, column 手机号', message: 'csv_mobile_invalid', detail: 'format' },
      { where: 'row 12, column 邮箱', message: 'csv_email_invalid' },
      { where: 'row 12, column 婚姻状况', message: 'csv_value_unknown', detail: '离了' },
    ]);
  });

  it('never puts a name, phone or ID number into a problem', () => {
    const result = patient(['王五', '女', '2030-01-01', '110105199001021234', '12345678901']);
    const text = JSON.stringify(result.problems);
    expect(text).not.toContain('王五');
    expect(text).not.toContain('110105199001021234');
    expect(text).not.toContain('12345678901');
    expect(result.problems.map((p) => p.message)).toEqual([
      'csv_id_card_invalid',
      'csv_birth_date_future',
      'csv_mobile_invalid',
    ]);
  });

  it('refuses a row the card contradicts, and a name alone', () => {
    expect(patient(['张三', '女', '1990-01-03', ID]).problems).toEqual([
      { where: 'row 2, column 出生日期', message: 'csv_id_card_mismatch', detail: 'birthDate' },
      { where: 'row 2, column 性别', message: 'csv_id_card_mismatch', detail: 'gender' },
    ]);
    expect(patient(['张三', '男']).problems).toEqual([
      { where: 'row 2', message: 'csv_patient_identity_missing' },
    ]);
  });

  it('refuses values longer than the field allows', () => {
    const result = patient(['张'.repeat(101), '', '1990-01-02']);
    expect(result.problems).toEqual([
      { where: 'row 2, column 姓名', message: 'csv_value_too_long', detail: '101>100' },
    ]);
  });

  it('keeps foreign names as written, collapsing spaces', () => {
    const result = patient(['Aaron   Brekke', 'M', '1980-05-06']);
    expect(result.records[0]!.record).toMatchObject({ name: 'Aaron Brekke', gender: 'male' });
  });
});

describe('visits', () => {
  const headers = [
    '门诊号',
    '身份证号',
    '手机号',
    '姓名',
    '就诊流水号',
    '就诊时间',
    '出院时间',
    '就诊类型',
    '科室',
    '科室编码',
    '医生',
    '医生工号',
    '状态',
  ];
  const mapper = createRowMapper('visits', suggestMapping('visits', headers).mapping, {
    ...OPTIONS,
    headers,
  });

  it('references the patient by MRN', () => {
    const result = mapper(
      ['MZ0001', '', '', '张三', 'V1', '2024-03-05 08:30', '', '门诊', '心内科', '0301', '李医生', 'D01', ''],
      5,
    );
    expect(result).toEqual({
      problems: [],
      records: [
        {
          record: {
            type: 'encounter',
            source: { system: 'csv:HIS', id: 'visit:V1' },
            patient: { system: 'csv:HIS', id: 'mrn:MZ0001' },
            kind: 'outpatient',
            status: 'finished',
            startAt: '2024-03-05T08:30:00+08:00',
            department: { code: '0301', name: '心内科' },
            practitioner: { code: 'D01', name: '李医生' },
          },
        },
      ],
    });
  });

  it('asks the writer to look the patient up by ID card, else mobile, when there is no MRN', () => {
    const byCard = mapper(
      [
        '',
        ID,
        '13812345678',
        '张三',
        'V2',
        '2024-03-05',
        '2024-03-09 10:00',
        '住院',
        '',
        '',
        '',
        '',
        '已出院',
      ],
      6,
    );
    expect(byCard.records[0]).toMatchObject({
      record: { kind: 'inpatient', status: 'finished', endAt: '2024-03-09T10:00:00+08:00' },
      patientLookup: { by: 'idCard', value: ID, name: '张三' },
    });
    const key = byCard.records[0]!.record;
    expect('patient' in key && key.patient.id).toMatch(/^lookup:idCard:[0-9a-f]{16}$/);
    const byMobile = mapper(
      ['', '', '+86 138 1234 5678', '', 'V3', '2024-07-01 09:00', '', '体检', '', '', '', '', ''],
      7,
    );
    expect(byMobile.records[0]).toMatchObject({
      record: { kind: 'checkup', status: 'planned' }, // after `today`, and no status given
      patientLookup: { by: 'mobile', value: '13812345678' },
    });
  });

  it('sends an MRN lookup too when asked', () => {
    const withLookup = createRowMapper('visits', suggestMapping('visits', headers).mapping, {
      ...OPTIONS,
      headers,
      mrnLookup: true,
    });
    expect(
      withLookup(['MZ1', '', '', '', 'V1', '2024-03-05', '', '急诊'], 2).records[0]!.patientLookup,
    ).toEqual({
      by: 'mrn',
      value: 'MZ1',
    });
  });

  it('reports a missing patient reference, bad times and unknown kinds', () => {
    const result = mapper(
      [
        '',
        '',
        '',
        '张三',
        'V4',
        '2024-03-05 08:30',
        '2024-03-05 08:00',
        '门急诊',
        '',
        '',
        '',
        '',
        '完成了吗',
      ],
      8,
    );
    expect(result.records).toEqual([]);
    expect(result.problems).toEqual([
      { where: 'row 8', message: 'csv_patient_ref_missing' },
      { where: 'row 8, column 就诊类型', message: 'csv_value_unknown', detail: '门急诊' },
      { where: 'row 8, column 状态', message: 'csv_value_unknown', detail: '完成了吗' },
      { where: 'row 8, column 出院时间', message: 'csv_end_before_start' },
    ]);
    expect(mapper(['MZ1', '', '138', '', '', 'soon'], 9).problems).toEqual([
      { where: 'row 9, column 手机号', message: 'csv_mobile_invalid', detail: 'format' },
      { where: 'row 9, column 就诊流水号', message: 'csv_required_missing' },
      { where: 'row 9, column 就诊时间', message: 'csv_date_invalid', detail: 'soon' },
      { where: 'row 9, column 就诊类型', message: 'csv_required_missing' },
    ]);
  });

  it('fills fields from mapping defaults', () => {
    const mapping: ColumnMapping = {
      version: 1,
      kind: 'visits',
      columns: { mrn: '门诊号', visitNo: '就诊流水号', startAt: '就诊时间' },
      defaults: { kind: '门诊' },
    };
    const result = rowToInbound('visits', ['MZ1', '', '', '', 'V9', '2024-01-01'], mapping, {
      ...OPTIONS,
      headers,
      rowNumber: 3,
    });
    expect(result.records[0]!.record).toMatchObject({ kind: 'outpatient' });
    const missing = rowToInbound(
      'visits',
      ['MZ1'],
      { ...mapping, defaults: {} },
      { ...OPTIONS, headers, rowNumber: 4 },
    );
    expect(missing.problems).toContainEqual({ where: 'row 4, field kind', message: 'csv_required_missing' });
  });
});

describe('charges', () => {
  const headers = [
    '收费单号',
    '病历号',
    '就诊号',
    '费用类别',
    '金额',
    '费别',
    '支付方式',
    '保险公司',
    '收费时间',
  ];
  const mapper = createRowMapper('charges', suggestMapping('charges', headers).mapping, {
    ...OPTIONS,
    headers,
  });

  it('maps amounts to fen exactly, refunds negative, unknown categories to other', () => {
    const result = mapper(
      ['C1', 'MZ1', 'V1', '西药费', '¥1,234.56', '医保', '微信', '', '2024-03-05 09:10'],
      2,
    );
    expect(result).toEqual({
      problems: [],
      records: [
        {
          record: {
            type: 'charge',
            source: { system: 'csv:HIS', id: 'charge:C1' },
            patient: { system: 'csv:HIS', id: 'mrn:MZ1' },
            encounter: { system: 'csv:HIS', id: 'visit:V1' },
            category: 'drug',
            amountFen: 123_456,
            payer: 'medical_insurance',
            paymentMethod: 'wechat_pay',
            chargedAt: '2024-03-05T09:10:00+08:00',
          },
        },
      ],
    });
    expect(
      mapper(['C2', 'MZ1', '', '退费', '-20.5', '', '', '', '2024-03-05'], 3).records[0]!.record,
    ).toMatchObject({
      category: 'other',
      amountFen: -2050,
    });
  });

  it('reports bad amounts and missing values', () => {
    expect(mapper(['C3', 'MZ1', '', '', '12.345', '', '刷脸', '', ''], 4).problems).toEqual([
      { where: 'row 4, column 金额', message: 'csv_amount_invalid', detail: '12.345' },
      { where: 'row 4, column 支付方式', message: 'csv_value_unknown', detail: '刷脸' },
      { where: 'row 4, column 收费时间', message: 'csv_required_missing' },
    ]);
  });
});

describe('where', () => {
  it('round-trips', () => {
    expect(parseTabularWhere(tabularWhere(12, '出生日期'))).toEqual({ row: 12, column: '出生日期' });
    expect(parseTabularWhere(tabularWhere(12, 'a, column b'))).toEqual({ row: 12, column: 'a, column b' });
    expect(parseTabularWhere(tabularWhere(3))).toEqual({ row: 3 });
    expect(parseTabularWhere('row 4, field kind')).toEqual({ row: 4, field: 'kind' });
    expect(parseTabularWhere('PID-7')).toEqual({});
  });

  it('rejects configuration errors loudly', () => {
    expect(() => createRowMapper('patients', {}, { ...OPTIONS, today: '1.6.2024' })).toThrow(RangeError);
    expect(() => createRowMapper('patients', {}, { ...OPTIONS, today: '2024-02-30' })).toThrow(RangeError);
    expect(() => createRowMapper('patients', {}, { ...OPTIONS, timeZone: 'Nowhere/Land' })).toThrow(
      RangeError,
    );
  });
});
