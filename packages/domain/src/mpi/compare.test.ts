import { describe, expect, it } from 'vitest';
import {
  compareArea,
  compareBirthDates,
  compareFeatures,
  compareIds,
  compareNames,
  compareStreet,
  diceBigrams,
  jaroWinkler,
  withinOneEdit,
} from './compare';
import { normaliseForMatch, type MatchRecord } from './record';

const f = (r: MatchRecord) => normaliseForMatch(r);
const date = (s: string) => f({ birthDate: s }).birth;

describe('jaroWinkler', () => {
  it('gives the published values', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 3);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('JELLYFISH', 'SMELLYFISH')).toBeCloseTo(0.896, 3);
  });

  it('is 1 for equal strings, 0 for nothing in common or an empty side, and symmetric', () => {
    expect(jaroWinkler('smith', 'smith')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
    expect(jaroWinkler('', '')).toBe(0);
    expect(jaroWinkler('crate', 'trace')).toBeCloseTo(jaroWinkler('trace', 'crate'), 12);
  });
});

describe('withinOneEdit', () => {
  it('accepts one substitution, insertion, deletion or adjacent swap', () => {
    expect(withinOneEdit('1234567', '1234567')).toBe(true);
    expect(withinOneEdit('1234567', '1239567')).toBe(true);
    expect(withinOneEdit('1234567', '123567')).toBe(true);
    expect(withinOneEdit('1234567', '12345678')).toBe(true);
    expect(withinOneEdit('1234567', '1243567')).toBe(true);
  });

  it('refuses two edits', () => {
    expect(withinOneEdit('1234567', '1299567')).toBe(false);
    expect(withinOneEdit('1234567', '2134576')).toBe(false);
    expect(withinOneEdit('1234567', '12345')).toBe(false);
    expect(withinOneEdit('1234567', '1324567'.replace('4', '9'))).toBe(false);
  });
});

describe('birth dates', () => {
  it('sees exact, transposed day/month, one component off, and disagreement', () => {
    expect(compareBirthDates(date('1990-03-07'), date('1990-03-07'))).toBe('exact');
    expect(compareBirthDates(date('1990-03-07'), date('1990-07-03'))).toBe('transposed');
    expect(compareBirthDates(date('1990-03-07'), date('1991-03-07'))).toBe('one_differs');
    expect(compareBirthDates(date('1990-03-07'), date('1990-03-17'))).toBe('one_differs');
    expect(compareBirthDates(date('1990-03-07'), date('1985-11-20'))).toBe('disagree');
    expect(compareBirthDates(date('1990-03-07'), undefined)).toBe('missing');
  });

  it('compares impossible dates component by component (they are typos)', () => {
    expect(compareBirthDates(date('1923-11-64'), date('1923-11-14'))).toBe('one_differs');
  });
});

describe('names', () => {
  it('grades Latin names by Jaro–Winkler', () => {
    const levels = (a: string, b: string) =>
      compareNames(f({ givenName: 'x', familyName: a }), f({ givenName: 'x', familyName: b })).family;
    expect(levels('Brekke', 'brekke')).toBe('exact');
    expect(levels('Müller', 'Muller')).toBe('exact');
    expect(levels('martha', 'marhta')).toBe('close');
    expect(levels('dwayne', 'duane')).toBe('disagree');
    expect(levels('catherine', 'katherine')).toBe('similar');
    // Standard (greedy) matching pairs the second 'a' across the typo: 0.921.
    expect(levels('hathaway', 'hathqway')).toBe('similar');
    expect(levels('smith', 'jones')).toBe('disagree');
  });

  it('sees given and family names entered the wrong way round', () => {
    const a = f({ givenName: 'jasper', familyName: 'desilva' });
    const b = f({ givenName: 'desllva', familyName: 'jasper' });
    expect(compareNames(a, b)).toEqual({ family: 'swapped', given: 'swapped' });
  });

  it('grades Han names written with different characters of the same sound as homophones', () => {
    expect(compareNames(f({ name: '张三' }), f({ name: '张叁' }))).toEqual({
      family: 'exact',
      given: 'homophone',
    });
    expect(compareNames(f({ name: '张三' }), f({ name: '章三' }))).toEqual({
      family: 'homophone',
      given: 'exact',
    });
    expect(compareNames(f({ name: '张三' }), f({ name: '張三' }))).toEqual({
      family: 'homophone',
      given: 'exact',
    });
    expect(compareNames(f({ name: '张三' }), f({ name: '李四' }))).toEqual({
      family: 'disagree',
      given: 'disagree',
    });
  });

  it('matches a Han name with its pinyin in either order', () => {
    expect(compareNames(f({ name: '张三' }), f({ name: 'San Zhang' }))).toEqual({
      family: 'homophone',
      given: 'homophone',
    });
    expect(compareNames(f({ name: '张三' }), f({ name: 'Zhang San' }))).toEqual({
      family: 'homophone',
      given: 'homophone',
    });
  });

  it('splits compound surnames', () => {
    expect(compareNames(f({ name: '欧阳娜娜' }), f({ familyName: '欧阳', givenName: '娜娜' }))).toEqual({
      family: 'exact',
      given: 'exact',
    });
  });

  it('treats a missing part as missing, not as a disagreement', () => {
    expect(compareNames(f({ familyName: 'white' }), f({ familyName: 'white', givenName: 'olivia' }))).toEqual(
      {
        family: 'exact',
        given: 'missing',
      },
    );
  });
});

