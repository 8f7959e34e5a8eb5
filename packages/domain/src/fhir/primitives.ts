/**
 * FHIR primitive formats, time conversion, exact money arithmetic and small CodeableConcept helpers shared by
 * the validator and the mappers.
 */
import type { CodeableConcept, Coding } from '@medplum/fhirtypes';

const YEAR = '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)';
const MONTH = '(0[1-9]|1[0-2])';
const DAY = '(0[1-9]|[1-2][0-9]|3[0-1])';
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?';
const OFFSET = '(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))';

/** The regular expressions of the R4 specification (datatypes.html), plus a real-calendar check below. */
const DATE_RE = new RegExp(`^${YEAR}(-${MONTH}(-${DAY})?)?$`);
const DATE_TIME_RE = new RegExp(`^${YEAR}(-${MONTH}(-${DAY}(T${TIME}${OFFSET})?)?)?$`);
const INSTANT_RE = new RegExp(`^${YEAR}-${MONTH}-${DAY}T${TIME}${OFFSET}$`);
const TIME_RE = new RegExp(`^${TIME}$`);

export type DateKind = 'date' | 'dateTime' | 'instant' | 'time';

/** Whether `value` is a FHIR date / dateTime / instant / time, including that the day exists (no 02-30). */
export function isFhirDate(value: string, kind: DateKind): boolean {
  const re =
    kind === 'date'
      ? DATE_RE
      : kind === 'dateTime'
        ? DATE_TIME_RE
        : kind === 'instant'
          ? INSTANT_RE
          : TIME_RE;
  if (!re.test(value)) return false;
  if (kind === 'time' || value.length < 10) return true;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * A FHIR dateTime as an ISO 8601 instant with offset. FHIR requires an offset whenever a time is given, so
 * only partial values (YYYY, YYYY-MM, YYYY-MM-DD) need the hospital's zone: they become the first instant of
 * that period there ('2012-09-17' → '2012-09-17T00:00:00+08:00'). Full values are kept exactly as sent.
 */
export function toInstant(value: string | undefined, timeZone: string): string | undefined {
  if (value === undefined) return undefined;
  switch (value.length) {
    case 4:
      return `${value}-01-01T00:00:00${timeZone}`;
    case 7:
      return `${value}-01T00:00:00${timeZone}`;
    case 10:
      return `${value}T00:00:00${timeZone}`;
    default:
      return value;
  }
}

/** YYYY-MM-DD from a date or dateTime (the date as written, in the sender's offset); partial dates give undefined. */
export function toDay(value: string | undefined): string | undefined {
  return value !== undefined && value.length >= 10 ? value.slice(0, 10) : undefined;
}

/** Milliseconds since the epoch of a dateTime (partial values at their start, in `timeZone`). */
export function toEpoch(value: string | undefined, timeZone: string): number | undefined {
  const instant = toInstant(value, timeZone);
  if (instant === undefined) return undefined;
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? undefined : ms;
}

export type FenResult = { ok: true; fen: number; rounded: boolean } | { ok: false };

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * A decimal amount of yuan (as a FHIR decimal string, or the JSON number it was parsed into) to integer fen,
 * exactly: the digits are shifted as text and rounded half away from zero on the third decimal, never through
 * a float multiplication (19.99 * 100 = 1998.9999999999998). A JSON number is first written back with
 * `String()`, the shortest text that parses to the same double, which is the text the sender wrote for any
 * amount with up to 15 significant digits. Amounts outside ±2^53 fen, NaN and Infinity are refused.
 */
export function decimalToFen(value: string | number): FenResult {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = DECIMAL_RE.exec(text);
  if (!m) return { ok: false };
  const negative = m[1] === '-';
  let digits = (m[2] ?? '') + (m[3] ?? '');
  // Position of the decimal point within `digits`, moved by the exponent and by the 2 places of fen.
  let point = (m[2] ?? '').length + Number(m[4] ?? '0') + 2;
  if (!Number.isSafeInteger(point) || Math.abs(point) > 400) return { ok: false };
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const whole = digits.slice(0, point) || '0';
  const rest = digits.slice(point);
  let fen = BigInt(whole);
  if (rest.length > 0 && rest.charCodeAt(0) >= 53 /* '5' */) fen += 1n;
  const rounded = /[1-9]/.test(rest);
  if (negative) fen = -fen;
  if (fen > BigInt(Number.MAX_SAFE_INTEGER) || fen < -BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false };
  const n = Number(fen);
  return { ok: true, fen: n === 0 ? 0 : n, rounded };
}

const HAN_RE = /\p{Script=Han}/u;

export function hasHan(s: string): boolean {
  return HAN_RE.test(s);
}

/** The first non-blank string, trimmed. */
export function firstText(...values: (string | undefined | null)[]): string | undefined {
  for (const v of values) {
    if (typeof v === 'string') {
      const t = v.trim();
      if (t !== '') return t;
    }
  }
  return undefined;
}

/** The first coding with a code whose system is `system` (or matches it). */
export function findCoding(
  concept: CodeableConcept | undefined,
  system: string | RegExp,
): Coding | undefined {
  for (const c of concept?.coding ?? []) {
    const s = c.system;
    if (s === undefined || c.code === undefined || c.code === '') continue;
    if (typeof system === 'string' ? s === system : system.test(s)) return c;
  }
  return undefined;
}

/** Whether any coding of any concept has one of the codes (system ignored: codes here are distinctive). */
export function hasCode(
  concepts: readonly (CodeableConcept | undefined)[] | undefined,
  codes: readonly string[],
) {
  for (const concept of concepts ?? []) {
    for (const c of concept?.coding ?? []) if (c.code !== undefined && codes.includes(c.code)) return true;
  }
  return false;
}

/** All codes of a concept (for table look-ups). */
export function codesOf(concept: CodeableConcept | undefined): string[] {
  const out: string[] = [];
  for (const c of concept?.coding ?? []) if (c.code !== undefined) out.push(c.code);
  return out;
}

/**
 * What a person would call the concept: its text (what the sender's users see, often the local-language
 * name), else the display of the preferred coding, else any display, else the preferred code.
 */
export function conceptName(concept: CodeableConcept | undefined, preferred?: Coding): string | undefined {
  if (concept === undefined) return undefined;
  return firstText(
    concept.text,
    preferred?.display,
    ...(concept.coding ?? []).map((c) => c.display),
    preferred?.code,
    concept.coding?.[0]?.code,
  );
}

export const SYSTEMS = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  v2_0203: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  /** ICD-10 and its national editions (icd-10-cm, icd-10-nl, a hospital's ICD-10-CN URL), never ICD-10-PCS. */
  icd10: /icd-?10(?!-?pcs)|^urn:oid:2\.16\.840\.1\.113883\.6\.(3|90)$/i,
  /** ICD-9-CM (volume 3 codes operations in Chinese hospitals). */
  icd9: /icd-?9|^urn:oid:2\.16\.840\.1\.113883\.6\.(2|103|104)$/i,
} as const;
