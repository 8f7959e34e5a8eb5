import { describe, expect, it } from 'vitest';
import { idCardCheckDigit } from '../cn-identity/id-card';
import { queryKind, readPatientQuery } from './search-query';

describe('readPatientQuery', () => {
  it('reads Han characters as a name, spaces removed', () => {
    expect(readPatientQuery(' 张 三丰 ')).toEqual({ name: '张三丰' });
  });

  it('reads Latin letters as pinyin (full or initials), without tones or separators', () => {
    expect(readPatientQuery('Zhang San')).toMatchObject({ pinyin: 'zhangsan' });
    expect(readPatientQuery("xi'an")).toMatchObject({ pinyin: 'xian' });
    expect(readPatientQuery('zs')).toEqual({ pinyin: 'zs' });
  });

  it('reads three or more Latin letters also as part of a foreign name', () => {
    expect(readPatientQuery('Koepp')).toEqual({ pinyin: 'koepp', latinName: 'Koepp' });
    expect(readPatientQuery('zs')).not.toHaveProperty('latinName');
  });

  it('reads four digits as a phone tail that may also be a record number', () => {
    expect(readPatientQuery('5678')).toEqual({ recordNumber: '5678', phoneTail: '5678' });
  });

  it('reads a mobile in any written form as a phone', () => {
    expect(readPatientQuery('+86 138-1234-5678')).toMatchObject({ phone: '13812345678' });
    expect(readPatientQuery('13812345678')).toMatchObject({
      phone: '13812345678',
      recordNumber: '13812345678',
    });
  });

  it('reads valid ID-card numbers (15 digits upgraded, lower-case x) and leaves invalid ones to record numbers', () => {
    const first17 = '11010519491231002';
    const id = first17 + idCardCheckDigit(first17);
    expect(readPatientQuery(id.toLowerCase())).toMatchObject({ idCard: id });
    expect(readPatientQuery('110105491231002')).toMatchObject({ idCard: id }); // the same person, old style
    const wrong = first17 + (id.endsWith('0') ? '1' : '0');
    expect(readPatientQuery(wrong)).toEqual({ recordNumber: wrong });
  });

  it('reads letters with digits as a record number', () => {
    expect(readPatientQuery('MZ00012345')).toEqual({ recordNumber: 'MZ00012345' });
    expect(queryKind(readPatientQuery('MZ00012345'))).toBe('recordNumber');
    expect(queryKind(readPatientQuery('   '))).toBe('none');
  });
});
