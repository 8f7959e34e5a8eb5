import { describe, expect, it } from 'vitest';
import type { MatchRecord } from './record';
import { classifyScore, DEFAULT_MATCH_PARAMS, scoreRecords } from './weights';

const base: MatchRecord = {
  name: '王小明',
  birthDate: '1985-03-02',
  gender: 'male',
  idNumber: 'blind-index-1',
  phones: ['phone-hash-1'],
  address: { city: '杭州市', locality: '西湖区', detail: '文三路 88 号' },
};

describe('scorePair', () => {
  it('explains the score field by field', () => {
    const s = scoreRecords(base, { ...base, idNumber: undefined, phones: [] });
    expect(s.fields.map((x) => x.field)).toEqual([
      'familyName',
      'givenName',
      'birthDate',
      'gender',
      'idNumber',
      'phone',
      'area',
      'street',
    ]);
    expect(s.fields.find((x) => x.field === 'idNumber')).toEqual({
      field: 'idNumber',
      level: 'missing',
      weight: 0,
    });
    expect(s.score).toBeCloseTo(
      s.fields.reduce((sum, x) => sum + x.weight, 0),
      9,
    );
    expect(s.rule).toBeUndefined();
  });

  it('makes the same ID number with the same birth date a certain match, whatever else differs', () => {
    const s = scoreRecords(base, { name: '李四', birthDate: '1985-03-02', idNumber: 'blind-index-1' });
    expect(s.rule).toBe('same_id_and_birth_date');
    expect(s.score).toBe(DEFAULT_MATCH_PARAMS.certainScore);
    expect(classifyScore(s.score, DEFAULT_MATCH_PARAMS.thresholds)).toBe('auto_merge');
  });

  it('makes the same phone, name and birth date a certain match', () => {
    const s = scoreRecords(
      { name: '王小明', birthDate: '1985-03-02', phones: ['phone-hash-1'] },
      { name: '王小明', birthDate: '1985-03-02', phones: ['phone-hash-1', 'other'] },
    );
    expect(s.rule).toBe('same_phone_name_and_birth_date');
    expect(classifyScore(s.score, DEFAULT_MATCH_PARAMS.thresholds)).toBe('auto_merge');
  });

  it('counts a clearly different ID number strongly against, but not as proof', () => {
    const same = scoreRecords(base, { ...base, idNumber: undefined });
    const other = scoreRecords(base, { ...base, idNumber: 'blind-index-2' });
    const id = other.fields.find((x) => x.field === 'idNumber');
    expect(id?.level).toBe('disagree');
    expect(id?.weight).toBeLessThan(-5);
    expect(other.score).toBeLessThan(same.score);
    // Everything else agreeing still leaves it for a person to look at.
    expect(classifyScore(other.score, DEFAULT_MATCH_PARAMS.thresholds)).not.toBe('new');
  });

  it('allows one typo in a clear ID number', () => {
    const a = { name: 'Jacob Lanyon', birthDate: '1908-07-12', idNumber: '9497788', idClear: true };
    const s = scoreRecords(a, { ...a, idNumber: '9497878' });
    expect(s.fields.find((x) => x.field === 'idNumber')?.level).toBe('one_edit');
    expect(s.rule).toBeUndefined();
    expect(classifyScore(s.score, DEFAULT_MATCH_PARAMS.thresholds)).toBe('auto_merge');
  });

  it('separates different people with the same surname and district', () => {
    const s = scoreRecords(base, {
      name: '王芳',
      birthDate: '1990-11-20',
      gender: 'female',
      idNumber: 'blind-index-9',
      phones: ['phone-hash-9'],
      address: { city: '杭州市', locality: '西湖区', detail: '文三路 88 号' },
    });
    expect(classifyScore(s.score, DEFAULT_MATCH_PARAMS.thresholds)).toBe('new');
  });

  it('sends a homophone given name with the same birth date and nothing else to review', () => {
    const s = scoreRecords(
      { name: '张三', birthDate: '1990-01-01' },
      { name: '张叁', birthDate: '1990-01-01' },
    );
    expect(s.fields[1]).toMatchObject({ field: 'givenName', level: 'homophone' });
    expect(s.fields[1]?.weight).toBeGreaterThan(0);
    expect(classifyScore(s.score, DEFAULT_MATCH_PARAMS.thresholds)).toBe('review');
  });

  it('weighs missing values as 0', () => {
    const s = scoreRecords({}, {});
    expect(s.score).toBe(0);
    expect(s.fields.every((x) => x.level === 'missing' && x.weight === 0)).toBe(true);
  });
});

describe('DEFAULT_MATCH_PARAMS', () => {
  it('has probabilities in (0, 1], positive weights for agreement and negative for disagreement', () => {
    const tables = [
      ...Object.values(DEFAULT_MATCH_PARAMS.fields),
      ...Object.values(DEFAULT_MATCH_PARAMS.hanNames),
    ];
    for (const table of tables) {
      const levels = Object.entries(table) as [string, { m: number; u: number }][];
      for (const [level, { m, u }] of levels) {
        expect(m).toBeGreaterThan(0);
        expect(m).toBeLessThanOrEqual(1);
        expect(u).toBeGreaterThan(0);
        expect(u).toBeLessThanOrEqual(1);
        if (level === 'disagree') expect(m).toBeLessThan(u);
        if (level === 'exact' || level === 'agree') expect(m).toBeGreaterThan(u);
      }
      const mSum = levels.reduce((s, [level, p]) => s + (level === 'region_agree' ? 0 : p.m), 0);
      expect(mSum).toBeGreaterThan(0.99);
      expect(mSum).toBeLessThan(1.01);
    }
    const { upper, lower } = DEFAULT_MATCH_PARAMS.thresholds;
    expect(lower).toBeLessThan(upper);
    expect(DEFAULT_MATCH_PARAMS.certainScore).toBeGreaterThanOrEqual(upper);
  });
});

describe('classifyScore', () => {
  it('cuts at upper and lower, inclusive', () => {
    const t = { upper: 20, lower: 10 };
    expect(classifyScore(20, t)).toBe('auto_merge');
    expect(classifyScore(19.99, t)).toBe('review');
    expect(classifyScore(10, t)).toBe('review');
    expect(classifyScore(9.99, t)).toBe('new');
    expect(classifyScore(-Infinity, t)).toBe('new');
  });
});
