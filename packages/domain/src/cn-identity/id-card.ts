/**
 * Chinese resident ID-card numbers (公民身份号码, GB 11643-1999).
 *
 * Layout of the 18 characters: 6-digit address code (GB/T 2260 county where the number was first issued),
 * 8-digit birth date, 3-digit sequence (odd = male, even = female), 1 check character (ISO 7064 MOD 11-2).
 * The 15-digit numbers issued before 1999 have a 2-digit year (always 19YY) and no check character.
 *
 * What we check, and what we deliberately do not:
 * - Region: only the province part (first two digits). The prefecture/county part is NOT checked: a number
 *   keeps the county code it was issued under for life, and thousands of those codes have since been
 *   abolished or renumbered (e.g. 140120 太原市市区, 440401 珠海市市辖区 are still carried by real people),
 *   so a table of today's codes would reject real patients, while a complete table of every GB/T 2260
 *   edition since 1980 is large and still misses codes issued locally. A wrong county digit is a typo the
 *   check character catches anyway.
 * - Hong Kong / Macau / Taiwan residence permits (港澳台居民居住证, since 2018) are accepted: they are
 *   GB 11643 numbers with the address code 810000 / 820000 / 830000, the same check character, and they are
 *   the document those residents register with at a mainland hospital. Two of the three suites in our test
 *   data treat them as valid (jxlwqq/id-validator has 810000… and 830000… vectors; validator.js lists 81/82
 *   as province codes). We accept exactly those three address codes, nothing else under 8x.
 * - 71 (台湾省 in GB/T 2260) and 91 (abroad) never appear on issued cards, so they are rejected.
 */

export type IdCardProblem = 'format' | 'checksum' | 'region' | 'birth_date';

export interface IdCard {
  /** 18 characters; a final X is uppercase. 15-digit input is upgraded. */
  number: string;
  regionCode: string;
  provinceCode: string;
  provinceName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'male' | 'female';
  upgradedFrom15: boolean;
}

export type IdCardResult = { ok: true; value: IdCard } | { ok: false; problem: IdCardProblem };

const PROVINCES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
};

/** Residence-permit address codes; the whole 6 digits must match (no county part exists). */
const PERMITS: Readonly<Record<string, string>> = {
  '810000': '香港特别行政区',
  '820000': '澳门特别行政区',
  '830000': '台湾省',
};

/** Weight of position i is 2^(17-i) mod 11 (ISO 7064 MOD 11-2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Nobody alive or recently deceased was born earlier; older dates are typos. */
const EARLIEST_BIRTH = '1880-01-01';

/** The check character for 17 digits: '0'–'9' or 'X'. Throws on anything but 17 ASCII digits. */
export function idCardCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCardCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Parse and validate an ID-card number. `today` (YYYY-MM-DD) bounds the birth date; it defaults to the
 * current date in China (UTC+8), where the hospital is, not the server's time zone.
 * Checks run format → region → birth date → check character, so that a typo in the region or date part
 * is reported where it is rather than as a generic checksum failure.
 */
export function parseIdCard(input: string, today: string = chinaToday()): IdCardResult {
  if (!isIsoDate(today)) throw new RangeError(`today must be a real YYYY-MM-DD date, got ${today}`);
  // NFKC turns full-width digits and Ｘ (common from Chinese input methods) into ASCII.
  const s = input.normalize('NFKC').trim().toUpperCase();

  let first17: string;
  let upgraded: boolean;
  if (/^\d{17}[\dX]$/.test(s)) {
    first17 = s.slice(0, 17);
    upgraded = false;
  } else if (/^\d{15}$/.test(s)) {
    first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    upgraded = true;
  } else {
    return { ok: false, problem: 'format' };
  }

  const regionCode = first17.slice(0, 6);
  const provinceCode = first17.slice(0, 2);
  const provinceName = PROVINCES[provinceCode] ?? PERMITS[regionCode];
  if (provinceName === undefined) return { ok: false, problem: 'region' };
  // Residence permits were introduced in 2018 as 18-digit numbers; a 15-digit one cannot exist.
  if (upgraded && PERMITS[regionCode] !== undefined) return { ok: false, problem: 'region' };

  const birthDate = `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || birthDate < EARLIEST_BIRTH || birthDate > today) {
    return { ok: false, problem: 'birth_date' };
  }

  const check = idCardCheckDigit(first17);
  if (!upgraded && s[17] !== check) return { ok: false, problem: 'checksum' };

  return {
    ok: true,
    value: {
      number: first17 + check,
      regionCode,
      provinceCode,
      provinceName,
      birthDate,
      gender: (first17.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
      upgradedFrom15: upgraded,
    },
  };
}

/** Whether the card is a Hong Kong / Macau / Taiwan residence permit rather than a mainland ID card. */
export function isResidencePermit(card: IdCard): boolean {
  return PERMITS[card.regionCode] !== undefined;
}

/**
 * First 3 and last 4 characters kept, the rest starred, same length (110***********1234): enough for a
 * clerk to tell two patients apart, while the birth date and county stay hidden. Inputs too short to hide
 * anything that way are starred entirely.
 */
export function maskIdCard(normalized: string): string {
  const chars = [...normalized];
  if (chars.length <= 7) return '*'.repeat(chars.length);
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
}

/**
 * Whether what the patient stated agrees with the card. An absent statement (or gender 'unknown') agrees:
 * there is nothing to contradict. `birthDate` is compared as YYYY-MM-DD (a longer ISO timestamp is cut).
 */
export function idCardAgrees(
  card: IdCard,
  birthDate?: string,
  gender?: 'male' | 'female' | 'unknown',
): { birthDate: boolean; gender: boolean } {
  const stated = birthDate?.trim();
  return {
    birthDate: !stated || stated.slice(0, 10) === card.birthDate,
    gender: gender === undefined || gender === 'unknown' || gender === card.gender,
  };
}

function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function chinaToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}
