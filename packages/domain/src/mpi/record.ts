import { parseIdCard } from '../cn-identity/id-card';
import { parsePhone } from '../cn-identity/phone';
import { nameSearchKeys } from '../cn-names/pinyin';

/**
 * What the master patient index compares about a person. Everything is optional: registrations arrive
 * half-filled, and a missing value must count as "no evidence", never as a disagreement.
 */
export interface MatchRecord {
  /** The name as written: '张三', 'Aaron Brekke'. Split into family and given name when those are absent. */
  name?: string;
  familyName?: string;
  givenName?: string;
  /** YYYY-MM-DD. Impossible dates (month 13) are still compared component by component: they are typos. */
  birthDate?: string;
  gender?: 'male' | 'female' | 'unknown';
  /**
   * National ID number. In the server this is an opaque blind-index hash, so only equality means anything;
   * `idClear` says it is the clear number, which allows near-miss (one typo) comparison.
   */
  idNumber?: string;
  idClear?: boolean;
  /** Clear numbers (evaluation) or opaque hashes (server); only equality is used either way. */
  phones?: string[];
  address?: MatchAddress;
}

export interface MatchAddress {
  streetNumber?: string;
  /** Street, building, unit: free text. */
  detail?: string;
  /** Suburb or district (区/县). */
  locality?: string;
  city?: string;
  province?: string;
  postcode?: string;
}

/** One part of a name in the two forms it is compared in. */
export interface NameFeature {
  /** Han characters, or the Latin name lowercased without accents, spaces or punctuation. */
  chars: string;
  /** How it sounds: pinyin for Han names, the same as `chars` for Latin ones. */
  sound: string;
  han: boolean;
}

export interface BirthDateFeature {
  year: number;
  month: number;
  day: number;
}

/** The comparison features of a record, computed once per record (not once per pair). */
export interface MatchFeatures {
  family?: NameFeature;
  given?: NameFeature;
  birth?: BirthDateFeature;
  gender?: 'male' | 'female';
  id?: string;
  idClear: boolean;
  phones: string[];
  postcode?: string;
  locality?: string;
  city?: string;
  province?: string;
  streetNumber?: string;
  /** Street detail lowercased with spaces and punctuation removed, and its character bigrams. */
  street?: string;
  streetBigrams?: string[];
}

/**
 * Compound surnames (复姓) still in use. Short on purpose: a two-character name starting with one of these
 * is a compound surname alone (司马 with no given name is unlikely), so only names of 3+ characters split
 * this way; a wrong split of a rare name costs little because swapped/whole-name agreement is still seen.
 */
// prettier-ignore
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯',
  '轩辕', '令狐', '钟离', '闾丘', '端木', '澹台', '独孤', '南宫', '西门', '百里', '呼延', '赫连', '申屠',
  '万俟', '东郭', '太史', '第五', '濮阳', '淳于', '单于', '公冶', '仲孙', '司空', '歐陽', '諸葛', '司馬',
]);

const HAN = /\p{Script=Han}/u;
const HAN_ONLY = /^\p{Script=Han}+$/u;
const NON_WORD = /[\p{Z}\s\p{P}\p{S}\p{C}]+/gu;

/** NFKC, trimmed, lower case; undefined when nothing is left. */
function clean(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = s.normalize('NFKC').trim().toLowerCase();
  return t === '' ? undefined : t;
}

function nameFeature(part: string | undefined, soundOverride?: string): NameFeature | undefined {
  const c = clean(part);
  if (c === undefined) return undefined;
  const han = HAN.test(c);
  // nameSearchKeys already strips accents, spaces and punctuation from Latin names ("Jac ob" → "jacob").
  const keys = nameSearchKeys(c).pinyin;
  const chars = han ? c.replace(NON_WORD, '') : keys;
  if (chars === '') return undefined;
  return { chars, sound: soundOverride ?? keys, han };
}

/** Family/given split of a Han name written as one string: 欧阳娜娜 → 欧阳 + 娜娜, 张三 → 张 + 三. */
export function splitHanName(name: string): [string, string] {
  const chars = [...name];
  const two = chars.slice(0, 2).join('');
  const familyLength = chars.length >= 3 && COMPOUND_SURNAMES.has(two) ? 2 : 1;
  return [chars.slice(0, familyLength).join(''), chars.slice(familyLength).join('')];
}

