/**
 * The inbound model: what FHIR bundles, HL7 v2 messages and CSV/Excel rows are all translated into before
 * anything is written. Each source has a pure mapper (fhir/, hl7v2/, csv/) that yields these records and
 * a list of problems; one writer (apps/server/src/modules/interop) stores them idempotently and runs the
 * master patient index. Keeping the mappers pure means each is tested on real files without a database.
 */

/** Where a record came from: the sending system and the id the record has there. */
export interface SourceKey {
  /** The sending system, e.g. 'HIS', 'LIS', 'fhir', 'csv:registrations'. */
  system: string;
  /** The record's id in that system, e.g. 'Patient/123', 'MRN:0001234', 'row:9f3a…'. */
  id: string;
}

export type InboundGender = 'male' | 'female' | 'unknown';
export type InboundPhoneKind = 'mobile' | 'home' | 'work' | 'other';

export interface InboundPatient {
  type: 'patient';
  source: SourceKey;
  /** As the person's culture writes it: '张三', 'Aaron Brekke'. */
  name: string;
  familyName?: string;
  givenName?: string;
  gender: InboundGender;
  /** YYYY-MM-DD. */
  birthDate?: string;
  /** A mainland resident ID-card number (or HK/Macao/Taiwan residence permit), as received. */
  idCard?: string;
  /** As received; the writer validates Chinese numbers and keeps others (international) as kind 'other'. */
  phones: { kind: InboundPhoneKind; number: string }[];
  email?: string;
  /** Medical-record and card numbers the source assigns (never national ids: see idCard). */
  identifiers: { kind: 'mrn' | 'card'; system: string; value: string }[];
  address?: { province?: string; city?: string; district?: string; detail?: string; postcode?: string };
  maritalStatus?: 'single' | 'married' | 'divorced' | 'widowed';
  preferredLanguage?: string;
  deceased?: boolean;
  /** YYYY-MM-DD. */
  deceasedAt?: string;
}

export type InboundEncounterKind = 'outpatient' | 'emergency' | 'inpatient' | 'checkup' | 'online';
export type InboundEncounterStatus =
  'planned' | 'arrived' | 'in_progress' | 'finished' | 'cancelled' | 'no_show';

/** A department or practitioner named inline by a clinical record (HL7 PV1-3/PV1-7, FHIR display). */
export interface InboundRef {
  /** The source's code for it, when it has one. */
  code?: string;
  name?: string;
  /** When the source also sent it as a record of its own (FHIR Organization/Practitioner). */
  source?: SourceKey;
}

interface PatientRecord {
  source: SourceKey;
  patient: SourceKey;
}

export interface InboundEncounter extends PatientRecord {
  type: 'encounter';
  kind: InboundEncounterKind;
  status: InboundEncounterStatus;
  /** ISO 8601 instants with offset (the mapper applies the hospital's time zone to local times). */
  startAt: string;
  endAt?: string;
  department?: InboundRef;
  practitioner?: InboundRef;
}

export interface InboundDiagnosis extends PatientRecord {
  type: 'diagnosis';
  encounter?: SourceKey;
  /** ICD-10 when the source gives one; otherwise the source's code, prefixed with its system ('SCT:44054006'). */
  code: string;
  name: string;
  chronic: boolean;
  diagnosedAt: string;
}

export interface InboundResult extends PatientRecord {
  type: 'result';
  encounter?: SourceKey;
  kind: 'lab' | 'imaging' | 'exam';
  code: string;
  name: string;
  valueNumeric?: number;
  valueText?: string;
  unit?: string;
  referenceLow?: number;
  referenceHigh?: number;
  referenceText?: string;
  /** HL7 table 0078: N, H, L, HH, LL, A (others are mapped onto these by the source mapper). */
  abnormalFlag?: 'N' | 'H' | 'L' | 'HH' | 'LL' | 'A';
  conclusion?: string;
  releasedAt: string;
}

export interface InboundMedication extends PatientRecord {
  type: 'medication';
  encounter?: SourceKey;
  drugCode?: string;
  drugName: string;
  dose?: string;
  frequency?: string;
  route?: string;
  prescribedAt: string;
  startDate?: string;
  endDate?: string;
  chronic: boolean;
}

export interface InboundAllergy extends PatientRecord {
  type: 'allergy';
  substance: string;
  reaction?: string;
  severity?: 'mild' | 'moderate' | 'severe';
  recordedAt: string;
}

export interface InboundProcedure extends PatientRecord {
  type: 'procedure';
  encounter?: SourceKey;
  code?: string;
  name: string;
  performedAt: string;
}

export type InboundChargeCategory =
  | 'registration'
  | 'consultation'
  | 'examination'
  | 'laboratory'
  | 'drug'
  | 'treatment'
  | 'surgery'
  | 'bed'
  | 'checkup_package'
  | 'other';

export interface InboundCharge extends PatientRecord {
  type: 'charge';
  encounter?: SourceKey;
  category: InboundChargeCategory;
  /** Integer fen (分); a mapper converts yuan with exact decimal arithmetic, never via floats. */
  amountFen: number;
  paymentMethod?: 'cash' | 'card' | 'wechat_pay' | 'alipay' | 'insurance';
  payer?: 'self' | 'medical_insurance' | 'commercial_insurance' | 'employer';
  insurer?: string;
  chargedAt: string;
}

export type InboundAppointmentStatus = 'booked' | 'arrived' | 'fulfilled' | 'cancelled' | 'no_show';

export interface InboundAppointment extends PatientRecord {
  type: 'appointment';
  status: InboundAppointmentStatus;
  startAt: string;
  endAt?: string;
  department?: InboundRef;
  practitioner?: InboundRef;
  reason?: string;
}

export interface InboundConsent {
  type: 'consent';
  source: SourceKey;
  patient: SourceKey;
  purpose: 'care_follow_up' | 'marketing' | 'research' | 'data_sharing';
  channel: 'sms' | 'wechat' | 'email' | 'phone' | 'post';
  granted: boolean;
  at: string;
}

export interface InboundDepartment {
  type: 'department';
  source: SourceKey;
  code?: string;
  name: string;
}

export interface InboundPractitioner {
  type: 'practitioner';
  source: SourceKey;
  code?: string;
  name: string;
  gender?: InboundGender;
  title?: string;
  department?: InboundRef;
}

/** HL7 ADT^A40 and the like: the source says two of its patient records are one person. */
export interface InboundMerge {
  type: 'merge';
  source: SourceKey;
  survivor: SourceKey;
  retired: SourceKey;
}

export type InboundRecord =
  | InboundPatient
  | InboundEncounter
  | InboundDiagnosis
  | InboundResult
  | InboundMedication
  | InboundAllergy
  | InboundProcedure
  | InboundCharge
  | InboundAppointment
  | InboundConsent
  | InboundDepartment
  | InboundPractitioner
  | InboundMerge;

export type InboundType = InboundRecord['type'];

/**
 * Something wrong with the input, located precisely enough for a clerk to find it: `where` is the entry
 * and element ('entry[3].resource.birthDate'), segment and field ('PID-7'), or row and column
 * ('row 12, 出生日期'); `message` is a message code the server localises ('date_invalid').
 */
export interface InboundProblem {
  where: string;
  message: string;
  /** The offending value when it is safe to show (never a name, phone or ID number). */
  detail?: string;
}

/** What a mapper returns: records to write, problems that reject the input or a part of it, and skipped types. */
export interface MappedInput {
  records: InboundRecord[];
  problems: InboundProblem[];
  /** Resource/message types the mapper does not take, with how many were seen; reported, never fatal. */
  unsupported: Record<string, number>;
}
