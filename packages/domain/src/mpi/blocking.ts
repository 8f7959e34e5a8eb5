import type { BirthDateFeature, MatchFeatures, NameFeature } from './record';

/**
 * American Soundex (first letter + three digits) of a Latin or pinyin string: Smith/Smyth → S530,
 * zhang/zang → Z520. Characters other than a–z are ignored; '' when there is no letter.
 */
export function soundex(s: string): string {
  const letters = s.toLowerCase().replace(/[^a-z]/g, '');
  if (letters === '') return '';
  const first = letters[0] ?? '';
  let out = first.toUpperCase();
  let last = SOUNDEX_CODES[first] ?? '';
  for (let i = 1; i < letters.length && out.length < 4; i++) {
    const c = letters[i] ?? '';
    const code = SOUNDEX_CODES[c] ?? '';
    // h and w do not separate letters with the same code; vowels do.
    if (code !== '' && code !== last) out += code;
    if (c !== 'h' && c !== 'w') last = code;
  }
  return out.padEnd(4, '0');
}

// prettier-ignore
const SOUNDEX_CODES: Readonly<Record<string, string>> = {
  b: '1', f: '1', p: '1', v: '1',
  c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2',
  d: '3', t: '3',
  l: '4',
  m: '5', n: '5',
  r: '6',
}; // vowels, h, w and y have no code

function isoDate(b: BirthDateFeature): string {
  return `${String(b.year).padStart(4, '0')}-${String(b.month).padStart(2, '0')}-${String(b.day).padStart(2, '0')}`;
}

/** The form of a name used in keys: pinyin for Han names, so 张三 and 张叁 share their keys. */
function spoken(n: NameFeature | undefined): string {
  return n ? n.sound || n.chars : '';
}

/** At most this many phones give a key each (the rest still count when comparing), leaving room for the others. */
const MAX_PHONE_KEYS = 2;

/** Keys per record, so that one record never fans out into many lookups. */
export const MAX_BLOCKING_KEYS = 8;

/**
 * Blocking keys of a normalised record: two records become candidates when they share at least one key.
 * Each key is one way two records of the same person still agree despite errors elsewhere; together they
 * cover errors in any one or two fields. Keys depend only on the record itself (the server HMACs them),
 * and each is selective (no key on a surname, a year or a postcode alone). In priority order, at most
 * `MAX_BLOCKING_KEYS`:
 * - `id:` the ID number; `ph:` each phone (at most 2);
 * - `bd:` birth date + the initial of the family name, and birth date + the initial of the given name, in
 *   one namespace, so a changed family name (marriage) or names entered the wrong way round still meet;
 * - `nm:` both names, order-free (a mistyped birth date);
 * - `sx:` Soundex of both names, order-free, + birth year (misspelt names);
 * - `ad:` street number + the start of the street (same address: both names and the birth date mistyped);
 * - `pb:` postcode + birth year.
 */
export function blockingKeys(f: MatchFeatures): string[] {
  const keys: string[] = [];
  if (f.id !== undefined) keys.push(`id:${f.id}`);
  for (const p of f.phones.slice(0, MAX_PHONE_KEYS)) keys.push(`ph:${p}`);
  const family = spoken(f.family);
  const given = spoken(f.given);
  if (f.birth) {
    const date = isoDate(f.birth);
    if (family !== '') keys.push(`bd:${date}|${family[0]}`);
    if (given !== '' && given[0] !== family[0]) keys.push(`bd:${date}|${given[0]}`);
  }
  if (family !== '' && given !== '') keys.push(`nm:${[family, given].sort().join('|')}`);
  const year = f.birth ? String(f.birth.year) : '';
  if (family !== '' && given !== '' && year !== '') {
    const codes = [soundex(family) || family[0], soundex(given) || given[0]].sort();
    keys.push(`sx:${codes.join('|')}|${year}`);
  }
  if (f.streetNumber !== undefined && f.street !== undefined && f.street.length >= STREET_PREFIX) {
    keys.push(`ad:${f.streetNumber}|${f.street.slice(0, STREET_PREFIX)}`);
  }
  if (f.postcode !== undefined && year !== '') keys.push(`pb:${f.postcode}|${year}`);
  return keys.slice(0, MAX_BLOCKING_KEYS);
}

/** Characters of the street text in the address key: enough to tell streets apart, short enough to survive most typos. */
const STREET_PREFIX = 5;