describe('identifiers', () => {
  it('allows one typo only between clear numbers', () => {
    expect(
      compareIds(f({ idNumber: '9560942', idClear: true }), f({ idNumber: '9560942', idClear: true })),
    ).toBe('exact');
    expect(
      compareIds(f({ idNumber: '9560942', idClear: true }), f({ idNumber: '9560492', idClear: true })),
    ).toBe('one_edit');
    expect(
      compareIds(f({ idNumber: '9560942', idClear: true }), f({ idNumber: '2938217', idClear: true })),
    ).toBe('disagree');
    // Blind-index hashes: only equality means anything.
    expect(compareIds(f({ idNumber: 'hashA1' }), f({ idNumber: 'hashA2' }))).toBe('disagree');
    expect(compareIds(f({ idNumber: 'hashA1' }), f({}))).toBe('missing');
  });

  it('compares phones by any shared number', () => {
    const a = f({ phones: ['13800138000', '010-12345678'] });
    expect(compareFeatures(a, f({ phones: ['+86 138 0013 8000'] })).phone).toBe('agree');
    expect(compareFeatures(a, f({ phones: ['13900139000'] })).phone).toBe('disagree');
    expect(compareFeatures(a, f({})).phone).toBe('missing');
  });
});

describe('address', () => {
  const addr = (postcode: string, locality: string, province = 'vic') =>
    f({ address: { postcode, locality, province } });

  it('treats postcode and locality as one piece of evidence', () => {
    expect(compareArea(addr('2602', 'oatlands'), addr('2602', 'oatlands'))).toBe('agree');
    expect(compareArea(addr('6076', 'noble park'), addr('0676', 'nobl ee park'))).toBe('agree');
    expect(compareArea(addr('6076', 'noble park'), addr('4078', 'noble park'))).toBe('partial');
    expect(compareArea(addr('6076', 'noble park'), addr('2000', 'sydney'))).toBe('region_only');
    expect(compareArea(addr('6076', 'noble park'), addr('2000', 'sydney', 'nsw'))).toBe('disagree');
    expect(compareArea(f({}), addr('2000', 'sydney'))).toBe('missing');
  });

  it('compares street text regardless of spacing and line order', () => {
    const st = (streetNumber: string, detail: string) => f({ address: { streetNumber, detail } });
    expect(compareStreet(st('74', 'flemington markets'), st('74', 'flemingtonmarkets'))).toBe('agree');
    expect(compareStreet(st('21', 'woralul street flt 68'), st('21', 'flt 68 woralul street'))).toBe('agree');
    expect(compareStreet(st('21', 'woralul street'), st('10', 'woralul street'))).toBe('partial');
    expect(compareStreet(st('21', 'woralul street'), st('21', 'macgillivray road'))).toBe('disagree');
    expect(diceBigrams(['ab', 'bc'], ['ab', 'bc'])).toBe(1);
  });
});
