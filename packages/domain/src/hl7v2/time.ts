/**
 * HL7 v2 dates and timestamps (DT, DTM/TS: YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]) and the
 * conversion of a local wall-clock time in an IANA time zone to an instant, with Intl only.
 */

export interface Hl7DateTime {
  year: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
  /** Minutes east of UTC, when the value carries an offset. */
  offsetMinutes?: number;
}

const DTM =
  /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,4}))?)?)?)?)?)?(?:([+-])(\d{2})(\d{2}))?$/;

/** Parse an HL7 date or timestamp; undefined when it is not one (wrong shape or impossible values). */
export function parseHl7DateTime(value: string): Hl7DateTime | undefined {
  const m = DTM.exec(value.trim());
  if (!m) return undefined;
  const t: Hl7DateTime = { year: Number(m[1]) };
  if (m[2] !== undefined) t.month = Number(m[2]);
  if (m[3] !== undefined) t.day = Number(m[3]);
  if (m[4] !== undefined) t.hour = Number(m[4]);
  if (m[5] !== undefined) t.minute = Number(m[5]);
  if (m[6] !== undefined) t.second = Number(m[6]);
  if (m[7] !== undefined) t.millisecond = Math.floor(Number(`0.${m[7]}`) * 1000);
  if (m[8] !== undefined) {
    const hours = Number(m[9]);
    const minutes = Number(m[10]);
    if (hours > 14 || minutes > 59) return undefined;
    t.offsetMinutes = (m[8] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  if (t.year < 1) return undefined;
  if (t.month !== undefined && (t.month < 1 || t.month > 12)) return undefined;
  if (t.day !== undefined && (t.day < 1 || t.day > daysInMonth(t.year, t.month!))) return undefined;
  if (t.hour !== undefined && t.hour > 23) return undefined;
  if (t.minute !== undefined && t.minute > 59) return undefined;
  if (t.second !== undefined && t.second > 59) return undefined;
  return t;
}

/** The calendar date as written (YYYY-MM-DD), when the value is precise to the day at least. */
export function hl7Date(value: string): { ok: true; value: string | undefined } | { ok: false } {
  const t = parseHl7DateTime(value);
  if (!t) return { ok: false };
  if (t.day === undefined) return { ok: true, value: undefined };
  return { ok: true, value: `${pad(t.year, 4)}-${pad(t.month!, 2)}-${pad(t.day, 2)}` };
}

/**
 * The instant an HL7 timestamp denotes, as ISO 8601 with offset: the value's own offset when it has one,
 * otherwise the offset of `timeZone` at that wall-clock time. Missing parts default to the start of the
 * period (a date alone is local midnight).
 */
export function hl7Instant(value: string, timeZone: string): string | undefined {
  const t = parseHl7DateTime(value);
  if (!t) return undefined;
  const local = {
    year: t.year,
    month: t.month ?? 1,
    day: t.day ?? 1,
    hour: t.hour ?? 0,
    minute: t.minute ?? 0,
    second: t.second ?? 0,
    millisecond: t.millisecond ?? 0,
  };
  if (t.offsetMinutes !== undefined) {
    return formatInstant(wallClockUtc(local) - t.offsetMinutes * 60_000, t.offsetMinutes);
  }
  const { epochMs, offsetMinutes } = localToInstant(local, timeZone);
  return formatInstant(epochMs, offsetMinutes);
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond?: number;
}

/**
 * The instant at which clocks in `timeZone` show `local`. In a DST gap (a time that does not exist) the
 * time is read with the offset before the change, i.e. moved forward; in an overlap the earlier instant wins.
 */
export function localToInstant(
  local: WallClock,
  timeZone: string,
): { epochMs: number; offsetMinutes: number } {
  const guess = wallClockUtc(local);
  const o1 = offsetAt(guess, timeZone);
  let epochMs = guess - o1 * 60_000;
  const o2 = offsetAt(epochMs, timeZone);
  if (o2 !== o1) {
    const alt = guess - o2 * 60_000;
    if (offsetAt(alt, timeZone) === o2) epochMs = Math.min(epochMs, alt);
  }
  return { epochMs, offsetMinutes: offsetAt(epochMs, timeZone) };
}

/** 'YYYY-MM-DDTHH:MM:SS[.mmm]+HH:MM' for an instant shown at a given offset. */
export function formatInstant(epochMs: number, offsetMinutes: number): string {
  const d = new Date(epochMs + offsetMinutes * 60_000);
  const ms = d.getUTCMilliseconds();
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}` +
    (ms ? `.${pad(ms, 3)}` : '') +
    `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`
  );
}

/** An instant as an HL7 timestamp in `timeZone`: YYYYMMDDHHMMSS+ZZZZ. */
export function toHl7Timestamp(date: Date, timeZone: string): string {
  const offset = offsetAt(date.getTime(), timeZone);
  const d = new Date(date.getTime() + offset * 60_000);
  const abs = Math.abs(offset);
  return (
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}` +
    `${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}` +
    `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`
  );
}

const todayCache = new Map<string, { value: string; from: number; until: number }>();

/** Today's date (YYYY-MM-DD) in `timeZone`; cached for the rest of that local day. */
export function todayInZone(timeZone: string, nowMs: number = Date.now()): string {
  const cached = todayCache.get(timeZone);
  if (cached && nowMs >= cached.from && nowMs < cached.until) return cached.value;
  const value = formatInstant(nowMs, offsetAt(nowMs, timeZone)).slice(0, 10);
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const midnight = (day: Date): number =>
    localToInstant(
      {
        year: day.getUTCFullYear(),
        month: day.getUTCMonth() + 1,
        day: day.getUTCDate(),
        hour: 0,
        minute: 0,
        second: 0,
      },
      timeZone,
    ).epochMs;
  const from = Math.min(midnight(new Date(Date.UTC(y, m - 1, d))), nowMs);
  const until = Math.max(midnight(new Date(Date.UTC(y, m - 1, d + 1))), nowMs + 1);
  todayCache.set(timeZone, { value, from, until });
  return value;
}

function wallClockUtc(l: WallClock): number {
  const ms = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second, l.millisecond ?? 0);
  // Date.UTC maps years 0–99 to 1900–1999; set the year explicitly.
  if (l.year < 100) {
    const d = new Date(ms);
    d.setUTCFullYear(l.year);
    return d.getTime();
  }
  return ms;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Offsets per zone and UTC hour, for hours without a transition (Intl is slow: ~8 µs a call). */
const hourOffsets = new Map<string, number>();
const HOUR = 3_600_000;

/** Minutes east of UTC in `timeZone` at an instant. Throws RangeError for an unknown time zone. */
export function offsetAt(epochMs: number, timeZone: string): number {
  const hour = Math.floor(epochMs / HOUR);
  const key = `${timeZone}|${hour}`;
  const cached = hourOffsets.get(key);
  if (cached !== undefined) return cached;
  const first = computeOffset(hour * HOUR, timeZone);
  const last = computeOffset(hour * HOUR + HOUR - 1, timeZone);
  if (first !== last) return computeOffset(epochMs, timeZone); // a transition within this hour
  if (hourOffsets.size >= 50_000) hourOffsets.clear();
  hourOffsets.set(key, first);
  return first;
}

function computeOffset(epochMs: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(epochMs))) p[part.type] = part.value;
  let year = Number(p.year);
  if (p.era === 'BC' || p.era === 'B') year = 1 - year;
  const shown = wallClockUtc({
    year,
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  });
  return Math.round((shown - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
