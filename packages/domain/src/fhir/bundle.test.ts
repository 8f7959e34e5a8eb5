import { describe, expect, it } from 'vitest';
import type { InboundCharge, InboundConsent, InboundPatient } from '../interop/inbound';
import { mapBundle } from './bundle';
import { CHARGE_CATEGORY_SYSTEM } from './map-claim';
import { CONSENT_PURPOSE_SYSTEM, CONTACT_CHANNEL_SYSTEM } from './map-consent';

const NOW = '2025-06-01T00:00:00+08:00';
const PID = '0b6f7a2e-9a34-4c57-8d0e-2b1c3d4e5f60';
const EID = '1c7e8b3f-0b45-4d68-9e1f-3c2d4e5f6a71';

const patient = (extra: Record<string, unknown> = {}) => ({
  resourceType: 'Patient',
  name: [{ use: 'official', family: '张', given: ['三'] }],
  ...extra,
});
const observation = (subject: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '2345-7', display: 'Glucose' }], text: '葡萄糖' },
  subject: { reference: subject },
  effectiveDateTime: '2024-03-01T08:00:00+08:00',
  valueQuantity: { value: 5.6, unit: 'mmol/L' },
  ...extra,
});
const tx = (entries: unknown[], type = 'transaction') => ({ resourceType: 'Bundle', type, entry: entries });
const post = (resource: unknown, fullUrl?: string, url = 'Patient') => ({
  ...(fullUrl ? { fullUrl } : {}),
  resource,
  request: { method: 'POST', url },
});

