import { parseIdCard, type IdCard } from '../cn-identity/id-card';
import { parseMobile, parsePhone } from '../cn-identity/phone';
import type { InboundGender, InboundPhoneKind } from '../interop/inbound';
import { GENDER_WORDS, lookupWord } from './vocabulary';

/**
 * Cell parsers for CSV and Excel imports. A cell is what the reader produced: a string (CSV, text cells), a
 * number (Excel numeric cells), a boolean, or a Date (Excel date cells, from exceljs). Each parser returns
 * the value in the inbound model's form, or a message code and, when it is safe to show, a detail.
 *
 * Dates from exceljs are "wall clock as UTC": a cell showing 2024-03-05 08:30 becomes the Date whose UTC
 * fields are 2024-03-05T08:30Z, whatever the time zone. So Date cells are read through their UTC fields, and
 * the hospital's time zone is applied afterwards, as for text.
 */

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string; detail?: string };

const DAY_MS = 86_400_000;
/** Nobody alive or recently deceased was born earlier (the same bound as the ID-card check). */
const EARLIEST_BIRTH = '1880-01-01';
/** Visits and charges outside these years are typos (or a day count read as a year). */
const EARLIEST_EVENT_YEAR = 1900;
const LATEST_EVENT_YEAR = 2100;

export function isBlankCell(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') {
    if (value.length === 0) return true;
    const c = value.charCodeAt(0);
    // Printable ASCII or a CJK ideograph: certainly not blank (the common case, without trimming).
    if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) return false;
    return value.trim() === '';
  }
  if (typeof value === 'number') return Number.isNaN(value);
  return false;
}

/**
 * A cell as text: trimmed, with the tricks spreadsheets use to keep a number as text undone (`="0123"`, a
 * leading apostrophe). Numbers are written without exponent where JavaScript can; Dates as YYYY-MM-DD (or
 * with the time when they have one). Anything else (objects a reader failed to flatten) reads as ''.
 */
export function cellText(value: unknown): string {
  switch (typeof value) {
    case 'string': {
      const text = value.trim();
      const c = text.charCodeAt(0);
      return c === 0x3d || c === 0x27 ? unwrapSpreadsheetText(text) : text; // = or '
    }
    case 'number':
      return Number.isFinite(value) ? String(value) : '';
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    case 'object':
      if (value instanceof Date) {
        const ms = value.getTime();
        if (Number.isNaN(ms)) return '';
        const iso = new Date(ms).toISOString();
        return ms % DAY_MS === 0 ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
      }
      return '';
    case 'undefined':
    case 'function':
    case 'symbol':
      return '';
  }
}

function unwrapSpreadsheetText(s: string): string {
  if (s.length >= 3 && s.startsWith('="') && s.endsWith('"'))
    return s.slice(2, -1).replaceAll('""', '"').trim();
  if (s.startsWith("'") && s.length > 1) return s.slice(1).trim();
  return s;
}

// ---------------------------------------------------------------------------------------------------------
// Dates and times

interface WallTime {
  /** Milliseconds since the epoch of the wall-clock time read as UTC. */
  wallMs: number;
  /** The offset written in the value itself ('Z', '+08:00'), in minutes, when there was one. */
  offsetMinutes?: number;
  hasTime: boolean;
}

const DATE_SEPARATED = /^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?!\d)/;
const DATE_CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})(?!\d)/;
/** HL7-style 20240305083000 (seconds optional). */
const DATE_TIME_COMPACT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?$/;
const TIME_COLON = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,9}))?)?$/;
const TIME_CHINESE = /^(\d{1,2})[时点](?:(\d{1,2})分(?:(\d{1,2})秒)?)?$/;
const MERIDIEM_BEFORE = /^(上午|早上|凌晨|中午|下午|晚上)/;
const MERIDIEM_AFTER = /(am|pm|a\.m\.|p\.m\.)$/i;
const OFFSET = /(?:z|([+-])(\d{2}):?(\d{2})?)$/i;

