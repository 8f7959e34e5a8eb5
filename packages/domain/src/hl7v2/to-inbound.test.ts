import { describe, expect, it } from 'vitest';
import type {
  InboundAppointment,
  InboundEncounter,
  InboundMerge,
  InboundPatient,
  InboundRecord,
  InboundResult,
} from '../interop/inbound';
import { parseHl7 } from './parse';
import { hl7ToInbound, parseReferenceRange, type Hl7ToInboundOptions } from './to-inbound';

const OPTIONS: Hl7ToInboundOptions = { today: '2025-06-01' };
const ID_CARD = '11010519491231002X';

function map(segments: string[], options: Hl7ToInboundOptions = OPTIONS) {
  return hl7ToInbound(parseHl7(segments.join('\r')), options);
}

function only<T extends InboundRecord['type']>(records: InboundRecord[], type: T) {
  return records.filter((r): r is Extract<InboundRecord, { type: T }> => r.type === type);
}

/** A segment from its non-empty fields (1-based), so tests do not count bars. */
function seg(name: string, fields: Record<number, string>): string {
  const max = Math.max(...Object.keys(fields).map(Number));
  const parts = [name];
  for (let i = 1; i <= max; i++) parts.push(fields[i] ?? '');
  return parts.join('|');
}

const msh = (type: string, version = '2.5') =>
  `MSH|^~\\&|HIS|HOSP|CRM|CB|20250301083000||${type}|C1|P|${version}`;

describe('hl7ToInbound: patients (PID)', () => {
  it('maps a Chinese patient: Han name, ID card, MR number, phones from components, address, marital status', () => {
    const out = map([
      msh('ADT^A28^ADT_A05'),
      'EVN|A28|20250301083000',
      seg('PID', {
        1: '1',
        3: `${ID_CARD}^^^CHN^NNCHN~000123^^^HOSP^MR~88001^^^HOSP^CARD~123-45-6789^^^USSSA^SS`,
        5: '王^小明^^^^^L',
        7: '19491231',
        8: '1',
        11: '人民路1号^3单元^广州市^广东省^510000^CHN^H^^440104',
        13: '^PRN^CP^^86^^13812345678~^PRN^PH^^^020^87654321~^NET^Internet^wang@example.cn',
        14: '^WPN^PH^^^020^12345678^8001',
        16: '20',
        29: '20250101',
        30: 'Y',
      }),
    ]);
    expect(out.problems).toEqual([]);
    const [patient] = only(out.records, 'patient');
    expect(patient).toEqual<InboundPatient>({
      type: 'patient',
      source: { system: 'HIS@HOSP', id: 'MR:HOSP:000123' },
      name: '王小明',
      familyName: '王',
      givenName: '小明',
      gender: 'male',
      birthDate: '1949-12-31',
      idCard: ID_CARD,
      phones: [
        { kind: 'mobile', number: '+86 13812345678' },
        { kind: 'home', number: '020-87654321' },
        { kind: 'work', number: '020-12345678 ext 8001' },
      ],
      email: 'wang@example.cn',
      identifiers: [
        { kind: 'mrn', system: 'HOSP', value: '000123' },
        { kind: 'card', system: 'HOSP', value: '88001' },
      ],
      address: {
        detail: '人民路1号3单元',
        city: '广州市',
        province: '广东省',
        postcode: '510000',
        district: '440104',
      },
      maritalStatus: 'married',
      deceased: true,
      deceasedAt: '2025-01-01',
    });
    // The SSN is neither an identifier nor part of any key.
    expect(JSON.stringify(out)).not.toContain('123-45-6789');
  });

  it('writes Western names given first, reads the ID card from PID-19, and falls back to the first identifier', () => {
    const out = map([msh('ADT^A31'), `PID|1||X77^^^LAB||Brekke^Aaron^J||19800101|F|||||||||||${ID_CARD}`]);
    const [patient] = only(out.records, 'patient');
    expect(patient).toMatchObject({
      source: { id: 'ID:LAB:X77' },
      name: 'Aaron J Brekke',
      gender: 'female',
      idCard: ID_CARD,
      identifiers: [],
    });
  });

  it('never keys a patient by a national identifier', () => {
    const out = map([msh('ADT^A08'), `PID|1||${ID_CARD}^^^CHN^NNCHN~123456789^^^USSSA^SS||张^三`]);
    expect(out.records).toEqual([]);
    expect(out.problems).toEqual([{ where: 'PID-3', message: 'hl7_patient_id_national_only' }]);
  });

  it('reports missing PID-3 / PID-5 and invalid dates where they are', () => {
    expect(map([msh('ADT^A08'), 'PID|1||||张^三']).problems).toEqual([
      { where: 'PID-3', message: 'hl7_required_field_missing' },
    ]);
    expect(map([msh('ADT^A08'), 'PID|1||1^^^H^MR||^^^']).problems).toEqual([
      { where: 'PID-5', message: 'hl7_required_field_missing' },
    ]);
    const bad = map([msh('ADT^A08'), 'PID|1||1^^^H^MR||张^三||19991340|F']);
    expect(bad.problems).toEqual([{ where: 'PID-7', message: 'hl7_date_invalid', detail: '19991340' }]);
    expect(only(bad.records, 'patient')[0]).not.toHaveProperty('birthDate');
    const future = map([msh('ADT^A08'), 'PID|1||1^^^H^MR||张^三||20300101']);
    expect(future.problems).toEqual([{ where: 'PID-7', message: 'hl7_date_invalid', detail: '20300101' }]);
    expect(map([msh('ADT^A08')]).problems).toEqual([{ where: 'PID', message: 'hl7_segment_missing' }]);
  });

  it('maps sex codes and reads an imprecise birth date as absent', () => {
    const gender = (code: string) =>
      only(map([msh('ADT^A08'), `PID|1||1^^^H^MR||A^B||1980|${code}`]).records, 'patient')[0]!;
    expect(gender('M').gender).toBe('male');
    expect(gender('F').gender).toBe('female');
    for (const code of ['O', 'U', 'A', 'N', '']) expect(gender(code).gender).toBe('unknown');
    expect(gender('M').birthDate).toBeUndefined();
  });
});

