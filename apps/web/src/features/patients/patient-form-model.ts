import type { Channel, CreatePatientRequest, Gender, Patient, PhoneKind } from '@carebridge/contracts';

type Req = CreatePatientRequest;
type Identifier = NonNullable<Req['identifiers']>[number];
type Contact = NonNullable<Req['contacts']>[number];

/** What the patient form holds: the request's shape, with blanks where the request has nulls. */
export interface PatientFormValues {
  name?: string;
  gender?: Gender;
  birthDate?: string | null;
  idCard?: string;
  phones?: { number?: string; kind?: PhoneKind; primary?: boolean }[];
  email?: string;
  address?: { province?: string; city?: string; district?: string; detail?: string };
  nativePlace?: string;
  education?: Req['education'];
  maritalStatus?: Req['maritalStatus'];
  occupation?: string;
  position?: string;
  employer?: string;
  economicStatus?: Req['economicStatus'];
  hobbies?: string;
  personalityNotes?: string;
  consumptionHabits?: string;
  preferredChannel?: Channel;
  preferredLanguage?: string;
  specialDays?: { label?: string; monthDay?: string; lunar?: boolean }[];
  tags?: string[];
  vip?: boolean;
  healthManagerId?: string;
  deceased?: boolean;
  deceasedAt?: string | null;
  identifiers?: { kind?: Identifier['kind']; system?: string; value?: string }[];
  contacts?: {
    relation?: Contact['relation'];
    name?: string;
    phone?: string;
    emergency?: boolean;
    note?: string;
  }[];
  /** Editing only: phone numbers are masked, so the list is replaced as a whole or left alone. */
  replacePhones?: boolean;
  replaceContacts?: boolean;
}

export const EMPTY_FORM: PatientFormValues = {
  phones: [{ kind: 'mobile', primary: true }],
  address: {},
  specialDays: [],
  tags: [],
  vip: false,
  deceased: false,
  identifiers: [],
  contacts: [],
};

/** The stored record as form values; masked numbers cannot be edited and start blank. */
export function toFormValues(p: Patient): PatientFormValues {
  return {
    name: p.name,
    gender: p.gender,
    birthDate: p.birthDate,
    phones: [],
    email: p.email ?? '',
    address: {
      province: p.address.province ?? '',
      city: p.address.city ?? '',
      district: p.address.district ?? '',
      detail: p.address.detail ?? '',
    },
    nativePlace: p.nativePlace ?? '',
    education: p.education ?? undefined,
    maritalStatus: p.maritalStatus ?? undefined,
    occupation: p.occupation ?? '',
    position: p.position ?? '',
    employer: p.employer ?? '',
    economicStatus: p.economicStatus ?? undefined,
    hobbies: p.hobbies ?? '',
    personalityNotes: p.personalityNotes ?? '',
    consumptionHabits: p.consumptionHabits ?? '',
    preferredChannel: p.preferredChannel ?? undefined,
    preferredLanguage: p.preferredLanguage ?? '',
    specialDays: p.specialDays.map((d) => ({ ...d })),
    tags: p.tags,
    vip: p.vip,
    healthManagerId: p.healthManager?.id,
    deceased: p.deceased,
    deceasedAt: p.deceasedAt,
    identifiers: p.identifiers.map(({ kind, system, value }) => ({ kind, system, value })),
    contacts: p.contacts.map((c) => ({
      relation: c.relation,
      name: c.name,
      emergency: c.emergency,
      note: c.note ?? '',
    })),
    replacePhones: false,
    replaceContacts: false,
  };
}

const orNull = <T>(v: T | undefined | null): T | null => (v === undefined || v === '' ? null : v);

/**
 * Form values → the request body before validation (zod trims and turns blank notes into null).
 * `editing` leaves out the lists of masked numbers unless the user chose to replace them.
 */
export function toRequestInput(v: PatientFormValues, editing: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: v.name ?? '',
    gender: v.gender,
    birthDate: orNull(v.birthDate),
    idCard: v.idCard?.trim() ? v.idCard.trim().toUpperCase() : null,
    // A phone row left blank is no phone (the form starts with one empty row).
    phones: (v.phones ?? [])
      .filter((p) => p.number?.trim())
      .map((p) => ({ number: p.number ?? '', kind: p.kind ?? 'mobile', primary: !!p.primary })),
    email: v.email?.trim() ? v.email.trim() : null,
    address: {
      province: v.address?.province ?? '',
      city: v.address?.city ?? '',
      district: v.address?.district ?? '',
      detail: v.address?.detail ?? '',
    },
    nativePlace: v.nativePlace ?? '',
    education: v.education ?? null,
    maritalStatus: v.maritalStatus ?? null,
    occupation: v.occupation ?? '',
    position: v.position ?? '',
    employer: v.employer ?? '',
    economicStatus: v.economicStatus ?? null,
    hobbies: v.hobbies ?? '',
    personalityNotes: v.personalityNotes ?? '',
    consumptionHabits: v.consumptionHabits ?? '',
    preferredChannel: v.preferredChannel ?? null,
    preferredLanguage: v.preferredLanguage ?? '',
    specialDays: (v.specialDays ?? []).map((d) => ({
      label: d.label ?? '',
      monthDay: d.monthDay ?? '',
      lunar: !!d.lunar,
    })),
    tags: v.tags ?? [],
    vip: !!v.vip,
    healthManagerId: v.healthManagerId ?? null,
    deceased: !!v.deceased,
    deceasedAt: v.deceased ? orNull(v.deceasedAt) : null,
    identifiers: (v.identifiers ?? []).map((i) => ({
      kind: i.kind,
      system: i.system ?? '',
      value: i.value ?? '',
    })),
    contacts: (v.contacts ?? []).map((c) => ({
      relation: c.relation,
      name: c.name ?? '',
      phone: c.phone?.trim() ? c.phone.trim() : null,
      emergency: !!c.emergency,
      note: c.note ?? '',
    })),
  };
  if (editing) {
    // An ID-card number left blank keeps the stored one (it is shown masked, not editable).
    if (body.idCard === null) delete body.idCard;
    if (!v.replacePhones) delete body.phones;
    if (!v.replaceContacts) delete body.contacts;
  }
  return body;
}

/** The fields whose request value differs from the record's: a PATCH sends only what the user changed. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after))
    if (JSON.stringify(value) !== JSON.stringify(before[key])) patch[key] = value;
  return patch;
}