describe('mapBundle: bundles, keys and references', () => {
  it('resolves urn:uuid fullUrls to Type/<uuid> keys when the resource has no id', () => {
    const r = mapBundle(
      tx([
        post(patient(), `urn:uuid:${PID}`),
        post(
          {
            resourceType: 'Encounter',
            status: 'finished',
            class: { code: 'AMB' },
            subject: { reference: `urn:uuid:${PID}` },
            period: { start: '2024-03-01T08:00:00+08:00' },
          },
          `urn:uuid:${EID}`,
          'Encounter',
        ),
        post(
          observation(`urn:uuid:${PID}`, { encounter: { reference: `urn:uuid:${EID}` } }),
          undefined,
          'Observation',
        ),
      ]),
      { now: NOW },
    );
    expect(r.kind).toBe('transaction');
    // The Observation has neither id nor fullUrl: nothing to key it by.
    expect(r.entries[2]!.problems).toEqual([
      { where: 'entry[2].resource.id', message: 'fhir_required_missing' },
    ]);
    expect(r.entries[0]!.records[0]!.source).toEqual({ system: 'fhir', id: `Patient/${PID}` });
    expect(r.entries[1]!.records[0]).toMatchObject({ patient: { id: `Patient/${PID}` }, kind: 'outpatient' });
  });

  it('prefers resource.id and resolves relative, absolute and urn references to it; custom system', () => {
    const r = mapBundle(
      tx(
        [
          { fullUrl: `urn:uuid:${PID}`, resource: patient({ id: 'p1' }) },
          {
            fullUrl: 'https://his.example.cn/fhir/Observation/o1',
            resource: observation(`urn:uuid:${PID}`, { id: 'o1' }),
          },
          { resource: observation('Patient/p1', { id: 'o2' }) },
          { resource: observation('https://other.example.cn/fhir/Patient/p1/_history/3', { id: 'o3' }) },
          { resource: observation('Patient/elsewhere', { id: 'o4' }) },
        ],
        'collection',
      ),
      { system: 'HIS-FHIR', now: NOW },
    );
    expect(r.kind).toBe('collection');
    expect(r.mapped.problems).toEqual([]);
    const patients = r.mapped.records
      .filter((x) => x.type === 'result')
      .map((x) => ('patient' in x ? x.patient : null));
    expect(patients).toEqual([
      { system: 'HIS-FHIR', id: 'Patient/p1' },
      { system: 'HIS-FHIR', id: 'Patient/p1' },
      { system: 'HIS-FHIR', id: 'Patient/p1' },
      // Not in the bundle: still a key (the patient may have been imported before).
      { system: 'HIS-FHIR', id: 'Patient/elsewhere' },
    ]);
  });

  it('PUT takes the id from the url; DELETE and PATCH are refused per entry', () => {
    const r = mapBundle(
      tx([
        { resource: patient(), request: { method: 'PUT', url: 'Patient/abc' } },
        { request: { method: 'DELETE', url: 'Patient/old' } },
        { resource: { resourceType: 'Binary' }, request: { method: 'PATCH', url: 'Patient/abc' } },
        { resource: patient({ id: 'x' }), request: { method: 'PUT', url: 'Patient/y' } },
      ]),
    );
    expect(r.entries[0]!.records[0]!.source.id).toBe('Patient/abc');
    expect(r.entries[1]!.problems).toEqual([
      { where: 'entry[1].request.method', message: 'fhir_method_unsupported', detail: 'DELETE' },
    ]);
    expect(r.entries[2]!.problems[0]).toMatchObject({
      where: 'entry[2].request.method',
      message: 'fhir_method_unsupported',
    });
    expect(r.entries[3]!.problems[0]).toMatchObject({
      where: 'entry[3].request.url',
      message: 'fhir_element_invalid',
    });
    expect(r.mapped.problems).toHaveLength(3);
  });

  it('a batch keeps good entries apart from bad ones', () => {
    const r = mapBundle(
      tx([post(patient({ id: 'a' })), post(patient({ id: 'b', birthDate: '1990-02-30' }))], 'batch'),
    );
    expect(r.kind).toBe('batch');
    expect(r.entries[0]!.records).toHaveLength(1);
    expect(r.entries[0]!.problems).toEqual([]);
    expect(r.entries[1]!.records).toEqual([]);
    // A Patient's date is personal: the problem does not echo it.
    expect(r.entries[1]!.problems).toEqual([
      { where: 'entry[1].resource.birthDate', message: 'fhir_date_invalid' },
    ]);
    expect(r.mapped.records).toHaveLength(1);
  });

  it('maps a single resource with root-relative paths', () => {
    const ok = mapBundle(patient({ id: 'solo' }));
    expect(ok.kind).toBe('single');
    expect(ok.entries).toHaveLength(1);
    expect(ok.mapped.records[0]).toMatchObject({
      type: 'patient',
      name: '张三',
      familyName: '张',
      givenName: '三',
    });
    const bad = mapBundle(observation('Patient/1', { id: 'o', issued: '2024-03-01' }));
    expect(bad.mapped.problems).toEqual([
      { where: 'issued', message: 'fhir_date_invalid', detail: '2024-03-01' },
    ]);
  });

  it('the same key twice keeps one record (the later), e.g. a Claim and its EOB', () => {
    const claim = {
      resourceType: 'Claim',
      id: 'c1',
      status: 'active',
      patient: { reference: 'Patient/p' },
      created: '2024-01-02T10:00:00+08:00',
      total: { value: 100, currency: 'CNY' },
    };
    const eob = {
      resourceType: 'ExplanationOfBenefit',
      id: 'e1',
      status: 'active',
      patient: { reference: 'Patient/p' },
      created: '2024-01-03T10:00:00+08:00',
      claim: { reference: 'Claim/c1' },
      insurer: { display: '城镇职工基本医疗保险' },
      total: [{ category: { coding: [{ code: 'submitted' }] }, amount: { value: 100.5, currency: 'CNY' } }],
    };
    const r = mapBundle(tx([post(claim), post(eob)], 'collection'));
    const charges = r.mapped.records as InboundCharge[];
    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatchObject({
      source: { id: 'Claim/c1' },
      amountFen: 10050,
      payer: 'medical_insurance',
      insurer: '城镇职工基本医疗保险',
    });
    expect(r.notes).toEqual({});
  });
});

