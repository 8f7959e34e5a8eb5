/**
 * Light structural validation of the resources CareBridge maps — not profile validation.
 *
 * For each mapped type, the elements the mappers read are described below (type and cardinality); a present
 * element of the wrong shape (a string where an object is expected, an array where a single value is, a
 * date in the wrong format) is a problem at its exact path ('entry[2].resource.birthDate'). Elements not
 * described are not looked at, so extensions and the elements we do not map never cost anything or fail.
 * Because every element a mapper reads is checked here first, the mappers can rely on the shapes of
 * @medplum/fhirtypes. A few required elements are checked as well (FHIR's 1..1 ones the mappers need, and
 * Patient's name-or-identifier).
 *
 * Message codes: 'fhir_element_invalid', 'fhir_date_invalid', 'fhir_required_missing',
 * 'fhir_resource_type_unknown'.
 */
import type { InboundProblem } from '../interop/inbound';
import { isFhirDate } from './primitives';
import { R4_RESOURCE_TYPES } from './resource-types';

/** element → type name, with '[]' for 0..* elements; a type is a primitive or a key of SCHEMAS. */
type Schema = Readonly<Record<string, string>>;

const PRIMITIVES: ReadonlySet<string> = new Set([
  'string',
  'markdown',
  'uri',
  'code',
  'id',
  'base64Binary',
  'boolean',
  'integer',
  'positiveInt',
  'unsignedInt',
  'decimal',
  'date',
  'dateTime',
  'instant',
  'time',
]);

const period = 'Period';
const cc = 'CodeableConcept';
const ccs = 'CodeableConcept[]';
const ref = 'Reference';