describe('hl7ToInbound: ADT encounters and merges', () => {
  it('A01 admits: an in-progress encounter keyed by the visit number', () => {
    const out = map([
      msh('ADT^A01^ADT_A01'),
      'EVN|A01|20250301083000',
      'PID|1||000123^^^HOSP^MR||李^四||19800101|F',
      seg('PV1', {
        1: '1',
        2: 'I',
        3: 'W3^301^2',
        7: 'D01^张^医生',
        19: 'V900^^^HOSP^VN',
        44: '20250301080000',
      }),
    ]);
    expect(out.problems).toEqual([]);
    expect(only(out.records, 'encounter')).toEqual<InboundEncounter[]>([
      {
        type: 'encounter',
        source: { system: 'HIS@HOSP', id: 'VN:HOSP:V900' },
        patient: { system: 'HIS@HOSP', id: 'MR:HOSP:000123' },
        kind: 'inpatient',
        status: 'in_progress',
        startAt: '2025-03-01T08:00:00+08:00',
        department: { code: 'W3' },
        practitioner: { code: 'D01', name: '张医生' },
      },
    ]);
  });

  it('A03 discharges (endAt, finished); A04 registers by patient class; the time zone is applied', () => {
    const pv1 = (cls: string) =>
      seg('PV1', { 2: cls, 10: 'MED^内科', 19: 'V1', 44: '20250301080000', 45: '20250305100000' });
    const discharge = map([msh('ADT^A03'), 'PID|1||1^^^H^MR||A^B', pv1('I')], {
      ...OPTIONS,
      timeZone: 'UTC',
    });
    expect(only(discharge.records, 'encounter')[0]).toMatchObject({
      source: { id: 'VN:V1' },
      kind: 'inpatient',
      status: 'finished',
      startAt: '2025-03-01T08:00:00+00:00',
      endAt: '2025-03-05T10:00:00+00:00',
      department: { code: 'MED', name: '内科' },
    });
    const er = map([msh('ADT^A04'), 'PID|1||1^^^H^MR||A^B', pv1('E')]);
    expect(only(er.records, 'encounter')[0]).toMatchObject({ kind: 'emergency', status: 'arrived' });
    const op = map([msh('ADT^A04'), 'PID|1||1^^^H^MR||A^B', pv1('O')]);
    expect(only(op.records, 'encounter')[0]).toMatchObject({ kind: 'outpatient' });
  });

  it('falls back to EVN/MSH times and a control-id key, and reports a bad admit time', () => {
    const out = map([msh('ADT^A01'), 'EVN|A01|20250301083000', 'PID|1||1^^^H^MR||A^B', 'PV1|1|I']);
    expect(only(out.records, 'encounter')[0]).toMatchObject({
      source: { id: 'msg:C1:encounter' },
      startAt: '2025-03-01T08:30:00+08:00',
    });
    const bad = map([msh('ADT^A01'), 'PID|1||1^^^H^MR||A^B', seg('PV1', { 2: 'I', 44: '2025133' })]);
    expect(bad.problems).toEqual([{ where: 'PV1-44', message: 'hl7_date_invalid', detail: '2025133' }]);
    expect(only(bad.records, 'encounter')[0]!.startAt).toBe('2025-03-01T08:30:00+08:00');
  });

  it('A40 merges MRG-1 (retired) into PID-3 (survivor), one merge per pair', () => {
    const out = map([
      msh('ADT^A40^ADT_A39'),
      'EVN|A40|20250301',
      'PID|1||100^^^H^MR||A^B',
      'MRG|200^^^H^MR',
      'PID|1||101^^^H^MR||C^D',
      'MRG|201^^^H^MR~9^^^^SS',
    ]);
    expect(out.problems).toEqual([]);
    expect(only(out.records, 'merge')).toEqual<InboundMerge[]>([
      {
        type: 'merge',
        source: { system: 'HIS@HOSP', id: 'msg:C1:merge:MR:H:200' },
        survivor: { system: 'HIS@HOSP', id: 'MR:H:100' },
        retired: { system: 'HIS@HOSP', id: 'MR:H:200' },
      },
      {
        type: 'merge',
        source: { system: 'HIS@HOSP', id: 'msg:C1:merge:MR:H:201' },
        survivor: { system: 'HIS@HOSP', id: 'MR:H:101' },
        retired: { system: 'HIS@HOSP', id: 'MR:H:201' },
      },
    ]);
    expect(only(out.records, 'patient')).toHaveLength(2);
    expect(map([msh('ADT^A40'), 'PID|1||100^^^H^MR||A^B']).problems).toEqual([
      { where: 'MRG', message: 'hl7_segment_missing' },
    ]);
    expect(map([msh('ADT^A40'), 'PID|1||100^^^H^MR||A^B', 'MRG|100^^^H^MR']).problems).toEqual([
      { where: 'MRG-1', message: 'hl7_merge_same_patient' },
    ]);
  });

  it('counts unsupported messages and events instead of reporting problems', () => {
    expect(map([msh('ADT^A60'), 'PID|1||1^^^H^MR||A^B'])).toEqual({
      records: [],
      problems: [],
      unsupported: { 'ADT^A60': 1 },
    });
    expect(map([msh('MDM^T02')]).unsupported).toEqual({ 'MDM^T02': 1 });
    expect(map([msh('DFT^P03')]).unsupported).toEqual({ 'DFT^P03': 1 });
    // v2.3 senders may put the event in EVN-1 only.
    expect(only(map([msh('ADT'), 'EVN|A08', 'PID|1||1^^^H^MR||A^B']).records, 'patient')).toHaveLength(1);
  });

  it('uses the configured source system', () => {
    const out = map([msh('ADT^A08'), 'PID|1||1^^^H^MR||A^B'], { ...OPTIONS, system: 'his-main' });
    expect(out.records[0]!.source).toEqual({ system: 'his-main', id: 'MR:H:1' });
  });

  it('returns the parse problem for a message that does not parse', () => {
    expect(hl7ToInbound(parseHl7('garbage'))).toEqual({
      records: [],
      problems: [{ where: 'MSH', message: 'hl7_msh_missing' }],
      unsupported: {},
    });
  });
});

