import { idCardNumber } from '@carebridge/contracts';

/**
 * What a valid resident ID-card number says about its holder: the birth date (digits 7–14, or 7–12 of the
 * old 15-digit form, 19xx) and the gender (digit 17, or 15: odd for men). Null when the number is not valid
 * by the same rules the server applies.
 */
export function idCardFacts(
  value: string | null | undefined,
): { birthDate: string; gender: 'male' | 'female' } | null {
  const v = value?.trim().toUpperCase() ?? '';
  if (!v || !idCardNumber.safeParse(v).success) return null;
  const digits = v.length === 18 ? v.slice(6, 14) : `19${v.slice(6, 12)}`;
  const genderDigit = Number(v.length === 18 ? v[16] : v[14]);
  return {
    birthDate: `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`,
    gender: genderDigit % 2 === 1 ? 'male' : 'female',
  };
}
