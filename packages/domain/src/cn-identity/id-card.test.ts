import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  idCardAgrees,
  idCardCheckDigit,
  isResidencePermit,
  maskIdCard,
  parseIdCard,
  type IdCard,
  type IdCardProblem,
} from './id-card';

// Shared test data (never copied into the repository): ../shared/data/cn-identity from the repository root.
const DATA = new URL('../../../../../shared/data/cn-identity/', import.meta.url);
const readJson = (file: string): unknown => JSON.parse(readFileSync(new URL(file, DATA), 'utf8'));

interface Vector {
  value: string;
  expected: 'valid' | 'invalid';
  source: string;
  strict: boolean | null;
  note: string;
}

const collected = readJson('cn_resident_id_vectors.json') as { vectors: Vector[] };
const validatorJs = readJson('validatorjs_zh_vectors.json') as Record<
  'isIdentityCard_zh-CN' | 'isIdentityCard_zh-TW',
  { valid: string[]; invalid: string[] }
>;

function suiteVectors(name: string, lists: { valid: string[]; invalid: string[] }): Vector[] {
  const make = (expected: Vector['expected']) => (value: string) => ({
    value,
    expected,
    source: name,
    strict: null,
    note: '',
  });
  return [...lists.valid.map(make('valid')), ...lists.invalid.map(make('invalid'))];
}

const VECTORS: Vector[] = [
  ...collected.vectors,
  ...suiteVectors('validator.js zh-CN', validatorJs['isIdentityCard_zh-CN']),
  // Taiwan's own national ID (a letter and 9 digits) is another document; we parse mainland numbers only.
  ...suiteVectors('validator.js zh-TW', validatorJs['isIdentityCard_zh-TW']),
];

/** A fixed "today" keeps the verdicts stable; every vector's birth date is well before it. */
const TODAY = '2025-06-01';

const TAIWAN_NATIONAL_ID =
  "Taiwan's own national ID card (letter + 9 digits), valid in validator.js's zh-TW suite; not a mainland " +
  'resident ID. Taiwan residents in the mainland register with their 830000… residence permit.';

/** Vectors where our verdict differs from the suite's, and why. Any other difference fails the test. */
const EXPLAINED_DIFFERENCES: Record<string, string> = {
  '500154199301135886':
    "jxlwqq/id-validator's strict mode rejects it because the county code 500154 (开州区) was created after " +
    'the birth date. We do not check county codes at all (see id-card.ts): people keep the code their ' +
    'number was issued under, codes are renumbered, and the non-strict mode of the same suite accepts it.',
  '411082198901010002':
    "jxlwqq/id-validator's strict mode rejects it because 411082 (长葛市) is not a current county code; " +
    'its non-strict mode accepts it (issue jxlwqq/id-validator#53: real people carry abolished codes). ' +
    'We never reject on the county part.',
  B176944193: TAIWAN_NATIONAL_ID,
  K101189797: TAIWAN_NATIONAL_ID,
  F112866121: TAIWAN_NATIONAL_ID,
  A219758834: TAIWAN_NATIONAL_ID,
  A244144802: TAIWAN_NATIONAL_ID,
  A146047171: TAIWAN_NATIONAL_ID,
  Q170219004: TAIWAN_NATIONAL_ID,
  Z277018381: TAIWAN_NATIONAL_ID,
  X231071923: TAIWAN_NATIONAL_ID,
};

/** Where a suite says why a number is invalid, the problem we should report. */
const PROBLEM_BY_NOTE: Record<string, IdCardProblem> = {
  号码位数不合法: 'format',
  地址码不合法: 'region',
  出生日期码不合法: 'birth_date',
  验证码不合法: 'checksum',
  校验位不合法: 'checksum',
  InvalidChecksum: 'checksum',
  'InvalidComponent unknown birth place code': 'region',
  InvalidComponent: 'birth_date', // 360426199113010079: month 13
};

/** Vectors whose reason differs from ours although both say invalid. */
const EXPLAINED_PROBLEM_DIFFERENCES: Record<string, string> = {
  '111111199901101512':
    'jxlwqq flags the county code 1111 as unknown; we check only the province (11 = 北京市, real), so we ' +
    'report the check character, which is also wrong.',
};

