/**
 * Rows of the demo population as plain objects, named like the database columns (camelCase) without
 * `tenantId`, and with the personal data in clear: the writer encrypts ID-card numbers and phones, and
 * computes blind indexes and masks. Instants are epoch milliseconds; dates are 'YYYY-MM-DD' strings in the
 * hospital's calendar; numeric laboratory values are decimal strings, exactly as reported.
 * Departments and practitioners are referred to by code (the writer maps codes to ids, since the
 * roster may already exist in the database).
 */

export type DemoBehaviour = 'chronic' | 'checkup' | 'occasional' | 'one_off';

export interface DemoPopulationOptions {
  /** Number of patients. */
  patients: number;
  /** Any integer or string; the same seed gives the same rows. */
  seed: number | string;
  /** 'YYYY-MM-DD': the day the data ends (visits cover the two years before it). */
  asOf: string;
  /** Users with role health_manager; chronic patients are assigned to them round-robin. */
  healthManagerIds?: readonly string[];
}

export interface DemoSpecialDay {
  label: string;
  monthDay: string;
  lunar: boolean;
}

export interface DemoDepartment {
  code: string;
  name: string;
  nameEn: string;
  kind: 'clinical' | 'medical_technology';
  sortOrder: number;
}

export interface DemoClinicSession {
  weekday: number;
  period: 'morning' | 'afternoon' | 'evening';
}

export interface DemoPractitioner {
  code: string;
  name: string;
  gender: 'male' | 'female';
  title: string;
  departmentCode: string;
  specialties: string[];
  clinicHours: DemoClinicSession[];
}

export interface DemoPatient {
  /** 0-based position in the run. */
  index: number;
  id: string;
  behaviour: DemoBehaviour;
  name: string;
  namePinyin: string;
  nameInitials: string;
  gender: 'male' | 'female';
  birthDate: string;
  /** 18-character resident ID-card number, in clear. */
  idCard: string;
  email: string | null;
  province: string;
  city: string;
  district: string;
  addressDetail: string;
  nativePlace: string | null;
  education: string | null;
  maritalStatus: string | null;
  occupation: string | null;
  position: string | null;
  employer: string | null;
  economicStatus: string | null;
  hobbies: string | null;
  personalityNotes: string | null;
  consumptionHabits: string | null;
  preferredChannel: string | null;
  preferredLanguage: string | null;
  specialDays: DemoSpecialDay[];
  tags: string[];
  vip: boolean;
  healthManagerId: string | null;
  deceased: boolean;
  deceasedAt: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface DemoPhone {
  id: string;
  patientId: string;
  kind: 'mobile';
  isPrimary: boolean;
  /** 11-digit mobile number, in clear. */
  number: string;
  createdAt: number;
}

export interface DemoIdentifier {
  id: string;
  patientId: string;
  kind: 'mrn';
  system: 'HIS';
  value: string;
  createdAt: number;
}

export interface DemoContact {
  id: string;
  patientId: string;
  relation: string;
  name: string;
  /** 11-digit mobile number, in clear. */
  phone: string | null;
  emergency: boolean;
  note: string | null;
  createdAt: number;
}

export interface DemoConsent {
  id: string;
  patientId: string;
  purpose: string;
  channel: string;
  granted: boolean;
  grantedAt: number | null;
  withdrawnAt: number | null;
  source: string;
  updatedAt: number;
}

export type DemoEncounterKind = 'outpatient' | 'emergency' | 'inpatient' | 'checkup' | 'online';
/** 'in_progress': an inpatient still in hospital on the asOf day (no discharge, not billed yet). */
export type DemoEncounterStatus = 'finished' | 'in_progress' | 'no_show' | 'cancelled';

export interface DemoEncounter {
  id: string;
  patientId: string;
  kind: DemoEncounterKind;
  departmentCode: string;
  practitionerCode: string | null;
  startAt: number;
  endAt: number | null;
  registrationChannel: string;
  waitingMinutes: number | null;
  status: DemoEncounterStatus;
  createdAt: number;
}

export interface DemoDiagnosis {
  id: string;
  patientId: string;
  encounterId: string;
  icd10Code: string;
  name: string;
  chronic: boolean;
  diagnosedAt: number;
}

export interface DemoResult {
  id: string;
  patientId: string;
  encounterId: string;
  kind: 'lab' | 'imaging' | 'exam';
  code: string;
  name: string;
  valueNumeric: string | null;
  valueText: string | null;
  unit: string | null;
  referenceLow: string | null;
  referenceHigh: string | null;
  referenceText: string | null;
  /** Laboratory: 'H' | 'L' | 'N' from the value and the interval. Reports: 'A' (finding) | 'N'. */
  abnormalFlag: string;
  conclusion: string | null;
  releasedAt: number;
}

export interface DemoMedication {
  id: string;
  patientId: string;
  encounterId: string;
  drugCode: string | null;
  drugName: string;
  dose: string;
  frequency: string;
  route: string;
  prescribedAt: number;
  startDate: string;
  endDate: string;
  chronic: boolean;
}

export interface DemoAllergy {
  id: string;
  patientId: string;
  substance: string;
  reaction: string;
  severity: 'mild' | 'moderate' | 'severe';
  recordedAt: number;
}

export interface DemoProcedure {
  id: string;
  patientId: string;
  encounterId: string;
  code: string;
  name: string;
  performedAt: number;
}

export interface DemoFamilyHistory {
  id: string;
  patientId: string;
  relation: 'father' | 'mother' | 'sibling' | 'grandparent';
  condition: string;
  icd10Code: string;
  note: string | null;
}

export type DemoChargeCategory =
  | 'registration'
  | 'consultation'
  | 'examination'
  | 'laboratory'
  | 'drug'
  | 'treatment'
  | 'surgery'
  | 'bed'
  | 'checkup_package';

export interface DemoCharge {
  id: string;
  patientId: string;
  encounterId: string;
  category: DemoChargeCategory;
  amountFen: number;
  paymentMethod: string;
  payer: string;
  insurer: string | null;
  chargedAt: number;
}

/** Rows of a run of consecutive patients, one array per table. */
export interface DemoBatch {
  /** Index of the first patient in the batch. */
  from: number;
  patients: DemoPatient[];
  phones: DemoPhone[];
  identifiers: DemoIdentifier[];
  contacts: DemoContact[];
  consents: DemoConsent[];
  encounters: DemoEncounter[];
  diagnoses: DemoDiagnosis[];
  results: DemoResult[];
  medications: DemoMedication[];
  allergies: DemoAllergy[];
  procedures: DemoProcedure[];
  familyHistory: DemoFamilyHistory[];
  charges: DemoCharge[];
}

export type DemoTable = Exclude<keyof DemoBatch, 'from'>;

export const DEMO_TABLES: readonly DemoTable[] = [
  'patients',
  'phones',
  'identifiers',
  'contacts',
  'consents',
  'encounters',
  'diagnoses',
  'results',
  'medications',
  'allergies',
  'procedures',
  'familyHistory',
  'charges',
];

export const emptyBatch = (from: number): DemoBatch => ({
  from,
  patients: [],
  phones: [],
  identifiers: [],
  contacts: [],
  consents: [],
  encounters: [],
  diagnoses: [],
  results: [],
  medications: [],
  allergies: [],
  procedures: [],
  familyHistory: [],
  charges: [],
});