const SCHEMAS: Readonly<Record<string, Schema>> = {
  // Datatypes
  Coding: { system: 'uri', version: 'string', code: 'code', display: 'string', userSelected: 'boolean' },
  CodeableConcept: { coding: 'Coding[]', text: 'string' },
  Identifier: { use: 'code', type: cc, system: 'uri', value: 'string', period },
  Reference: { reference: 'string', type: 'uri', display: 'string' },
  Period: { start: 'dateTime', end: 'dateTime' },
  Quantity: { value: 'decimal', comparator: 'code', unit: 'string', system: 'uri', code: 'code' },
  Range: { low: 'Quantity', high: 'Quantity' },
  Ratio: { numerator: 'Quantity', denominator: 'Quantity' },
  Money: { value: 'decimal', currency: 'code' },
  HumanName: {
    use: 'code',
    text: 'string',
    family: 'string',
    given: 'string[]',
    prefix: 'string[]',
    suffix: 'string[]',
    period,
  },
  ContactPoint: { system: 'code', value: 'string', use: 'code', rank: 'positiveInt', period },
  Address: {
    use: 'code',
    type: 'code',
    text: 'string',
    line: 'string[]',
    city: 'string',
    district: 'string',
    state: 'string',
    postalCode: 'string',
    country: 'string',
    period,
  },
  Attachment: { contentType: 'code', language: 'code', data: 'base64Binary', url: 'uri', title: 'string' },
  Meta: { versionId: 'id', lastUpdated: 'instant', source: 'uri' },
  Timing: { event: 'dateTime[]', repeat: 'Timing.repeat', code: cc },
  'Timing.repeat': {
    boundsPeriod: period,
    count: 'positiveInt',
    frequency: 'positiveInt',
    period: 'decimal',
    periodUnit: 'code',
    when: 'code[]',
  },
  Dosage: {
    sequence: 'integer',
    text: 'string',
    timing: 'Timing',
    asNeededBoolean: 'boolean',
    asNeededCodeableConcept: cc,
    route: cc,
    doseAndRate: 'Dosage.doseAndRate[]',
  },
  'Dosage.doseAndRate': { type: cc, doseRange: 'Range', doseQuantity: 'Quantity' },

  // Resources (only the elements the mappers read)
  Patient: {
    identifier: 'Identifier[]',
    active: 'boolean',
    name: 'HumanName[]',
    telecom: 'ContactPoint[]',
    gender: 'code',
    birthDate: 'date',
    deceasedBoolean: 'boolean',
    deceasedDateTime: 'dateTime',
    address: 'Address[]',
    maritalStatus: cc,
    communication: 'Patient.communication[]',
  },
  'Patient.communication': { language: cc, preferred: 'boolean' },
  Encounter: {
    status: 'code',
    statusHistory: 'Encounter.statusHistory[]',
    class: 'Coding',
    type: ccs,
    subject: ref,
    participant: 'Encounter.participant[]',
    period,
    location: 'Encounter.location[]',
    serviceProvider: ref,
  },
  'Encounter.statusHistory': { status: 'code', period },
  'Encounter.participant': { type: ccs, period, individual: ref },
  'Encounter.location': { location: ref, status: 'code', period },
  Condition: {
    clinicalStatus: cc,
    verificationStatus: cc,
    category: ccs,
    code: cc,
    subject: ref,
    encounter: ref,
    onsetDateTime: 'dateTime',
    onsetPeriod: period,
    abatementDateTime: 'dateTime',
    abatementPeriod: period,
    recordedDate: 'dateTime',
  },
  Observation: {
    status: 'code',
    category: ccs,
    code: cc,
    subject: ref,
    encounter: ref,
    effectiveDateTime: 'dateTime',
    effectivePeriod: period,
    effectiveInstant: 'instant',
    issued: 'instant',
    valueQuantity: 'Quantity',
    valueCodeableConcept: cc,
    valueString: 'string',
    valueBoolean: 'boolean',
    valueInteger: 'integer',
    valueRange: 'Range',
    valueRatio: 'Ratio',
    valueTime: 'time',
    valueDateTime: 'dateTime',
    valuePeriod: period,
    dataAbsentReason: cc,
    interpretation: ccs,
    referenceRange: 'Observation.referenceRange[]',
    component: 'Observation.component[]',
    hasMember: 'Reference[]',
  },
  'Observation.referenceRange': { low: 'Quantity', high: 'Quantity', type: cc, text: 'string' },
  'Observation.component': {
    code: cc,
    valueQuantity: 'Quantity',
    valueCodeableConcept: cc,
    valueString: 'string',
    valueBoolean: 'boolean',
    valueInteger: 'integer',
    valueRange: 'Range',
    valueRatio: 'Ratio',
    valueTime: 'time',
    valueDateTime: 'dateTime',
    valuePeriod: period,
    dataAbsentReason: cc,
    interpretation: ccs,
    referenceRange: 'Observation.referenceRange[]',
  },
  DiagnosticReport: {
    status: 'code',
    category: ccs,
    code: cc,
    subject: ref,
    encounter: ref,
    effectiveDateTime: 'dateTime',
    effectivePeriod: period,
    issued: 'instant',
    result: 'Reference[]',
    conclusion: 'string',
    conclusionCode: ccs,
    presentedForm: 'Attachment[]',
  },
  MedicationRequest: {
    status: 'code',
    intent: 'code',
    medicationCodeableConcept: cc,
    medicationReference: ref,
    subject: ref,
    encounter: ref,
    authoredOn: 'dateTime',
    courseOfTherapyType: cc,
    dosageInstruction: 'Dosage[]',
    dispenseRequest: 'MedicationRequest.dispenseRequest',
  },
  'MedicationRequest.dispenseRequest': { validityPeriod: period },
  MedicationStatement: {
    status: 'code',
    category: cc,
    medicationCodeableConcept: cc,
    medicationReference: ref,
    subject: ref,
    context: ref,
    effectiveDateTime: 'dateTime',
    effectivePeriod: period,
    dateAsserted: 'dateTime',
    dosage: 'Dosage[]',
  },
  Medication: { code: cc, ingredient: 'Medication.ingredient[]' },
  'Medication.ingredient': { itemCodeableConcept: cc, itemReference: ref },
  AllergyIntolerance: {
    clinicalStatus: cc,
    verificationStatus: cc,
    type: 'code',
    category: 'code[]',
    criticality: 'code',
    code: cc,
    patient: ref,
    encounter: ref,
    onsetDateTime: 'dateTime',
    recordedDate: 'dateTime',
    lastOccurrence: 'dateTime',
    reaction: 'AllergyIntolerance.reaction[]',
  },
  'AllergyIntolerance.reaction': { substance: cc, manifestation: ccs, severity: 'code', onset: 'dateTime' },
  Procedure: {
    status: 'code',
    code: cc,
    subject: ref,
    encounter: ref,
    performedDateTime: 'dateTime',
    performedPeriod: period,
  },
  Claim: {
    status: 'code',
    type: cc,
    patient: ref,
    billablePeriod: period,
    created: 'dateTime',
    insurance: 'Claim.insurance[]',
    item: 'Claim.item[]',
    total: 'Money',
  },
  'Claim.insurance': { focal: 'boolean', coverage: ref },
  'Claim.item': { category: cc, productOrService: cc, net: 'Money', encounter: 'Reference[]' },
  ExplanationOfBenefit: {
    status: 'code',
    type: cc,
    patient: ref,
    billablePeriod: period,
    created: 'dateTime',
    insurer: ref,
    claim: ref,
    insurance: 'Claim.insurance[]',
    item: 'Claim.item[]',
    total: 'ExplanationOfBenefit.total[]',
    payment: 'ExplanationOfBenefit.payment',
  },
  'ExplanationOfBenefit.total': { category: cc, amount: 'Money' },
  'ExplanationOfBenefit.payment': { amount: 'Money' },
  Coverage: { type: cc, payor: 'Reference[]' },
  Organization: { identifier: 'Identifier[]', name: 'string', alias: 'string[]' },
  Location: { name: 'string' },
  Practitioner: {
    identifier: 'Identifier[]',
    name: 'HumanName[]',
    gender: 'code',
    qualification: 'Practitioner.qualification[]',
  },
  'Practitioner.qualification': { code: cc },
  Appointment: {
    status: 'code',
    serviceType: ccs,
    specialty: ccs,
    reasonCode: ccs,
    reasonReference: 'Reference[]',
    description: 'string',
    start: 'instant',
    end: 'instant',
    participant: 'Appointment.participant[]',
  },
  'Appointment.participant': { type: ccs, actor: ref, status: 'code' },
  Consent: {
    status: 'code',
    scope: cc,
    category: ccs,
    patient: ref,
    dateTime: 'dateTime',
    provision: 'Consent.provision',
  },
  'Consent.provision': {
    type: 'code',
    period,
    action: ccs,
    purpose: 'Coding[]',
    code: ccs,
    provision: 'Consent.provision[]',
  },
};

