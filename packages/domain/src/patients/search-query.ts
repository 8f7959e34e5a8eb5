import { parseIdCard } from '../cn-identity/id-card';
import { parseMobile } from '../cn-identity/phone';
import { normalisePinyinQuery } from '../cn-names/pinyin';

/**
 * What one search box can mean. A query may mean several things at once ("1234" is a phone tail and
 * could be a record number), so every reading that fits is tried and the results are combined.
 */
export interface PatientQueryReadings {
  /** Han characters, spaces removed: matched against the name. */
  name?: string;
  /** Latin letters, normalised: matched as a prefix of full pinyin and of the initials. */
  pinyin?: string;
  /** Latin letters, 3 or more, as typed: part of a name written in Latin letters ('Koepp' in 'Abdul Koepp'). */
  latinName?: string;
  /** A full mainland mobile number, normalised to 11 digits. */
  phone?: string;
  /** Exactly four digits: 手机尾号. */
  phoneTail?: string;
  /** A valid ID-card number, normalised to 18 characters. */
  idCard?: string;
  /** Anything with a digit: an exact medical-record or card number. */
  recordNumber?: string;
}

const HAN = /\p{Script=Han}/u;

export function readPatientQuery(raw: string): PatientQueryReadings {
  const q = raw.trim();
  if (!q) return {};
  if (HAN.test(q)) return { name: q.replace(/\s+/g, '') };
  const compact = q.replace(/[\s-]/g, '');
  if (/^[A-Za-z'\u00C0-\u024F ]+$/.test(q)) {
    const pinyin = normalisePinyinQuery(q);
    const latinName = q.replace(/\s+/g, ' ');
    return {
      ...(pinyin ? { pinyin } : {}),
      ...(latinName.replace(/ /g, '').length >= 3 ? { latinName } : {}),
    };
  }
  const readings: PatientQueryReadings = { recordNumber: compact };
  if (/^\d{4}$/.test(compact)) readings.phoneTail = compact;
  const mobile = parseMobile(compact);
  if (mobile.ok) readings.phone = mobile.value;
  if (/^(\d{15}|\d{17}[\dXx])$/.test(compact)) {
    const card = parseIdCard(compact);
    if (card.ok) readings.idCard = card.value.number;
  }
  return readings;
}

/** Which kind of query it was, for the audit trail and the benchmark (never the query text itself). */
export function queryKind(r: PatientQueryReadings): string {
  return (
    (Object.keys(r) as (keyof PatientQueryReadings)[]).filter((k) => r[k] !== undefined).join('+') || 'none'
  );
}
