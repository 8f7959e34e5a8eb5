import {
  type DemoAllergy,
  type DemoBatch,
  type DemoCharge,
  type DemoConsent,
  type DemoContact,
  type DemoDiagnosis,
  type DemoEncounter,
  type DemoFamilyHistory,
  type DemoIdentifier,
  type DemoMedication,
  type DemoPatient,
  type DemoPhone,
  type DemoProcedure,
  type DemoResult,
  type DemoTable,
} from '@carebridge/domain';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data';
import type { PgType } from '../../platform/db/copy-binary';
import { storedIdCard, storedPhone } from '../patients/personal-identifiers';

/**
 * How each kind of demo row becomes a database row: column name, PostgreSQL type and value. One definition
 * serves both loaders (binary COPY on PostgreSQL, INSERT … SELECT FROM unnest on the embedded database).
 * Clinical rows are marked `source_system = 'demo'` so demo data can be told apart from imported data.
 */
export interface Column<R> {
  name: string;
  type: PgType;
  get(row: R, ctx: RowContext): unknown;
  /** The same value in every row (tenant, source system): sent once per statement where the loader can. */
  constant?: boolean;
}

export interface TableSpec<R> {
  key: DemoTable;
  table: string;
  columns: readonly Column<R>[];
}

export interface RowContext {
  tenantId: string;
  departmentId(code: string): string;
  practitionerId(code: string | null): string | null;
  protect: Protector;
}

export const DEMO_SOURCE_SYSTEM = 'demo';

/** Encryption, blind index and mask of ID-card numbers and phones, computed once per value. */
export class Protector {
  // Children share their guardian's phone, and rows of one person repeat: encrypt each value once in a row.
  private idCardCache: { number: string; out: ReturnType<typeof storedIdCard> } | null = null;
  private phoneCache: { number: string; out: ReturnType<typeof storedPhone> } | null = null;

  constructor(private readonly cipher: PersonalDataCipher) {}

  idCard(number: string) {
    if (this.idCardCache?.number !== number)
      this.idCardCache = { number, out: storedIdCard(this.cipher, number) };
    return this.idCardCache.out;
  }

  phone(number: string) {
    if (this.phoneCache?.number !== number)
      this.phoneCache = { number, out: storedPhone(this.cipher, number) };
    return this.phoneCache.out;
  }
}

type Cols<R> = Column<R>[];
const col = <R>(name: string, type: PgType, get: (row: R, ctx: RowContext) => unknown): Column<R> => ({
  name,
  type,
  get,
});
const tenantCol = <R>(): Column<R> => ({
  name: 'tenant_id',
  type: 'uuid',
  get: (_, c) => c.tenantId,
  constant: true,
});

function base<R extends { id: string; patientId: string }>(): Cols<R> {
  return [
    col<R>('id', 'uuid', (r) => r.id),
    tenantCol<R>(),
    col<R>('patient_id', 'uuid', (r) => r.patientId),
  ];
}
const source = <R>(): Column<R> => ({
  name: 'source_system',
  type: 'text',
  get: () => DEMO_SOURCE_SYSTEM,
  constant: true,
});

export const PATIENTS: TableSpec<DemoPatient> = {
  key: 'patients',
  table: 'patients',
  columns: [
    col('id', 'uuid', (r) => r.id),
    tenantCol<DemoPatient>(),
    col('name', 'text', (r) => r.name),
    col('name_pinyin', 'text', (r) => r.namePinyin),
    col('name_initials', 'text', (r) => r.nameInitials),
    col('gender', 'text', (r) => r.gender),
    col('birth_date', 'date', (r) => r.birthDate),
    col('id_card_cipher', 'text', (r, c) => c.protect.idCard(r.idCard).cipher),
    col('id_card_hash', 'text', (r, c) => c.protect.idCard(r.idCard).hash),
    col('id_card_masked', 'text', (r, c) => c.protect.idCard(r.idCard).masked),
    col('email', 'text', (r) => r.email),
    col('province', 'text', (r) => r.province),
    col('city', 'text', (r) => r.city),
    col('district', 'text', (r) => r.district),
    col('address_detail', 'text', (r) => r.addressDetail),
    col('native_place', 'text', (r) => r.nativePlace),
    col('education', 'text', (r) => r.education),
    col('marital_status', 'text', (r) => r.maritalStatus),
    col('occupation', 'text', (r) => r.occupation),
    col('position', 'text', (r) => r.position),
    col('employer', 'text', (r) => r.employer),
    col('economic_status', 'text', (r) => r.economicStatus),
    col('hobbies', 'text', (r) => r.hobbies),
    col('personality_notes', 'text', (r) => r.personalityNotes),
    col('consumption_habits', 'text', (r) => r.consumptionHabits),
    col('preferred_channel', 'text', (r) => r.preferredChannel),
    col('preferred_language', 'text', (r) => r.preferredLanguage),
    col('special_days', 'jsonb', (r) => (r.specialDays.length ? JSON.stringify(r.specialDays) : '[]')),
    col('tags', 'text[]', (r) => r.tags),
    col('vip', 'bool', (r) => r.vip),
    col('health_manager_id', 'uuid', (r) => r.healthManagerId),
    col('deceased', 'bool', (r) => r.deceased),
    col('deceased_at', 'date', (r) => r.deceasedAt),
    col('created_at', 'timestamptz', (r) => r.createdAt),
    col('updated_at', 'timestamptz', (r) => r.updatedAt),
  ],
};

