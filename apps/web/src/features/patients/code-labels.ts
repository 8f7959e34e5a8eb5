import { useCallback } from 'react';
import { useI18n } from '../../app/i18n';
import { zh, type MessageKey } from '../../app/messages';

/** Open code lists of clinical rows (what HIS/LIS send): known codes get a label, others show as sent. */
export type CodeGroup = 'status' | 'regChannel' | 'resultKind' | 'severity' | 'charge' | 'payment' | 'payer';

export function useCodeLabel(): (group: CodeGroup, code: string | null | undefined) => string | null {
  const { t } = useI18n();
  return useCallback(
    (group, code) => {
      if (code === null || code === undefined || code === '') return null;
      const key = `code.${group}.${code}`;
      return key in zh ? t(key as MessageKey) : code;
    },
    [t],
  );
}
