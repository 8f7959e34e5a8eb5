import { describe, expect, it } from 'vitest';
import { hl7Date, hl7Instant, localToInstant, parseHl7DateTime, todayInZone, toHl7Timestamp } from './time';

describe('HL7 timestamps', () => {
  it('reads every precision, with and without an offset', () => {
    expect(parseHl7DateTime('2024')).toEqual({ year: 2024 });
    expect(parseHl7DateTime('20240229')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseHl7DateTime('20240301083015.1234-0500')).toEqual({
      year: 2024,
      month: 3,
      day: 1,
      hour: 8,
      minute: 30,
      second: 15,
      millisecond: 123,
      offsetMinutes: -300,
    });
    for (const bad of [
      '20230229',
      '20241301',
      '20240132',
      '202403012400',
      '202403011260',
      '2024-03-01',
      '2024030',
      'x',
      '20240301+2500',
    ]) {
      expect(parseHl7DateTime(bad), bad).toBeUndefined();
    }
  });

  it('gives the date as written, only when precise to the day', () => {
    expect(hl7Date('198808181126+0215')).toEqual({ ok: true, value: '1988-08-18' });
    expect(hl7Date('198808')).toEqual({ ok: true, value: undefined });
    expect(hl7Date('19880832')).toEqual({ ok: false });
  });

  it('keeps an explicit offset and applies the time zone to local times', () => {
    expect(hl7Instant('20240301083000+0215', 'Asia/Shanghai')).toBe('2024-03-01T08:30:00+02:15');
    expect(hl7Instant('20240301083000', 'Asia/Shanghai')).toBe('2024-03-01T08:30:00+08:00');
    expect(hl7Instant('202403010830', 'UTC')).toBe('2024-03-01T08:30:00+00:00');
    expect(hl7Instant('20240301', 'Asia/Shanghai')).toBe('2024-03-01T00:00:00+08:00');
    expect(hl7Instant('20150624084727.655-0500', 'Asia/Shanghai')).toBe('2015-06-24T08:47:27.655-05:00');
    // Shanghai observed DST 1986–1991.
    expect(hl7Instant('19880701120000', 'Asia/Shanghai')).toBe('1988-07-01T12:00:00+09:00');
    expect(hl7Instant('2024023', 'Asia/Shanghai')).toBeUndefined();
  });

  it('converts local times in DST zones, including gaps and overlaps', () => {
    expect(hl7Instant('20240710120000', 'America/New_York')).toBe('2024-07-10T12:00:00-04:00');
    expect(hl7Instant('20240110120000', 'America/New_York')).toBe('2024-01-10T12:00:00-05:00');
    // 02:30 does not exist on 2024-03-10 in New York: read with the offset before the change.
    expect(hl7Instant('20240310023000', 'America/New_York')).toBe('2024-03-10T03:30:00-04:00');
    // 01:30 happens twice on 2024-11-03: the earlier one.
    const overlap = localToInstant(
      { year: 2024, month: 11, day: 3, hour: 1, minute: 30, second: 0 },
      'America/New_York',
    );
    expect(new Date(overlap.epochMs).toISOString()).toBe('2024-11-03T05:30:00.000Z');
    expect(overlap.offsetMinutes).toBe(-240);
  });

  it('writes timestamps and knows today in a zone', () => {
    const at = new Date('2024-03-01T16:30:00Z');
    expect(toHl7Timestamp(at, 'Asia/Shanghai')).toBe('20240302003000+0800');
    expect(toHl7Timestamp(at, 'America/New_York')).toBe('20240301113000-0500');
    expect(todayInZone('Asia/Shanghai', at.getTime())).toBe('2024-03-02');
    expect(todayInZone('Asia/Shanghai', at.getTime() - 3_600_000)).toBe('2024-03-01');
    expect(todayInZone('America/New_York', at.getTime())).toBe('2024-03-01');
  });
});
