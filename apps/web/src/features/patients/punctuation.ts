import { useMemo } from 'react';
import { useI18n } from '../../app/i18n';

/** Chinese text uses full-width punctuation (、；：（）), English the ASCII forms with spaces. */
export function usePunctuation() {
  const { t } = useI18n();
  return useMemo(
    () => ({
      list: t('punct.list'),
      semicolon: t('punct.semicolon'),
      comma: t('punct.comma'),
      colon: t('punct.colon'),
      paren: (text: string) => t('punct.paren', { text }),
    }),
    [t],
  );
}
