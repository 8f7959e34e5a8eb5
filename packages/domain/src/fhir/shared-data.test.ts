import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type {
  InboundAllergy,
  InboundCharge,
  InboundMedication,
  InboundPatient,
  InboundRecord,
  InboundResult,
} from '../interop/inbound';
import { type FhirMapResult, mapBundle } from './bundle';

// Shared test data (never copied into the repository): ../shared/data from the repository root.
const DATA = new URL('../../../../../shared/data/', import.meta.url);
const EXAMPLES = new URL('fhir-r4-examples/', DATA);
const SYNTHEA = new URL('synthea-r4/', DATA);
const NOW = '2025-06-01T00:00:00+08:00';

const jsonFiles = (dir: URL) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'package.json')
    .sort();
const readJson = (dir: URL, file: string): unknown => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));

interface Summary {
  files: number;
  resources: number;
  records: Record<string, number>;
  unsupported: Record<string, number>;
  problems: Record<string, number>;
  notes: Record<string, number>;
}

function summarise(results: FhirMapResult[]): Summary {
  const s: Summary = {
    files: results.length,
    resources: 0,
    records: {},
    unsupported: {},
    problems: {},
    notes: {},
  };
  const add = (m: Record<string, number>, k: string, n = 1) => (m[k] = (m[k] ?? 0) + n);
  for (const r of results) {
    s.resources += r.entries.length;
    for (const rec of r.mapped.records) add(s.records, rec.type);
    for (const [k, n] of Object.entries(r.mapped.unsupported)) add(s.unsupported, k, n);
    for (const p of r.mapped.problems) add(s.problems, p.message);
    for (const [k, n] of Object.entries(r.notes)) add(s.notes, k, n);
  }
  return s;
}

const sortKeys = (m: Record<string, number>) =>
  Object.fromEntries(Object.entries(m).sort(([a], [b]) => a.localeCompare(b)));

function byType<T extends InboundRecord['type']>(records: InboundRecord[], type: T) {
  return records.filter((r): r is Extract<InboundRecord, { type: T }> => r.type === type);
}

