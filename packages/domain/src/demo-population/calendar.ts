import type { Rng } from './prng';
import { Weighted } from './prng';
import { weekdayOf } from './time';

/**
 * When people come: weekday and time-of-day profiles of a Chinese general hospital. Outpatient demand
 * peaks on Monday and falls at the weekend; clinics fill between 8 and 11 and again between 14 and 16;
 * check-ups happen on fasting mornings; emergencies run around the clock with an evening rise.
 */
export type Rhythm = 'outpatient' | 'checkup' | 'emergency' | 'online' | 'admission';

/** Relative demand by ISO weekday (index 1 = Monday … 7 = Sunday; index 0 unused). */
const WEEKDAY: Readonly<Record<Rhythm, readonly number[]>> = {
  outpatient: [0, 1.4, 1.15, 1.05, 1.0, 0.95, 0.5, 0.38],
  checkup: [0, 1.2, 1.1, 1.1, 1.05, 1.0, 0.45, 0.2],
  emergency: [0, 1.05, 1.0, 1.0, 1.0, 1.0, 1.08, 1.1],
  online: [0, 1.1, 1.0, 1.0, 1.0, 1.0, 0.85, 0.85],
  admission: [0, 1.3, 1.2, 1.1, 1.0, 0.9, 0.4, 0.35],
};

const maxOf = (xs: readonly number[]) => Math.max(...xs);
const WEEKDAY_MAX: Readonly<Record<Rhythm, number>> = {
  outpatient: maxOf(WEEKDAY.outpatient),
  checkup: maxOf(WEEKDAY.checkup),
  emergency: maxOf(WEEKDAY.emergency),
  online: maxOf(WEEKDAY.online),
  admission: maxOf(WEEKDAY.admission),
};

/** Half-hour slots (minute of day of the slot start) with weights. */
const slots = (entries: readonly (readonly [string, number])[]) =>
  new Weighted(
    entries.map(([hhmm, w]) => {
      const [h = '0', m = '0'] = hhmm.split(':');
      return [Number(h) * 60 + Number(m), w] as const;
    }),
  );

const SLOTS: Readonly<Record<Rhythm, Weighted<number>>> = {
  outpatient: slots([
    ['07:30', 0.35],
    ['08:00', 1.1],
    ['08:30', 1.45],
    ['09:00', 1.5],
    ['09:30', 1.4],
    ['10:00', 1.25],
    ['10:30', 1.05],
    ['11:00', 0.65],
    ['11:30', 0.25],
    ['12:00', 0.08],
    ['12:30', 0.08],
    ['13:00', 0.2],
    ['13:30', 0.6],
    ['14:00', 1.05],
    ['14:30', 1.15],
    ['15:00', 1.05],
    ['15:30', 0.85],
    ['16:00', 0.5],
    ['16:30', 0.25],
    ['17:00', 0.08],
  ]),
  checkup: slots([
    ['07:00', 0.5],
    ['07:30', 1.2],
    ['08:00', 1.5],
    ['08:30', 1.3],
    ['09:00', 0.9],
    ['09:30', 0.5],
    ['10:00', 0.2],
  ]),
  emergency: slots(
    Array.from({ length: 48 }, (_, i) => {
      const h = Math.floor(i / 2);
      const w = h < 6 ? 0.3 : h < 8 ? 0.55 : h < 12 ? 1.1 : h < 18 ? 1.0 : h < 23 ? 1.2 : 0.6;
      return [`${h}:${i % 2 ? '30' : '00'}`, w] as const;
    }),
  ),
  online: slots(
    Array.from({ length: 30 }, (_, i) => {
      const h = 8 + Math.floor(i / 2);
      const w = h >= 19 && h <= 21 ? 1.6 : h >= 12 && h <= 13 ? 1.2 : 0.9;
      return [`${h}:${i % 2 ? '30' : '00'}`, w] as const;
    }),
  ),
  admission: slots(
    Array.from({ length: 18 }, (_, i) => {
      const h = 8 + Math.floor(i / 2);
      return [`${h}:${i % 2 ? '30' : '00'}`, h < 12 ? 1.3 : 1] as const;
    }),
  ),
};

/** A day in [from, to] drawn with the weekday profile (rejection sampling). */
export function randomDay(rng: Rng, from: number, to: number, rhythm: Rhythm): number {
  const weights = WEEKDAY[rhythm];
  const max = WEEKDAY_MAX[rhythm];
  for (;;) {
    const day = from + rng.int(to - from + 1);
    if (rng.float() * max < weights[weekdayOf(day)]!) return day;
  }
}

/** A day within ±spread of `target`, weighted by the weekday profile: a scheduled visit moved to a day that suits. */
export function nearDay(rng: Rng, target: number, spread: number, rhythm: Rhythm): number {
  return randomDay(rng, target - spread, target + spread, rhythm);
}

/** A minute of the day for a visit of the given kind. */
export function minuteOfDay(rng: Rng, rhythm: Rhythm): number {
  return SLOTS[rhythm].pick(rng) + rng.int(30);
}

/** Relative weekday demand, for waiting times (a Monday morning queue is longer). */
export function weekdayDemand(day: number): number {
  return WEEKDAY.outpatient[weekdayOf(day)]!;
}
