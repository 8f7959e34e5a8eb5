import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, updatedAt } from './columns';
import { patients } from './patients';

/**
 * The clinical read model: copies of what HIS, LIS, PACS and EMR hold, kept for the 360° view and
 * analytics. Each row names its source system and the id it has there, so a re-import updates the
 * row instead of adding another (unique per tenant, system and id).
 */
const source = () => ({
  sourceSystem: text('source_system'),
  sourceId: text('source_id'),
});

const sourceUnique =
  (name: string) => (t: { tenantId: AnyPgColumn; sourceSystem: AnyPgColumn; sourceId: AnyPgColumn }) =>
    uniqueIndex(name)
      .on(t.tenantId, t.sourceSystem, t.sourceId)
      .where(sql`${t.sourceId} is not null`);

const patientId = () =>
  uuid('patient_id')
    .notNull()
    .references(() => patients.id);

const at = (name: string) => timestamp(name, { withTimezone: true });

export interface ClinicSession {
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
  period: 'morning' | 'afternoon' | 'evening';
}

export const departments = pgTable(
  'departments',
  {
    id: id(),
    tenantId: tenantId(),
    parentId: uuid('parent_id').references((): AnyPgColumn => departments.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    /** 'clinical' | 'medical_technology' | 'nursing' | 'administrative' */
    kind: text('kind').notNull(),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    ...source(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('departments_code_uq').on(t.tenantId, t.code),
    sourceUnique('departments_source_uq')(t),
  ],
);

export const practitioners = pgTable(
  'practitioners',
  {
    id: id(),
    tenantId: tenantId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    gender: text('gender'),
    /** 主任医师, 副主任医师, 主治医师, 住院医师, 主管护师 … */
    title: text('title').notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    specialties: text('specialties')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    clinicHours: jsonb('clinic_hours')
      .$type<ClinicSession[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    active: boolean('active').notNull().default(true),
    ...source(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('practitioners_code_uq').on(t.tenantId, t.code),
    index('practitioners_department_idx').on(t.departmentId),
    sourceUnique('practitioners_source_uq')(t),
  ],
);

export const encounters = pgTable(
  'encounters',
  {
    id: id(),
    tenantId: tenantId(),
    patientId: patientId(),
    /** 'outpatient' | 'emergency' | 'inpatient' | 'checkup' | 'online' */
    kind: text('kind').notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    practitionerId: uuid('practitioner_id').references(() => practitioners.id),
    startAt: at('start_at').notNull(),
    endAt: at('end_at'),
    /** 'window' | 'app' | 'wechat' | 'phone' | 'kiosk' | 'referral' */
    registrationChannel: text('registration_channel'),
    waitingMinutes: integer('waiting_minutes'),
    /** 'planned' | 'arrived' | 'in_progress' | 'finished' | 'cancelled' | 'no_show' */
    status: text('status').notNull(),
    ...source(),
    createdAt: createdAt(),
  },
  (t) => [
    index('encounters_patient_time_idx').on(t.patientId, t.startAt),
    index('encounters_department_patient_idx').on(t.departmentId, t.patientId),
    sourceUnique('encounters_source_uq')(t),
  ],
);

const encounterId = () => uuid('encounter_id').references(() => encounters.id);

export const diagnoses = pgTable(
  'diagnoses',
  {
    id: id(),
    tenantId: tenantId(),
    patientId: patientId(),
    encounterId: encounterId(),
    icd10Code: text('icd10_code').notNull(),
    name: text('name').notNull(),
    chronic: boolean('chronic').notNull().default(false),
    diagnosedAt: at('diagnosed_at').notNull(),
    ...source(),
  },
  (t) => [
    index('diagnoses_patient_time_idx').on(t.patientId, t.diagnosedAt),
    index('diagnoses_chronic_code_idx')
      .on(t.tenantId, t.icd10Code.op('text_pattern_ops'), t.patientId)
      .where(sql`${t.chronic}`),
    sourceUnique('diagnoses_source_uq')(t),
  ],
);

export const results = pgTable(
  'results',
  {
    id: id(),
    tenantId: tenantId(),
    patientId: patientId(),
    encounterId: encounterId(),
    /** 'lab' | 'imaging' | 'exam' */
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    valueNumeric: numeric('value_numeric'),
    valueText: text('value_text'),
    unit: text('unit'),
    referenceLow: numeric('reference_low'),
    referenceHigh: numeric('reference_high'),
    referenceText: text('reference_text'),
    /** HL7 table 0078: 'N' normal, 'H'/'L' high/low, 'HH'/'LL' critical, 'A' abnormal; null = not judged. */
    abnormalFlag: text('abnormal_flag'),
    /** Imaging and examination reports: the conclusion (印象/结论). */
    conclusion: text('conclusion'),
    releasedAt: at('released_at').notNull(),
    ...source(),
  },
  (t) => [
    index('results_patient_time_idx').on(t.patientId, t.releasedAt),
    index('results_patient_code_idx').on(t.patientId, t.code, t.releasedAt),
    sourceUnique('results_source_uq')(t),
  ],
);

export const medications = pgTable(
  'medications',
  {
    id: id(),
    tenantId: tenantId(),
    patientId: patientId(),
    encounterId: encounterId(),
    drugCode: text('drug_code'),
    drugName: text('drug_name').notNull(),
    dose: text('dose'),
    frequency: text('frequency'),
    route: text('route'),
    prescribedAt: at('prescribed_at').notNull(),
    startDate: date('start_date'),
    endDate: date('end_date'),
    chronic: boolean('chronic').notNull().default(false),
    ...source(),
  },
  (t) => [
    index('medications_patient_time_idx').on(t.patientId, t.prescribedAt),
    sourceUnique('medications_source_uq')(t),
  ],
);

export const allergies = pgTable(
  'allergies',
  {
    id: id(),
    tenantId: tenantId(),
    patientId: patientId(),
    substance: text('substance').notNull(),
    reaction: text('reaction'),
    /** 'mild' | 'moderate' | 'severe' */
    severity: text('severity'),
    recordedAt: at('recorded_at').notNull(),
    ...source(),
  },
  (t) => [index('allergies_patient_idx').on(t.patientId), sourceUnique('allergies_source_uq')(t)],
);

export const procedures = pgTable(
  'procedures',
  {
    id: id(),
    tenantId: tenantId(),
    patientId: patientId(),
    encounterId: encounterId(),
    code: text('code'),
    name: text('name').notNull(),
    performedAt: at('performed_at').notNull(),
    ...source(),
  },
  (t) => [
    index('procedures_patient_time_idx').on(t.patientId, t.performedAt),
    sourceUnique('procedures_source_uq')(t),
  ],
);

export const familyHistory = pgTable(
  'family_history',
  {
    id: id(),
    tenantId: tenantId(),
    patientId: patientId(),
    relation: text('relation').notNull(),
    condition: text('condition').notNull(),
    icd10Code: text('icd10_code'),
    note: text('note'),
    ...source(),
  },
  (t) => [index('family_history_patient_idx').on(t.patientId), sourceUnique('family_history_source_uq')(t)],
);

export const charges = pgTable(
  'charges',
  {
    id: id(),
    tenantId: tenantId(),
    patientId: patientId(),
    encounterId: encounterId(),
    /** 'registration' | 'consultation' | 'examination' | 'laboratory' | 'drug' | 'treatment' | 'surgery' | 'bed' | 'checkup_package' | 'other' */
    category: text('category').notNull(),
    /** Money is integer fen (分). */
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    /** 'cash' | 'card' | 'wechat_pay' | 'alipay' | 'insurance' */
    paymentMethod: text('payment_method'),
    /** Who pays: 'self', 'medical_insurance' (医保), 'commercial_insurance', 'employer'. */
    payer: text('payer'),
    insurer: text('insurer'),
    chargedAt: at('charged_at').notNull(),
    ...source(),
  },
  (t) => [
    index('charges_patient_time_idx').on(t.patientId, t.chargedAt),
    sourceUnique('charges_source_uq')(t),
  ],
);

/** Appointments from the source scheduling systems (HL7 SIU, FHIR Appointment); no-shows feed reminders. */
export const appointments = pgTable(
  'appointments',
  {
    id: id(),
    tenantId: tenantId(),
    patientId: patientId(),
    /** 'booked' | 'arrived' | 'fulfilled' | 'cancelled' | 'no_show' */
    status: text('status').notNull(),
    startAt: at('start_at').notNull(),
    endAt: at('end_at'),
    departmentId: uuid('department_id').references(() => departments.id),
    practitionerId: uuid('practitioner_id').references(() => practitioners.id),
    reason: text('reason'),
    ...source(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('appointments_patient_time_idx').on(t.patientId, t.startAt),
    sourceUnique('appointments_source_uq')(t),
  ],
);
