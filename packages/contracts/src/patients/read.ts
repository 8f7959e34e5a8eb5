import { z } from 'zod';
import {
  CHANNELS,
  CONSENT_PURPOSES,
  CONSENT_SOURCES,
  CONTACT_RELATIONS,
  ECONOMIC_STATUSES,
  EDUCATION_LEVELS,
  GENDERS,
  IDENTIFIER_KINDS,
  MARITAL_STATUSES,
  PATIENT_SORTS,
  PHONE_KINDS,
  UNMASK_FIELDS,
} from './vocabulary';

const timestamp = z.iso.datetime({ offset: true });
const date = z.string();

/** What staff see of a patient: ID-card and phone numbers masked (138****5678) unless unmasked. */
export const patientSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  namePinyin: z.string(),
  nameInitials: z.string(),
  gender: z.enum(GENDERS),
  birthDate: date.nullable(),
  age: z.number().int().nullable(),
  idCardMasked: z.string().nullable(),
  phones: z.array(
    z.object({ id: z.uuid(), kind: z.enum(PHONE_KINDS), primary: z.boolean(), masked: z.string() }),
  ),
  email: z.string().nullable(),
  address: z.object({
    province: z.string().nullable(),
    city: z.string().nullable(),
    district: z.string().nullable(),
    detail: z.string().nullable(),
  }),
  nativePlace: z.string().nullable(),
  education: z.enum(EDUCATION_LEVELS).nullable(),
  maritalStatus: z.enum(MARITAL_STATUSES).nullable(),
  occupation: z.string().nullable(),
  position: z.string().nullable(),
  employer: z.string().nullable(),
  economicStatus: z.enum(ECONOMIC_STATUSES).nullable(),
  hobbies: z.string().nullable(),
  personalityNotes: z.string().nullable(),
  consumptionHabits: z.string().nullable(),
  preferredChannel: z.enum(CHANNELS).nullable(),
  preferredLanguage: z.string().nullable(),
  specialDays: z.array(z.object({ label: z.string(), monthDay: z.string(), lunar: z.boolean() })),
  tags: z.array(z.string()),
  vip: z.boolean(),
  healthManager: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  deceased: z.boolean(),
  deceasedAt: date.nullable(),
  mergedInto: z.uuid().nullable(),
  erasedAt: timestamp.nullable(),
  identifiers: z.array(
    z.object({ id: z.uuid(), kind: z.enum(IDENTIFIER_KINDS), system: z.string(), value: z.string() }),
  ),
  contacts: z.array(
    z.object({
      id: z.uuid(),
      relation: z.enum(CONTACT_RELATIONS),
      name: z.string(),
      phoneMasked: z.string().nullable(),
      emergency: z.boolean(),
      note: z.string().nullable(),
    }),
  ),
  consents: z.array(
    z.object({
      purpose: z.enum(CONSENT_PURPOSES),
      channel: z.enum(CHANNELS),
      granted: z.boolean(),
      grantedAt: timestamp.nullable(),
      withdrawnAt: timestamp.nullable(),
      source: z.enum(CONSENT_SOURCES),
    }),
  ),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Patient = z.infer<typeof patientSchema>;

export const patientListItemSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  namePinyin: z.string(),
  gender: z.enum(GENDERS),
  birthDate: date.nullable(),
  age: z.number().int().nullable(),
  idCardMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  /** The first medical-record number, the one staff quote on the phone. */
  mrn: z.string().nullable(),
  tags: z.array(z.string()),
  vip: z.boolean(),
  deceased: z.boolean(),
});
export type PatientListItem = z.infer<typeof patientListItemSchema>;

const csv = z
  .string()
  .trim()
  .max(400)
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const patientSearchQuery = z
  .strictObject({
    /** One box: name (汉字), pinyin, initials, full phone or its last four digits, ID-card or record number. */
    q: z.string().trim().max(50).optional(),
    gender: z.enum(GENDERS).optional(),
    ageMin: z.coerce.number().int().min(0).max(150).optional(),
    ageMax: z.coerce.number().int().min(0).max(150).optional(),
    tags: csv.optional(),
    departmentId: z.uuid().optional(),
    /** ICD-10 code or prefix of a chronic condition: "E11" finds every type-2 diabetes code. */
    chronic: z
      .string()
      .trim()
      .regex(/^[A-Za-z]\d{0,2}(\.\w{0,4})?$/)
      .optional(),
    healthManagerId: z.uuid().optional(),
    vip: flag.optional(),
    sort: z.enum(PATIENT_SORTS).default('name'),
    cursor: z.string().max(300).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((q) => q.ageMin === undefined || q.ageMax === undefined || q.ageMin <= q.ageMax, {
    path: ['ageMin'],
    message: 'age_range',
  });
export type PatientSearchQuery = z.infer<typeof patientSearchQuery>;

export const patientSearchResponse = z.object({
  items: z.array(patientListItemSchema),
  nextCursor: z.string().nullable(),
  /** Exact up to 10,000; beyond that `totalExact` is false and the count is a lower bound. */
  total: z.number().int(),
  totalExact: z.boolean(),
});
export type PatientSearchResponse = z.infer<typeof patientSearchResponse>;

export const unmaskRequest = z.strictObject({
  fields: z.array(z.enum(UNMASK_FIELDS)).min(1).max(2),
  reason: z.string().trim().min(2).max(200),
});
export const unmaskResponse = z.object({
  idCard: z.string().nullable().optional(),
  phones: z.array(z.object({ id: z.uuid(), kind: z.enum(PHONE_KINDS), number: z.string() })).optional(),
});
export type UnmaskResponse = z.infer<typeof unmaskResponse>;

export const exportQuery = z.strictObject({ reason: z.string().trim().min(2).max(200) });
/** Everything held about one person (PIPL art. 45), unmasked: it is the person's own data. */
export const patientExportSchema = z.object({
  exportedAt: timestamp,
  patient: z.record(z.string(), z.unknown()),
  sections: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});

export const eraseRequest = z.strictObject({
  reason: z.string().trim().min(2).max(200),
  /** The patient's current name, typed again: erasure cannot be undone. */
  confirmName: z.string().trim().min(1),
});
export const eraseResponse = z.object({ erasedAt: timestamp });