describe('hl7ToInbound: ORU results', () => {
  const OBR = seg('OBR', {
    1: '1',
    2: 'P1',
    3: 'F1^LIS',
    4: 'CBC^血常规',
    7: '20250301070000',
    22: '20250301090000',
    24: 'LAB',
    25: 'F',
  });
  const oru = (obx: string[], obr = OBR) => [
    msh('ORU^R01^ORU_R01'),
    'PID|1||000123^^^HOSP^MR||李^四||19800101|F',
    'PV1|1|O|||||||||||||||||V5',
    obr,
    ...obx,
  ];

  it('maps numeric, text and coded OBX values with units, ranges and flags', () => {
    const out = map(
      oru([
        'OBX|1|NM|WBC^白细胞^L||12.5|10*9/L|3.5-9.5|H|||F|||20250301080000',
        'OBX|2|NM|K^钾||2.1|mmol/L|3.5 - 5.5|LL|||F',
        'OBX|3|NM|GLU^Glucose||<0.5|mmol/L|<6.1|<|||F',
        'OBX|4|ST|ABO^血型||A|||N|||F',
        'OBX|5|CWE|HBSAG^乙肝表面抗原||POS^阳性^L|||A|||F',
        'OBX|6|SN|TITER^Titer||<^5||>10|AA|||C',
        'OBX|7|TX|NOTE^备注||line 1~line 2\\.br\\line 3||||||F',
        'OBX|8|NM|PEND^Pending||||||||I',
        'OBX|9|NM|DEL^Deleted||1||||||D',
        'OBX|10|ED|PDF^Report||^application^pdf^Base64^AAAA||||||F',
      ]),
    );
    expect(out.problems).toEqual([]);
    const results = only(out.records, 'result');
    expect(results.map((r) => r.code)).toEqual(['WBC', 'K', 'GLU', 'ABO', 'HBSAG', 'TITER', 'NOTE']);
    expect(results[0]).toEqual<InboundResult>({
      type: 'result',
      source: { system: 'HIS@HOSP', id: 'ORD:LIS:F1:WBC' },
      patient: { system: 'HIS@HOSP', id: 'MR:HOSP:000123' },
      encounter: { system: 'HIS@HOSP', id: 'VN:V5' },
      kind: 'lab',
      code: 'WBC',
      name: '白细胞',
      valueNumeric: 12.5,
      unit: '10*9/L',
      referenceLow: 3.5,
      referenceHigh: 9.5,
      referenceText: '3.5-9.5',
      abnormalFlag: 'H',
      releasedAt: '2025-03-01T08:00:00+08:00',
    });
    expect(results[1]).toMatchObject({
      valueNumeric: 2.1,
      referenceLow: 3.5,
      referenceHigh: 5.5,
      abnormalFlag: 'LL',
    });
    // No OBX-14: OBR-22 is the release time.
    expect(results[1]!.releasedAt).toBe('2025-03-01T09:00:00+08:00');
    expect(results[2]).toMatchObject({ valueText: '<0.5', referenceHigh: 6.1, abnormalFlag: 'LL' });
    expect(results[2]).not.toHaveProperty('valueNumeric');
    expect(results[3]).toMatchObject({ valueText: 'A', abnormalFlag: 'N' });
    expect(results[4]).toMatchObject({ valueText: '阳性', abnormalFlag: 'A' });
    expect(results[5]).toMatchObject({ valueText: '<5', referenceLow: 10, abnormalFlag: 'A' });
    expect(results[6]).toMatchObject({ valueText: 'line 1\nline 2\nline 3' });
    expect(results[6]).not.toHaveProperty('abnormalFlag');
  });

  it('classifies imaging by OBR-24 and falls back to OBR-7 / MSH-7 for the release time', () => {
    const out = map(
      oru(
        ['OBX|1|TX|CT-HEAD^头颅CT||未见异常||||||F'],
        seg('OBR', { 1: '1', 3: 'F2', 7: '20250301070000', 24: 'CT' }),
      ),
    );
    expect(only(out.records, 'result')[0]).toMatchObject({
      kind: 'imaging',
      valueText: '未见异常',
      releasedAt: '2025-03-01T07:00:00+08:00',
    });
    const noTimes = map(oru(['OBX|1|NM|X^x||1'], 'OBR|1|P9'));
    expect(only(noTimes.records, 'result')[0]).toMatchObject({
      source: { id: 'ORD:P:P9:X' },
      releasedAt: '2025-03-01T08:30:00+08:00',
    });
  });

  it('reports an OBX without an identifier and keeps repeated keys apart', () => {
    const out = map(oru(['OBX|1|NM|||5', 'OBX|2|NM|A^a||1', 'OBX|3|NM|A^a||2']));
    expect(out.problems).toEqual([{ where: 'OBX-3', message: 'hl7_required_field_missing' }]);
    expect(only(out.records, 'result').map((r) => r.source.id)).toEqual(['ORD:LIS:F1:A', 'ORD:LIS:F1:A#2']);
  });

  it('maps the abnormal flags of table 0078 onto N/H/L/HH/LL/A', () => {
    const flag = (f: string) => only(map(oru([`OBX|1|NM|A^a||1|||${f}`])).records, 'result')[0]?.abnormalFlag;
    const expected: Record<string, InboundResult['abnormalFlag']> = {
      N: 'N',
      H: 'H',
      L: 'L',
      HH: 'HH',
      LL: 'LL',
      '>': 'HH',
      '<': 'LL',
      A: 'A',
      AA: 'A',
      '↑': 'H',
      '↓': 'L',
      U: undefined,
      D: undefined,
      S: undefined,
      R: undefined,
      W: undefined,
    };
    for (const [f, want] of Object.entries(expected)) expect(flag(f), f).toBe(want);
  });

  it('reads reference ranges', () => {
    expect(parseReferenceRange('3.5-5.5')).toEqual({ low: 3.5, high: 5.5 });
    expect(parseReferenceRange(' 3.5 - 5.5 ')).toEqual({ low: 3.5, high: 5.5 });
    expect(parseReferenceRange('4.3 to 6.2')).toEqual({ low: 4.3, high: 6.2 });
    expect(parseReferenceRange('70_105')).toEqual({ low: 70, high: 105 });
    expect(parseReferenceRange('-2--1')).toEqual({ low: -2, high: -1 });
    expect(parseReferenceRange('<5')).toEqual({ high: 5 });
    expect(parseReferenceRange('<=5')).toEqual({ high: 5 });
    expect(parseReferenceRange('>10')).toEqual({ low: 10 });
    expect(parseReferenceRange('≥10')).toEqual({ low: 10 });
    expect(parseReferenceRange('negative')).toEqual({});
    expect(parseReferenceRange('9-3')).toEqual({});
  });
});

