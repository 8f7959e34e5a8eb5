import dayjs from 'dayjs';

/** A timestamp as the console shows it, in the browser's zone (the hospital's, in practice). */
export function formatDateTime(value: string | null | undefined, empty = '—'): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : empty;
}
