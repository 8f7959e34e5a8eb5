/** Completed years between a birth date and a day (both YYYY-MM-DD): the age as a hospital states it. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The birth-date bounds of an age range on a day: age ≥ min ⇔ born on or before `latest`. */
export function birthDateBounds(day: string, ageMin?: number, ageMax?: number) {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const shift = (years: number) => isoDay(y - years, m, d);
  return {
    latest: ageMin === undefined ? undefined : shift(ageMin),
    // age ≤ max ⇔ born after the same day (max + 1) years ago.
    earliestExclusive: ageMax === undefined ? undefined : shift(ageMax + 1),
  };
}

function isoDay(y: number, m: number, d: number): string {
  // 29 February in a year without it becomes 28 February (the legal convention for birthdays).
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
