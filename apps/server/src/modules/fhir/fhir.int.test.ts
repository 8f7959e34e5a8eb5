import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { testDbKinds } from '../../testing/test-db';
import { sharedFiles } from '../../testing/shared-data';

const SYNTHEA = sharedFiles('synthea-r4', '.json');
const FHIR_JSON = 'application/fhir+json';

describe.each(testDbKinds())('FHIR R4 endpoint on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  let doctor: Session;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login('admin');
    doctor = await t.login('doctor');
  });
  afterAll(() => t.close());

  const post = (body: string | object, who = admin) =>
    t.as(who, {
      method: 'POST',
      url: '/fhir/R4',
      headers: { 'content-type': FHIR_JSON },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const counts = (res: { headers: Record<string, unknown> }) =>
    JSON.parse(String(res.headers['x-carebridge-import']));

  it('imports Synthea transaction bundles, and the same bundles again change nothing', async () => {
    const files = SYNTHEA.slice(0, 4);
    let created = 0;
    for (const f of files) {
      const res = await post(readFileSync(f, 'utf8'));
      expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
      expect(res.json().type).toBe('transaction-response');
      created += counts(res).created;
    }
    expect(created).toBeGreaterThan(400);
    for (const f of files) {
      const again = counts(await post(readFileSync(f, 'utf8')));
      expect(again).toMatchObject({ created: 0, updated: 0, rejected: 0 });
      expect(again.unchanged).toBeGreaterThan(50);
    }
  });

  it('serves what it imported through the read API, numbers masked', async () => {
    const bundle = JSON.parse(readFileSync(SYNTHEA[0]!, 'utf8'));
    const family = bundle.entry[0].resource.name[0].family as string;
    const search = await t.as(doctor, {
      method: 'GET',
      url: `/fhir/R4/Patient?name=${encodeURIComponent(family)}`,
    });
    expect(search.statusCode, search.body).toBe(200);
    expect(search.headers['content-type']).toContain(FHIR_JSON);
    const patient = search.json().entry[0].resource;
    expect(patient.resourceType).toBe('Patient');
    const everything = await t.as(doctor, {
      method: 'GET',
      url: `/fhir/R4/Patient/${patient.id}/$everything`,
    });
    const types = new Set(
      everything.json().entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType),
    );
    expect([...types]).toEqual(expect.arrayContaining(['Patient', 'Encounter', 'Observation', 'Condition']));
    const obs = await t.as(doctor, {
      method: 'GET',
      url: `/fhir/R4/Observation?patient=Patient/${patient.id}`,
    });
    const code = obs.json().entry[0].resource.code.coding[0].code;
    const one = await t.as(doctor, {
      method: 'GET',
      url: `/fhir/R4/Observation?patient=${patient.id}&code=http://loinc.org|${code}`,
    });
    expect(
      one
        .json()
        .entry.every(
          (e: { resource: { code: { coding: { code: string }[] } } }) =>
            e.resource.code.coding[0]!.code === code,
        ),
    ).toBe(true);
    const enc = await t.as(doctor, { method: 'GET', url: `/fhir/R4/Encounter?patient=${patient.id}` });
    expect(enc.json().total).toBeGreaterThan(0);
    const meta = await t.as(null, { method: 'GET', url: '/fhir/R4/metadata' });
    expect(meta.json().resourceType).toBe('CapabilityStatement');
  });

  it('a transaction with one broken entry writes nothing and names the entry and element', async () => {
    const before = await t.as(doctor, { method: 'GET', url: '/fhir/R4/Patient?name=Zhangfei' });
    const res = await post({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111',
          resource: {
            resourceType: 'Patient',
            id: 'zf1',
            name: [{ family: 'Zhangfei', given: ['Yide'] }],
            gender: 'male',
            birthDate: '1970-01-01',
          },
          request: { method: 'POST', url: 'Patient' },
        },
        {
          resource: {
            resourceType: 'Observation',
            id: 'o1',
            status: 'final',
            code: { text: 'x' },
            subject: { reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' },
            effectiveDateTime: '2026-13-45',
          },
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    });
    expect(res.statusCode).toBe(400);
    const outcome = res.json();
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0].expression[0]).toMatch(/^entry\[1\]\.resource\.effective/);
    const after = await t.as(doctor, { method: 'GET', url: '/fhir/R4/Patient?name=Zhangfei' });
    expect(after.json().entry ?? []).toEqual(before.json().entry ?? []);
  });

  it('a batch writes the good entries and answers each bad one; truncated JSON is located', async () => {
    const res = await post({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        {
          resource: {
            resourceType: 'Patient',
            id: 'gy1',
            name: [{ family: 'Guan', given: ['Yu'] }],
            gender: 'male',
          },
          request: { method: 'PUT', url: 'Patient/gy1' },
        },
        {
          resource: { resourceType: 'Patient', id: 'bad', birthDate: 'yesterday', name: [{ text: 'x' }] },
          request: { method: 'PUT', url: 'Patient/bad' },
        },
        {
          resource: { resourceType: 'Questionnaire', id: 'q', status: 'draft' },
          request: { method: 'PUT', url: 'Questionnaire/q' },
        },
      ],
    });
    expect(res.statusCode).toBe(200);
    const statuses = res.json().entry.map((e: { response: { status: string } }) => e.response.status);
    expect(statuses).toEqual(['200 OK', '400 Bad Request', '422 Unprocessable Entity']);
    expect(counts(res)).toMatchObject({ created: 1, rejected: 1, unsupported: { Questionnaire: 1 } });
    const truncated = await post('{"resourceType":"Bundle","type":"batch","entry":[{"resource":');
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json().issue[0].diagnostics).toMatch(/line 1/);
  });

  it('only an importer may post, and a doctor cannot', async () => {
    expect((await post({ resourceType: 'Bundle', type: 'batch', entry: [] }, doctor)).statusCode).toBe(403);
  });
});
