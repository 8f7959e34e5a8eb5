import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, type TableProps } from 'antd';
import { DownloadOutlined, EyeOutlined, ReloadOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { ApiErrorAlert } from '../interop/api-error-alert';
import { ImportCountTags } from '../interop/import-counts';
import { kindLabel } from './import-kinds';
import { ImportStatusTag } from './import-status';
import { IMPORTS_QUERY_KEY, importReportUrl, isFinished, listImports, type ImportJob } from './imports-api';

/** Past imports, newest first; refreshed every few seconds while one is still running. */
export function ImportHistory({ onOpen }: { onOpen: (job: ImportJob) => void }) {
  const { t } = useI18n();
  const imports = useQuery({
    queryKey: IMPORTS_QUERY_KEY,
    queryFn: listImports,
    refetchInterval: (query) => (query.state.data?.items.some((j) => !isFinished(j)) ? 3000 : false),
  });

  const columns: TableProps<ImportJob>['columns'] = [
    {
      title: t('imports.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (at: string) => formatDateTime(at),
    },
    { title: t('imports.fileName'), dataIndex: 'fileName', ellipsis: true },
    {
      title: t('imports.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (k: ImportJob['kind']) => t(kindLabel(k)),
    },
    { title: t('imports.sourceSystem'), dataIndex: 'sourceSystem', width: 110 },
    {
      title: t('imports.statusColumn'),
      dataIndex: 'status',
      width: 100,
      render: (status: ImportJob['status']) => <ImportStatusTag status={status} />,
    },
    {
      title: t('imports.counts'),
      dataIndex: 'counts',
      render: (counts: ImportJob['counts']) => <ImportCountTags counts={counts} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, job) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => onOpen(job)}>
            {t('imports.view')}
          </Button>
          {job.counts.rejected > 0 && (
            <Button type="link" size="small" icon={<DownloadOutlined />} href={importReportUrl(job.id)}>
              {t('imports.report')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('imports.history')}
      size="small"
      extra={
        <Button size="small" icon={<ReloadOutlined />} onClick={() => void imports.refetch()}>
          {t('common.refresh')}
        </Button>
      }
    >
      {imports.isError && <ApiErrorAlert error={imports.error} />}
      <Table<ImportJob>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={imports.data?.items ?? []}
        loading={imports.isFetching && !imports.data}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('imports.noHistory') }}
        data-testid="import-history"
      />
    </Card>
  );
}