describe('ID-card numbers against the public validator suites', () => {
  const verdict = (value: string) => (parseIdCard(value, TODAY).ok ? 'valid' : 'invalid');

  it('reads the shared vectors', () => {
    // 57 collected vectors + 31 validator.js zh-CN (the same values, read from the other file) + 25 zh-TW
    // when this was written; more is fine, nothing read is not.
    expect(collected.vectors.length).toBeGreaterThanOrEqual(57);
    expect(VECTORS.length).toBeGreaterThanOrEqual(57 + 31 + 25);
  });

  it('agrees with every suite verdict except the explained ones', () => {
    const differing = new Set(VECTORS.filter((v) => verdict(v.value) !== v.expected).map((v) => v.value));
    expect([...differing].sort()).toEqual(Object.keys(EXPLAINED_DIFFERENCES).sort());
  });

  it('reports the same problem as the suites that give one, except the explained ones', () => {
    const withReason = VECTORS.filter((v) => v.expected === 'invalid' && PROBLEM_BY_NOTE[v.note]);
    expect(withReason.length).toBeGreaterThan(5);
    const differing = withReason
      .filter((v) => {
        const result = parseIdCard(v.value, TODAY);
        return result.ok || result.problem !== PROBLEM_BY_NOTE[v.note];
      })
      .map((v) => v.value);
    expect([...new Set(differing)].sort()).toEqual(Object.keys(EXPLAINED_PROBLEM_DIFFERENCES).sort());
  });

  it('accepts the legacy county codes that real people still carry', () => {
    for (const legacy of ['44040119580101000X', '140120197901010008', '441282198101011230']) {
      expect(parseIdCard(legacy, TODAY).ok).toBe(true);
    }
  });
});

