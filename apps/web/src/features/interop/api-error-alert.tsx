import { Alert } from 'antd';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useI18n } from '../../app/i18n';

/** The server's localised message and, below it, each field message it gave (a mapping, a reason…). */
export function ApiErrorAlert({ error, testId }: { error: unknown; testId?: string }) {
  const { t } = useI18n();
  const fields = error instanceof ApiError ? error.fields : [];
  return (
    <Alert
      type="error"
      showIcon
      title={errorMessage(error, t)}
      description={
        fields.length > 0 ? (
          <ul className="cb-error-fields">
            {fields.map((f, i) => (
              <li key={i}>{f.message}</li>
            ))}
          </ul>
        ) : undefined
      }
      data-testid={testId}
      style={{ marginBottom: 16 }}
    />
  );
}

/** One line for a toast: the message, then the first field message when the server named one. */
export function useErrorLine(): (error: unknown) => string {
  const { t, lang } = useI18n();
  return (error) => {
    const field = error instanceof ApiError ? error.fields[0]?.message : undefined;
    const main = errorMessage(error, t);
    if (!field || field === main) return main;
    return lang === 'zh' ? `${main}：${field}` : `${main}: ${field}`;
  };
}