export const PHONES: TableSpec<DemoPhone> = {
  key: 'phones',
  table: 'patient_phones',
  columns: [
    ...base<DemoPhone>(),
    col('kind', 'text', (r) => r.kind),
    col('is_primary', 'bool', (r) => r.isPrimary),
    col('cipher', 'text', (r, c) => c.protect.phone(r.number).cipher),
    col('hash', 'text', (r, c) => c.protect.phone(r.number).hash),
    col('last4', 'text', (r, c) => c.protect.phone(r.number).last4),
    col('masked', 'text', (r, c) => c.protect.phone(r.number).masked),
    col('created_at', 'timestamptz', (r) => r.createdAt),
  ],
};

export const IDENTIFIERS: TableSpec<DemoIdentifier> = {
  key: 'identifiers',
  table: 'patient_identifiers',
  columns: [
    ...base<DemoIdentifier>(),
    col('kind', 'text', (r) => r.kind),
    col('system', 'text', (r) => r.system),
    col('value', 'text', (r) => r.value),
    col('created_at', 'timestamptz', (r) => r.createdAt),
  ],
};

export const CONTACTS: TableSpec<DemoContact> = {
  key: 'contacts',
  table: 'patient_contacts',
  columns: [
    ...base<DemoContact>(),
    col('relation', 'text', (r) => r.relation),
    col('name', 'text', (r) => r.name),
    col('phone_cipher', 'text', (r, c) => (r.phone ? c.protect.phone(r.phone).cipher : null)),
    col('phone_hash', 'text', (r, c) => (r.phone ? c.protect.phone(r.phone).hash : null)),
    col('phone_masked', 'text', (r, c) => (r.phone ? c.protect.phone(r.phone).masked : null)),
    col('emergency', 'bool', (r) => r.emergency),
    col('note', 'text', (r) => r.note),
    col('created_at', 'timestamptz', (r) => r.createdAt),
    col('updated_at', 'timestamptz', (r) => r.createdAt),
  ],
};

export const CONSENTS: TableSpec<DemoConsent> = {
  key: 'consents',
  table: 'patient_consents',
  columns: [
    ...base<DemoConsent>(),
    col('purpose', 'text', (r) => r.purpose),
    col('channel', 'text', (r) => r.channel),
    col('granted', 'bool', (r) => r.granted),
    col('granted_at', 'timestamptz', (r) => r.grantedAt),
    col('withdrawn_at', 'timestamptz', (r) => r.withdrawnAt),
    col('source', 'text', (r) => r.source),
    col('updated_at', 'timestamptz', (r) => r.updatedAt),
  ],
};

export const ENCOUNTERS: TableSpec<DemoEncounter> = {
  key: 'encounters',
  table: 'encounters',
  columns: [
    ...base<DemoEncounter>(),
    col('kind', 'text', (r) => r.kind),
    col('department_id', 'uuid', (r, c) => c.departmentId(r.departmentCode)),
    col('practitioner_id', 'uuid', (r, c) => c.practitionerId(r.practitionerCode)),
    col('start_at', 'timestamptz', (r) => r.startAt),
    col('end_at', 'timestamptz', (r) => r.endAt),
    col('registration_channel', 'text', (r) => r.registrationChannel),
    col('waiting_minutes', 'int4', (r) => r.waitingMinutes),
    col('status', 'text', (r) => r.status),
    source(),
    col('created_at', 'timestamptz', (r) => r.createdAt),
  ],
};

export const DIAGNOSES: TableSpec<DemoDiagnosis> = {
  key: 'diagnoses',
  table: 'diagnoses',
  columns: [
    ...base<DemoDiagnosis>(),
    col('encounter_id', 'uuid', (r) => r.encounterId),
    col('icd10_code', 'text', (r) => r.icd10Code),
    col('name', 'text', (r) => r.name),
    col('chronic', 'bool', (r) => r.chronic),
    col('diagnosed_at', 'timestamptz', (r) => r.diagnosedAt),
    source(),
  ],
};

