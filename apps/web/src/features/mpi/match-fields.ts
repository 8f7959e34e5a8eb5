import type { MessageKey } from '../../app/messages';
import { zh } from '../../app/messages';

/** The matcher's fields, in the order the evidence is read (names first, then what identifies a person). */
export const MATCH_FIELDS = [
  'familyName',
  'givenName',
  'birthDate',
  'gender',
  'idNumber',
  'phone',
  'area',
  'street',
];

/** A field or level name the console knows gets its label; anything newer shows as the server sent it. */
export function matchLabel(t: (key: MessageKey) => string, group: 'field' | 'level', code: string): string {
  const key = `mpi.${group}.${code}`;
  return key in zh ? t(key as MessageKey) : code;
}

/** Evidence sorted as MATCH_FIELDS, unknown fields last. */
export function byFieldOrder<T extends { field: string }>(items: readonly T[]): T[] {
  const rank = (field: string) => {
    const i = MATCH_FIELDS.indexOf(field);
    return i === -1 ? MATCH_FIELDS.length : i;
  };
  return [...items].sort((a, b) => rank(a.field) - rank(b.field));
}
