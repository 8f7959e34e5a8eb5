import { fhir } from '@carebridge/domain';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { Patient, PatientListItem } from '@carebridge/contracts';
import type { Db } from '@carebridge/db';
import { AppError } from '../../platform/errors';
import type { Actor, RequestOrigin } from '../../platform/http/actor';
import type { AuditService } from '../audit/audit.service';
import type { ClinicalService } from '../clinical/clinical.service';
import type { PatientSearchService } from '../patients/patient-search.service';
import type { PatientsService } from '../patients/patients.service';

export interface FhirReadDeps {
  db: Db;
  patients: Pick<PatientsService, 'get'>;
  search: Pick<PatientSearchService, 'search'>;
  clinical: Pick<ClinicalService, 'exportRows'>;
  audit: Pick<AuditService, 'record'>;
}

type Row = Record<string, unknown>;
const str = (v: unknown) =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : str(v));
const num = (v: unknown) => (v === null || v === undefined ? undefined : Number(v));

/**
 * The FHIR read API over the CareBridge model: the same permission checks, masking and audit as the
 * console. Numbers leave masked; a merged record answers with a `replaced-by` link to the survivor.
 */
export function createFhirReadService(d: FhirReadDeps) {
  async function patient(actor: Actor, id: string, origin: RequestOrigin) {
    return fhir.patientToFhir(patientView(await d.patients.get(actor, id, origin)));
  }

  /** Patient?identifier=|name=|phone=|birthdate=: the console's search box, so the same readings apply. */
  async function searchPatients(
    actor: Actor,
    q: { identifier?: string; name?: string; phone?: string; birthdate?: string; _count: number },
    origin: RequestOrigin,
    selfUrl: string,
  ): Promise<Bundle> {
    const text = q.identifier?.split('|').pop() ?? q.phone ?? q.name;
    if (!text)
      throw new AppError('validation_failed', [
        { path: 'name', message: 'fhir_search_needs_name_identifier_or_phone' },
      ]);
    const page = await d.search.search(actor, { q: text, sort: 'name', limit: 100 }, origin);
    const items = page.items.filter((p) => !q.birthdate || p.birthDate === q.birthdate).slice(0, q._count);
    return fhir.searchsetBundle(
      items.map((p) => fhir.patientToFhir(listView(p))),
      q.birthdate ? items.length : page.total,
      selfUrl,
    );
  }

  /** Everything held about the patient that the API serves, as one searchset; one audit row. */
  async function everything(actor: Actor, id: string, origin: RequestOrigin, selfUrl: string) {
    const p = await d.patients.get(actor, id, origin);
    const rows = await clinicalRows(actor, p.id, origin, 'everything');
    const resources: Resource[] = [
      fhir.patientToFhir(patientView(p)),
      ...rows.encounters.map(encounter),
      ...rows.diagnoses.map(diagnosis),
      ...rows.results.map(result),
      ...rows.medications.map(medication),
      ...rows.allergies.map(allergy),
      ...rows.procedures.map(procedure),
    ];
    return fhir.searchsetBundle(resources, resources.length, selfUrl);
  }

  async function encounters(actor: Actor, patientId: string, origin: RequestOrigin, selfUrl: string) {
    await d.patients.get(actor, patientId, origin); // the tenant and existence check, audited as a read
    const rows = await clinicalRows(actor, patientId, origin, 'Encounter');
    const list = rows.encounters.map(encounter);
    return fhir.searchsetBundle(list, list.length, selfUrl);
  }

  async function observations(
    actor: Actor,
    patientId: string,
    code: string | undefined,
    origin: RequestOrigin,
    selfUrl: string,
  ) {
    await d.patients.get(actor, patientId, origin);
    const rows = await clinicalRows(actor, patientId, origin, 'Observation');
    // code=system|value or value: CareBridge keeps the source's code, so the value is compared.
    const wanted = code?.split(',').map((c) => c.split('|').pop()!);
    const list = rows.results.filter((r) => !wanted || wanted.includes(String(r.code))).map(result);
    return fhir.searchsetBundle(list, list.length, selfUrl);
  }

  async function clinicalRows(actor: Actor, patientId: string, origin: RequestOrigin, what: string) {
    return d.db.transaction(async (tx) => {
      const sections = await d.clinical.exportRows(tx, patientId);
      await d.audit.record(
        tx,
        { tenantId: actor.tenantId, actor, origin },
        {
          action: 'patient.fhir_read',
          resourceType: 'patient',
          resourceId: patientId,
          patientId,
          detail: what,
        },
      );
      const get = (k: string) => (sections[k] ?? []) as Row[];
      // Rows of another tenant never match: the patient read above checked the tenant.
      return {
        encounters: get('encounters'),
        diagnoses: get('diagnoses'),
        results: get('results'),
        medications: get('medications'),
        allergies: get('allergies'),
        procedures: get('procedures'),
      };
    });
  }

  return { patient, searchPatients, everything, encounters, observations };
}
export type FhirReadService = ReturnType<typeof createFhirReadService>;