describe('mapBundle: bad input has precise paths', () => {
  it('truncated JSON text: fhir_json_invalid with line and column, never the content', () => {
    const text = JSON.stringify(
      tx([post(patient({ id: 'a', telecom: [{ system: 'phone', value: '13800138000' }] }))]),
      null,
      2,
    );
    const r = mapBundle(text.slice(0, 200));
    expect(r.mapped.problems).toHaveLength(1);
    expect(r.mapped.problems[0]).toMatchObject({ where: '(root)', message: 'fhir_json_invalid' });
    expect(r.mapped.problems[0]!.detail).toMatch(/^line \d+, column \d+$/);
    expect(mapBundle('"just a string"').mapped.problems).toEqual([
      { where: '(root)', message: 'fhir_json_invalid', detail: 'expected a JSON object' },
    ]);
    // Bytes with a byte-order mark are fine.
    const bytes = new TextEncoder().encode(`\ufeff${JSON.stringify(patient({ id: 'bom' }))}`);
    expect(mapBundle(bytes).mapped.records).toHaveLength(1);
  });

  it('never throws, even on pathological input', () => {
    const root: Record<string, unknown> = { resourceType: 'Consent', id: 'deep', status: 'active' };
    let node = root;
    for (let i = 0; i < 50_000; i++) {
      const child: Record<string, unknown> = {};
      node.provision = i === 0 ? child : [child];
      node = child;
    }
    expect(() => mapBundle(root)).not.toThrow();
    expect(mapBundle(root).mapped.problems[0]).toMatchObject({ message: 'fhir_mapping_failed' });
    expect(mapBundle('{"resourceType": x}').mapped.problems).toMatchObject([
      { where: '(root)', message: 'fhir_json_invalid' },
    ]);
    for (const v of [null, 42, [], undefined, true]) {
      expect(mapBundle(v).mapped.problems[0]?.message).toBe('fhir_json_invalid');
    }
  });

  it('wrong shapes: string for object, array for single, object for array, bad primitives', () => {
    const r = mapBundle(
      tx([
        post(patient({ id: 'a', name: 'Zhang San' })),
        post(patient({ id: 'b', gender: ['male'] })),
        post(patient({ id: 'c', address: { city: '北京' } })),
        post(
          observation('Patient/a', { id: 'o', valueQuantity: { value: '5.6' }, code: 'glucose' }),
          undefined,
          'Observation',
        ),
        post(patient({ id: 'd', telecom: [{ system: 'phone', value: 13800138000 }] })),
        'not an entry',
      ]),
    );
    expect(r.mapped.problems).toEqual([
      { where: 'entry[0].resource.name', message: 'fhir_element_invalid', detail: 'expected an array' },
      {
        where: 'entry[1].resource.gender',
        message: 'fhir_element_invalid',
        detail: 'expected a single value, not an array',
      },
      { where: 'entry[2].resource.address', message: 'fhir_element_invalid', detail: 'expected an array' },
      { where: 'entry[3].resource.code', message: 'fhir_element_invalid', detail: 'expected an object' },
      {
        where: 'entry[3].resource.valueQuantity.value',
        message: 'fhir_element_invalid',
        detail: 'expected a number',
      },
      {
        where: 'entry[4].resource.telecom[0].value',
        message: 'fhir_element_invalid',
        detail: 'expected a string',
      },
      { where: 'entry[5]', message: 'fhir_element_invalid', detail: 'expected an object' },
    ]);
    expect(r.mapped.records).toEqual([]);
  });

  it('required elements and date formats', () => {
    const r = mapBundle(
      tx(
        [
          { resource: { resourceType: 'Patient', id: 'p', gender: 'female' } },
          { resource: { resourceType: 'Observation', id: 'o', status: 'final' } },
          {
            resource: {
              resourceType: 'Encounter',
              id: 'e',
              class: { code: 'AMB' },
              subject: { reference: 'Patient/p' },
            },
          },
          { resource: observation('Patient/p', { id: 'o2', effectiveDateTime: '2024-03-01T08:00:00' }) },
          { resource: observation('Patient/p', { id: 'o3', effectiveDateTime: '2024-3-1' }) },
          {
            resource: {
              resourceType: 'Patient',
              id: 'q',
              name: [{ text: 'A' }],
              birthDate: '1990-01-01T00:00:00Z',
            },
          },
        ],
        'collection',
      ),
    );
    expect(r.mapped.problems).toEqual([
      { where: 'entry[0].resource.name', message: 'fhir_required_missing' },
      { where: 'entry[1].resource.code', message: 'fhir_required_missing' },
      { where: 'entry[1].resource.subject', message: 'fhir_required_missing' },
      { where: 'entry[2].resource.status', message: 'fhir_required_missing' },
      {
        where: 'entry[3].resource.effectiveDateTime',
        message: 'fhir_date_invalid',
        detail: '2024-03-01T08:00:00',
      },
      { where: 'entry[4].resource.effectiveDateTime', message: 'fhir_date_invalid', detail: '2024-3-1' },
      { where: 'entry[5].resource.birthDate', message: 'fhir_date_invalid' },
    ]);
  });

  it('broken references: malformed is a problem, missing contained is unresolved, unknown type is malformed', () => {
    const r = mapBundle(
      tx(
        [
          {
            resource: observation('Patient/p', { id: 'a', encounter: { reference: 'Encounter/has space' } }),
          },
          { resource: observation('patient:123', { id: 'b' }) },
          { resource: observation('Pateint/123', { id: 'c' }) },
          {
            resource: {
              resourceType: 'MedicationRequest',
              id: 'm',
              status: 'active',
              intent: 'order',
              subject: { reference: 'Patient/p' },
              medicationReference: { reference: '#nothere' },
              authoredOn: '2024-01-01',
            },
          },
          { resource: observation('urn:uuid:not-a-uuid', { id: 'd' }) },
        ],
        'collection',
      ),
    );
    expect(r.mapped.problems).toEqual([
      {
        where: 'entry[0].resource.encounter.reference',
        message: 'fhir_reference_invalid',
        detail: 'Encounter/has space',
      },
      {
        where: 'entry[1].resource.subject.reference',
        message: 'fhir_reference_invalid',
        detail: 'patient:123',
      },
      {
        where: 'entry[2].resource.subject.reference',
        message: 'fhir_reference_invalid',
        detail: 'Pateint/123',
      },
      {
        where: 'entry[3].resource.medicationReference.reference',
        message: 'fhir_reference_unresolved',
        detail: '#nothere',
      },
      {
        where: 'entry[4].resource.subject.reference',
        message: 'fhir_reference_invalid',
        detail: 'urn:uuid:not-a-uuid',
      },
    ]);
  });

  it('unknown resourceType is a problem; valid but unmapped types are only counted', () => {
    const r = mapBundle(
      tx(
        [
          { resource: { resourceType: 'Patients', id: 'x' } },
          { resource: { id: 'y' } },
          { resource: { resourceType: 'Questionnaire', id: 'q', status: 'active' } },
          { resource: { resourceType: 'Task', id: 't', status: 'ready', intent: 'order' } },
          { resource: { resourceType: 'Task', id: 't2', status: 'ready', intent: 'order' } },
        ],
        'collection',
      ),
    );
    expect(r.mapped.problems).toEqual([
      { where: 'entry[0].resource.resourceType', message: 'fhir_resource_type_unknown', detail: 'Patients' },
      { where: 'entry[1].resource.resourceType', message: 'fhir_required_missing' },
    ]);
    expect(r.mapped.unsupported).toEqual({ Questionnaire: 1, Task: 2 });
  });

  it('bundle-level problems: bad type, history, entry not an array', () => {
    expect(mapBundle({ resourceType: 'Bundle', type: 'history', entry: [] }).mapped.problems).toEqual([
      { where: 'type', message: 'fhir_bundle_type_unsupported', detail: 'history' },
    ]);
    expect(mapBundle({ resourceType: 'Bundle', type: 'batch', entry: {} }).mapped.problems).toEqual([
      { where: 'entry', message: 'fhir_element_invalid', detail: 'expected an array' },
    ]);
    expect(mapBundle({ resourceType: 'Bundle' }).mapped.problems).toEqual([
      { where: 'type', message: 'fhir_required_missing' },
    ]);
  });
});

