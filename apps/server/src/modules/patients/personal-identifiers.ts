import { maskIdCard, maskPhone, parseIdCard, parseMobile, parsePhone, phoneLast4 } from '@carebridge/domain';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data';
import { AppError } from '../../platform/errors';

/** How a normalised ID-card number is stored: ciphertext, blind index and mask (also used by bulk loads). */
export const storedIdCard = (cipher: PersonalDataCipher, number: string) => ({
  cipher: cipher.encrypt(number),
  hash: cipher.blindIndex('id_card', number),
  masked: maskIdCard(number),
});

/** How a normalised phone number is stored: ciphertext, blind index, last four digits and mask. */
export const storedPhone = (cipher: PersonalDataCipher, number: string) => ({
  cipher: cipher.encrypt(number),
  hash: cipher.blindIndex('phone', number),
  last4: phoneLast4(number),
  masked: maskPhone(number),
});

/**
 * Turns a clear ID-card or phone number into what is stored: ciphertext, blind index and mask. Numbers
 * reach this point already validated by the request schema; a failure here is a programming error
 * surfaced as a field error rather than a 500.
 */
export function protectIdCard(cipher: PersonalDataCipher, raw: string) {
  const parsed = parseIdCard(raw);
  if (!parsed.ok)
    throw new AppError('validation_failed', [{ path: 'idCard', message: `id_card_${parsed.problem}` }]);
  const stored = storedIdCard(cipher, parsed.value.number);
  return {
    card: parsed.value,
    stored: { idCardCipher: stored.cipher, idCardHash: stored.hash, idCardMasked: stored.masked },
  };
}

/** A mainland number as stored: mobiles validated as mobiles, other kinds as mobile or landline. */
export function normalisePhone(raw: string, kind: string): string | null {
  const parsed = kind === 'mobile' ? parseMobile(raw) : parsePhone(raw);
  return parsed.ok ? parsed.value : null;
}

export function protectPhone(cipher: PersonalDataCipher, raw: string, kind: string, path: string) {
  const number = normalisePhone(raw, kind);
  if (!number) throw new AppError('validation_failed', [{ path, message: 'phone_format' }]);
  return storedPhone(cipher, number);
}
