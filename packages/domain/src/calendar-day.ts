/**
 * The calendar date (YYYY-MM-DD) at `now` in an IANA time zone: the hospital's "today" for ages,
 * date-only rules and the demo data's last day. The clock is passed in so tests can move it.
 */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
