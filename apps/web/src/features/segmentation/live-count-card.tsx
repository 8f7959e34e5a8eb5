import { Alert, Card, Statistic, Typography } from 'antd';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { formatCount } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { LiveCount } from './use-live-count';

/** The number of patients the conditions select now; a refused filter says where to look. */
export function LiveCountCard({ live, children }: { live: LiveCount; children?: React.ReactNode }) {
  const { t } = useI18n();
  const placed = live.error instanceof ApiError && live.error.fields.length > 0;
  const hint = {
    empty: t('segments.count.empty'),
    loading: t('segments.count.loading'),
    ready: t('segments.count.ms', { ms: live.milliseconds ?? 0 }),
    error: placed ? t('segments.count.fixFields') : errorMessage(live.error, t),
  }[live.state];
  return (
    <Card
      size="small"
      className="cb-live-count"
      data-testid="segment-count"
      data-state={live.state}
      data-count={live.count ?? ''}
    >
      <Statistic
        title={t('segments.count.title')}
        value={live.count === null ? '—' : formatCount(live.count)}
        suffix={live.count === null ? undefined : t('segments.count.people')}
        loading={live.state === 'loading' && live.count === null}
        styles={{ content: { opacity: live.state === 'loading' ? 0.5 : 1 } }}
      />
      {live.state === 'error' ? (
        <Alert
          type="error"
          showIcon
          title={hint}
          style={{ marginTop: 8 }}
          data-testid="segment-count-error"
        />
      ) : (
        <Typography.Text type="secondary">{hint}</Typography.Text>
      )}
      {children}
    </Card>
  );
}
