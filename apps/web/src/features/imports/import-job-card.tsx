import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Progress, Skeleton } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { ApiErrorAlert } from '../interop/api-error-alert';
import { ImportCountTags } from '../interop/import-counts';
import { kindLabel } from './import-kinds';
import { formatEta, ImportStatusTag } from './import-status';
import {
  getImport,
  IMPORTS_QUERY_KEY,
  importKey,
  importReportUrl,
  isFinished,
  type ImportJob,
} from './imports-api';

const POLL_MS = 1000;

function percentOf(job: ImportJob): number {
  if (job.status === 'done') return 100;
  if (!job.rowsTotal) return 0;
  return Math.min(100, Math.floor((job.rowsDone / job.rowsTotal) * 100));
}

/** Step 3: one import as it runs (polled every second until done or failed), then its outcome. */
export function ImportJobCard({ jobId, onAnother }: { jobId: string; onAnother: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: importKey(jobId),
    queryFn: () => getImport(jobId),
    refetchInterval: (query) => (isFinished(query.state.data) ? false : POLL_MS),
  });
  const finished = isFinished(job.data);
  useEffect(() => {
    // The list below shows the final counts too.
    if (finished) void queryClient.invalidateQueries({ queryKey: IMPORTS_QUERY_KEY, exact: true });
  }, [finished, queryClient]);

  if (job.isPending) return <Skeleton active />;
  if (job.isError) return <ApiErrorAlert error={job.error} />;
  const j = job.data;
  const none = t('common.none');
  return (
    <Card
      size="small"
      title={j.fileName}
      extra={<ImportStatusTag status={j.status} />}
      data-testid="import-job"
      data-status={j.status}
    >
      <Progress
        percent={percentOf(j)}
        status={j.status === 'failed' ? 'exception' : j.status === 'done' ? 'success' : 'active'}
        data-testid="import-progress"
      />
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        style={{ marginTop: 12 }}
        items={[
          { key: 'kind', label: t('imports.kind'), children: t(kindLabel(j.kind)) },
          {
            key: 'rows',
            label: t('imports.rows'),
            children: t('imports.rowsOf', { done: j.rowsDone, total: j.rowsTotal ?? '?' }),
          },
          {
            key: 'rate',
            label: t('imports.rate'),
            children: j.rate === null ? none : t('imports.rateValue', { rate: Math.round(j.rate) }),
          },
          {
            key: 'eta',
            label: t('imports.eta'),
            children: finished || j.etaSeconds === null ? none : formatEta(j.etaSeconds, t),
          },
          { key: 'source', label: t('imports.sourceSystem'), children: j.sourceSystem || none },
          { key: 'mode', label: t('imports.mode'), children: t(`imports.mode.${j.mode}`) },
          { key: 'started', label: t('imports.startedAt'), children: formatDateTime(j.startedAt) },
          { key: 'finished', label: t('imports.finishedAt'), children: formatDateTime(j.finishedAt) },
          {
            key: 'counts',
            label: t('imports.counts'),
            span: 'filled',
            children: <ImportCountTags counts={j.counts} showZeros testId="import-counts" />,
          },
        ]}
      />
      {j.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={t('imports.failed')}
          description={j.error}
          style={{ marginTop: 12 }}
        />
      )}
      <Flex justify="space-between" style={{ marginTop: 12 }}>
        {j.counts.rejected > 0 ? (
          <Button icon={<DownloadOutlined />} href={importReportUrl(j.id)} data-testid="import-report">
            {t('imports.downloadReport', { count: j.counts.rejected })}
          </Button>
        ) : (
          <span />
        )}
        {finished && (
          <Button type="primary" icon={<PlusOutlined />} onClick={onAnother} data-testid="import-another">
            {t('imports.another')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
