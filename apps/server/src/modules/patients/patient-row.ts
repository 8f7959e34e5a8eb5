import { nameSearchKeys } from '@carebridge/domain';
import type { CreatePatientRequest, UpdatePatientRequest } from '@carebridge/contracts';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data';
import { AppError } from '../../platform/errors';
import type { ContactRow, NewPatientRow, PhoneRow } from './patients.repository';
import { protectPhone } from './personal-identifiers';

type Input = CreatePatientRequest | UpdatePatientRequest;

/** The patient columns an input sets; fields the input leaves out are left out here too (PATCH). */
export function patientColumns(input: Input): Partial<NewPatientRow> {
  const out: Partial<NewPatientRow> = {};
  const set = <K extends keyof NewPatientRow>(key: K, value: NewPatientRow[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  if (input.name !== undefined) {
    const keys = nameSearchKeys(input.name);
    out.name = input.name;
    out.namePinyin = keys.pinyin;
    out.nameInitials = keys.initials;
  }
  set('gender', input.gender);
  set('birthDate', input.birthDate);
  set('email', input.email);
  if (input.address) {
    set('province', input.address.province);
    set('city', input.address.city);
    set('district', input.address.district);
    set('addressDetail', input.address.detail);
  }
  set('nativePlace', input.nativePlace);
  set('education', input.education);
  set('maritalStatus', input.maritalStatus);
  set('occupation', input.occupation);
  set('position', input.position);
  set('employer', input.employer);
  set('economicStatus', input.economicStatus);
  set('hobbies', input.hobbies);
  set('personalityNotes', input.personalityNotes);
  set('consumptionHabits', input.consumptionHabits);
  set('preferredChannel', input.preferredChannel);
  set('preferredLanguage', input.preferredLanguage);
  set('specialDays', input.specialDays);
  set('tags', input.tags ? [...new Set(input.tags)] : undefined);
  set('vip', input.vip);
  set('healthManagerId', input.healthManagerId);
  set('deceased', input.deceased);
  set('deceasedAt', input.deceasedAt);
  return out;
}

type Ctx = { tenantId: string; patientId: string; now: Date; cipher: PersonalDataCipher };

/** The stored number of a phone named by id: the editor saw it masked and kept it. */
function keptNumber<T>(stored: T[], id: string | undefined, path: string, message: string): T {
  const found = stored.find((s) => (s as { id: string }).id === id);
  if (!found) throw new AppError('validation_failed', [{ path, message }]);
  return found;
}

export function phoneRows(c: Ctx, phones: NonNullable<Input['phones']>, stored: PhoneRow[]) {
  // The first phone is primary unless another one is marked.
  const primary = Math.max(
    0,
    phones.findIndex((p) => p.primary),
  );
  const rows = phones.map((p, i) => {
    const number =
      p.number !== undefined
        ? protectPhone(c.cipher, p.number, p.kind, `phones.${i}.number`)
        : pick(keptNumber(stored, p.id, `phones.${i}.id`, 'unknown_phone'));
    return {
      tenantId: c.tenantId,
      patientId: c.patientId,
      kind: p.kind,
      isPrimary: i === primary,
      ...number,
    };
  });
  rows.forEach((r, i) => {
    if (rows.findIndex((x) => x.hash === r.hash) !== i)
      throw new AppError('validation_failed', [{ path: `phones.${i}.number`, message: 'phone_duplicate' }]);
  });
  return rows;
}

const pick = (p: PhoneRow) => ({ cipher: p.cipher, hash: p.hash, last4: p.last4, masked: p.masked });

export function identifierRows(c: Ctx, ids: NonNullable<Input['identifiers']>) {
  return ids.map((i) => ({ tenantId: c.tenantId, patientId: c.patientId, ...i }));
}

export function contactRows(c: Ctx, contacts: NonNullable<Input['contacts']>, stored: ContactRow[]) {
  return contacts.map((ct, i) => {
    const kept =
      ct.id !== undefined ? keptNumber(stored, ct.id, `contacts.${i}.id`, 'unknown_contact') : undefined;
    const phone =
      ct.phone === undefined && kept
        ? kept.phoneCipher && kept.phoneHash && kept.phoneMasked
          ? { cipher: kept.phoneCipher, hash: kept.phoneHash, masked: kept.phoneMasked }
          : null
        : ct.phone
          ? protectPhone(c.cipher, ct.phone, 'other', `contacts.${i}.phone`)
          : null;
    return {
      tenantId: c.tenantId,
      patientId: c.patientId,
      relation: ct.relation,
      name: ct.name,
      phoneCipher: phone?.cipher ?? null,
      phoneHash: phone?.hash ?? null,
      phoneMasked: phone?.masked ?? null,
      emergency: ct.emergency,
      note: ct.note ?? null,
    };
  });
}

export function consentRows(c: Ctx, consents: NonNullable<Input['consents']>) {
  return consents.map((x) => ({
    tenantId: c.tenantId,
    patientId: c.patientId,
    purpose: x.purpose,
    channel: x.channel,
    granted: x.granted,
    grantedAt: x.granted ? c.now : null,
    withdrawnAt: x.granted ? null : c.now,
    source: x.source,
    updatedAt: c.now,
  }));
}
