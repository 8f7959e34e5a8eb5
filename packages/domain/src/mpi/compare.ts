import type { BirthDateFeature, MatchFeatures, NameFeature } from './record';

/**
 * Per-field comparison levels. Each pair of records gets one level per field; the level, not the raw
 * similarity, carries the weight, so that staff can read "family name: close (jw ≥ 0.94)" in the review
 * queue and so that m/u probabilities can be stated per level. `missing` always weighs 0.
 */
export const FIELD_LEVELS = {
  familyName: ['exact', 'homophone', 'close', 'similar', 'swapped', 'disagree', 'missing'],
  givenName: ['exact', 'homophone', 'close', 'similar', 'swapped', 'disagree', 'missing'],
  birthDate: ['exact', 'transposed', 'one_differs', 'disagree', 'missing'],
  gender: ['agree', 'disagree', 'missing'],
  idNumber: ['exact', 'one_edit', 'disagree', 'missing'],
  phone: ['agree', 'disagree', 'missing'],
  area: ['agree', 'partial', 'region_agree', 'region_only', 'disagree', 'missing'],
  street: ['agree', 'partial', 'disagree', 'missing'],
} as const;

export type MatchField = keyof typeof FIELD_LEVELS;
export type FieldLevel<F extends MatchField = MatchField> = (typeof FIELD_LEVELS)[F][number];
export type NameLevel = FieldLevel<'familyName'>;

/** Similarity cut-offs of the name levels (Jaro–Winkler on the Latin form or pinyin). */
export const NAME_CLOSE = 0.94;
export const NAME_SIMILAR = 0.88;
/** Locality names agree from this Jaro–Winkler similarity ("beaconsfieod upper" ≈ "beaconsfield upper"). */
export const LOCALITY_AGREE = 0.9;
/** Street text agrees from this bigram Dice similarity (robust to split words and swapped lines). */
export const STREET_AGREE = 0.8;
export const STREET_PARTIAL = 0.5;