function ymdToMs(y: number, m: number, d: number): number | undefined {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return Date.UTC(y, m - 1, d);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Excel's day count (1900 date system) to wall-clock milliseconds. Serial 60 is 1900-02-29, a day that never
 * was (Lotus 1-2-3's leap-year bug, kept by Excel), so it is rejected; serials before it are one day off
 * from a plain count. Times are rounded to the second.
 */
export function excelSerialToWallMs(serial: number): number | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return undefined;
  const whole = Math.floor(serial);
  if (whole === 60) return undefined;
  const days = whole < 60 ? whole + 1 : whole;
  const seconds = Math.round((serial - whole) * 86_400);
  return Date.UTC(1899, 11, 30) + days * DAY_MS + seconds * 1000;
}

function readTime(text: string): { ms: number; offsetMinutes?: number } | undefined {
  let s = text.trim();
  if (s.startsWith('T') || s.startsWith('t')) s = s.slice(1);
  let offsetMinutes: number | undefined;
  const offset = OFFSET.exec(s);
  if (offset && /\d/.test(s.slice(0, offset.index))) {
    if (offset[1] === undefined) offsetMinutes = 0;
    else {
      const hours = Number(offset[2]);
      const minutes = Number(offset[3] ?? '0');
      if (hours > 14 || minutes > 59) return undefined;
      offsetMinutes = (offset[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
    }
    s = s.slice(0, offset.index).trim();
  }
  let meridiem: string | undefined;
  const before = MERIDIEM_BEFORE.exec(s);
  if (before) {
    meridiem = before[1];
    s = s.slice(before[0].length).trim();
  } else {
    const after = MERIDIEM_AFTER.exec(s);
    if (after) {
      meridiem = after[1]!.toLowerCase().replaceAll('.', '');
      s = s.slice(0, after.index).trim();
    }
  }
  s = s.replace(/\s+/g, '');
  const m = TIME_COLON.exec(s) ?? TIME_CHINESE.exec(s);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  const second = Number(m[3] ?? '0');
  const fraction = m[4] === undefined ? 0 : Math.round(Number(`0.${m[4]}`) * 1000);
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    const pm = meridiem === 'pm' || meridiem === '下午' || meridiem === '晚上' || meridiem === '中午';
    if (meridiem === '中午') hour = hour === 12 || hour < 11 ? (hour % 12) + 12 : hour;
    else if (pm) hour = (hour % 12) + 12;
    else hour %= 12;
  }
  if (hour > 23 || minute > 59 || second > 59 || fraction > 999) return undefined;
  return { ms: ((hour * 60 + minute) * 60 + second) * 1000 + fraction, offsetMinutes };
}

/** The date (and time, when given) a cell shows, as wall-clock milliseconds. */
function readWallTime(value: unknown): WallTime | undefined {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) return undefined;
    const rounded = Math.round(ms / 1000) * 1000;
    return { wallMs: rounded, hasTime: rounded % DAY_MS !== 0 };
  }
  if (typeof value === 'number') {
    // 19900102: a date typed as a number. Excel serials stay below 2,958,466 (9999-12-31), so no clash.
    if (Number.isInteger(value) && value >= 10_000_101 && value <= 99_991_231) {
      const ms = ymdToMs(Math.floor(value / 10_000), Math.floor(value / 100) % 100, value % 100);
      return ms === undefined ? undefined : { wallMs: ms, hasTime: false };
    }
    const ms = excelSerialToWallMs(value);
    return ms === undefined ? undefined : { wallMs: ms, hasTime: ms % DAY_MS !== 0 };
  }
  if (typeof value !== 'string') return undefined;
  const s = value.normalize('NFKC').trim();
  const compact = DATE_TIME_COMPACT.exec(s);
  if (compact) {
    const day = ymdToMs(Number(compact[1]), Number(compact[2]), Number(compact[3]));
    const time = readTime(`${compact[4]}:${compact[5]}:${compact[6] ?? '00'}`);
    if (day === undefined || time === undefined) return undefined;
    return { wallMs: day + time.ms, hasTime: true };
  }
  const m = DATE_SEPARATED.exec(s) ?? DATE_CHINESE.exec(s) ?? DATE_COMPACT.exec(s);
  if (!m) return undefined;
  const [year, month, dayOfMonth] = m.length === 5 ? [m[1], m[3], m[4]] : [m[1], m[2], m[3]];
  const day = ymdToMs(Number(year), Number(month), Number(dayOfMonth));
  if (day === undefined) return undefined;
  const rest = s.slice(m[0].length).trim();
  if (rest === '') return { wallMs: day, hasTime: false };
  const time = readTime(rest);
  if (time === undefined) return undefined;
  return { wallMs: day + time.ms, offsetMinutes: time.offsetMinutes, hasTime: true };
}

