import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maskPhone, parseMobile, parsePhone, phoneLast4 } from './phone';

// Shared test data (never copied into the repository): ../shared/data/cn-identity from the repository root.
const DATA = new URL('../../../../../shared/data/cn-identity/', import.meta.url);
const suites = JSON.parse(readFileSync(new URL('validatorjs_zh_vectors.json', DATA), 'utf8')) as Record<
  'isMobilePhone_zh-CN' | 'isMobilePhone_zh-TW',
  { valid: string[]; invalid: string[] }
>;

const vectors = (suite: keyof typeof suites) => [
  ...suites[suite].valid.map((value) => ({ value, expected: 'valid' })),
  ...suites[suite].invalid.map((value) => ({ value, expected: 'invalid' })),
];
const VECTORS = [...vectors('isMobilePhone_zh-CN'), ...vectors('isMobilePhone_zh-TW')];

const NOT_MAINLAND =
  'validator.js accepts 92x/98x as "reserve number segments in the future"; no mainland mobile starts ' +
  'with 9 (mobiles are 1 + 10 digits), so we reject it.';
const SEPARATORS =
  'Typed with dashes; validator.js rejects any separator, we strip spaces, dashes and parentheses ' +
  '(how numbers are written on forms) and keep the 11 digits.';
const TAIWAN = 'A Taiwan (+886) mobile, valid in the zh-TW suite; we parse mainland numbers only.';

/** Vectors where our verdict differs from validator.js, and why. Any other difference fails the test. */
const EXPLAINED_DIFFERENCES: Record<string, string> = {
  '17469427292':
    'In the 174 segment only 17400–17405 (天通 satellite phones) are issued to the public; 1746 is ' +
    'reserved (satellite / emergency communications). libphonenumber agrees.',
  '92138389438': NOT_MAINLAND,
  '+8692138389438': NOT_MAINLAND,
  '008692138389438': NOT_MAINLAND,
  '98199649964': NOT_MAINLAND,
  '+8698099649964': NOT_MAINLAND,
  '008698099649964': NOT_MAINLAND,
  '013838389438':
    'The trunk prefix 0 dialled before an out-of-town mobile from a landline; unambiguous (no area code ' +
    'is 01 + 3–9), so we accept it as 13838389438.',
  '+86-13838389438': SEPARATORS,
  '0086-13811211114': SEPARATORS,
  '0086-138-1121-1114': SEPARATORS,
  '0987123456': TAIWAN,
  '+886987123456': TAIWAN,
  '886987123456': TAIWAN,
  '+886-987123456': TAIWAN,
  '886-987123456': TAIWAN,
};

describe('mobile numbers against validator.js', () => {
  it('reads the shared vectors', () => {
    // 53 zh-CN and 9 zh-TW vectors when this was written; more is fine, nothing read is not.
    expect(VECTORS.length).toBeGreaterThanOrEqual(53 + 9);
  });

  it('agrees with every verdict except the explained ones', () => {
    const verdict = (value: string) => (parseMobile(value).ok ? 'valid' : 'invalid');
    const differing = new Set(VECTORS.filter((v) => verdict(v.value) !== v.expected).map((v) => v.value));
    expect([...differing].sort()).toEqual(Object.keys(EXPLAINED_DIFFERENCES).sort());
  });

  it('parsePhone says the same of them, apart from the landline in the invalid list', () => {
    const differing = VECTORS.filter((v) => parseMobile(v.value).ok !== parsePhone(v.value).ok);
    expect(differing.map((v) => v.value)).toEqual(['010-38238383']);
    expect(parsePhone('010-38238383')).toEqual({ ok: true, value: '010-38238383', kind: 'landline' });
  });
});

