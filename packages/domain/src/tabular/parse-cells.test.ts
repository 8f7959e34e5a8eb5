import { describe, expect, it } from 'vitest';
import { idCardCheckDigit } from '../cn-identity/id-card';
import { fnv1a64Hex } from './hash';
import {
  cellText,
  excelSerialToWallMs,
  parseAmountCell,
  parseDateCell,
  parseDateTimeCell,
  parseEmailCell,
  parseGenderCell,
  parseIdCardCell,
  parseMobileCell,
  parsePhoneCell,
} from './parse-cells';

const TODAY = '2024-06-01';
const SH = { timeZone: 'Asia/Shanghai' };
const ok = <T>(value: T) => ({ ok: true, value });

function idCard(first17: string): string {
  return first17 + idCardCheckDigit(first17);
}

describe('parseDateCell', () => {
  it.each([
    ['1990-01-02', '1990-01-02'],
    ['1990/1/2', '1990-01-02'],
    ['1990.1.2', '1990-01-02'],
    ['1990 - 01 - 02', '1990-01-02'],
    ['19900102', '1990-01-02'],
    ['1990年1月2日', '1990-01-02'],
    ['1990年01月02号', '1990-01-02'],
    ['１９９０－０１－０２', '1990-01-02'], // full-width, from Chinese input methods
    ['1990-01-02 00:00:00', '1990-01-02'], // database exports add a time
    ['1990-01-02T00:00:00.000Z', '1990-01-02'],
    ['2000-02-29', '2000-02-29'],
  ])('reads %j', (input, expected) => {
    expect(parseDateCell(input, { today: TODAY, birthDate: true })).toEqual(ok(expected));
  });

  it.each([
    '2023-02-30',
    '1900-02-29',
    '2023-13-01',
    '2023-00-10',
    '1990-01-02 25:00',
    '02/01/1990', // day-first or month-first: ambiguous, refused
    '1/2/1990',
    '90-1-2',
    '1990-01',
    '1990-01/02',
    'yesterday',
    '',
  ])('rejects %j', (input) => {
    expect(parseDateCell(input, { today: TODAY })).toMatchObject({ ok: false, message: 'csv_date_invalid' });
  });

  it('reads Excel serials, with the 1900 leap-year bug', () => {
    expect(parseDateCell(1)).toEqual(ok('1900-01-01'));
    expect(parseDateCell(59)).toEqual(ok('1900-02-28'));
    expect(parseDateCell(60)).toMatchObject({ ok: false }); // 1900-02-29 never existed
    expect(parseDateCell(61)).toEqual(ok('1900-03-01'));
    expect(parseDateCell(32_874)).toEqual(ok('1990-01-01'));
    expect(parseDateCell(45_000.75)).toEqual(ok('2023-03-15')); // the time of day is ignored
    expect(parseDateCell(0)).toMatchObject({ ok: false });
    expect(parseDateCell(-5)).toMatchObject({ ok: false });
    expect(parseDateCell(Number.NaN)).toMatchObject({ ok: false });
    expect(parseDateCell(19_900_102)).toEqual(ok('1990-01-02')); // typed as a number
    expect(parseDateCell(19_900_230)).toMatchObject({ ok: false });
  });

  it('reads Date cells by their UTC fields (exceljs puts the wall clock there)', () => {
    expect(parseDateCell(new Date(Date.UTC(1990, 0, 2)))).toEqual(ok('1990-01-02'));
    expect(parseDateCell(new Date(Date.UTC(1990, 0, 2, 23, 59)))).toEqual(ok('1990-01-02'));
    expect(parseDateCell(new Date(Number.NaN))).toMatchObject({ ok: false });
  });

  it('bounds birth dates by today and 1880', () => {
    expect(parseDateCell('2024-06-01', { today: TODAY, birthDate: true })).toEqual(ok('2024-06-01'));
    expect(parseDateCell('2024-06-02', { today: TODAY, birthDate: true })).toEqual({
      ok: false,
      message: 'csv_birth_date_future',
      detail: '2024-06-02',
    });
    expect(parseDateCell('1879-12-31', { today: TODAY, birthDate: true })).toMatchObject({ ok: false });
  });

  it('agrees with excelSerialToWallMs on the epoch', () => {
    expect(excelSerialToWallMs(25_569)).toBe(0);
    expect(excelSerialToWallMs(25_569.5)).toBe(43_200_000);
  });
});