describe('official FHIR R4 examples', () => {
  const files = jsonFiles(EXAMPLES);
  const results = new Map<string, FhirMapResult>();
  for (const f of files) results.set(f, mapBundle(readJson(EXAMPLES, f), { now: NOW }));
  const get = (f: string) => {
    const r = results.get(f);
    if (!r) throw new Error(`missing example ${f}`);
    return r;
  };

  it('maps every file without throwing, and prints a summary', () => {
    expect(files.length).toBeGreaterThanOrEqual(240);
    const s = summarise([...results.values()]);
    console.log(
      `FHIR R4 examples: ${s.files} files\n  records ${JSON.stringify(sortKeys(s.records))}\n` +
        `  unsupported ${JSON.stringify(sortKeys(s.unsupported))}\n  problems ${JSON.stringify(sortKeys(s.problems))}`,
    );
    for (const [f, r] of results) {
      expect(r.kind, f).toBe('single');
      // No internal failure, ever.
      expect(
        r.mapped.problems.filter((p) => p.message === 'fhir_mapping_failed'),
        f,
      ).toEqual([]);
    }
  });

  it('lists the problems it finds in the official examples, all with precise paths', () => {
    const found = [...results].flatMap(([f, r]) =>
      r.mapped.problems.map((p) => `${f}: ${p.where} ${p.message} ${p.detail ?? ''}`),
    );
    console.log(`problems in official examples:\n  ${found.join('\n  ') || '(none)'}`);
    for (const [, r] of results) for (const p of r.mapped.problems) expect(p.where).not.toBe('');
  });

  it('Patient/example: official name, MRN, telecom without the old number, home address', () => {
    const r = get('Patient-example.json');
    expect(r.mapped.problems).toEqual([]);
    const [p] = byType(r.mapped.records, 'patient') as [InboundPatient];
    expect(p.source).toEqual({ system: 'fhir', id: 'Patient/example' });
    expect(p.name).toBe('Peter James Chalmers');
    expect(p.familyName).toBe('Chalmers');
    expect(p.givenName).toBe('Peter James');
    expect(p.gender).toBe('male');
    expect(p.birthDate).toBe('1974-12-25');
    expect(p.identifiers).toEqual([
      { kind: 'mrn', system: 'urn:oid:1.2.36.146.595.217.0.1', value: '12345' },
    ]);
    expect(p.phones).toEqual([
      { kind: 'work', number: '(03) 5555 6473' },
      { kind: 'mobile', number: '(03) 3410 5613' },
    ]);
    expect(p.address).toEqual({
      detail: '534 Erewhon St',
      city: 'PleasantVille',
      district: 'Rainbow',
      province: 'Vic',
      postcode: '3999',
    });
    expect(p.deceased).toBe(false);
    expect(p.idCard).toBeUndefined();
  });

  it('Observation/f001: glucose with reference range and interpretation H', () => {
    const r = get('Observation-f001.json');
    const [o] = byType(r.mapped.records, 'result') as [InboundResult];
    expect(o).toMatchObject({
      source: { system: 'fhir', id: 'Observation/f001' },
      patient: { system: 'fhir', id: 'Patient/f001' },
      kind: 'exam',
      code: '15074-8',
      name: 'Glucose [Moles/volume] in Blood',
      valueNumeric: 6.3,
      unit: 'mmol/l',
      referenceLow: 3.1,
      referenceHigh: 6.2,
      abnormalFlag: 'H',
      releasedAt: '2013-04-03T15:30:10+01:00',
    });
  });

  it('Observation/blood-pressure: one result per component, code suffixed, own interpretation', () => {
    const r = get('Observation-blood-pressure.json');
    const results = byType(r.mapped.records, 'result');
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({
      source: { id: 'Observation/blood-pressure#8480-6' },
      kind: 'exam',
      code: '85354-9/8480-6',
      name: 'Systolic blood pressure',
      valueNumeric: 107,
      unit: 'mmHg',
      abnormalFlag: 'N',
      releasedAt: '2012-09-17T00:00:00+08:00',
    });
    expect(results[1]).toMatchObject({ code: '85354-9/8462-4', valueNumeric: 60, abnormalFlag: 'L' });
  });

  it('MedicationRequest with a contained Medication and dosage', () => {
    const r = get('MedicationRequest-medrx0311.json');
    expect(r.mapped.problems).toEqual([]);
    const [m] = byType(r.mapped.records, 'medication') as [InboundMedication];
    expect(m).toMatchObject({
      patient: { id: 'Patient/pat1' },
      encounter: { id: 'Encounter/f001' },
      drugCode: '317935006',
      drugName: 'Chlorthalidone 50mg tablet (product)',
      frequency: 'QD',
      route: 'Oral Route',
      prescribedAt: '2015-01-15T00:00:00+08:00',
    });
    // medrx002 names a Medication outside the bundle, with a display: kept by display.
    const [m2] = byType(get('MedicationRequest-medrx002.json').mapped.records, 'medication');
    expect(m2?.drugName).toBe('prescribed medication');
  });

  it('AllergyIntolerance: substance, reaction, severity; no-known-allergy is not an allergy', () => {
    const [a] = byType(get('AllergyIntolerance-example.json').mapped.records, 'allergy') as [InboundAllergy];
    expect(a).toMatchObject({
      patient: { id: 'Patient/example' },
      substance: 'Cashew nuts',
      severity: 'severe',
      recordedAt: '2014-10-09T14:58:00+11:00',
    });
    expect(a.reaction).toContain('Anaphylactic reaction');
    const [pen] = byType(get('AllergyIntolerance-medication.json').mapped.records, 'allergy');
    expect(pen).toMatchObject({ substance: 'Penicillin G', reaction: 'Hives', severity: 'severe' });
    const nka = get('AllergyIntolerance-nka.json');
    expect(nka.mapped.records).toEqual([]);
    expect(nka.mapped.unsupported).toEqual({ 'AllergyIntolerance(no known allergy)': 1 });
  });

  it('Condition: SNOMED code prefixed, chronic by the simple rule', () => {
    const [c] = byType(get('Condition-f002.json').mapped.records, 'diagnosis');
    expect(c).toMatchObject({
      code: 'SCT:254637007',
      name: 'NSCLC - Non-small cell lung cancer',
      encounter: { id: 'Encounter/f002' },
      diagnosedAt: '2012-06-03T00:00:00+08:00',
      chronic: true, // active since 2011
    });
    const [fever] = byType(get('Condition-f201.json').mapped.records, 'diagnosis');
    expect(fever?.chronic).toBe(false); // resolved within days
  });

  it('Encounter: class, status, period, department and practitioner refs; no period → unsupported', () => {
    const [e] = byType(get('Encounter-home.json').mapped.records, 'encounter');
    expect(e).toMatchObject({
      kind: 'outpatient',
      status: 'finished',
      startAt: '2015-01-17T16:00:00+10:00',
      endAt: '2015-01-17T16:30:00+10:00',
      practitioner: { name: 'Dr Adam Careful', source: { id: 'Practitioner/example' } },
      department: { name: "Client's home" },
    });
    const [emerg] = byType(get('Encounter-emerg.json').mapped.records, 'encounter');
    expect(emerg).toMatchObject({ kind: 'inpatient', status: 'in_progress' });
    expect(get('Encounter-example.json').mapped.unsupported).toEqual({ 'Encounter(no period)': 1 });
  });

  it('Appointment, Organization, Practitioner, Consent', () => {
    const [a] = byType(get('Appointment-example.json').mapped.records, 'appointment');
    expect(a).toMatchObject({
      patient: { id: 'Patient/example' },
      status: 'booked',
      startAt: '2013-12-10T09:00:00Z',
      endAt: '2013-12-10T11:00:00Z',
      department: { code: '394814009', name: 'General practice' },
      practitioner: { name: 'Dr Adam Careful', source: { id: 'Practitioner/example' } },
    });
    const [o] = byType(get('Organization-f001.json').mapped.records, 'department');
    expect(o?.source.id).toBe('Organization/f001');
    const [pr] = byType(get('Practitioner-f001.json').mapped.records, 'practitioner');
    expect(pr?.name.length).toBeGreaterThan(0);
    // The official consents are privacy directives, not contact permissions.
    for (const f of files.filter((x) => x.startsWith('Consent-'))) {
      expect(get(f).mapped.unsupported, f).toEqual({ 'Consent(unmapped)': 1 });
    }
  });

  it('counts valid but unmapped types as unsupported, never as problems', () => {
    for (const f of [
      'Questionnaire-3141.json',
      'Task-example1.json',
      'Slot-1.json',
      'Schedule-example.json',
    ]) {
      const r = get(f);
      expect(r.mapped.problems, f).toEqual([]);
      expect(Object.keys(r.mapped.unsupported), f).toEqual([f.split('-')[0]]);
    }
  });
});

