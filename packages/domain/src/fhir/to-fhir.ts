/**
 * CareBridge → FHIR R4, for the read API (/fhir/...). Pure functions over small view objects that the
 * server fills from its rows; they never see clear ID-card or phone numbers: the views carry the masked
 * forms only, and every Patient is labelled with the security label MASKED (v3-ObservationValue) so a
 * client knows the numbers are not usable as identifiers.
 */
import type {
  AllergyIntolerance,
  Bundle,
  CapabilityStatement,
  CodeableConcept,
  Condition,
  Encounter,
  HumanName,
  Identifier,
  MedicationRequest,
  Observation,
  OperationOutcome,
  Organization,
  Patient,
  Practitioner,
  Procedure,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import type {
  InboundEncounterKind,
  InboundEncounterStatus,
  InboundPhoneKind,
  InboundProblem,
  InboundResult,
} from '../interop/inbound';
import { fhirIssueCode, fhirMessage, type Lang } from './messages';
import { SYSTEMS } from './primitives';

/** The system CareBridge uses for mainland ID-card numbers (the Chinese OID arc of the national ID). */
export const CN_ID_CARD_SYSTEM = 'urn:oid:2.16.156.10011.1.3';
const V2_0203 = SYSTEMS.v2_0203;
const MASKED_LABEL = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'MASKED' };

/** A named department or practitioner as the read model keeps it. */
export interface RefView {
  /** CareBridge id of the department/practitioner row, when linked. */
  id?: string;
  name: string;
}

/** A patient as the API may show it: masked numbers only. */
export interface PatientView {
  id: string;
  name: string;
  familyName?: string;
  givenName?: string;
  gender: 'male' | 'female' | 'unknown';
  /** YYYY-MM-DD */
  birthDate?: string;
  /** Masked phone numbers ('138****5678') with their kind. */
  phonesMasked: { kind: InboundPhoneKind; masked: string }[];
  /** Masked ID-card number ('110***********1234'). */
  idCardMasked?: string;
  /** Medical-record and card numbers (not secret). */
  identifiers: { kind: 'mrn' | 'card'; system: string; value: string }[];
  address?: { province?: string; city?: string; district?: string; detail?: string; postcode?: string };
  deceased?: boolean;
  /** YYYY-MM-DD */
  deceasedAt?: string;
  /** Id of the surviving patient when this record was merged into another. */
  mergedInto?: string;
  /** ISO instant of the last change. */
  updatedAt: string;
}

export interface EncounterView {
  id: string;
  patientId: string;
  kind: InboundEncounterKind;
  status: InboundEncounterStatus;
  startAt: string;
  endAt?: string;
  department?: RefView;
  practitioner?: RefView;
}

/** One row of the results table. */
export interface ResultView {
  id: string;
  patientId: string;
  encounterId?: string;
  kind: InboundResult['kind'];
  code: string;
  name: string;
  valueNumeric?: number;
  valueText?: string;
  unit?: string;
  referenceLow?: number;
  referenceHigh?: number;
  referenceText?: string;
  abnormalFlag?: InboundResult['abnormalFlag'];
  conclusion?: string;
  releasedAt: string;
}

export interface DiagnosisView {
  id: string;
  patientId: string;
  encounterId?: string;
  /** ICD-10 ('I10'), 'SCT:<code>', or the source's own code. */
  code: string;
  name: string;
  chronic: boolean;
  diagnosedAt: string;
}

export interface MedicationView {
  id: string;
  patientId: string;
  encounterId?: string;
  drugCode?: string;
  drugName: string;
  dose?: string;
  frequency?: string;
  route?: string;
  prescribedAt: string;
  /** YYYY-MM-DD */
  startDate?: string;
  /** YYYY-MM-DD */
  endDate?: string;
  chronic: boolean;
}

export interface AllergyView {
  id: string;
  patientId: string;
  substance: string;
  reaction?: string;
  severity?: 'mild' | 'moderate' | 'severe';
  recordedAt: string;
}

export interface ProcedureView {
  id: string;
  patientId: string;
  encounterId?: string;
  code?: string;
  name: string;
  performedAt: string;
}

const patientRef = (id: string): Reference<Patient> => ({ reference: `Patient/${id}` });
const encounterRef = (id: string | undefined): { encounter?: Reference<Encounter> } =>
  id ? { encounter: { reference: `Encounter/${id}` } } : {};