/** 'YYYY-MM-DD' exactly and a real date: returned as is (the common case, without regexes or Dates). */
function canonicalIsoDate(s: string): string | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  let year = 0;
  let month = 0;
  let day = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    if (i < 4) year = year * 10 + d;
    else if (i < 7) month = month * 10 + d;
    else day = day * 10 + d;
  }
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? s : undefined;
}

function detailOf(value: unknown): string {
  const text = cellText(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface DateCellOptions {
  /** YYYY-MM-DD: with `birthDate`, later dates are rejected as 'csv_birth_date_future'. */
  today?: string;
  /** A birth date: not before 1880, not after `today`. */
  birthDate?: boolean;
}

/**
 * A calendar date, YYYY-MM-DD. Accepts 1990-01-02, 1990/1/2, 1990.1.2, 19900102, 1990年1月2日, Excel
 * serials and Date cells, with a time part (ignored) as database exports often add one ('1990-01-02 00:00:00').
 * Day-first and month-first forms (02/01/1990) are rejected: they are ambiguous.
 */
export function parseDateCell(value: unknown, options: DateCellOptions = {}): CellResult<string> {
  let date: string | undefined = typeof value === 'string' ? canonicalIsoDate(value) : undefined;
  if (date === undefined) {
    const wall = readWallTime(value);
    if (wall === undefined) return { ok: false, message: 'csv_date_invalid', detail: detailOf(value) };
    date = isoDate(wall.wallMs);
  }
  if (options.birthDate) {
    if (date < EARLIEST_BIRTH) return { ok: false, message: 'csv_date_invalid', detail: date };
    if (options.today !== undefined && date > options.today) {
      return { ok: false, message: 'csv_birth_date_future', detail: date };
    }
  } else {
    const year = Number(date.slice(0, 4));
    if (year < EARLIEST_EVENT_YEAR || year > LATEST_EVENT_YEAR) {
      return { ok: false, message: 'csv_date_invalid', detail: date };
    }
  }
  return { ok: true, value: date };
}

export interface DateTimeCellOptions {
  /** IANA zone the hospital's local times are in, e.g. 'Asia/Shanghai'. */
  timeZone: string;
}

/**
 * An instant, as ISO 8601 with the offset ('2024-03-05T08:30:00+08:00'). Local times (the usual case) are
 * placed in `timeZone`; an offset written in the value ('…Z', '…+09:00') is kept. A date alone means the
 * start of that day. Accepts the date forms of `parseDateCell` followed by 8:30, 08:30:15, 8时30分,
 * 下午3:20, 3:20 PM, and compact 20240305083000.
 */
export function parseDateTimeCell(value: unknown, options: DateTimeCellOptions): CellResult<string> {
  const wall = readWallTime(value);
  if (wall === undefined) return { ok: false, message: 'csv_date_invalid', detail: detailOf(value) };
  const year = new Date(wall.wallMs).getUTCFullYear();
  if (year < EARLIEST_EVENT_YEAR || year > LATEST_EVENT_YEAR) {
    return { ok: false, message: 'csv_date_invalid', detail: detailOf(value) };
  }
  const offset = wall.offsetMinutes ?? zoneOffsetOfWallTime(wall.wallMs, options.timeZone);
  return { ok: true, value: formatWithOffset(wall.wallMs, offset) };
}

function formatWithOffset(wallMs: number, offsetMinutes: number): string {
  const iso = new Date(wallMs).toISOString();
  const base = wallMs % 1000 === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${base}${sign}${hh}:${mm}`;
}

// Offsets are looked up per UTC day: when a day starts and ends on the same offset (every day but those with
// a transition) the day's answer is cached; Intl formatting costs microseconds, a Map lookup nanoseconds.
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
const zoneDays = new Map<string, Map<number, number | null>>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormats.set(timeZone, format);
  }
  return format;
}

function exactOffsetMinutes(utcMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of zoneFormat(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** The zone's offset from UTC at an instant, in minutes. Throws RangeError for an unknown zone. */
export function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
  let days = zoneDays.get(timeZone);
  if (days === undefined) {
    zoneFormat(timeZone);
    days = new Map();
    zoneDays.set(timeZone, days);
  }
  const day = Math.floor(utcMs / DAY_MS);
  let cached = days.get(day);
  if (cached === undefined) {
    const start = exactOffsetMinutes(day * DAY_MS, timeZone);
    const end = exactOffsetMinutes((day + 1) * DAY_MS - 1000, timeZone);
    cached = start === end ? start : null;
    if (days.size > 100_000) days.clear();
    days.set(day, cached);
  }
  return cached ?? exactOffsetMinutes(utcMs, timeZone);
}

/**
 * The offset that applies to a wall-clock time in a zone. In a gap (spring forward) the time is read with
 * the offset before the gap; in an overlap (fall back) the earlier of the two instants is chosen.
 */
function zoneOffsetOfWallTime(wallMs: number, timeZone: string): number {
  const first = zoneOffsetMinutes(wallMs, timeZone);
  const second = zoneOffsetMinutes(wallMs - first * 60_000, timeZone);
  if (first === second) return first;
  const third = zoneOffsetMinutes(wallMs - second * 60_000, timeZone);
  return third === second ? second : Math.max(first, second);
}

// ---------------------------------------------------------------------------------------------------------
// Coded values, money, identity numbers

/** GB/T 2261.1 codes (1 male, 2 female, 0 and 9 unknown) and the words people write (男, F, female…). */
export function parseGenderCell(value: unknown): CellResult<InboundGender> {
  const gender = lookupWord(GENDER_WORDS, cellText(value));
  return gender === undefined
    ? { ok: false, message: 'csv_gender_invalid', detail: detailOf(value) }
    : { ok: true, value: gender };
}

export interface AmountCellOptions {
  /** Refunds (退费) are negative amounts in HIS charge exports; allowed unless this is false. */
  allowNegative?: boolean;
}

const MAX_AMOUNT_DIGITS = 10; // up to 9,999,999,999.99 yuan

/**
 * An amount in yuan ('1234.5', '¥1,234.50', '1234.5元', '-12.00', '(12.00)', Excel numbers) as integer fen,
 * by decimal string arithmetic: the digits are moved, never multiplied as floats. More than two decimals
 * (other than trailing zeros) is an error, not a rounding: a fen amount cannot hold it.
 */
export function parseAmountCell(value: unknown, options: AmountCellOptions = {}): CellResult<number> {
  const invalid = (): CellResult<number> => ({
    ok: false,
    message: 'csv_amount_invalid',
    detail: detailOf(value),
  });
  let s: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return invalid();
    // 15 significant digits is what Excel keeps; it also removes float noise (0.1 + 0.2 → 0.3).
    s = value.toPrecision(15);
    if (s.includes('e')) return invalid();
  } else if (typeof value === 'string') {
    s = value.normalize('NFKC').replace(/\s+/g, '');
  } else {
    return invalid();
  }
  let negative = false;
  const accounting = /^\((.*)\)$/.exec(s);
  if (accounting) {
    negative = true;
    s = accounting[1]!;
  }
  s = s.replaceAll('\u2212', '-');
  const sign = /^[+-]/.exec(s);
  if (sign) {
    negative = negative !== (sign[0] === '-');
    s = s.slice(1);
  }
  s = s.replace(/^(?:¥|人民币|rmb|cny)/i, '');
  const signAfterSymbol = /^[+-]/.exec(s);
  if (signAfterSymbol && !sign && !accounting) {
    negative = signAfterSymbol[0] === '-';
    s = s.slice(1);
  }
  s = s.replace(/(?:元整|元|圆|人民币|rmb|cny)$/i, '');
  if (s.includes(',')) {
    if (!/^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/.test(s)) return invalid();
    s = s.replaceAll(',', '');
  }
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return invalid();
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > 2) return { ok: false, message: 'csv_amount_invalid', detail: detailOf(value) };
  if (whole.length > MAX_AMOUNT_DIGITS) return invalid();
  const fen = Number((whole === '' ? '0' : whole) + fraction.padEnd(2, '0'));
  if (negative && fen !== 0 && options.allowNegative === false) {
    return { ok: false, message: 'csv_amount_negative', detail: detailOf(value) };
  }
  return { ok: true, value: negative && fen !== 0 ? -fen : fen };
}

/**
 * A resident ID-card number through `parseIdCard`. Spaces and dashes typed inside are dropped. A number
 * cell (or its text '1.10105E+17') is refused with detail 'stored_as_number': an 18-digit number has lost
 * its last digits in the spreadsheet, the column must be formatted as text and the numbers re-entered.
 * The detail never contains the number itself.
 */
export function parseIdCardCell(value: unknown, today?: string): CellResult<IdCard> {
  if (typeof value === 'number')
    return { ok: false, message: 'csv_id_card_invalid', detail: 'stored_as_number' };
  let text = cellText(value);
  if (!PLAIN_ID.test(text)) text = text.replace(/[\s-]+/g, '');
  if (/^\d(?:\.\d+)?e\+?\d+$/i.test(text)) {
    return { ok: false, message: 'csv_id_card_invalid', detail: 'stored_as_number' };
  }
  const result = parseIdCard(text, today);
  return result.ok ? result : { ok: false, message: 'csv_id_card_invalid', detail: result.problem };
}

const PLAIN_ID = /^\d{17}[\dXx]$/;

export interface PhoneCell {
  /** 11 digits for mobiles, 0AA-NNNNNNNN for landlines, as received (digits, +) for foreign numbers. */
  number: string;
  kind: InboundPhoneKind;
}

const FOREIGN_NUMBER = /^(?:\+|00)(?!86)[1-9][\d\s\-()]{6,20}$/;

/**
 * A phone column: a mainland mobile or landline (through `parsePhone`), or a foreign number written with
 * its country code ('+1 415 555 0100'), kept as received with kind 'other'. `mobileOnly` refuses landlines
 * and foreign numbers (for finding a patient by mobile). Details are the problem kind, never the number.
 */
export function parsePhoneCell(
  value: unknown,
  options: { mobileOnly?: boolean } = {},
): CellResult<PhoneCell> {
  const text = cellText(value);
  if (options.mobileOnly) {
    const mobile = parseMobile(text);
    return mobile.ok
      ? { ok: true, value: { number: mobile.value, kind: 'mobile' } }
      : { ok: false, message: 'csv_mobile_invalid', detail: mobile.problem };
  }
  const phone = parsePhone(text);
  if (phone.ok)
    return { ok: true, value: { number: phone.value, kind: phone.kind === 'mobile' ? 'mobile' : 'home' } };
  const foreign = text.normalize('NFKC').trim();
  if (FOREIGN_NUMBER.test(foreign)) {
    return {
      ok: true,
      value: { number: `+${foreign.replace(/^\+|^00/, '').replace(/[\s\-()]+/g, '')}`, kind: 'other' },
    };
  }
  return { ok: false, message: 'csv_mobile_invalid', detail: phone.problem };
}

/** A mainland mobile number (11 digits); see `parsePhoneCell` for the lenient form. */
export function parseMobileCell(value: unknown): CellResult<string> {
  const result = parsePhoneCell(value, { mobileOnly: true });
  return result.ok ? { ok: true, value: result.value.number } : result;
}

const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

export function parseEmailCell(value: unknown): CellResult<string> {
  const text = cellText(value).normalize('NFKC');
  return EMAIL.test(text) && text.length <= 254
    ? { ok: true, value: text }
    : { ok: false, message: 'csv_email_invalid' };
}
