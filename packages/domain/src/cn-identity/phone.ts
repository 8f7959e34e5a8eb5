/**
 * Mainland China phone numbers: mobiles (11 digits) and landlines (area code + local number).
 *
 * A patient's phone is how the hospital calls and texts them, so the rules aim at "can this number
 * reach a person", and on doubt accept rather than turn a real patient away at the registration desk.
 */

export type PhoneProblem = 'format' | 'range';

export type PhoneResult =
  { ok: true; value: string; kind: 'mobile' | 'landline' } | { ok: false; problem: PhoneProblem };

/**
 * Mobile number segments allocated by MIIT to public mobile service (checked against the MIIT allocations
 * as tracked by Google's libphonenumber, and the operators' published segments):
 * - 13x all; 15x except 154; 18x all.
 * - 145–149 (145/146 Unicom, 147/148 Mobile, 149 Telecom): allocated as data-card / IoT segments, but many
 *   of these numbers carry ordinary voice/SMS plans today and we cannot tell one from another. Accepted: a
 *   wrong acceptance costs one undelivered SMS, a wrong rejection blocks a registration.
 * - 140–144: reserved for IoT / machine-to-machine numbering (data-only SIMs that cannot take calls or
 *   SMS), so never a patient's contact: rejected.
 * - 162, 165, 167 (virtual operators), 166 (Unicom).
 * - 170, 171 (virtual operators), 172, 173, 175–178. In 174 only 17400–17405 (天通 satellite phones,
 *   China Telecom, with voice and SMS) are public numbers; the rest of 174 is reserved for satellite and
 *   emergency-communication use. 179 is unallocated.
 * - 190, 191, 193, 199 (Telecom), 192 (China Broadnet 中国广电), 195, 197, 198 (Mobile), 196 (Unicom).
 *   194 is unallocated.
 * Numbers outside these are reported as 'range': right shape, not a number anyone can have.
 */
const MOBILE_SEGMENT = /^1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-35-8]|8\d|9[0-35-9])\d{8}$|^1740[0-5]\d{6}$/;

/** Separators people type inside a number: spaces, dashes (ASCII and full-width after NFKC), parentheses. */
const SEPARATORS = /[\s\-()]+/g;

/**
 * A mobile number, normalised to its 11 digits. Accepts the country code as +86, 0086 or 86, and the
 * trunk prefix 0 that is dialled before an out-of-town mobile from a landline (0138…): both are
 * unambiguous and common in records copied from elsewhere.
 */
export function parseMobile(input: string): PhoneResult {
  const s = input.normalize('NFKC').trim().replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(s)) return { ok: false, problem: 'format' };
  let digits: string;
  if (s.startsWith('+')) {
    if (!s.startsWith('+86')) return { ok: false, problem: 'format' };
    digits = s.slice(3);
  } else if (s.startsWith('0086')) {
    digits = s.slice(4);
  } else if (s.length === 13 && s.startsWith('86')) {
    digits = s.slice(2);
  } else if (s.length === 12 && s.startsWith('01')) {
    digits = s.slice(1);
  } else {
    digits = s;
  }
  if (!/^1\d{10}$/.test(digits)) return { ok: false, problem: 'format' };
  if (!MOBILE_SEGMENT.test(digits)) return { ok: false, problem: 'range' };
  return { ok: true, value: digits, kind: 'mobile' };
}

/**
 * A mobile or a landline. Landlines need their area code (a bare local number is ambiguous between cities)
 * and are normalised as `0AA-NNNNNNNN` or `0AAA-NNNNNNN[N]`, with `-EXT` appended when an extension was
 * given (as "-123", "转123", "ext 123", "x123" or "#123").
 */
export function parsePhone(input: string): PhoneResult {
  const mobile = parseMobile(input);
  if (mobile.ok) return mobile;
  const landline = parseLandline(input);
  if (landline.ok) return landline;
  // An 11-digit 1… number in an unallocated segment is a bad mobile, not a bad landline.
  return mobile.problem === 'range' ? mobile : landline;
}

function parseLandline(input: string): PhoneResult {
  let s = input.normalize('NFKC').trim();
  let ext: string | undefined;
  const extMatch = /^(.*?)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i.exec(s);
  if (extMatch) {
    s = extMatch[1]!;
    ext = extMatch[2]!;
  }
  if (!/^\+?[\d\s\-()]+$/.test(s)) return { ok: false, problem: 'format' };
  const groups = s.split(SEPARATORS).filter((g) => g !== '');

  // "010-87654321-123": a short trailing group is an extension if what precedes it is already a whole
  // number. Otherwise the groups are just the number written in chunks ("010 8765 4321").
  if (ext === undefined && groups.length >= 2 && /^\d{1,6}$/.test(groups.at(-1)!)) {
    const withoutLast = splitLandline(groups.slice(0, -1).join(''));
    if (typeof withoutLast !== 'string') return landlineResult(withoutLast, groups.at(-1));
  }
  const whole = splitLandline(groups.join(''));
  if (typeof whole === 'string') return { ok: false, problem: whole };
  return landlineResult(whole, ext);
}

