import { describe, expect, it } from 'vitest';
import { normaliseForMatch } from './record';

describe('normaliseForMatch', () => {
  it('reads Han names as characters and pinyin, with the surname first', () => {
    const f = normaliseForMatch({ name: ' 欧阳娜娜 ' });
    expect(f.family).toEqual({ chars: '欧阳', sound: 'ouyang', han: true });
    expect(f.given).toEqual({ chars: '娜娜', sound: 'nana', han: true });
    expect(normaliseForMatch({ name: '张三' }).family?.sound).toBe('zhang');
    // Surname reading only for the surname: 单 is shan here.
    expect(normaliseForMatch({ name: '单田芳' }).family?.sound).toBe('shan');
    expect(normaliseForMatch({ familyName: '王', givenName: '单' }).given?.sound).toBe('dan');
  });

  it('lowercases Latin names, strips accents and splits off the last word as family name', () => {
    const f = normaliseForMatch({ name: 'Aaron  Brekke' });
    expect(f.family).toEqual({ chars: 'brekke', sound: 'brekke', han: false });
    expect(f.given?.chars).toBe('aaron');
    expect(normaliseForMatch({ familyName: 'Müller', givenName: 'Jac ob' })).toMatchObject({
      family: { chars: 'muller' },
      given: { chars: 'jacob' },
    });
  });

  it('keeps birth date components even for impossible dates, and drops placeholders', () => {
    expect(normaliseForMatch({ birthDate: '1923-11-64' }).birth).toEqual({ year: 1923, month: 11, day: 64 });
    expect(normaliseForMatch({ birthDate: '0000-00-00' }).birth).toBeUndefined();
    expect(normaliseForMatch({ birthDate: 'unknown' }).birth).toBeUndefined();
  });

  it('normalises clear ID numbers and phones but leaves hashes alone', () => {
    expect(normaliseForMatch({ idNumber: '110101491001001', idClear: true }).id).toBe('11010119491001001X');
    expect(normaliseForMatch({ idNumber: ' 11010519491231002x ', idClear: true }).id).toBe(
      '11010519491231002X',
    );
    expect(normaliseForMatch({ idNumber: 'AbC+/=' }).id).toBe('AbC+/=');
    expect(normaliseForMatch({ phones: ['+86 138-0013-8000', '13800138000', 'h4sh'] }).phones).toEqual([
      '13800138000',
      'h4sh',
    ]);
  });

  it('ignores unknown gender and empty values', () => {
    const f = normaliseForMatch({ gender: 'unknown', name: '  ', address: { postcode: ' ' } });
    expect(f).toEqual({ idClear: false, phones: [] });
  });
});
