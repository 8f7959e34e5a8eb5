import { Tag } from 'antd';
import { useI18n } from '../../app/i18n';
import type { ImportStatus } from './imports-api';

const COLOURS: Record<ImportStatus, string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

export function ImportStatusTag({ status }: { status: ImportStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={COLOURS[status]} data-testid="import-status">
      {t(`imports.status.${status}`)}
    </Tag>
  );
}

/** 75 → "1 分 15 秒"; under a minute in seconds. */
export function formatEta(seconds: number, t: ReturnType<typeof useI18n>['t']): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('imports.etaSeconds', { s });
  return t('imports.etaMinutes', { m: Math.floor(s / 60), s: s % 60 });
}
