import { describe, expect, it } from 'vitest';
import { ageOn, birthDateBounds } from './age';

describe('ageOn', () => {
  it('counts completed years', () => {
    expect(ageOn('1980-05-20', '2026-05-19')).toBe(45);
    expect(ageOn('1980-05-20', '2026-05-20')).toBe(46);
    expect(ageOn('2000-02-29', '2025-02-28')).toBe(24);
    expect(ageOn('2000-02-29', '2025-03-01')).toBe(25);
  });
});

describe('birthDateBounds', () => {
  it('turns an age range into birth-date bounds that agree with ageOn', () => {
    const day = '2026-11-22';
    const { latest, earliestExclusive } = birthDateBounds(day, 30, 40);
    expect(latest).toBe('1996-11-22');
    expect(earliestExclusive).toBe('1985-11-22');
    expect(ageOn(latest!, day)).toBe(30);
    expect(ageOn('1985-11-23', day)).toBe(40);
    expect(ageOn(earliestExclusive!, day)).toBe(41);
  });
});
