import { describe, expect, it } from 'vitest';
import { decimalToFen, isFhirDate, toInstant } from './primitives';
import { R4_RESOURCE_TYPES } from './resource-types';

describe('decimalToFen', () => {
  it('converts exactly where float multiplication would not', () => {
    expect(19.99 * 100).not.toBe(1999); // the trap
    expect(decimalToFen(19.99)).toEqual({ ok: true, fen: 1999, rounded: false });
    expect(decimalToFen('0.1')).toEqual({ ok: true, fen: 10, rounded: false });
    expect(decimalToFen(1.005)).toEqual({ ok: true, fen: 101, rounded: true });
    expect(decimalToFen('1.004')).toEqual({ ok: true, fen: 100, rounded: true });
    expect(decimalToFen(125)).toEqual({ ok: true, fen: 12500, rounded: false });
    expect(decimalToFen('65495.92')).toMatchObject({ fen: 6549592 });
    expect(decimalToFen('10.500')).toEqual({ ok: true, fen: 1050, rounded: false });
    expect(decimalToFen('-3.456')).toEqual({ ok: true, fen: -346, rounded: true });
    expect(decimalToFen('-0.001')).toEqual({ ok: true, fen: 0, rounded: true });
    expect(decimalToFen('1.5e3')).toEqual({ ok: true, fen: 150000, rounded: false });
    expect(decimalToFen(1e-7)).toEqual({ ok: true, fen: 0, rounded: true });
    expect(decimalToFen('.5').ok).toBe(false);
    expect(decimalToFen('abc').ok).toBe(false);
    expect(decimalToFen(Number.NaN).ok).toBe(false);
    expect(decimalToFen(Infinity).ok).toBe(false);
    expect(decimalToFen('1e300').ok).toBe(false);
    expect(decimalToFen('90071992547409.91')).toEqual({ ok: true, fen: 9007199254740991, rounded: false });
    expect(decimalToFen('90071992547409.92').ok).toBe(false);
  });
});

describe('FHIR dates', () => {
  it('accepts the R4 forms and real calendar days only', () => {
    for (const d of ['2024', '2024-02', '2024-02-29']) expect(isFhirDate(d, 'date'), d).toBe(true);
    for (const d of ['2023-02-29', '2024-13', '24-01-01', '2024-1-1', '2024-01-01T00:00:00Z']) {
      expect(isFhirDate(d, 'date'), d).toBe(false);
    }
    expect(isFhirDate('2024-01-01T08:00:00+08:00', 'dateTime')).toBe(true);
    expect(isFhirDate('2024-01-01T08:00:00.123Z', 'dateTime')).toBe(true);
    expect(isFhirDate('2024-01-01T08:00:00', 'dateTime')).toBe(false); // no offset
    expect(isFhirDate('2024-01-01T08:00+08:00', 'dateTime')).toBe(false); // no seconds
    expect(isFhirDate('2024-01-01', 'instant')).toBe(false);
    expect(isFhirDate('23:59:60', 'time')).toBe(true);
  });

  it('turns partial dates into instants in the hospital zone and keeps full ones', () => {
    expect(toInstant('2012', '+08:00')).toBe('2012-01-01T00:00:00+08:00');
    expect(toInstant('2012-09', '+08:00')).toBe('2012-09-01T00:00:00+08:00');
    expect(toInstant('2012-09-17', '+08:00')).toBe('2012-09-17T00:00:00+08:00');
    expect(toInstant('2012-09-17T10:00:00Z', '+08:00')).toBe('2012-09-17T10:00:00Z');
  });
});

it('knows the R4 resource types', () => {
  expect(R4_RESOURCE_TYPES.size).toBe(146);
  expect(R4_RESOURCE_TYPES.has('Patient')).toBe(true);
  expect(R4_RESOURCE_TYPES.has('Bot')).toBe(false); // a Medplum type, not FHIR
});