function names(rec: MatchRecord): { family?: NameFeature; given?: NameFeature } {
  let family = clean(rec.familyName);
  let given = clean(rec.givenName);
  const whole = clean(rec.name);
  if (whole !== undefined && family === undefined && given === undefined) {
    const compact = whole.replace(NON_WORD, '');
    if (HAN_ONLY.test(compact)) {
      [family, given] = splitHanName(compact);
    } else {
      // Latin (or mixed) names: the last word is the family name ("Aaron Brekke"). Chinese names written
      // family-first in Latin letters ("Zhang San") come out swapped, which the comparison recognises.
      const words = whole.split(/\s+/);
      family = words.pop();
      given = words.length > 0 ? words.join(' ') : undefined;
    }
  }
  if (family !== undefined && given !== undefined && HAN_ONLY.test(family) && HAN_ONLY.test(given)) {
    // Read the whole name once, so that the given name is read in context and the surname in surname
    // mode (单 is shan as a surname, dan in a given name); then cut the family syllables off the front.
    const familySound = nameSearchKeys(family).pinyin;
    const wholeSound = nameSearchKeys(family + given).pinyin;
    const givenSound = wholeSound.startsWith(familySound) ? wholeSound.slice(familySound.length) : undefined;
    return { family: nameFeature(family, familySound), given: nameFeature(given, givenSound) };
  }
  return { family: nameFeature(family), given: nameFeature(given) };
}

const ISO_DATE = /^(\d{4})-?(\d{2})-?(\d{2})/;

function birthDate(s: string | undefined): BirthDateFeature | undefined {
  const m = ISO_DATE.exec(s?.normalize('NFKC').trim() ?? '');
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // All-zero placeholders ("0000-00-00") are "unknown", not a date.
  if (year === 0 && month === 0 && day === 0) return undefined;
  return { year, month, day };
}

function idNumber(rec: MatchRecord): string | undefined {
  const raw = rec.idNumber?.normalize('NFKC').trim();
  if (!raw) return undefined;
  // An opaque hash is compared exactly as given: changing its case could merge two different hashes.
  if (!rec.idClear) return raw;
  const s = raw.replace(/[\s-]+/g, '').toUpperCase();
  // A 15-digit Chinese ID card is the same card as its 18-digit upgrade; compare them as one number.
  if (/^\d{15}$/.test(s)) {
    const card = parseIdCard(s);
    if (card.ok) return card.value.number;
  }
  return s;
}

function phone(p: string): string | undefined {
  const raw = p.normalize('NFKC').trim();
  if (!raw) return undefined;
  // Clear numbers are normalised (+86 138… = 138…); anything else (a hash) is kept as given.
  const parsed = parsePhone(raw);
  return parsed.ok ? parsed.value : raw;
}

function compactText(s: string | undefined): string | undefined {
  const c = clean(s);
  if (c === undefined) return undefined;
  const t = c.normalize('NFD').replace(/\p{M}/gu, '').replace(NON_WORD, '');
  return t === '' ? undefined : t;
}

/** Character bigrams of a string: order-insensitive enough that swapped address lines still agree. */
export function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  if (s.length === 1) out.push(s);
  return out;
}

/**
 * The comparison features of a record: NFKC, lower case, trimmed; Han names kept as characters and read
 * as pinyin; Latin names without accents, spaces or punctuation; family/given split when not given.
 */
export function normaliseForMatch(rec: MatchRecord): MatchFeatures {
  const { family, given } = names(rec);
  const addr = rec.address ?? {};
  const street = compactText(addr.detail);
  const gender = rec.gender === 'male' || rec.gender === 'female' ? rec.gender : undefined;
  const phones = [...new Set((rec.phones ?? []).map(phone).filter((p): p is string => p !== undefined))];
  const f: MatchFeatures = { idClear: rec.idClear === true, phones };
  if (family) f.family = family;
  if (given) f.given = given;
  const birth = birthDate(rec.birthDate);
  if (birth) f.birth = birth;
  if (gender) f.gender = gender;
  const id = idNumber(rec);
  if (id !== undefined) f.id = id;
  const postcode = compactText(addr.postcode);
  if (postcode !== undefined) f.postcode = postcode;
  const locality = compactText(addr.locality);
  if (locality !== undefined) f.locality = locality;
  const city = compactText(addr.city);
  if (city !== undefined) f.city = city;
  const province = compactText(addr.province);
  if (province !== undefined) f.province = province;
  const streetNumber = compactText(addr.streetNumber);
  if (streetNumber !== undefined) f.streetNumber = streetNumber;
  if (street !== undefined) {
    f.street = street;
    f.streetBigrams = bigrams(street);
  }
  return f;
}
