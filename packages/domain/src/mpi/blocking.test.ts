import { describe, expect, it } from 'vitest';
import { blockingKeys, MAX_BLOCKING_KEYS, soundex } from './blocking';
import { normaliseForMatch, type MatchRecord } from './record';

const keys = (r: MatchRecord) => blockingKeys(normaliseForMatch(r));
const share = (a: MatchRecord, b: MatchRecord) => keys(a).some((k) => keys(b).includes(k));

describe('soundex', () => {
  it('codes names the standard way', () => {
    expect(soundex('Robert')).toBe('R163');
    expect(soundex('Rupert')).toBe('R163');
    expect(soundex('Ashcraft')).toBe('A261');
    expect(soundex('Tymczak')).toBe('T522');
    expect(soundex('Pfister')).toBe('P236');
    expect(soundex('Lee')).toBe('L000');
    expect(soundex('')).toBe('');
  });
});

describe('blockingKeys', () => {
  const full: MatchRecord = {
    name: '欧阳娜娜',
    birthDate: '1990-01-01',
    idNumber: 'id-hash',
    phones: ['p1', 'p2', 'p3'],
    address: { postcode: '310012', streetNumber: '88', detail: '文三路' },
  };

  it('gives at most 8 deterministic keys that depend only on the record', () => {
    const k = keys(full);
    expect(k.length).toBeLessThanOrEqual(MAX_BLOCKING_KEYS);
    expect(k).toEqual(keys(structuredClone(full)));
    expect(new Set(k).size).toBe(k.length);
    expect(k).toContain('id:id-hash');
    expect(k.filter((x) => x.startsWith('ph:'))).toHaveLength(2);
  });

  it('gives nothing for an empty record', () => {
    expect(keys({})).toEqual([]);
  });

  it('brings together records of one person despite an error in any one field', () => {
    const a: MatchRecord = {
      givenName: 'jacob',
      familyName: 'lanyon',
      birthDate: '1908-07-12',
      idNumber: '9497788',
      idClear: true,
      address: { streetNumber: '5', detail: 'milne cove', postcode: '2602' },
    };
    expect(share(a, { ...a, idNumber: '9497878' })).toBe(true);
    expect(share(a, { ...a, birthDate: '1980-07-12', idNumber: undefined })).toBe(true);
    expect(share(a, { ...a, familyName: 'lanyln', idNumber: undefined })).toBe(true);
    expect(share(a, { ...a, givenName: 'lanyon', familyName: 'jacob', idNumber: undefined })).toBe(true);
    expect(share(a, { ...a, familyName: 'brown', givenName: 'jakob', idNumber: undefined })).toBe(true);
    expect(
      share(a, {
        ...a,
        familyName: 'lanyin',
        givenName: 'jakob',
        birthDate: '1918-07-12',
        idNumber: undefined,
      }),
    ).toBe(true);
    expect(share(a, { givenName: 'mary', familyName: 'smith', birthDate: '1950-02-03' })).toBe(false);
  });

  it('puts Han homophones in the same blocks', () => {
    expect(share({ name: '张三', birthDate: '1990-01-01' }, { name: '张叁', birthDate: '1990-01-01' })).toBe(
      true,
    );
    expect(share({ name: '张三', birthDate: '1990-01-01' }, { name: '章三', birthDate: '1990-01-01' })).toBe(
      true,
    );
  });
});