function patientView(p: Patient): fhir.PatientView {
  return {
    id: p.id,
    name: p.name,
    gender: p.gender,
    ...(p.birthDate ? { birthDate: p.birthDate } : {}),
    phonesMasked: p.phones.map((ph) => ({ kind: ph.kind, masked: ph.masked })),
    ...(p.idCardMasked ? { idCardMasked: p.idCardMasked } : {}),
    identifiers: p.identifiers
      .filter((i) => i.kind === 'mrn' || i.kind === 'card')
      .map((i) => ({ kind: i.kind as 'mrn' | 'card', system: i.system, value: i.value })),
    address: {
      ...(p.address.province ? { province: p.address.province } : {}),
      ...(p.address.city ? { city: p.address.city } : {}),
      ...(p.address.district ? { district: p.address.district } : {}),
      ...(p.address.detail ? { detail: p.address.detail } : {}),
    },
    deceased: p.deceased,
    ...(p.deceasedAt ? { deceasedAt: p.deceasedAt } : {}),
    ...(p.mergedInto ? { mergedInto: p.mergedInto } : {}),
    updatedAt: p.updatedAt,
  };
}

function listView(p: PatientListItem): fhir.PatientView {
  return {
    id: p.id,
    name: p.name,
    gender: p.gender,
    ...(p.birthDate ? { birthDate: p.birthDate } : {}),
    phonesMasked: p.phoneMasked ? [{ kind: 'mobile', masked: p.phoneMasked }] : [],
    ...(p.idCardMasked ? { idCardMasked: p.idCardMasked } : {}),
    identifiers: p.mrn ? [{ kind: 'mrn', system: 'mrn', value: p.mrn }] : [],
    deceased: p.deceased,
    updatedAt: new Date(0).toISOString(),
  };
}

const base = (r: Row) => ({
  id: String(r.id),
  patientId: String(r.patientId),
  ...(typeof r.encounterId === 'string' ? { encounterId: r.encounterId } : {}),
});
const opt = <K extends string>(k: K, v: unknown) =>
  v === null || v === undefined ? {} : ({ [k]: v } as Record<K, never>);

const encounter = (r: Row) =>
  fhir.encounterToFhir({
    id: String(r.id),
    patientId: String(r.patientId),
    kind: r.kind as fhir.EncounterView['kind'],
    status: r.status as fhir.EncounterView['status'],
    startAt: iso(r.startAt)!,
    ...opt('endAt', iso(r.endAt)),
  });
const diagnosis = (r: Row) =>
  fhir.conditionToFhir({
    ...base(r),
    code: String(r.icd10Code),
    name: String(r.name),
    chronic: Boolean(r.chronic),
    diagnosedAt: iso(r.diagnosedAt)!,
  });
const result = (r: Row) =>
  fhir.observationToFhir({
    ...base(r),
    kind: r.kind as fhir.ResultView['kind'],
    code: String(r.code),
    name: String(r.name),
    ...opt('valueNumeric', num(r.valueNumeric)),
    ...opt('valueText', str(r.valueText)),
    ...opt('unit', str(r.unit)),
    ...opt('referenceLow', num(r.referenceLow)),
    ...opt('referenceHigh', num(r.referenceHigh)),
    ...opt('referenceText', str(r.referenceText)),
    ...opt('abnormalFlag', str(r.abnormalFlag)),
    ...opt('conclusion', str(r.conclusion)),
    releasedAt: iso(r.releasedAt)!,
  });
const medication = (r: Row) =>
  fhir.medicationRequestToFhir({
    ...base(r),
    ...opt('drugCode', str(r.drugCode)),
    drugName: String(r.drugName),
    ...opt('dose', str(r.dose)),
    ...opt('frequency', str(r.frequency)),
    ...opt('route', str(r.route)),
    prescribedAt: iso(r.prescribedAt)!,
    ...opt('startDate', str(r.startDate)),
    ...opt('endDate', str(r.endDate)),
    chronic: Boolean(r.chronic),
  });
const allergy = (r: Row) =>
  fhir.allergyToFhir({
    id: String(r.id),
    patientId: String(r.patientId),
    substance: String(r.substance),
    ...opt('reaction', str(r.reaction)),
    ...opt('severity', str(r.severity)),
    recordedAt: iso(r.recordedAt)!,
  });
const procedure = (r: Row) =>
  fhir.procedureToFhir({
    ...base(r),
    ...opt('code', str(r.code)),
    name: String(r.name),
    performedAt: iso(r.performedAt)!,
  });
