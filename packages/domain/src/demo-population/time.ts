/**
 * Calendar arithmetic for the demo data. Days are counted from 1970-01-01 in the hospital's calendar
 * (Asia/Shanghai: UTC+8 all year, no daylight saving since 1991), so "day N at 09:30" is one number sum.
 */
export const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 without daylight saving. */
export const BUSINESS_OFFSET_MS = 8 * 3_600_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' → day number; throws on anything that is not a real date. */
export function dayOf(isoDate: string): number {
  const m = ISO_DATE.exec(isoDate);
  if (!m) throw new RangeError(`expected YYYY-MM-DD, got ${isoDate}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / DAY_MS;
  if (isoOfDay(day) !== isoDate) throw new RangeError(`not a real date: ${isoDate}`);
  return day;
}

/** Day number → 'YYYY-MM-DD' (cached: the same few thousand days come back all the time). */
export function isoOfDay(day: number): string {
  const slot = day + CACHE_OFFSET;
  if (slot >= 0 && slot < CACHE_SIZE) {
    let iso = isoCache[slot];
    if (iso === undefined) iso = isoCache[slot] = new Date(day * DAY_MS).toISOString().slice(0, 10);
    return iso;
  }
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// 1880-01-01 … 2149-12-31
const CACHE_OFFSET = 32_872;
const CACHE_SIZE = 98_616;
const isoCache: (string | undefined)[] = new Array<string | undefined>(CACHE_SIZE);

/** The instant (epoch ms) of a local business time: day number plus minutes after local midnight. */
export function instantOf(day: number, minuteOfDay: number): number {
  return day * DAY_MS + minuteOfDay * 60_000 - BUSINESS_OFFSET_MS;
}

/** The local day number of an instant. */
export function localDayOf(instant: number): number {
  return Math.floor((instant + BUSINESS_OFFSET_MS) / DAY_MS);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}