export function patientToFhir(p: PatientView): Patient {
  const name: HumanName = { use: 'official', text: p.name };
  if (p.familyName) name.family = p.familyName;
  if (p.givenName) name.given = [p.givenName];
  const identifier: Identifier[] = p.identifiers.map((i) => ({
    ...(i.kind === 'mrn'
      ? { type: { coding: [{ system: V2_0203, code: 'MR' }], text: 'MRN' } }
      : { type: { text: 'card' } }),
    system: i.system,
    value: i.value,
  }));
  if (p.idCardMasked) {
    identifier.push({
      type: { coding: [{ system: V2_0203, code: 'NNCHN' }], text: '居民身份证' },
      system: CN_ID_CARD_SYSTEM,
      value: p.idCardMasked,
    });
  }
  const out: Patient = {
    resourceType: 'Patient',
    id: p.id,
    meta: { lastUpdated: p.updatedAt, security: [MASKED_LABEL] },
    active: p.mergedInto === undefined,
    name: [name],
    gender: p.gender,
  };
  if (identifier.length > 0) out.identifier = identifier;
  if (p.phonesMasked.length > 0) {
    out.telecom = p.phonesMasked.map((ph, i) => ({
      system: 'phone',
      value: ph.masked,
      ...(ph.kind === 'other' ? {} : { use: ph.kind }),
      rank: i + 1,
    }));
  }
  if (p.birthDate) out.birthDate = p.birthDate;
  if (p.address) {
    const a = p.address;
    const text = [a.province, a.city, a.district, a.detail].filter(Boolean).join('');
    out.address = [
      {
        use: 'home',
        ...(text ? { text } : {}),
        ...(a.detail ? { line: [a.detail] } : {}),
        ...(a.city ? { city: a.city } : {}),
        ...(a.district ? { district: a.district } : {}),
        ...(a.province ? { state: a.province } : {}),
        ...(a.postcode ? { postalCode: a.postcode } : {}),
      },
    ];
  }
  if (p.deceasedAt) out.deceasedDateTime = p.deceasedAt;
  else if (p.deceased !== undefined) out.deceasedBoolean = p.deceased;
  if (p.mergedInto) out.link = [{ other: { reference: `Patient/${p.mergedInto}` }, type: 'replaced-by' }];
  return out;
}

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const ENCOUNTER_CLASS: Record<InboundEncounterKind, { code: string; display: string }> = {
  outpatient: { code: 'AMB', display: 'ambulatory' },
  checkup: { code: 'AMB', display: 'ambulatory' },
  emergency: { code: 'EMER', display: 'emergency' },
  inpatient: { code: 'IMP', display: 'inpatient encounter' },
  online: { code: 'VR', display: 'virtual' },
};
/** R4 Encounter has no no-show status: a no-show is a cancelled encounter. */
const ENCOUNTER_STATUS: Record<InboundEncounterStatus, Encounter['status']> = {
  planned: 'planned',
  arrived: 'arrived',
  in_progress: 'in-progress',
  finished: 'finished',
  cancelled: 'cancelled',
  no_show: 'cancelled',
};

const refTo = <T extends Resource>(type: T['resourceType'], r: RefView): Reference<T> => ({
  ...(r.id ? { reference: `${type}/${r.id}` } : {}),
  display: r.name,
});

export function encounterToFhir(e: EncounterView): Encounter {
  const out: Encounter = {
    resourceType: 'Encounter',
    id: e.id,
    status: ENCOUNTER_STATUS[e.status],
    class: { system: ACT_CODE, ...ENCOUNTER_CLASS[e.kind] },
    subject: patientRef(e.patientId),
    period: { start: e.startAt, ...(e.endAt ? { end: e.endAt } : {}) },
  };
  if (e.kind === 'checkup') {
    out.type = [
      {
        coding: [{ system: SYSTEMS.snomed, code: '185349003', display: 'Encounter for check up' }],
        text: '体检',
      },
    ];
  }
  if (e.department) out.serviceProvider = refTo<Organization>('Organization', e.department);
  if (e.practitioner) out.participant = [{ individual: refTo<Practitioner>('Practitioner', e.practitioner) }];
  return out;
}

const LOINC_RE = /^\d{1,7}-\d$/;
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const CATEGORY_OF: Record<ResultView['kind'], string> = {
  lab: 'laboratory',
  imaging: 'imaging',
  exam: 'exam',
};

