import { maskIdCard, maskPhone, parseIdCard, parseMobile, parsePhone, phoneLast4 } from '@carebridge/domain';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data';
import { AppError } from '../../platform/errors';

/**
 * Turns a clear ID-card or phone number into what is stored: ciphertext, blind index and mask. Numbers
 * reach this point already validated by the request schema; a failure here is a programming error
 * surfaced as a field error rather than a 500.
 */
export function protectIdCard(cipher: PersonalDataCipher, raw: string) {
  const parsed = parseIdCard(raw);
  if (!parsed.ok)
    throw new AppError('validation_failed', [{ path: 'idCard', message: `id_card_${parsed.problem}` }]);
  const number = parsed.value.number;
  return {
    card: parsed.value,
    stored: {
      idCardCipher: cipher.encrypt(number),
      idCardHash: cipher.blindIndex('id_card', number),
      idCardMasked: maskIdCard(number),
    },
  };
}

export function normalisePhone(raw: string, kind: string): string | null {
  const parsed = kind === 'mobile' ? parseMobile(raw) : parsePhone(raw);
  return parsed.ok ? parsed.value : null;
}

export function protectPhone(cipher: PersonalDataCipher, raw: string, kind: string, path: string) {
  const number = normalisePhone(raw, kind);
  if (!number) throw new AppError('validation_failed', [{ path, message: 'phone_format' }]);
  return {
    cipher: cipher.encrypt(number),
    hash: cipher.blindIndex('phone', number),
    last4: phoneLast4(number),
    masked: maskPhone(number),
  };
}