describe('hl7ToInbound: SIU appointments', () => {
  const SCH = seg('SCH', { 1: 'P7', 2: 'F7^SCHED', 7: 'FOLLOWUP^复诊', 11: '^^^202503100900^202503100930' });
  const siu = (trigger: string, sch = SCH) => [
    msh(`SIU^${trigger}^SIU_S12`),
    sch,
    'PID|1||000123^^^HOSP^MR||李^四||19800101|F',
    'RGS|1',
    'AIS|1||CONSULT^门诊|202503100900|||30|min',
    'AIL|1||CARD^^^HOSP',
    'AIP|1||D07^王^医生',
  ];

  it('S12 books an appointment with times, department, practitioner and reason', () => {
    const out = map(siu('S12'));
    expect(out.problems).toEqual([]);
    expect(only(out.records, 'appointment')).toEqual<InboundAppointment[]>([
      {
        type: 'appointment',
        source: { system: 'HIS@HOSP', id: 'APPT:SCHED:F7' },
        patient: { system: 'HIS@HOSP', id: 'MR:HOSP:000123' },
        status: 'booked',
        startAt: '2025-03-10T09:00:00+08:00',
        endAt: '2025-03-10T09:30:00+08:00',
        department: { code: 'CARD' },
        practitioner: { code: 'D07', name: '王医生' },
        reason: '复诊',
      },
    ]);
    expect(only(out.records, 'patient')).toHaveLength(1);
  });

  it('S15 cancels, S26 is a no-show, S14 follows the filler status, timing falls back to AIS', () => {
    const status = (trigger: string, sch?: string) => only(map(siu(trigger, sch)).records, 'appointment')[0]!;
    expect(status('S13').status).toBe('booked');
    expect(status('S15').status).toBe('cancelled');
    expect(status('S26').status).toBe('no_show');
    const complete = status('S14', seg('SCH', { 1: 'P7', 25: 'Complete' }));
    expect(complete).toMatchObject({
      status: 'fulfilled',
      source: { id: 'APPT:P:P7' },
      startAt: '2025-03-10T09:00:00+08:00',
      endAt: '2025-03-10T09:30:00+08:00',
    });
    expect(map(siu('S18')).unsupported).toEqual({ 'SIU^S18': 1 });
    expect(map(siu('S12', 'SCH|||')).problems).toEqual([
      { where: 'SCH-2', message: 'hl7_required_field_missing' },
    ]);
  });
});
