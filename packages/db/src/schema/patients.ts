import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tenantId, updatedAt } from './columns';

/** A day the hospital remembers for the patient (birthday is derived; these are the others). */
export interface SpecialDay {
  label: string;
  /** MM-DD, in the lunar calendar when `lunar` is true. */
  monthDay: string;
  lunar: boolean;
}

/**
 * One row per real person. ID-card number and phones are never stored in clear: a ciphertext
 * (AES-256-GCM), a keyed hash for exact lookup (blind index) and the masked form shown to staff.
 */
export const patients = pgTable(
  'patients',
  {
    id: id(),
    tenantId: tenantId(),
    name: text('name').notNull(),
    /** Full pinyin without spaces or tones, surname mode (单 → shan): "zhangsanfeng". */
    namePinyin: text('name_pinyin').notNull(),
    /** First letters of each syllable: "zsf". */
    nameInitials: text('name_initials').notNull(),
    gender: text('gender').notNull(),
    birthDate: date('birth_date'),
    idCardCipher: text('id_card_cipher'),
    idCardHash: text('id_card_hash'),
    idCardMasked: text('id_card_masked'),
    email: text('email'),
    province: text('province'),
    city: text('city'),
    district: text('district'),
    addressDetail: text('address_detail'),
    nativePlace: text('native_place'),
    education: text('education'),
    maritalStatus: text('marital_status'),
    occupation: text('occupation'),
    position: text('position'),
    employer: text('employer'),
    economicStatus: text('economic_status'),
    hobbies: text('hobbies'),
    personalityNotes: text('personality_notes'),
    consumptionHabits: text('consumption_habits'),
    preferredChannel: text('preferred_channel'),
    preferredLanguage: text('preferred_language'),
    specialDays: jsonb('special_days')
      .$type<SpecialDay[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    vip: boolean('vip').notNull().default(false),
    healthManagerId: uuid('health_manager_id'),
    deceased: boolean('deceased').notNull().default(false),
    deceasedAt: date('deceased_at'),
    mergedInto: uuid('merged_into'),
    /** Set when the record was anonymised on the patient's request (PIPL art. 47). */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    /** Optimistic concurrency: a PATCH naming an older version is refused instead of overwriting. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('patients_name_trgm_idx').using('gin', t.name.op('gin_trgm_ops')),
    // The name-search indexes (name prefix, reversed name, pinyin and initials; partial, covering) are
    // written by hand in migration 0006: the schema builder cannot express them.
    index('patients_id_card_hash_idx').on(t.tenantId, t.idCardHash),
    index('patients_tags_idx').using('gin', t.tags),
    index('patients_health_manager_idx').on(t.tenantId, t.healthManagerId),
    index('patients_birth_date_idx').on(t.tenantId, t.birthDate),
  ],
);

/** Phones of a patient (mobile, home, work), encrypted like the ID number; last4 serves 手机尾号 search. */
export const patientPhones = pgTable(
  'patient_phones',
  {
    id: id(),
    tenantId: tenantId(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    kind: text('kind').notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
    cipher: text('cipher').notNull(),
    hash: text('hash').notNull(),
    last4: text('last4').notNull(),
    masked: text('masked').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('patient_phones_patient_idx').on(t.patientId),
    index('patient_phones_hash_idx').on(t.tenantId, t.hash),
    index('patient_phones_last4_idx').on(t.tenantId, t.last4),
  ],
);

/** Medical-record numbers, card numbers and source-system references; one (system, value) names one person. */
export const patientIdentifiers = pgTable(
  'patient_identifiers',
  {
    id: id(),
    tenantId: tenantId(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** 'mrn' (病历号), 'card' (就诊卡号), 'source' (a record id in another system). */
    kind: text('kind').notNull(),
    system: text('system').notNull(),
    value: text('value').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('patient_identifiers_system_value_uq').on(t.tenantId, t.system, t.value),
    index('patient_identifiers_value_idx').on(t.tenantId, t.value),
    index('patient_identifiers_patient_idx').on(t.patientId),
  ],
);

/** Family members and emergency contacts; their phone is personal data too, so it is encrypted. */
export const patientContacts = pgTable(
  'patient_contacts',
  {
    id: id(),
    tenantId: tenantId(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    relation: text('relation').notNull(),
    name: text('name').notNull(),
    phoneCipher: text('phone_cipher'),
    phoneHash: text('phone_hash'),
    phoneMasked: text('phone_masked'),
    emergency: boolean('emergency').notNull().default(false),
    note: text('note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('patient_contacts_patient_idx').on(t.patientId)],
);

/**
 * Consent per purpose and channel (PIPL art. 14: specific, informed, withdrawable). One row holds the
 * current state; each grant and withdrawal is also in the audit trail.
 */
export const patientConsents = pgTable(
  'patient_consents',
  {
    id: id(),
    tenantId: tenantId(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    purpose: text('purpose').notNull(),
    channel: text('channel').notNull(),
    granted: boolean('granted').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    source: text('source').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('patient_consents_uq').on(t.patientId, t.purpose, t.channel)],
);