describe('parseIdCard', () => {
  const valid = (input: string): IdCard => {
    const result = parseIdCard(input, TODAY);
    if (!result.ok) throw new Error(`expected ${input} to be valid, got ${result.problem}`);
    return result.value;
  };
  const problem = (input: string, today = TODAY) => {
    const result = parseIdCard(input, today);
    return result.ok ? 'ok' : result.problem;
  };
  /** A number with the right check character, so only the part under test can be wrong. */
  const withCheck = (first17: string) => first17 + idCardCheckDigit(first17);

  it('computes the ISO 7064 MOD 11-2 check character', () => {
    // GB 11643-1999's own examples.
    expect(idCardCheckDigit('11010519491231002')).toBe('X');
    expect(idCardCheckDigit('44052418800101001')).toBe('4');
    expect(() => idCardCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => idCardCheckDigit('1101051949123100X')).toThrow(RangeError);
  });

  it('returns the parts of a valid number', () => {
    expect(valid('11010519491231002X')).toEqual({
      number: '11010519491231002X',
      regionCode: '110105',
      provinceCode: '11',
      provinceName: '北京市',
      birthDate: '1949-12-31',
      gender: 'female',
      upgradedFrom15: false,
    });
    const card = valid('440524188001010014');
    expect(card).toMatchObject({ provinceName: '广东省', birthDate: '1880-01-01', gender: 'male' });
  });

  it('trims, accepts a lowercase x and full-width characters, and normalises to uppercase', () => {
    expect(valid(' 11010519491231002x\n').number).toBe('11010519491231002X');
    expect(valid('１１０１０５１９４９１２３１００２Ｘ').number).toBe('11010519491231002X');
  });

  it('upgrades 15-digit numbers to 18 digits with 19YY and a computed check character', () => {
    const card = valid('110101491001001');
    expect(card.number).toBe('11010119491001001X'); // check character computed independently
    expect(card.number).toHaveLength(18);
    expect(card).toMatchObject({ birthDate: '1949-10-01', gender: 'male', upgradedFrom15: true });
    expect(valid('610104620927690')).toMatchObject({
      number: '610104196209276908',
      provinceName: '陕西省',
      birthDate: '1962-09-27',
      gender: 'female',
    });
    // An upgraded number parses to itself.
    expect(valid(card.number)).toMatchObject({ number: card.number, upgradedFrom15: false });
  });

  it('rejects anything that is not 15 digits or 17 digits and a check character', () => {
    for (const bad of ['', '12345', '1101051949123100', '1101051949123100XX', '11010519491231002Y']) {
      expect(problem(bad)).toBe('format');
    }
    expect(problem('110105 19491231002X')).toBe('format');
    expect(problem('11010119491001001X1')).toBe('format');
    expect(problem('11010519491231002A')).toBe('format');
  });

  it('rejects a wrong check character', () => {
    expect(problem('110105194912310021')).toBe('checksum');
    expect(problem('440524188001010015')).toBe('checksum');
  });

  it('checks the province, not the county', () => {
    expect(problem(withCheck('16032319780605885'))).toBe('region');
    expect(problem(withCheck('01020319750310272'))).toBe('region');
    expect(problem(withCheck('71000019900101001'))).toBe('region'); // 台湾省 code: never on a card
    expect(problem(withCheck('91000019900101001'))).toBe('region'); // "abroad": never on a card
    expect(problem('160101491001001')).toBe('region');
    // 2354 is no prefecture of 黑龙江省 today; the province is real, so the number may be.
    expect(valid(withCheck('23540719510611274')).provinceName).toBe('黑龙江省');
  });

  it('accepts Hong Kong, Macau and Taiwan residence permits, with exactly their address codes', () => {
    const hk = valid('810000199408230021');
    expect(hk).toMatchObject({ provinceCode: '81', provinceName: '香港特别行政区', regionCode: '810000' });
    expect(isResidencePermit(hk)).toBe(true);
    expect(valid(withCheck('82000019900101002')).provinceName).toBe('澳门特别行政区');
    expect(valid('830000199201300022').provinceName).toBe('台湾省');
    expect(isResidencePermit(valid('11010519491231002X'))).toBe(false);
    expect(problem(withCheck('81010019900101002'))).toBe('region');
    expect(problem(withCheck('84000019900101002'))).toBe('region');
    expect(problem('810000900101002')).toBe('region'); // permits were never 15 digits
  });

  it('requires a real birth date between 1880 and today', () => {
    expect(problem(withCheck('11010519900230002'))).toBe('birth_date'); // 30 February
    expect(problem(withCheck('11010519000229002'))).toBe('birth_date'); // 1900 was no leap year
    expect(valid(withCheck('11010520000229002')).birthDate).toBe('2000-02-29');
    expect(problem(withCheck('11010519901301002'))).toBe('birth_date');
    expect(problem(withCheck('11010519901200002'))).toBe('birth_date');
    expect(problem(withCheck('11010518791231002'))).toBe('birth_date');
    expect(problem(withCheck('11010525000101002'))).toBe('birth_date');
    expect(problem('110101940231001')).toBe('birth_date');
    // Born today is fine (a newborn registered at birth), tomorrow is not.
    expect(problem(withCheck('11010520250601002'))).toBe('ok');
    expect(problem(withCheck('11010520250602002'))).toBe('birth_date');
    expect(problem(withCheck('11010520250602002'), '2025-06-02')).toBe('ok');
  });

  it('defaults today to the current date and refuses a malformed one', () => {
    expect(parseIdCard(withCheck('11010520990101002')).ok).toBe(false);
    expect(parseIdCard('11010519491231002X').ok).toBe(true);
    expect(() => parseIdCard('11010519491231002X', '2025-02-30')).toThrow(RangeError);
    expect(() => parseIdCard('11010519491231002X', '20250601')).toThrow(RangeError);
  });
});

describe('maskIdCard', () => {
  it('keeps the first 3 and last 4 characters and the length', () => {
    expect(maskIdCard('11010519491231002X')).toBe('110***********002X');
    expect(maskIdCard('110101491001001')).toBe('110********1001');
    expect(maskIdCard('11010519491231002X')).toHaveLength(18);
  });

  it('stars short input entirely rather than show all of it', () => {
    expect(maskIdCard('1234567')).toBe('*******');
    expect(maskIdCard('')).toBe('');
  });
});

describe('idCardAgrees', () => {
  const card = (parseIdCard('11010519491231002X', TODAY) as { ok: true; value: IdCard }).value;

  it('compares the stated birth date and gender with the card', () => {
    expect(idCardAgrees(card, '1949-12-31', 'female')).toEqual({ birthDate: true, gender: true });
    expect(idCardAgrees(card, '1949-12-30', 'male')).toEqual({ birthDate: false, gender: false });
    expect(idCardAgrees(card, '1949-12-31T00:00:00.000Z')).toEqual({ birthDate: true, gender: true });
  });

  it('agrees where nothing is stated', () => {
    expect(idCardAgrees(card)).toEqual({ birthDate: true, gender: true });
    expect(idCardAgrees(card, '', 'unknown')).toEqual({ birthDate: true, gender: true });
    expect(idCardAgrees(card, undefined, 'male')).toEqual({ birthDate: true, gender: false });
  });
});
