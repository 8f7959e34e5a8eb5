import dayjs from 'dayjs';

/** A timestamp as the console shows it, in the browser's zone (the hospital's, in practice). */
export function formatDateTime(value: string | null | undefined, empty = '—'): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : empty;
}

/** A calendar date (YYYY-MM-DD) from a timestamp or a date string. */
export function formatDate(value: string | null | undefined, empty = '—'): string {
  return value ? dayjs(value).format('YYYY-MM-DD') : empty;
}

const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Money is stored in integer fen; shown in yuan with two decimals: 123450 → ¥1,234.50. */
export function formatYuan(fen: number | null | undefined, empty = '—'): string {
  if (fen === null || fen === undefined) return empty;
  const sign = fen < 0 ? '-' : '';
  return `${sign}¥${yuan.format(Math.abs(fen) / 100)}`;
}

/** Whole years between a birth date (YYYY-MM-DD) and today (or `at`); null when unknown. */
export function ageFrom(birthDate: string | null | undefined, at: Date = new Date()): number | null {
  if (!birthDate) return null;
  const birth = dayjs(birthDate);
  if (!birth.isValid()) return null;
  return dayjs(at).diff(birth, 'year');
}

/** A count with thousands separators; a lower bound gets a plus: 10,000+. */
export function formatCount(count: number, exact = true): string {
  return `${count.toLocaleString('en-US')}${exact ? '' : '+'}`;
}
