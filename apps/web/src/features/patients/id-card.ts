import { parseIdCard } from '@carebridge/domain';

/**
 * What a valid resident ID-card number says about its holder (birth date, gender), read by the same
 * parser the server validates with; null when the number is not valid.
 */
export function idCardFacts(
  value: string | null | undefined,
): { birthDate: string; gender: 'male' | 'female' } | null {
  const parsed = value?.trim() ? parseIdCard(value) : null;
  return parsed?.ok ? { birthDate: parsed.value.birthDate, gender: parsed.value.gender } : null;
}