describe('parseDateTimeCell', () => {
  it.each([
    ['2024-03-05 08:30', '2024-03-05T08:30:00+08:00'],
    ['2024/3/5 8:30:15', '2024-03-05T08:30:15+08:00'],
    ['2024-03-05T08:30:15.250', '2024-03-05T08:30:15.250+08:00'],
    ['2024年3月5日 8时30分', '2024-03-05T08:30:00+08:00'],
    ['2024年3月5日8点', '2024-03-05T08:00:00+08:00'],
    ['2024/3/5 下午3:20', '2024-03-05T15:20:00+08:00'],
    ['2024/3/5 上午12:05', '2024-03-05T00:05:00+08:00'],
    ['2024/3/5 3:20 PM', '2024-03-05T15:20:00+08:00'],
    ['20240305083000', '2024-03-05T08:30:00+08:00'],
    ['2024-03-05', '2024-03-05T00:00:00+08:00'],
    ['2024-03-05T08:30:00Z', '2024-03-05T08:30:00+00:00'],
    ['2024-03-05 08:30:00+09:00', '2024-03-05T08:30:00+09:00'],
    ['２０２４－０３－０５　０８：３０', '2024-03-05T08:30:00+08:00'],
  ])('reads %j', (input, expected) => {
    expect(parseDateTimeCell(input, SH)).toEqual(ok(expected));
  });

  it.each(['2024-03-05 24:00', '2024-03-05 08:60', '2024-03-05 下午13:00', '2024-02-30 08:00', '1850-01-01'])(
    'rejects %j',
    (input) => {
      expect(parseDateTimeCell(input, SH)).toMatchObject({ ok: false, message: 'csv_date_invalid' });
    },
  );

  it('reads Excel serials and Date cells as local wall-clock times', () => {
    expect(parseDateTimeCell(45_356.354_166_666_664, SH)).toEqual(ok('2024-03-05T08:30:00+08:00'));
    expect(parseDateTimeCell(new Date(Date.UTC(2024, 2, 5, 8, 30)), SH)).toEqual(
      ok('2024-03-05T08:30:00+08:00'),
    );
  });

  it('applies daylight saving time of the zone', () => {
    const ny = { timeZone: 'America/New_York' };
    expect(parseDateTimeCell('2024-01-15 09:00', ny)).toEqual(ok('2024-01-15T09:00:00-05:00'));
    expect(parseDateTimeCell('2024-07-15 09:00', ny)).toEqual(ok('2024-07-15T09:00:00-04:00'));
    // China observed DST 1986–1991.
    expect(parseDateTimeCell('1988-07-01 12:00', SH)).toEqual(ok('1988-07-01T12:00:00+09:00'));
    expect(parseDateTimeCell('2024-03-10 12:00', ny)).toEqual(ok('2024-03-10T12:00:00-04:00')); // transition day
  });

  it('throws on an unknown zone (a configuration error)', () => {
    expect(() => parseDateTimeCell('2024-03-05', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('parseGenderCell', () => {
  it.each([
    ['男', 'male'],
    ['男性', 'male'],
    ['M', 'male'],
    ['m', 'male'],
    ['Male', 'male'],
    ['1', 'male'],
    [1, 'male'],
    ['女', 'female'],
    ['F', 'female'],
    ['female', 'female'],
    ['2', 'female'],
    ['0', 'unknown'],
    ['9', 'unknown'],
    ['未知', 'unknown'],
    ['未说明的性别', 'unknown'],
    [' 女 ', 'female'],
    ['Ｍ', 'male'],
  ])('reads %j', (input, expected) => {
    expect(parseGenderCell(input)).toEqual(ok(expected));
  });

  it.each(['3', 'x', '男女', '', 'yes'])('rejects %j', (input) => {
    expect(parseGenderCell(input)).toMatchObject({ ok: false, message: 'csv_gender_invalid' });
  });
});

describe('parseAmountCell', () => {
  it.each([
    ['1234.5', 123_450],
    ['¥1,234.50', 123_450],
    ['￥1,234.50', 123_450],
    ['1234.5元', 123_450],
    ['1,234,567.89', 123_456_789],
    ['0.01', 1],
    ['.5', 50],
    ['5.', 500],
    ['12.300', 1230], // trailing zeros are not precision
    ['-12.00', -1200],
    ['¥-12', -1200],
    ['-¥12', -1200],
    ['(12.00)', -1200],
    ['−3.5', -350], // U+2212 minus
    ['RMB 100', 10_000],
    ['100 人民币', 10_000],
    ['0', 0],
    ['-0.00', 0],
    ['0.07', 7], // 0.07 * 100 is 7.000000000000001 in floats
    ['1.15', 115], // 1.15 * 100 is 114.99999999999999
    ['9999999999.99', 999_999_999_999],
    [1234.5, 123_450],
    [0.1 + 0.2, 30], // float noise below Excel's 15 digits
    [-5, -500],
  ])('reads %j as %d fen', (input, expected) => {
    expect(parseAmountCell(input)).toEqual(ok(expected));
  });

  it.each([
    '12.345',
    '1,23',
    '12,34.5',
    '1.2.3',
    'abc',
    '',
    '-',
    '¥',
    '1元2',
    '1e3',
    '10000000000',
    '--5',
    Number.POSITIVE_INFINITY,
    1e-7,
    0.001,
    true,
  ])('rejects %j', (input) => {
    expect(parseAmountCell(input)).toMatchObject({ ok: false, message: 'csv_amount_invalid' });
  });

  it('can refuse negative amounts', () => {
    expect(parseAmountCell('-1', { allowNegative: false })).toMatchObject({ message: 'csv_amount_negative' });
    expect(parseAmountCell('0', { allowNegative: false })).toEqual(ok(0));
  });

  it('matches integer arithmetic on every cent value up to 100 yuan', () => {
    for (let fen = 0; fen <= 10_000; fen++) {
      const text = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
      expect(parseAmountCell(text)).toEqual(ok(fen));
      expect(parseAmountCell(Number(text))).toEqual(ok(fen));
    }
  });
});

describe('parseIdCardCell', () => {
  const valid = idCard('11010519900102123');

  it('accepts a valid number, normalised, typed with spaces or in full width', () => {
    expect(parseIdCardCell(valid, TODAY)).toMatchObject({ ok: true, value: { number: valid } });
    expect(
      parseIdCardCell(`${valid.slice(0, 6)} ${valid.slice(6, 14)} ${valid.slice(14)}`, TODAY),
    ).toMatchObject({
      ok: true,
    });
    const fullWidth = [...valid].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(parseIdCardCell(fullWidth, TODAY)).toMatchObject({ ok: true, value: { number: valid } });
    expect(parseIdCardCell(`="${valid}"`, TODAY)).toMatchObject({ ok: true });
    expect(parseIdCardCell(`'${valid}`, TODAY)).toMatchObject({ ok: true });
  });

  it('says why a number is wrong without repeating it', () => {
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    expect(parseIdCardCell(wrongCheck, TODAY)).toEqual({
      ok: false,
      message: 'csv_id_card_invalid',
      detail: 'checksum',
    });
    expect(parseIdCardCell('12345', TODAY)).toEqual({
      ok: false,
      message: 'csv_id_card_invalid',
      detail: 'format',
    });
  });

  it('recognises a number Excel stored as a number (its last digits are lost)', () => {
    expect(parseIdCardCell(110105199001021230, TODAY)).toEqual({
      ok: false,
      message: 'csv_id_card_invalid',
      detail: 'stored_as_number',
    });
    expect(parseIdCardCell('1.10105E+17', TODAY)).toMatchObject({ detail: 'stored_as_number' });
  });
});

describe('phones and email', () => {
  it('reads mobiles, landlines and foreign numbers', () => {
    expect(parsePhoneCell('138 1234 5678')).toEqual(ok({ number: '13812345678', kind: 'mobile' }));
    expect(parsePhoneCell(13_812_345_678)).toEqual(ok({ number: '13812345678', kind: 'mobile' }));
    expect(parsePhoneCell('+86 138-1234-5678')).toEqual(ok({ number: '13812345678', kind: 'mobile' }));
    expect(parsePhoneCell('010-87654321')).toEqual(ok({ number: '010-87654321', kind: 'home' }));
    expect(parsePhoneCell('+1 (415) 555-0100')).toEqual(ok({ number: '+14155550100', kind: 'other' }));
    expect(parsePhoneCell('12345')).toMatchObject({
      ok: false,
      message: 'csv_mobile_invalid',
      detail: 'format',
    });
    expect(parsePhoneCell('14012345678')).toMatchObject({ ok: false, detail: 'range' });
  });

  it('takes only mobiles where a mobile is needed', () => {
    expect(parseMobileCell('13812345678')).toEqual(ok('13812345678'));
    expect(parseMobileCell('010-87654321')).toMatchObject({ ok: false, message: 'csv_mobile_invalid' });
    expect(parsePhoneCell('+1 415 555 0100', { mobileOnly: true })).toMatchObject({ ok: false });
  });

  it('checks email shape', () => {
    expect(parseEmailCell('zhang.san@example.com')).toEqual(ok('zhang.san@example.com'));
    expect(parseEmailCell('zhang.san@example')).toMatchObject({ ok: false, message: 'csv_email_invalid' });
    expect(parseEmailCell('a b@example.com')).toMatchObject({ ok: false });
  });
});

describe('cellText and the key hash', () => {
  it('flattens cells', () => {
    expect(cellText('  x  ')).toBe('x');
    expect(cellText('="00123"')).toBe('00123');
    expect(cellText(12)).toBe('12');
    expect(cellText(new Date(Date.UTC(2024, 2, 5)))).toBe('2024-03-05');
    expect(cellText(new Date(Date.UTC(2024, 2, 5, 8, 30)))).toBe('2024-03-05 08:30:00');
    expect(cellText({ richText: [] })).toBe('');
    expect(cellText(Object.create(null))).toBe('');
    expect(cellText(null)).toBe('');
  });

  it('computes FNV-1a 64 (reference vectors) over UTF-8', () => {
    expect(fnv1a64Hex('')).toBe('cbf29ce484222325');
    expect(fnv1a64Hex('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64Hex('foobar')).toBe('85944171f73967e8');
    // Same bytes, same hash: '张' is E5 BC A0 in UTF-8.
    expect(fnv1a64Hex('张')).toBe(fnv1a64Hex('\u5f20'));
    expect(fnv1a64Hex('𠀀')).not.toBe(fnv1a64Hex('\ud840'));
  });
});
