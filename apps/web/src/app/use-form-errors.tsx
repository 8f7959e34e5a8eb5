import { useState, type ReactNode } from 'react';
import { Alert, type FormInstance } from 'antd';
import { applyFieldErrors, errorMessage } from '../api/errors';
import { useI18n } from './i18n';

/**
 * A failed save on a form: the server's field errors go onto their fields; anything that cannot be placed
 * (or a failure without field errors) is shown in an alert above the form.
 */
export function useFormErrors(
  form: FormInstance,
  fields: readonly string[],
): { showError: (error: unknown) => void; clearError: () => void; alert: ReactNode } {
  const { t } = useI18n();
  const [formError, setFormError] = useState<string | null>(null);
  const showError = (error: unknown) => {
    const unplaced = applyFieldErrors(form, error, fields);
    const placed = unplaced.length === 0 && form.getFieldsError().some((f) => f.errors.length > 0);
    setFormError(placed ? null : [errorMessage(error, t), ...unplaced].join(' '));
  };
  const alert = formError ? (
    <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />
  ) : null;
  return { showError, clearError: () => setFormError(null), alert };
}
