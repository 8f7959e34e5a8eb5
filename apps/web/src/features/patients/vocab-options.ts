import { useMemo } from 'react';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';

/** Select options for a closed vocabulary of the contracts, labelled in the UI language. */
export function useVocabOptions<V extends string>(values: readonly V[], key: (value: V) => MessageKey) {
  const { t } = useI18n();
  // `key` is a new arrow on each render; the labels only change with the language.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => values.map((value) => ({ value, label: t(key(value)) })), [values, t]);
}