/**
 * Jaro–Winkler similarity in [0, 1] (Winkler 1990): Jaro's matching characters within a window of
 * ⌊max(|a|,|b|)/2⌋−1 and half-transpositions, then a bonus of 0.1 per common prefix character (at most 4)
 * once the Jaro similarity exceeds 0.7. Works on UTF-16 code units, which covers Latin and pinyin.
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  const aMatched = new Uint8Array(la);
  const bMatched = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (bMatched[j] === 0 && b.charCodeAt(j) === c) {
        aMatched[i] = 1;
        bMatched[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  // Matched characters in a's order against b's order; each mismatch is half a transposition.
  let halfTranspositions = 0;
  let j = 0;
  for (let i = 0; i < la; i++) {
    if (aMatched[i] === 0) continue;
    while (bMatched[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) halfTranspositions++;
    j++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - halfTranspositions / 2) / m) / 3;
  if (jaro <= 0.7) return jaro;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Whether two different strings are one typo apart: one substitution, insertion, deletion, or swap of
 * two adjacent characters (optimal string alignment distance ≤ 1). Linear time.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    // Substitution at i, or adjacent transposition at i, i+1; the rest must be equal.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // Insertion/deletion at i.
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Dice coefficient of two bigram multisets (2·|common| / (|a| + |b|)). */
export function diceBigrams(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const g of a) counts.set(g, (counts.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of b) {
    const n = counts.get(g);
    if (n !== undefined && n > 0) {
      common++;
      counts.set(g, n - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

/** How two name parts compare, before looking for swapped names. */
export function compareNamePart(a: NameFeature | undefined, b: NameFeature | undefined): NameLevel {
  if (!a || !b) return 'missing';
  if (a.chars === b.chars) return 'exact';
  // Same sound, different writing: 张三/张叁, or 张三 and "zhang san" from a passport.
  if (a.sound !== '' && a.sound === b.sound) return 'homophone';
  const sa = a.sound || a.chars;
  const sb = b.sound || b.chars;
  // An initial ("j" for "jacob") is weak agreement, like a similar spelling.
  if ((sa.length === 1 || sb.length === 1) && sa[0] === sb[0]) return 'similar';
  const jw = jaroWinkler(sa, sb);
  if (jw >= NAME_CLOSE) return 'close';
  if (jw >= NAME_SIMILAR) return 'similar';
  return 'disagree';
}

function nameSimilarity(a: NameFeature, b: NameFeature): number {
  return a.chars === b.chars ? 1 : jaroWinkler(a.sound || a.chars, b.sound || b.chars);
}

const NAME_AGREES: ReadonlySet<NameLevel> = new Set(['exact', 'homophone', 'close']);

/** Crosswise agreement: both similar, and at least one close (two typos on top of a swap is noise). */
function crossAgree(af: NameFeature, ag: NameFeature, bf: NameFeature, bg: NameFeature): boolean {
  const x = nameSimilarity(af, bg);
  const y = nameSimilarity(ag, bf);
  return Math.min(x, y) >= NAME_SIMILAR && Math.max(x, y) >= NAME_CLOSE;
}

/**
 * Family and given name levels together, so that a name entered the wrong way round (given name in the
 * family-name box, or "Zhang San" read Western-style) is seen as `swapped` on both rather than as two
 * disagreements.
 */
export function compareNames(a: MatchFeatures, b: MatchFeatures): { family: NameLevel; given: NameLevel } {
  const family = compareNamePart(a.family, b.family);
  const given = compareNamePart(a.given, b.given);
  if (
    !(NAME_AGREES.has(family) && NAME_AGREES.has(given)) &&
    a.family &&
    a.given &&
    b.family &&
    b.given &&
    crossAgree(a.family, a.given, b.family, b.given)
  ) {
    // 张三 and "Zhang San": Chinese order read the Western way. Not an error, just a different script.
    const crossScript = a.family.han !== b.family.han && a.given.han !== b.given.han;
    if (crossScript && a.family.sound === b.given.sound && a.given.sound === b.family.sound) {
      return { family: 'homophone', given: 'homophone' };
    }
    return { family: 'swapped', given: 'swapped' };
  }
  return { family, given };
}

export function compareBirthDates(
  a: BirthDateFeature | undefined,
  b: BirthDateFeature | undefined,
): FieldLevel<'birthDate'> {
  if (!a || !b) return 'missing';
  const sameY = a.year === b.year;
  const sameM = a.month === b.month;
  const sameD = a.day === b.day;
  if (sameY && sameM && sameD) return 'exact';
  // Day and month swapped (US vs day-first habits): 1990-03-07 vs 1990-07-03.
  if (sameY && a.day === b.month && a.month === b.day) return 'transposed';
  if (Number(sameY) + Number(sameM) + Number(sameD) === 2) return 'one_differs';
  return 'disagree';
}

export function compareGender(a: MatchFeatures, b: MatchFeatures): FieldLevel<'gender'> {
  if (!a.gender || !b.gender) return 'missing';
  return a.gender === b.gender ? 'agree' : 'disagree';
}

/** Near misses only between clear numbers: hashes of "1234567" and "1234576" share nothing. */
export function compareIds(a: MatchFeatures, b: MatchFeatures): FieldLevel<'idNumber'> {
  if (a.id === undefined || b.id === undefined) return 'missing';
  if (a.id === b.id) return 'exact';
  if (a.idClear && b.idClear && a.id.length >= 5 && withinOneEdit(a.id, b.id)) return 'one_edit';
  return 'disagree';
}

export function comparePhones(a: MatchFeatures, b: MatchFeatures): FieldLevel<'phone'> {
  if (a.phones.length === 0 || b.phones.length === 0) return 'missing';
  for (const p of a.phones) if (b.phones.includes(p)) return 'agree';
  return 'disagree';
}

type Part = 'agree' | 'near' | 'disagree' | 'missing';

function postcodePart(a: MatchFeatures, b: MatchFeatures): Part {
  if (a.postcode === undefined || b.postcode === undefined) return 'missing';
  if (a.postcode === b.postcode) return 'agree';
  return withinOneEdit(a.postcode, b.postcode) ? 'near' : 'disagree';
}

function localityPart(a: MatchFeatures, b: MatchFeatures): Part {
  if (a.locality === undefined || b.locality === undefined) return 'missing';
  if (a.locality === b.locality || jaroWinkler(a.locality, b.locality) >= LOCALITY_AGREE) return 'agree';
  return 'disagree';
}

function regionPart(a: MatchFeatures, b: MatchFeatures): Part {
  if (a.city !== undefined && b.city !== undefined) return a.city === b.city ? 'agree' : 'disagree';
  if (a.province !== undefined && b.province !== undefined) {
    return a.province === b.province ? 'agree' : 'disagree';
  }
  return 'missing';
}

/**
 * Where the person lives, as one field: postcode, locality and city/province are strongly correlated
 * (same suburb ⇒ same postcode ⇒ same state), so summing them as independent fields would count the
 * same evidence three times. Levels:
 * - agree: postcode or locality agree and neither disagrees (a one-typo postcode beside an agreeing
 *   locality still agrees);
 * - partial: one agrees (or the postcode is one typo off) while the other disagrees or is missing;
 * - region_only: postcode and locality disagree but city/province agree (moved within the region);
 * - region_agree: only city/province can be compared, and they agree;
 * - disagree: otherwise, when anything could be compared.
 */
export function compareArea(a: MatchFeatures, b: MatchFeatures): FieldLevel<'area'> {
  const p = postcodePart(a, b);
  const l = localityPart(a, b);
  const local = p !== 'missing' || l !== 'missing';
  if (p === 'agree' || l === 'agree') {
    if (p !== 'disagree' && l !== 'disagree') return 'agree';
    return 'partial';
  }
  if (p === 'near') return 'partial';
  const r = regionPart(a, b);
  if (r === 'agree') return local ? 'region_only' : 'region_agree';
  if (!local && r === 'missing') return 'missing';
  return 'disagree';
}

/**
 * Street number plus street text. The text is compared by bigram Dice on its compact form, so split or
 * joined words ("flemington markets"/"flemingtonmarkets") and swapped address lines still agree.
 */
export function compareStreet(a: MatchFeatures, b: MatchFeatures): FieldLevel<'street'> {
  const numberBoth = a.streetNumber !== undefined && b.streetNumber !== undefined;
  const numberAgrees = numberBoth && a.streetNumber === b.streetNumber;
  const textBoth = a.streetBigrams !== undefined && b.streetBigrams !== undefined;
  if (!numberBoth && !textBoth) return 'missing';
  const text = textBoth ? diceBigrams(a.streetBigrams ?? [], b.streetBigrams ?? []) : undefined;
  if (text !== undefined && text >= STREET_AGREE) return numberBoth && !numberAgrees ? 'partial' : 'agree';
  if (numberAgrees && (text === undefined || text >= STREET_PARTIAL)) return 'partial';
  return 'disagree';
}

export type FieldLevels = { [F in MatchField]: FieldLevel<F> };

/** All field levels of a pair. */
export function compareFeatures(a: MatchFeatures, b: MatchFeatures): FieldLevels {
  const names = compareNames(a, b);
  return {
    familyName: names.family,
    givenName: names.given,
    birthDate: compareBirthDates(a.birth, b.birth),
    gender: compareGender(a, b),
    idNumber: compareIds(a, b),
    phone: comparePhones(a, b),
    area: compareArea(a, b),
    street: compareStreet(a, b),
  };
}