export const RESULTS: TableSpec<DemoResult> = {
  key: 'results',
  table: 'results',
  columns: [
    ...base<DemoResult>(),
    col('encounter_id', 'uuid', (r) => r.encounterId),
    col('kind', 'text', (r) => r.kind),
    col('code', 'text', (r) => r.code),
    col('name', 'text', (r) => r.name),
    col('value_numeric', 'numeric', (r) => r.valueNumeric),
    col('value_text', 'text', (r) => r.valueText),
    col('unit', 'text', (r) => r.unit),
    col('reference_low', 'numeric', (r) => r.referenceLow),
    col('reference_high', 'numeric', (r) => r.referenceHigh),
    col('reference_text', 'text', (r) => r.referenceText),
    col('abnormal_flag', 'text', (r) => r.abnormalFlag),
    col('conclusion', 'text', (r) => r.conclusion),
    col('released_at', 'timestamptz', (r) => r.releasedAt),
    source(),
  ],
};

export const MEDICATIONS: TableSpec<DemoMedication> = {
  key: 'medications',
  table: 'medications',
  columns: [
    ...base<DemoMedication>(),
    col('encounter_id', 'uuid', (r) => r.encounterId),
    col('drug_code', 'text', (r) => r.drugCode),
    col('drug_name', 'text', (r) => r.drugName),
    col('dose', 'text', (r) => r.dose),
    col('frequency', 'text', (r) => r.frequency),
    col('route', 'text', (r) => r.route),
    col('prescribed_at', 'timestamptz', (r) => r.prescribedAt),
    col('start_date', 'date', (r) => r.startDate),
    col('end_date', 'date', (r) => r.endDate),
    col('chronic', 'bool', (r) => r.chronic),
    source(),
  ],
};

export const ALLERGIES: TableSpec<DemoAllergy> = {
  key: 'allergies',
  table: 'allergies',
  columns: [
    ...base<DemoAllergy>(),
    col('substance', 'text', (r) => r.substance),
    col('reaction', 'text', (r) => r.reaction),
    col('severity', 'text', (r) => r.severity),
    col('recorded_at', 'timestamptz', (r) => r.recordedAt),
    source(),
  ],
};

export const PROCEDURES: TableSpec<DemoProcedure> = {
  key: 'procedures',
  table: 'procedures',
  columns: [
    ...base<DemoProcedure>(),
    col('encounter_id', 'uuid', (r) => r.encounterId),
    col('code', 'text', (r) => r.code),
    col('name', 'text', (r) => r.name),
    col('performed_at', 'timestamptz', (r) => r.performedAt),
    source(),
  ],
};

export const FAMILY_HISTORY: TableSpec<DemoFamilyHistory> = {
  key: 'familyHistory',
  table: 'family_history',
  columns: [
    ...base<DemoFamilyHistory>(),
    col('relation', 'text', (r) => r.relation),
    col('condition', 'text', (r) => r.condition),
    col('icd10_code', 'text', (r) => r.icd10Code),
    col('note', 'text', (r) => r.note),
    source(),
  ],
};

export const CHARGES: TableSpec<DemoCharge> = {
  key: 'charges',
  table: 'charges',
  columns: [
    ...base<DemoCharge>(),
    col('encounter_id', 'uuid', (r) => r.encounterId),
    col('category', 'text', (r) => r.category),
    col('amount_fen', 'int8', (r) => r.amountFen),
    col('payment_method', 'text', (r) => r.paymentMethod),
    col('payer', 'text', (r) => r.payer),
    col('insurer', 'text', (r) => r.insurer),
    col('charged_at', 'timestamptz', (r) => r.chargedAt),
    source(),
  ],
};

type AnySpec = { [K in DemoTable]: TableSpec<DemoBatch[K][number]> }[DemoTable];

/** In load order: every row's parents (patient, encounter) are in an earlier table. */
export const LOAD_ORDER: readonly AnySpec[] = [
  PATIENTS,
  PHONES,
  IDENTIFIERS,
  CONTACTS,
  CONSENTS,
  ENCOUNTERS,
  DIAGNOSES,
  RESULTS,
  MEDICATIONS,
  PROCEDURES,
  CHARGES,
  ALLERGIES,
  FAMILY_HISTORY,
];

/** The tables the population fills; a seed refuses (or bulk-loads) depending on whether they hold rows. */
export const BULK_TABLES: readonly string[] = LOAD_ORDER.map((s) => s.table);