const META_ONLY: Schema = { meta: 'Meta' };

/** Required elements: a name, or alternatives any one of which satisfies ('name|identifier'). */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  Patient: ['name|identifier'],
  Encounter: ['status', 'class', 'subject'],
  Observation: ['status', 'code', 'subject'],
  Condition: ['subject'],
  DiagnosticReport: ['status', 'code'],
  MedicationRequest: ['status', 'intent', 'subject', 'medicationCodeableConcept|medicationReference'],
  MedicationStatement: ['status', 'subject', 'medicationCodeableConcept|medicationReference'],
  AllergyIntolerance: ['patient'],
  Procedure: ['status', 'subject'],
  Claim: ['patient'],
  ExplanationOfBenefit: ['patient'],
  Appointment: ['status', 'participant'],
  Consent: ['status'],
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && v !== '';
}

/** A schema element, precompiled once: no string work per visited element. */
interface Field {
  name: string;
  type: string;
  many: boolean;
  primitive: boolean;
}

const compiled = new Map<Schema, Field[]>();

function fieldsOf(schema: Schema): Field[] {
  let fields = compiled.get(schema);
  if (fields === undefined) {
    fields = Object.entries(schema).map(([name, t]) => {
      const many = t.endsWith('[]');
      const type = many ? t.slice(0, -2) : t;
      return { name, type, many, primitive: PRIMITIVES.has(type) };
    });
    compiled.set(schema, fields);
  }
  return fields;
}

/**
 * Walks the described elements of one resource. The current path is a stack of segments joined only when
 * a problem is found, so a valid resource costs no path strings at all.
 */
class Checker {
  private readonly segs: string[];

  constructor(
    private readonly problems: InboundProblem[],
    /** Dates of a Patient are personal: their value is not echoed in the problem's detail. */
    private readonly personal: boolean,
    base: string,
  ) {
    this.segs = base === '' ? [] : [base];
  }

  private where(): string {
    let out = '';
    for (const seg of this.segs) out = out === '' || seg.startsWith('[') ? out + seg : `${out}.${seg}`;
    return out;
  }

  private add(message: string, detail?: string): void {
    const where = this.where();
    this.problems.push(detail === undefined ? { where, message } : { where, message, detail });
  }

  object(value: Record<string, unknown>, schema: Schema): void {
    for (const f of fieldsOf(schema)) {
      const v = value[f.name];
      if (v === undefined) continue;
      this.segs.push(f.name);
      this.field(v, f);
      this.segs.pop();
    }
  }