describe('Synthea R4 transaction bundles', () => {
  const files = jsonFiles(SYNTHEA);
  const bundles = files.map((f) => ({ f, json: readJson(SYNTHEA, f) }));

  it('maps every bundle; each yields its Patient and all clinical records point at it', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    const results: FhirMapResult[] = [];
    for (const { f, json } of bundles) {
      const r = mapBundle(json, { now: NOW });
      results.push(r);
      expect(r.kind, f).toBe('transaction');
      expect(r.mapped.problems, f).toEqual([]);
      const patients = byType(r.mapped.records, 'patient');
      expect(patients, f).toHaveLength(1);
      const key = patients[0]!.source;
      // The Patient entry is keyed by its id (Synthea: the uuid of its urn:uuid fullUrl).
      const entries = (json as { entry: { fullUrl: string; resource: { resourceType: string } }[] }).entry;
      const fullUrl = entries.find((e) => e.resource.resourceType === 'Patient')!.fullUrl;
      expect(key).toEqual({ system: 'fhir', id: `Patient/${fullUrl.replace('urn:uuid:', '')}` });
      for (const rec of r.mapped.records) {
        if ('patient' in rec) expect(rec.patient, `${f} ${rec.source.id}`).toEqual(key);
      }
      // Encounter keys of clinical records resolve to encounters of the same bundle.
      const encounters = new Set(byType(r.mapped.records, 'encounter').map((e) => e.source.id));
      for (const rec of r.mapped.records) {
        if ('encounter' in rec && rec.encounter)
          expect(encounters.has(rec.encounter.id), rec.source.id).toBe(true);
      }
    }
    const s = summarise(results);
    console.log(
      `Synthea: ${s.files} bundles, ${s.resources} resources\n  records ${JSON.stringify(sortKeys(s.records))}\n` +
        `  unsupported ${JSON.stringify(sortKeys(s.unsupported))}\n  problems ${JSON.stringify(sortKeys(s.problems))}\n` +
        `  notes ${JSON.stringify(sortKeys(s.notes))}`,
    );
  });

  it('re-import gives the same keys (urn:uuid fullUrls become Type/<id>)', () => {
    const { json } = bundles[0]!;
    const a = mapBundle(json, { now: NOW }).mapped.records.map((r) => `${r.type} ${r.source.id}`);
    const b = mapBundle(JSON.stringify(json), { now: NOW }).mapped.records.map(
      (r) => `${r.type} ${r.source.id}`,
    );
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
  });

  it('charges: Claim and its EOB are one charge, amounts in exact fen, currency noted', () => {
    const { json } = bundles[0]!;
    const r = mapBundle(json, { now: NOW });
    const charges: InboundCharge[] = byType(r.mapped.records, 'charge');
    const claims = r.entries.filter((e) => e.resourceType === 'Claim').length;
    expect(charges).toHaveLength(claims);
    for (const c of charges) {
      expect(Number.isSafeInteger(c.amountFen)).toBe(true);
      expect(c.source.id.startsWith('Claim/')).toBe(true);
    }
    expect(charges.some((c) => c.category === 'drug')).toBe(true);
    expect(charges.some((c) => c.payer !== undefined)).toBe(true);
    expect(r.notes['currency:USD']).toBeGreaterThan(0);
    // The first claim of the first bundle is 125 USD.
    const first = r.entries.find((e) => e.resourceType === 'Claim')!;
    expect((first.records[0] as InboundCharge).amountFen).toBe(12500);
  });

  it('maps fast enough (≥ 30,000 resources/s target; loose bound asserted)', () => {
    // Parsing is not included (the server parses the request body either way). Three rounds, the first
    // one colder; the machine running the tests may be busy, hence the loose bound.
    const rates: number[] = [];
    let resources = 0;
    for (let round = 0; round < 3; round++) {
      resources = 0;
      const start = performance.now();
      for (const { json } of bundles) resources += mapBundle(json, { now: NOW }).entries.length;
      rates.push(Math.round(resources / ((performance.now() - start) / 1000)));
    }
    console.log(`mapping speed over ${resources} Synthea resources: ${rates.join(', ')} resources/s`);
    expect(Math.max(...rates)).toBeGreaterThan(10_000);
  });
});
