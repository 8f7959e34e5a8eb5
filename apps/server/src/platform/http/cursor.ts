import { AppError } from '../errors';

/**
 * Keyset-paging cursors: the last row's sort key, opaque to clients (base64url JSON). A cursor that
 * does not decode to the expected shape is the caller's error (400 on the field), never a 500.
 */
export const encodeCursor = (position: unknown): string =>
  Buffer.from(JSON.stringify(position)).toString('base64url');

export function decodeCursor<T>(cursor: string, field: string, isValid: (v: unknown) => v is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!isValid(value)) throw new AppError('validation_failed', [{ path: field, message: 'unknown_cursor' }]);
  return value;
}