/** A code as a CodeableConcept, with the system the code's form tells (LOINC, 'SCT:' SNOMED, ICD-10, ICD-9). */
function concept(
  code: string | undefined,
  name: string,
  kind: 'result' | 'diagnosis' | 'procedure' | 'drug',
): CodeableConcept {
  if (!code) return { text: name };
  let system: string | undefined;
  let value = code;
  if (code.startsWith('SCT:')) {
    system = SYSTEMS.snomed;
    value = code.slice(4);
  } else if (kind === 'result' && LOINC_RE.test(code)) system = SYSTEMS.loinc;
  else if (kind === 'diagnosis' && /^[A-Z]\d{2}(\.[0-9A-Za-z]+)?$/.test(code))
    system = 'http://hl7.org/fhir/sid/icd-10';
  else if (kind === 'procedure' && /^\d{2}\.\d{1,2}/.test(code)) system = 'http://hl7.org/fhir/sid/icd-9-cm';
  return { coding: [{ ...(system ? { system } : {}), code: value, display: name }], text: name };
}

export function observationToFhir(r: ResultView): Observation {
  const out: Observation = {
    resourceType: 'Observation',
    id: r.id,
    status: 'final',
    category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: CATEGORY_OF[r.kind] }] }],
    code: concept(r.code, r.name, 'result'),
    subject: patientRef(r.patientId),
    ...encounterRef(r.encounterId),
    effectiveDateTime: r.releasedAt,
    issued: r.releasedAt,
  };
  if (r.valueNumeric !== undefined) {
    out.valueQuantity = { value: r.valueNumeric, ...(r.unit ? { unit: r.unit } : {}) };
  } else if (r.valueText !== undefined) {
    out.valueString = r.valueText;
  }
  if (r.abnormalFlag) out.interpretation = [{ coding: [{ system: INTERPRETATION, code: r.abnormalFlag }] }];
  if (r.referenceLow !== undefined || r.referenceHigh !== undefined || r.referenceText) {
    const unit = r.unit ? { unit: r.unit } : {};
    out.referenceRange = [
      {
        ...(r.referenceLow !== undefined ? { low: { value: r.referenceLow, ...unit } } : {}),
        ...(r.referenceHigh !== undefined ? { high: { value: r.referenceHigh, ...unit } } : {}),
        ...(r.referenceText ? { text: r.referenceText } : {}),
      },
    ];
  }
  if (r.conclusion) out.note = [{ text: r.conclusion }];
  return out;
}

const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';

/** Chronic diagnoses are problem-list items (active); the others are encounter diagnoses. */
export function conditionToFhir(d: DiagnosisView): Condition {
  const out: Condition = {
    resourceType: 'Condition',
    id: d.id,
    category: [
      {
        coding: [
          { system: CONDITION_CATEGORY, code: d.chronic ? 'problem-list-item' : 'encounter-diagnosis' },
        ],
      },
    ],
    code: concept(d.code, d.name, 'diagnosis'),
    subject: patientRef(d.patientId),
    ...encounterRef(d.encounterId),
    recordedDate: d.diagnosedAt,
  };
  if (d.chronic) {
    out.clinicalStatus = {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
    };
  }
  return out;
}

/** Status 'unknown': the read model copies prescriptions but does not follow their dispensing. */
export function medicationRequestToFhir(m: MedicationView): MedicationRequest {
  const out: MedicationRequest = {
    resourceType: 'MedicationRequest',
    id: m.id,
    status: 'unknown',
    intent: 'order',
    medicationCodeableConcept: concept(m.drugCode, m.drugName, 'drug'),
    subject: patientRef(m.patientId),
    ...encounterRef(m.encounterId),
    authoredOn: m.prescribedAt,
  };
  const text = [m.dose, m.frequency, m.route].filter(Boolean).join(' ');
  const bounds =
    m.startDate || m.endDate ? { boundsPeriod: { start: m.startDate, end: m.endDate } } : undefined;
  if (text || bounds) {
    out.dosageInstruction = [
      {
        ...(text ? { text } : {}),
        ...(m.frequency || bounds
          ? {
              timing: {
                ...(m.frequency ? { code: { text: m.frequency } } : {}),
                ...(bounds ? { repeat: bounds } : {}),
              },
            }
          : {}),
        ...(m.route ? { route: { text: m.route } } : {}),
      },
    ];
  }
  if (m.chronic) {
    out.courseOfTherapyType = {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy',
          code: 'continuous',
        },
      ],
    };
  }
  return out;
}

export function allergyToFhir(a: AllergyView): AllergyIntolerance {
  const out: AllergyIntolerance = {
    resourceType: 'AllergyIntolerance',
    id: a.id,
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' },
      ],
    },
    code: { text: a.substance },
    patient: patientRef(a.patientId),
    recordedDate: a.recordedAt,
  };
  if (a.reaction)
    out.reaction = [
      { manifestation: [{ text: a.reaction }], ...(a.severity ? { severity: a.severity } : {}) },
    ];
  else if (a.severity) out.criticality = a.severity === 'severe' ? 'high' : 'low';
  return out;
}