describe('mappers on CareBridge-style (Chinese) input', () => {
  it('Patient: ID card by OID, MRN, mobile, Chinese address, marital status GB/T 2261.2', () => {
    const r = mapBundle(
      patient({
        id: 'cn1',
        name: [{ use: 'official', text: '欧阳娜娜', family: '欧阳', given: ['娜娜'] }],
        identifier: [
          { system: 'urn:oid:2.16.156.10011.1.3', value: '11010519491231002X' },
          { type: { coding: [{ code: 'MR' }] }, system: 'urn:oid:2.16.156.10011.1.12', value: 'ZY0001' },
          { type: { coding: [{ code: 'PPN' }] }, value: 'E12345678' },
        ],
        telecom: [
          { system: 'phone', use: 'mobile', value: '13800138000' },
          { system: 'email', value: 'a@b.cn' },
        ],
        address: [
          {
            use: 'home',
            line: ['朝阳路', '1号'],
            city: '北京市',
            district: '朝阳区',
            state: '北京市',
            postalCode: '100020',
          },
        ],
        maritalStatus: { coding: [{ system: 'urn:oid:2.16.156.10011.2.3.3.5', code: '20' }] },
        communication: [{ language: { coding: [{ code: 'zh-CN' }] }, preferred: true }],
        deceasedDateTime: '2024-05-06T10:00:00+08:00',
      }),
    );
    const [p] = r.mapped.records as [InboundPatient];
    expect(p).toMatchObject({
      name: '欧阳娜娜',
      idCard: '11010519491231002X',
      identifiers: [{ kind: 'mrn', system: 'urn:oid:2.16.156.10011.1.12', value: 'ZY0001' }],
      phones: [{ kind: 'mobile', number: '13800138000' }],
      email: 'a@b.cn',
      address: {
        detail: '朝阳路1号',
        city: '北京市',
        district: '朝阳区',
        province: '北京市',
        postcode: '100020',
      },
      maritalStatus: 'married',
      preferredLanguage: 'zh-CN',
      deceased: true,
      deceasedAt: '2024-05-06',
    });
  });

  it('Consent with CareBridge purpose/channel codes and a nested deny', () => {
    const r = mapBundle({
      resourceType: 'Consent',
      id: 'k1',
      status: 'active',
      patient: { reference: 'Patient/cn1' },
      dateTime: '2024-01-01T09:00:00+08:00',
      category: [{ coding: [{ system: CONSENT_PURPOSE_SYSTEM, code: 'care_follow_up' }] }],
      provision: {
        type: 'permit',
        code: [
          {
            coding: [
              { system: CONTACT_CHANNEL_SYSTEM, code: 'sms' },
              { system: CONTACT_CHANNEL_SYSTEM, code: 'wechat' },
            ],
          },
        ],
        provision: [
          {
            type: 'deny',
            purpose: [{ system: CONSENT_PURPOSE_SYSTEM, code: 'marketing' }],
          },
        ],
      },
    });
    const consents = r.mapped.records as InboundConsent[];
    expect(consents.map((c) => `${c.purpose}:${c.channel}:${c.granted}`)).toEqual([
      'care_follow_up:sms:true',
      'care_follow_up:wechat:true',
      'marketing:sms:false',
      'marketing:wechat:false',
    ]);
    expect(consents[0]!.source.id).toBe('Consent/k1#care_follow_up:sms');
  });

  it('Claim: item nets summed in exact fen, category by code system, currency note', () => {
    const r = mapBundle({
      resourceType: 'Claim',
      id: 'c9',
      status: 'active',
      type: { coding: [{ code: 'institutional' }] },
      patient: { reference: 'Patient/cn1' },
      created: '2024-02-02',
      insurance: [{ focal: true, coverage: { display: '自费' } }],
      item: [
        {
          productOrService: { text: '血常规' },
          category: { coding: [{ system: CHARGE_CATEGORY_SYSTEM, code: 'laboratory' }] },
          net: { value: 19.99, currency: 'CNY' },
        },
        { productOrService: { text: '尿常规' }, net: { value: 0.1, currency: 'CNY' } },
        { productOrService: { text: '尿常规' }, net: { value: 0.2, currency: 'HKD' } },
      ],
    });
    expect(r.mapped.records[0]).toMatchObject({
      category: 'laboratory',
      amountFen: 2029,
      payer: 'self',
      chargedAt: '2024-02-02T00:00:00+08:00',
    });
    expect((r.mapped.records[0] as InboundCharge).insurer).toBeUndefined();
    expect(r.notes).toEqual({ 'currency:HKD': 1 });
  });
});