function landlineResult(parts: { area: string; local: string }, ext: string | undefined): PhoneResult {
  const value = `${parts.area}-${parts.local}${ext === undefined ? '' : `-${ext}`}`;
  return { ok: true, value, kind: 'landline' };
}

/**
 * Area code and local number, or the problem. 010 and 02X (not 026) have 2 digits after the 0 and 8-digit
 * local numbers. Every other area code has 3 digits and a 7- or 8-digit local number: cities moved from 7
 * to 8 digits at different times and old records keep the 7-digit form, so we accept both everywhere.
 * Local numbers never start with 0 or 1 (those are prefixes and service codes).
 */
function splitLandline(joined: string): { area: string; local: string } | PhoneProblem {
  let digits: string;
  let hadCountryCode = true;
  if (joined.startsWith('+86')) digits = joined.slice(3);
  else if (joined.startsWith('0086')) digits = joined.slice(4);
  else if (joined.startsWith('0')) {
    digits = joined.slice(1);
    hadCountryCode = false;
  } else return 'format';
  // After a country code the trunk 0 is dropped, but people often write it anyway: "+86 (0)10 …".
  if (hadCountryCode && digits.startsWith('0')) digits = digits.slice(1);
  if (!/^[1-9]\d+$/.test(digits)) return 'format';

  const areaLength = digits.startsWith('1') || digits.startsWith('2') ? 2 : 3;
  const area = `0${digits.slice(0, areaLength)}`;
  const local = digits.slice(areaLength);
  const lengthOk = areaLength === 2 ? local.length === 8 : local.length === 7 || local.length === 8;
  if (!lengthOk) return 'format';
  if (!isAreaCode(digits.slice(0, areaLength))) return 'range';
  if (!/^[2-9]/.test(local)) return 'range';
  return { area, local };
}

/**
 * 3-digit area codes in use, without the leading 0: for each first two digits, the allowed third digits.
 * Taken from libphonenumber's CN fixed-line metadata, which follows MIIT's numbering plan. A number in an
 * unknown area is 'range', so "+86 921…" (a mistyped mobile) is not taken for a landline in area 0921.
 */
const THREE_DIGIT_AREA_CODES: Readonly<Record<string, string>> = {
  '31': '0123456789',
  '33': '5',
  '34': '9',
  '35': '0123456789',
  '37': '0123456789',
  '39': '1234568',
  '41': '0123456789',
  '42': '179',
  '43': '123456789',
  '45': '123456789',
  '46': '4789',
  '47': '0123456789',
  '48': '23',
  '51': '0123456789',
  '52': '37',
  '53': '0123456789',
  '54': '36',
  '55': '0123456789',
  '56': '12346',
  '57': '0123456789',
  '58': '0',
  '59': '123456789',
  '63': '12345',
  '66': '0238',
  '69': '12',
  '70': '1',
  '71': '0123456789',
  '72': '248',
  '73': '01456789',
  '74': '3456',
  '75': '0123456789',
  '76': '023689',
  '77': '0123456789',
  '79': '0123456789',
  '81': '23678',
  '82': '567',
  '83': '0123456789',
  '85': '123456789',
  '87': '0123456789',
  '88': '3678',
  '89': '12345678',
  '90': '123689',
  '91': '12345679',
  '93': '0123456789',
  '94': '13',
  '95': '12345',
  '97': '0123456789',
  '99': '0123456789',
};

/** 2-digit area codes: 10 (Beijing) and 20–29 except 26, which is unused. */
function isAreaCode(code: string): boolean {
  if (code.length === 2) return code === '10' || (code[0] === '2' && code !== '26');
  return THREE_DIGIT_AREA_CODES[code.slice(0, 2)]?.includes(code.slice(2)) ?? false;
}

/**
 * For display: mobiles as 138****5678; landlines keep the area code and the last 4 digits of the local
 * number (010-****4321), an extension is starred too. Anything else keeps only its last 4 characters.
 */
export function maskPhone(normalized: string): string {
  if (/^1\d{10}$/.test(normalized)) return `${normalized.slice(0, 3)}****${normalized.slice(-4)}`;
  const landline = LANDLINE_VALUE.exec(normalized);
  if (landline) {
    const [, area = '', local = '', ext] = landline;
    const masked = `${area}-${'*'.repeat(local.length - 4)}${local.slice(-4)}`;
    return ext === undefined ? masked : `${masked}-${'*'.repeat(ext.length)}`;
  }
  const chars = [...normalized];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return '*'.repeat(chars.length - 4) + chars.slice(-4).join('');
}

/** The last 4 digits of the subscriber number (not of a landline's extension), e.g. for phone look-ups. */
export function phoneLast4(normalized: string): string {
  const landline = LANDLINE_VALUE.exec(normalized);
  const number = landline ? landline[2]! : normalized.replace(/\D/g, '');
  return number.slice(-4);
}

const LANDLINE_VALUE = /^(0\d{2,3})-(\d{7,8})(?:-(\d{1,6}))?$/;