export function procedureToFhir(p: ProcedureView): Procedure {
  return {
    resourceType: 'Procedure',
    id: p.id,
    status: 'completed',
    code: concept(p.code, p.name, 'procedure'),
    subject: patientRef(p.patientId),
    ...encounterRef(p.encounterId),
    performedDateTime: p.performedAt,
  };
}

/**
 * A search result page. `total` is left out when the server only knows a lower bound (the patient search
 * counts up to 10,000). `baseUrl` ('https://host/fhir') gives each entry its fullUrl.
 */
export function searchsetBundle(
  resources: Resource[],
  total: number | undefined,
  selfUrl: string,
  options: { baseUrl?: string; nextUrl?: string } = {},
): Bundle {
  const link = [{ relation: 'self', url: selfUrl }];
  if (options.nextUrl) link.push({ relation: 'next', url: options.nextUrl });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(total !== undefined ? { total } : {}),
    link,
    entry: resources.map((resource) => ({
      ...(options.baseUrl && resource.id
        ? { fullUrl: `${options.baseUrl}/${resource.resourceType}/${resource.id}` }
        : {}),
      resource,
      search: { mode: 'match' as const },
    })),
  };
}

/**
 * Problems (any source's InboundProblem) as an OperationOutcome: one error issue each, with the FHIR issue
 * code, the path in `expression` and the message in the caller's language (plus the detail). Unsupported
 * counts, when given, become information issues ('Questionnaire: 3'). With nothing to report, one
 * informational issue says all went well (an OperationOutcome needs at least one issue).
 */
export function operationOutcome(
  problems: InboundProblem[],
  lang: Lang,
  options: { unsupported?: Record<string, number> } = {},
): OperationOutcome {
  const issue: OperationOutcome['issue'] = problems.map((p) => ({
    severity: 'error',
    code: fhirIssueCode(p.message),
    details: { coding: [{ system: 'https://carebridge.cn/fhir/CodeSystem/message', code: p.message }] },
    diagnostics: p.detail ? `${fhirMessage(p.message, lang)}: ${p.detail}` : fhirMessage(p.message, lang),
    expression: [p.where],
  }));
  for (const [type, count] of Object.entries(options.unsupported ?? {})) {
    issue.push({
      severity: 'information',
      code: 'not-supported',
      diagnostics: lang === 'zh-CN' ? `未导入 ${type}：${count} 个` : `Not imported ${type}: ${count}`,
    });
  }
  if (issue.length === 0) {
    issue.push({
      severity: 'information',
      code: 'informational',
      diagnostics: lang === 'zh-CN' ? '成功' : 'All OK',
    });
  }
  return { resourceType: 'OperationOutcome', issue };
}

/** What the CareBridge FHIR endpoint supports (GET /fhir/metadata). */
export function capabilityStatement(opts: {
  baseUrl: string;
  version: string;
  date?: string;
}): CapabilityStatement {
  const read = [{ code: 'read' as const }, { code: 'search-type' as const }];
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: opts.date ?? new Date().toISOString(),
    publisher: 'CareBridge',
    kind: 'instance',
    software: { name: 'CareBridge', version: opts.version },
    implementation: { description: 'CareBridge patient-relationship system FHIR API', url: opts.baseUrl },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: {
          description:
            'Bearer API token (cbt_…) or a console session; each call is permission-checked and audited. ' +
            'ID-card and phone numbers are returned masked.',
        },
        resource: [
          {
            type: 'Patient',
            interaction: read,
            searchParam: [
              { name: 'identifier', type: 'token', documentation: 'Medical-record or card number (exact)' },
              { name: 'name', type: 'string', documentation: 'Name, pinyin or initials (prefix)' },
              { name: 'phone', type: 'token', documentation: 'Phone number (exact) or its last 4 digits' },
              { name: 'birthdate', type: 'date' },
            ],
            operation: [
              {
                name: 'everything',
                definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything',
              },
            ],
          },
          {
            type: 'Encounter',
            interaction: read,
            searchParam: [{ name: 'patient', type: 'reference' }],
          },
          {
            type: 'Observation',
            interaction: read,
            searchParam: [
              { name: 'patient', type: 'reference' },
              { name: 'code', type: 'token' },
            ],
          },
        ],
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
      },
    ],
  };
}