  private field(value: unknown, f: Field): void {
    if (f.many) {
      if (!Array.isArray(value)) {
        this.add('fhir_element_invalid', 'expected an array');
        return;
      }
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        // A primitive array may hold null where only the `_element` extension carries the item.
        if (item === null && f.primitive) continue;
        this.segs.push(`[${i}]`);
        this.single(item, f);
        this.segs.pop();
      }
      return;
    }
    if (Array.isArray(value)) {
      this.add('fhir_element_invalid', 'expected a single value, not an array');
      return;
    }
    this.single(value, f);
  }

  private single(value: unknown, f: Field): void {
    if (f.primitive) {
      this.primitive(value, f.type);
      return;
    }
    if (!isObject(value)) {
      this.add('fhir_element_invalid', 'expected an object');
      return;
    }
    this.object(value, SCHEMAS[f.type]!);
  }

  private primitive(value: unknown, type: string): void {
    switch (type) {
      case 'boolean':
        if (typeof value !== 'boolean') this.add('fhir_element_invalid', 'expected true or false');
        return;
      case 'integer':
      case 'positiveInt':
      case 'unsignedInt':
        if (typeof value !== 'number' || !Number.isInteger(value))
          this.add('fhir_element_invalid', 'expected an integer');
        return;
      case 'decimal':
        if (typeof value !== 'number' || !Number.isFinite(value))
          this.add('fhir_element_invalid', 'expected a number');
        return;
      default:
        break;
    }
    if (typeof value !== 'string') {
      this.add('fhir_element_invalid', 'expected a string');
      return;
    }
    if (type === 'date' || type === 'dateTime' || type === 'instant' || type === 'time') {
      if (!isFhirDate(value, type)) {
        const shown = this.personal ? undefined : value.length > 40 ? `${value.slice(0, 40)}…` : value;
        this.add('fhir_date_invalid', shown);
      }
    }
  }
}

/**
 * Validate one resource at `path` ('' alone, 'entry[3].resource' in a bundle). Appends problems; returns
 * whether it found none. A resource whose type is valid R4 but not mapped is only checked for its type.
 */
export function validateResource(resource: unknown, path: string, problems: InboundProblem[]): boolean {
  const before = problems.length;
  const at = (name: string) => (path === '' ? name : `${path}.${name}`);
  if (!isObject(resource)) {
    problems.push({
      where: path === '' ? '(root)' : path,
      message: 'fhir_element_invalid',
      detail: 'expected an object',
    });
    return false;
  }
  const type = resource.resourceType;
  if (type === undefined) {
    problems.push({ where: at('resourceType'), message: 'fhir_required_missing' });
    return false;
  }
  if (typeof type !== 'string' || !R4_RESOURCE_TYPES.has(type)) {
    const detail = typeof type === 'string' ? type.slice(0, 64) : 'expected a string';
    problems.push({ where: at('resourceType'), message: 'fhir_resource_type_unknown', detail });
    return false;
  }
  const checker = new Checker(problems, type === 'Patient', path);
  if (
    resource.id !== undefined &&
    (typeof resource.id !== 'string' || !/^[A-Za-z0-9\-.]{1,64}$/.test(resource.id))
  ) {
    problems.push({ where: at('id'), message: 'fhir_element_invalid', detail: 'expected a FHIR id' });
  }
  checker.object(resource, META_ONLY);
  const schema = SCHEMAS[type];
  if (schema === undefined) return problems.length === before;

  checker.object(resource, schema);
  for (const required of REQUIRED[type] ?? []) {
    const names = required.split('|');
    if (!names.some((n) => present(resource[n])))
      problems.push({ where: at(names[0]!), message: 'fhir_required_missing' });
  }
  const contained = resource.contained;
  if (contained !== undefined) {
    if (!Array.isArray(contained)) {
      problems.push({ where: at('contained'), message: 'fhir_element_invalid', detail: 'expected an array' });
    } else {
      contained.forEach((c: unknown, i) => validateContained(c, at(`contained[${i}]`), problems));
    }
  }
  return problems.length === before;
}

/** Contained resources: their type must be known; those the mappers read through references are checked. */
function validateContained(resource: unknown, path: string, problems: InboundProblem[]): void {
  if (!isObject(resource)) {
    problems.push({ where: path, message: 'fhir_element_invalid', detail: 'expected an object' });
    return;
  }
  const type = resource.resourceType;
  if (typeof type !== 'string' || !R4_RESOURCE_TYPES.has(type)) {
    problems.push({
      where: `${path}.resourceType`,
      message: type === undefined ? 'fhir_required_missing' : 'fhir_resource_type_unknown',
      ...(typeof type === 'string' ? { detail: type.slice(0, 64) } : {}),
    });
    return;
  }
  if (typeof resource.id !== 'string') {
    problems.push({ where: `${path}.id`, message: 'fhir_required_missing' });
  }
  const schema = CONTAINED_SCHEMAS[type];
  if (schema !== undefined) new Checker(problems, type === 'Patient', path).object(resource, schema);
}

/** What the mappers read from contained resources (a medication's code, a coverage's payer, names). */
const CONTAINED_SCHEMAS: Readonly<Record<string, Schema>> = {
  Medication: SCHEMAS.Medication!,
  Coverage: SCHEMAS.Coverage!,
  Organization: SCHEMAS.Organization!,
  Location: SCHEMAS.Location!,
  Practitioner: SCHEMAS.Practitioner!,
};