describe('parseMobile', () => {
  const value = (input: string) => {
    const result = parseMobile(input);
    return result.ok ? result.value : result.problem;
  };

  it('normalises to the 11 digits, whatever the prefix and separators', () => {
    for (const input of [
      '13812345678',
      ' 138 1234 5678 ',
      '138-1234-5678',
      '(+86) 138 1234 5678',
      '+86 13812345678',
      '008613812345678',
      '8613812345678',
      '013812345678',
      '１３８１２３４５６７８',
    ]) {
      expect(value(input)).toBe('13812345678');
    }
    expect(parseMobile('13812345678')).toEqual({ ok: true, value: '13812345678', kind: 'mobile' });
  });

  it('rejects what is not shaped like a mainland mobile', () => {
    for (const input of ['', '1381234567', '138123456789', '+85291234567', '1381234567a', '138.1234.5678']) {
      expect(value(input)).toBe('format');
    }
    expect(value('23812345678')).toBe('format');
    expect(value('010-38238383')).toBe('format');
    expect(value('+0086 13812345678')).toBe('format');
  });

  it('accepts the allocated segments, including 192 and 195–199', () => {
    for (const segment of ['130', '139', '145', '147', '149', '150', '153', '159', '162', '165', '166']) {
      expect(value(`${segment}12345678`)).toBe(`${segment}12345678`);
    }
    for (const segment of [
      '167',
      '170',
      '171',
      '172',
      '178',
      '180',
      '189',
      '190',
      '192',
      '193',
      '195',
      '199',
    ]) {
      expect(value(`${segment}12345678`)).toBe(`${segment}12345678`);
    }
    expect(value('17400512345')).toBe('17400512345'); // 天通 satellite phones: 17400–17405
    expect(value('17405123456')).toBe('17405123456');
  });

  it('reports unallocated and data-only segments as out of range', () => {
    for (const segment of [
      '100',
      '110',
      '120',
      '128',
      '140',
      '141',
      '144',
      '154',
      '160',
      '164',
      '168',
      '179',
    ]) {
      expect(value(`${segment}12345678`)).toBe('range');
    }
    expect(value('19412345678')).toBe('range');
    expect(value('17406123456')).toBe('range');
    expect(value('17410123456')).toBe('range');
    expect(value('17491234567')).toBe('range');
  });
});

describe('parsePhone', () => {
  const value = (input: string) => {
    const result = parsePhone(input);
    return result.ok ? `${result.kind} ${result.value}` : result.problem;
  };

  it('parses mobiles like parseMobile', () => {
    expect(value('+86 138 1234 5678')).toBe('mobile 13812345678');
    expect(value('14012345678')).toBe('range');
  });

  it('normalises landlines to area code, dash, local number', () => {
    expect(value('010-87654321')).toBe('landline 010-87654321');
    expect(value('(010) 8765 4321')).toBe('landline 010-87654321');
    expect(value('01087654321')).toBe('landline 010-87654321');
    expect(value('0755-86001234')).toBe('landline 0755-86001234');
    expect(value('0571 876 5432')).toBe('landline 0571-8765432');
    expect(value('+86 10 87654321')).toBe('landline 010-87654321');
    expect(value('+86 (0)755 8600 1234')).toBe('landline 0755-86001234');
    expect(value('0086-21-62345678')).toBe('landline 021-62345678');
    expect(value('0991-4567890')).toBe('landline 0991-4567890');
    expect(value('0898 6612 3456')).toBe('landline 0898-66123456');
  });

  it('keeps an extension after a dash', () => {
    expect(value('010-87654321-8001')).toBe('landline 010-87654321-8001');
    expect(value('010-87654321转8001')).toBe('landline 010-87654321-8001');
    expect(value('0755-86001234 ext. 12')).toBe('landline 0755-86001234-12');
    expect(value('0571-8765432 x 9')).toBe('landline 0571-8765432-9');
    expect(value('021 6234 5678#123')).toBe('landline 021-62345678-123');
  });

  it('rejects landlines without an area code or with an impossible one', () => {
    expect(value('87654321')).toBe('format');
    expect(value('010-8765432')).toBe('format'); // Beijing numbers have 8 digits
    expect(value('0571-876543')).toBe('format');
    expect(value('0571-876543210')).toBe('format');
    expect(value('011-87654321')).toBe('range');
    expect(value('026-87654321')).toBe('range');
    expect(value('0921-3838943')).toBe('range');
    expect(value('+8692138389438')).toBe('range'); // read as a landline: no area code 0921
    expect(value('010-07654321')).toBe('range');
    expect(value('010-17654321')).toBe('range');
    expect(value('400-810-8888')).toBe('format');
    expect(value('13812345678转1')).toBe('format');
    expect(value('电话 010-87654321')).toBe('format');
  });
});

describe('maskPhone and phoneLast4', () => {
  it('masks mobiles as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(phoneLast4('13812345678')).toBe('5678');
  });

  it('keeps the area code and the last 4 digits of a landline', () => {
    expect(maskPhone('010-87654321')).toBe('010-****4321');
    expect(maskPhone('0571-8765432')).toBe('0571-***5432');
    expect(maskPhone('010-87654321-8001')).toBe('010-****4321-****');
    expect(phoneLast4('010-87654321-8001')).toBe('4321');
    expect(phoneLast4('0571-8765432')).toBe('5432');
  });

  it('never shows more than the last 4 characters of anything else', () => {
    expect(maskPhone('+85291234567')).toBe('********4567');
    expect(maskPhone('123')).toBe('***');
    expect(phoneLast4('+852 9123 4567')).toBe('4567');
  });
});
