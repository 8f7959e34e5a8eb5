import { ageOn } from '@carebridge/domain';
import type { Patient, PatientListItem } from '@carebridge/contracts';
import type { PatientParts, PatientRow } from './patients.repository';

type Enum<K extends keyof Patient> = NonNullable<Patient[K]>;

/** The masked view staff see; clear numbers only ever leave through unmask or export. */
export function toPatient(
  row: PatientRow,
  parts: PatientParts,
  today: string,
  healthManager: { id: string; displayName: string } | null,
): Patient {
  return {
    id: row.id,
    name: row.name,
    namePinyin: row.namePinyin,
    nameInitials: row.nameInitials,
    gender: row.gender as Patient['gender'],
    birthDate: row.birthDate,
    age: row.birthDate ? ageOn(row.birthDate, today) : null,
    idCardMasked: row.idCardMasked,
    phones: parts.phones.map((p) => ({
      id: p.id,
      kind: p.kind as Patient['phones'][number]['kind'],
      primary: p.isPrimary,
      masked: p.masked,
    })),
    email: row.email,
    address: { province: row.province, city: row.city, district: row.district, detail: row.addressDetail },
    nativePlace: row.nativePlace,
    education: row.education as Enum<'education'> | null,
    maritalStatus: row.maritalStatus as Enum<'maritalStatus'> | null,
    occupation: row.occupation,
    position: row.position,
    employer: row.employer,
    economicStatus: row.economicStatus as Enum<'economicStatus'> | null,
    hobbies: row.hobbies,
    personalityNotes: row.personalityNotes,
    consumptionHabits: row.consumptionHabits,
    preferredChannel: row.preferredChannel as Enum<'preferredChannel'> | null,
    preferredLanguage: row.preferredLanguage,
    specialDays: row.specialDays,
    tags: row.tags,
    vip: row.vip,
    healthManager,
    deceased: row.deceased,
    deceasedAt: row.deceasedAt,
    mergedInto: row.mergedInto,
    erasedAt: row.erasedAt?.toISOString() ?? null,
    identifiers: parts.identifiers.map((i) => ({
      id: i.id,
      kind: i.kind as Patient['identifiers'][number]['kind'],
      system: i.system,
      value: i.value,
    })),
    contacts: parts.contacts.map((c) => ({
      id: c.id,
      relation: c.relation as Patient['contacts'][number]['relation'],
      name: c.name,
      phoneMasked: c.phoneMasked,
      emergency: c.emergency,
      note: c.note,
    })),
    consents: parts.consents.map((c) => ({
      purpose: c.purpose as Patient['consents'][number]['purpose'],
      channel: c.channel as Patient['consents'][number]['channel'],
      granted: c.granted,
      grantedAt: c.grantedAt?.toISOString() ?? null,
      withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
      source: c.source as Patient['consents'][number]['source'],
    })),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface ListRow {
  id: string;
  name: string;
  namePinyin: string;
  gender: string;
  birthDate: string | null;
  idCardMasked: string | null;
  tags: string[];
  vip: boolean;
  deceased: boolean;
}

export function toListItem(
  row: ListRow,
  today: string,
  phoneMasked: string | null,
  mrn: string | null,
): PatientListItem {
  return {
    id: row.id,
    name: row.name,
    namePinyin: row.namePinyin,
    gender: row.gender as PatientListItem['gender'],
    birthDate: row.birthDate,
    age: row.birthDate ? ageOn(row.birthDate, today) : null,
    idCardMasked: row.idCardMasked,
    phoneMasked,
    mrn,
    tags: row.tags,
    vip: row.vip,
    deceased: row.deceased,
  };
}
