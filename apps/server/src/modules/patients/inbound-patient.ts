import { nameSearchKeys, parseIdCard, type InboundPatient, type InboundProblem } from '@carebridge/domain';
import { newId } from '@carebridge/db';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data';
import type { ImportIdentifierRow, ImportPatientRow, ImportPhoneRow } from './patients.import';
import { normalisePhone, storedIdCard, storedPhone } from './personal-identifiers';

/** A patient from a source system, ready to store: columns, phones and identifiers, numbers protected. */
export interface PatientDraft {
  row: ImportPatientRow;
  phones: ImportPhoneRow[];
  identifiers: ImportIdentifierRow[];
  /** Normalised phone numbers' blind indexes (what the matcher compares). */
  phoneHashes: string[];
}

export const SOURCE_IDENTIFIER_KIND = 'source';

/**
 * Turns an inbound patient into rows. An ID-card number that fails its check digit rejects the record (the
 * source must fix it: a wrong number would merge two people). Phones: mainland numbers are validated and
 * normalised; other numbers (a foreign patient's, a test system's) are kept as 'other' with their digits.
 */
export function patientDraft(
  cipher: PersonalDataCipher,
  tenantId: string,
  p: InboundPatient,
): { draft: PatientDraft | null; problems: InboundProblem[] } {
  const problems: InboundProblem[] = [];
  const name = p.name.normalize('NFKC').trim();
  if (!name) problems.push({ where: 'name', message: 'required' });
  let idCard: ReturnType<typeof storedIdCard> | null = null;
  let birthDate = p.birthDate ?? null;
  let gender = p.gender;
  if (p.idCard) {
    const parsed = parseIdCard(p.idCard);
    if (!parsed.ok) problems.push({ where: 'idCard', message: `id_card_${parsed.problem}` });
    else {
      idCard = storedIdCard(cipher, parsed.value.number);
      if (birthDate && birthDate !== parsed.value.birthDate)
        problems.push({ where: 'birthDate', message: 'id_card_birth_date_mismatch' });
      birthDate ??= parsed.value.birthDate;
      if (gender === 'unknown') gender = parsed.value.gender;
    }
  }
  if (problems.length) return { draft: null, problems };
  const id = newId();
  const keys = nameSearchKeys(name);
  const phones = protectedPhones(cipher, tenantId, id, p.phones);
  return {
    problems,
    draft: {
      row: {
        id,
        tenantId,
        name,
        namePinyin: keys.pinyin,
        nameInitials: keys.initials,
        gender,
        birthDate,
        idCardCipher: idCard?.cipher ?? null,
        idCardHash: idCard?.hash ?? null,
        idCardMasked: idCard?.masked ?? null,
        email: p.email ?? null,
        province: p.address?.province ?? null,
        city: p.address?.city ?? null,
        district: p.address?.district ?? null,
        addressDetail: p.address?.detail ?? null,
        maritalStatus: p.maritalStatus ?? null,
        preferredLanguage: p.preferredLanguage ?? null,
        deceased: p.deceased ?? false,
        deceasedAt: p.deceasedAt ?? null,
      },
      phones,
      phoneHashes: phones.map((ph) => ph.hash),
      identifiers: [
        { kind: SOURCE_IDENTIFIER_KIND, system: p.source.system, value: p.source.id },
        ...p.identifiers,
      ].map((i) => ({
        id: newId(),
        tenantId,
        patientId: id,
        kind: i.kind,
        system: i.system,
        value: i.value,
      })),
    },
  };
}

function protectedPhones(
  cipher: PersonalDataCipher,
  tenantId: string,
  patientId: string,
  phones: InboundPatient['phones'],
): ImportPhoneRow[] {
  const seen = new Set<string>();
  const out: ImportPhoneRow[] = [];
  for (const ph of phones) {
    const number = normalisedPhone(ph.number, ph.kind);
    if (!number || seen.has(number.value)) continue;
    seen.add(number.value);
    const stored = storedPhone(cipher, number.value);
    out.push({
      id: newId(),
      tenantId,
      patientId,
      kind: number.foreign ? 'other' : ph.kind,
      isPrimary: out.length === 0,
      ...stored,
    });
  }
  return out.slice(0, 5);
}

function normalisedPhone(raw: string, kind: string): { value: string; foreign: boolean } | null {
  // A source may call a mobile 'home': any mainland number is taken as such.
  const mainland = normalisePhone(raw, kind) ?? normalisePhone(raw, 'other');
  if (mainland) return { value: mainland, foreign: false };
  const digits = raw.replace(/[^\d+]/g, '');
  return /^\+?\d{6,15}$/.test(digits) ? { value: digits, foreign: true } : null;
}

/** True when the stored person already says what the source says (a re-import changes nothing). */
export function sameAsStored(
  draft: PatientDraft,
  stored: ImportPatientRow & { phoneHashes: string[]; mergedInto: string | null },
  columns: readonly (readonly [keyof ImportPatientRow, string, string])[],
): boolean {
  for (const [k] of columns) {
    // The ciphertext differs on every encryption (random IV); the blind index says whether the number did.
    if (k === 'idCardCipher') continue;
    if ((draft.row[k] ?? null) !== (stored[k] ?? null)) return false;
  }
  // A merged record's phones went to the person it was merged into: nothing to compare there.
  return stored.mergedInto ? true : draft.phoneHashes.every((h) => stored.phoneHashes.includes(h));
}
