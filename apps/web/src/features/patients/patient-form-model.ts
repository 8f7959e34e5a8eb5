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
  /**
   * A stored phone has `id` and its `masked` number (all the editor may see): with `number` undefined or
   * blank its number is kept; a typed `number` replaces it. A row without `id` is a new number.
   */
  phones?: { id?: string; masked?: string; number?: string; kind?: PhoneKind; primary?: boolean }[];
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
  /**
   * A stored contact has `id` and `phoneMasked`: its `phone` undefined (or blank) keeps the stored number,
   * null removes it, a typed number replaces it.
   */
  contacts?: {
    id?: string;
    phoneMasked?: string | null;
    relation?: Contact['relation'];
    name?: string;
    phone?: string | null;
    emergency?: boolean;
    note?: string;
  }[];
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

/** The stored record as form values; masked numbers are kept by id unless a new number is typed. */
export function toFormValues(p: Patient): PatientFormValues {
  return {
    name: p.name,
    gender: p.gender,
    birthDate: p.birthDate,
    phones: p.phones.map(({ id, masked, kind, primary }) => ({ id, masked, kind, primary })),
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
      id: c.id,
      phoneMasked: c.phoneMasked,
      relation: c.relation,
      name: c.name,
      emergency: c.emergency,
      note: c.note ?? '',
    })),
  };
}

const orNull = <T>(v: T | undefined | null): T | null => (v === undefined || v === '' ? null : v);

type FormPhone = NonNullable<PatientFormValues['phones']>[number];
type FormContact = NonNullable<PatientFormValues['contacts']>[number];

/** A phone row that goes into the request: a stored phone, or a new row with a number typed in. */
const sentPhone = (p: FormPhone) => !!p.id || !!p.number?.trim();

/** A stored phone without a new number is named by id (its number is kept); otherwise the number is sent. */
function phoneInput(p: FormPhone) {
  const kind = p.kind ?? 'mobile';
  const primary = !!p.primary;
  return p.id && !p.number?.trim() ? { id: p.id, kind, primary } : { number: p.number ?? '', kind, primary };
}

/**
 * A stored contact keeps its number unless one is typed in or it is removed (null); with the key left out
 * the request compares equal to the record's, so an untouched contact list is not sent.
 */
function contactInput(c: FormContact) {
  const typed = typeof c.phone === 'string' && c.phone.trim() ? c.phone.trim() : undefined;
  const phone = typed ?? (c.id && c.phone !== null ? undefined : null);
  return {
    ...(c.id ? { id: c.id } : {}),
    relation: c.relation,
    name: c.name ?? '',
    ...(phone === undefined ? {} : { phone }),
    emergency: !!c.emergency,
    note: c.note ?? '',
  };
}

/**
 * Where a problem with the request lands in the form: phone rows left blank are not sent, so the request's
 * phones.N is the form's Nth phone row that was; a problem with a stored row's id (it has gone meanwhile)
 * goes on that row's number or the contact's name.
 */
export function toFormPath(v: PatientFormValues, path: (string | number)[]): (string | number)[] {
  const [list, index, field, ...rest] = path;
  if (list === 'phones' && typeof index === 'number') {
    const rows = (v.phones ?? []).flatMap((p, i) => (sentPhone(p) ? [i] : []));
    return [
      'phones',
      rows[index] ?? index,
      ...(field === 'id' ? ['number'] : field === undefined ? [] : [field]),
      ...rest,
    ];
  }
  if (list === 'contacts' && typeof index === 'number' && field === 'id') return ['contacts', index, 'name'];
  return path;
}

/**
 * Form values → the request body before validation (zod trims and turns blank notes into null).
 * `editing` leaves out a blank ID-card number (the stored one is kept).
 */
export function toRequestInput(v: PatientFormValues, editing: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: v.name ?? '',
    gender: v.gender,
    birthDate: orNull(v.birthDate),
    idCard: v.idCard?.trim() ? v.idCard.trim().toUpperCase() : null,
    // A new phone row left blank is no phone (the create form starts with one empty row).
    phones: (v.phones ?? []).filter(sentPhone).map(phoneInput),
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
    contacts: (v.contacts ?? []).map(contactInput),
  };
  // An ID-card number left blank keeps the stored one (it is shown masked, not editable).
  if (editing && body.idCard === null) delete body.idCard;
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
