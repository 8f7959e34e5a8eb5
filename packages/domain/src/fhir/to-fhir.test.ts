import { describe, expect, it } from 'vitest';
import { mapBundle } from './bundle';
import { fhirMessage, FHIR_MESSAGES } from './messages';
import {
  allergyToFhir,
  capabilityStatement,
  conditionToFhir,
  encounterToFhir,
  medicationRequestToFhir,
  observationToFhir,
  operationOutcome,
  patientToFhir,
  procedureToFhir,
  searchsetBundle,
} from './to-fhir';

describe('CareBridge → FHIR', () => {
  const patient = patientToFhir({
    id: '0190b0c4-0000-7000-8000-000000000001',
    name: '张三',
    familyName: '张',
    givenName: '三',
    gender: 'male',
    birthDate: '1980-05-06',
    phonesMasked: [{ kind: 'mobile', masked: '138****8000' }],
    idCardMasked: '110***********002X',
    identifiers: [{ kind: 'mrn', system: 'urn:oid:2.16.156.10011.1.12', value: 'ZY0001' }],
    address: { province: '北京市', city: '北京市', district: '朝阳区', detail: '朝阳路1号' },
    deceased: false,
    mergedInto: '0190b0c4-0000-7000-8000-000000000002',
    updatedAt: '2024-06-01T08:00:00.000Z',
  });

  it('patientToFhir: masked numbers only, labelled MASKED, merged → replaced-by link', () => {
    expect(patient.meta?.security?.[0]?.code).toBe('MASKED');
    expect(JSON.stringify(patient)).not.toMatch(/13800138000|11010519/);
    expect(patient.telecom).toEqual([{ system: 'phone', value: '138****8000', use: 'mobile', rank: 1 }]);
    expect(patient.identifier?.map((i) => i.value)).toEqual(['ZY0001', '110***********002X']);
    expect(patient.active).toBe(false);
    expect(patient.link?.[0]).toEqual({
      other: { reference: 'Patient/0190b0c4-0000-7000-8000-000000000002' },
      type: 'replaced-by',
    });
    expect(patient.address?.[0]?.text).toBe('北京市北京市朝阳区朝阳路1号');
  });

  it('round-trips through the inbound mapper without problems', () => {
    const resources = [
      patient,
      encounterToFhir({
        id: 'e1',
        patientId: 'p1',
        kind: 'checkup',
        status: 'no_show',
        startAt: '2024-06-01T08:00:00+08:00',
        department: { id: 'd1', name: '体检中心' },
        practitioner: { name: '李医生' },
      }),
      observationToFhir({
        id: 'r1',
        patientId: 'p1',
        encounterId: 'e1',
        kind: 'lab',
        code: '2345-7',
        name: '葡萄糖',
        valueNumeric: 7.1,
        unit: 'mmol/L',
        referenceLow: 3.9,
        referenceHigh: 6.1,
        abnormalFlag: 'H',
        releasedAt: '2024-06-01T10:00:00+08:00',
      }),
      conditionToFhir({
        id: 'c1',
        patientId: 'p1',
        code: 'I10',
        name: '高血压',
        chronic: true,
        diagnosedAt: '2020-01-01T00:00:00+08:00',
      }),
      medicationRequestToFhir({
        id: 'm1',
        patientId: 'p1',
        drugName: '氨氯地平片',
        dose: '5 mg',
        frequency: 'QD',
        route: '口服',
        prescribedAt: '2024-06-01T10:00:00+08:00',
        startDate: '2024-06-01',
        chronic: true,
      }),
      allergyToFhir({
        id: 'a1',
        patientId: 'p1',
        substance: '青霉素',
        reaction: '皮疹',
        severity: 'moderate',
        recordedAt: '2024-06-01T10:00:00+08:00',
      }),
      procedureToFhir({
        id: 'x1',
        patientId: 'p1',
        code: 'SCT:73761001',
        name: '结肠镜检查',
        performedAt: '2024-06-01T10:00:00+08:00',
      }),
    ];
    const bundle = searchsetBundle(resources, 7, 'https://h.example.cn/fhir/Patient/p1/$everything', {
      baseUrl: 'https://h.example.cn/fhir',
    });
    expect(bundle.entry?.[1]?.fullUrl).toBe('https://h.example.cn/fhir/Encounter/e1');
    const back = mapBundle(bundle, { now: '2025-01-01T00:00:00Z' });
    expect(back.mapped.problems).toEqual([]);
    expect(back.mapped.records.map((r) => r.type)).toEqual([
      'patient',
      'encounter',
      'result',
      'diagnosis',
      'medication',
      'allergy',
      'procedure',
    ]);
    expect(back.mapped.records[1]).toMatchObject({
      kind: 'checkup',
      status: 'cancelled',
      department: { name: '体检中心' },
    });
    expect(back.mapped.records[2]).toMatchObject({
      code: '2345-7',
      valueNumeric: 7.1,
      abnormalFlag: 'H',
      referenceHigh: 6.1,
    });
    expect(back.mapped.records[3]).toMatchObject({ code: 'I10', chronic: true });
    expect(back.mapped.records[4]).toMatchObject({
      drugName: '氨氯地平片',
      frequency: 'QD',
      route: '口服',
      chronic: true,
    });
    expect(back.mapped.records[6]).toMatchObject({ code: 'SCT:73761001' });
  });

  it('operationOutcome: issue code, expression and message in either language', () => {
    const problems = [
      { where: 'entry[2].resource.birthDate', message: 'fhir_date_invalid' },
      { where: 'entry[0].resource.name', message: 'fhir_required_missing' },
      { where: 'entry[1].request.method', message: 'fhir_method_unsupported', detail: 'DELETE' },
      { where: 'row 3', message: 'something_else' },
    ];
    const zh = operationOutcome(problems, 'zh-CN', { unsupported: { Questionnaire: 2 } });
    expect(zh.issue.map((i) => i.code)).toEqual([
      'invalid',
      'required',
      'not-supported',
      'processing',
      'not-supported',
    ]);
    expect(zh.issue[0]).toMatchObject({ severity: 'error', expression: ['entry[2].resource.birthDate'] });
    expect(zh.issue[0]?.diagnostics).toContain('日期');
    expect(zh.issue[2]?.diagnostics).toMatch(/POST.*DELETE$/);
    expect(zh.issue[4]).toMatchObject({ severity: 'information', diagnostics: '未导入 Questionnaire：2 个' });
    const en = operationOutcome(problems, 'en');
    expect(en.issue[1]?.diagnostics).toBe('A required element is missing');
    expect(en.issue[3]?.diagnostics).toBe('Invalid data (something_else)');
    expect(operationOutcome([], 'en').issue).toEqual([
      { severity: 'information', code: 'informational', diagnostics: 'All OK' },
    ]);
    for (const code of Object.keys(FHIR_MESSAGES)) {
      expect(fhirMessage(code, 'zh-CN')).not.toBe(fhirMessage(code, 'en'));
    }
  });

  it('capabilityStatement lists the supported interactions', () => {
    const cs = capabilityStatement({
      baseUrl: 'https://h.example.cn/fhir',
      version: '0.1.0',
      date: '2025-01-01',
    });
    const rest = cs.rest![0]!;
    expect(rest.interaction?.map((i) => i.code)).toEqual(['transaction', 'batch']);
    const patientRes = rest.resource!.find((r) => r.type === 'Patient')!;
    expect(patientRes.searchParam?.map((p) => p.name)).toEqual(['identifier', 'name', 'phone', 'birthdate']);
    expect(patientRes.operation?.[0]?.name).toBe('everything');
    expect(rest.resource!.find((r) => r.type === 'Observation')!.searchParam?.map((p) => p.name)).toEqual([
      'patient',
      'code',
    ]);
    expect(cs.fhirVersion).toBe('4.0.1');
  });
});
