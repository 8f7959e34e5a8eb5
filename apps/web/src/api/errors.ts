import type { FormInstance } from 'antd';
import type { Translate } from '../app/i18n';
import { ApiError } from './client';

/** The text to show for any failure: the server's localised message, or ours when it never answered. */
export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.code === 'network_error') return t('common.networkError');
    return error.message || t('common.error');
  }
  return t('common.error');
}

/**
 * Puts the server's field errors on the form's fields. A path such as "roles.0" belongs to the field
 * "roles"; errors for fields the form does not have are returned so the caller can show them elsewhere.
 */
export function applyFieldErrors(
  form: FormInstance,
  error: unknown,
  fieldNames: readonly string[],
): string[] {
  if (!(error instanceof ApiError) || error.fields.length === 0) return [];
  const known = new Set(fieldNames);
  const byField = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const field of error.fields) {
    const name = field.path.replace(/^body\./, '').split('.')[0] ?? '';
    if (known.has(name)) byField.set(name, [...(byField.get(name) ?? []), field.message]);
    else unplaced.push(field.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return unplaced;
}
