/** Closed vocabularies of the patient record, shared by the API, the database rows and the console. */
export const GENDERS = ['male', 'female', 'unknown'] as const;
export const PHONE_KINDS = ['mobile', 'home', 'work', 'other'] as const;
export const CHANNELS = ['sms', 'wechat', 'email', 'phone', 'post'] as const;
export const CONSENT_PURPOSES = ['care_follow_up', 'marketing', 'research', 'data_sharing'] as const;
export const CONSENT_SOURCES = ['counter', 'phone', 'portal', 'paper_form', 'import'] as const;
export const EDUCATION_LEVELS = [
  'none',
  'primary',
  'junior_high',
  'senior_high',
  'vocational',
  'college',
  'bachelor',
  'master',
  'doctorate',
] as const;
export const MARITAL_STATUSES = ['single', 'married', 'divorced', 'widowed'] as const;
export const ECONOMIC_STATUSES = ['low', 'lower_middle', 'middle', 'upper_middle', 'high'] as const;
export const IDENTIFIER_KINDS = ['mrn', 'card', 'source'] as const;
export const CONTACT_RELATIONS = [
  'spouse',
  'parent',
  'child',
  'sibling',
  'grandparent',
  'grandchild',
  'relative',
  'friend',
  'guardian',
  'colleague',
  'other',
] as const;
export const ENCOUNTER_KINDS = ['outpatient', 'emergency', 'inpatient', 'checkup', 'online'] as const;
export const TIMELINE_TYPES = [
  'encounter',
  'diagnosis',
  'result',
  'medication',
  'procedure',
  'charge',
  'allergy',
] as const;
export const PATIENT_SORTS = [
  'name',
  'createdAt',
  '-createdAt',
  'birthDate',
  '-birthDate',
  '-updatedAt',
] as const;
export const UNMASK_FIELDS = ['phone', 'idCard'] as const;

export type Gender = (typeof GENDERS)[number];
export type PhoneKind = (typeof PHONE_KINDS)[number];
export type Channel = (typeof CHANNELS)[number];
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type TimelineType = (typeof TIMELINE_TYPES)[number];
export type PatientSort = (typeof PATIENT_SORTS)[number];
