import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography, type TableProps } from 'antd';
import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  ReloadOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { formatCount, formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useCan } from '../../app/session';
import { ApiErrorAlert, useErrorLine } from '../interop/api-error-alert';
import {
  deleteSegment,
  listSegments,
  segmentExportUrl,
  SEGMENTS_QUERY_KEY,
  type Segment,
} from './segments-api';

/** Saved segments, newest first: their count, kind and author; members and export for segments.export. */
export function SegmentList({
  onMembers,
  onLoad,
}: {
  onMembers: (segment: Segment) => void;
  onLoad: (segment: Segment) => void;
}) {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const errorLine = useErrorLine();
  const queryClient = useQueryClient();
  const segments = useQuery({ queryKey: [...SEGMENTS_QUERY_KEY, 'list'], queryFn: listSegments });
  const remove = useMutation({
    mutationFn: (segment: Segment) => deleteSegment(segment.id),
    onSuccess: async () => {
      void message.success(t('segments.deleted'));
      await queryClient.invalidateQueries({ queryKey: [...SEGMENTS_QUERY_KEY, 'list'] });
    },
    onError: (error) => void message.error(errorLine(error)),
  });
  const exporter = can('segments.export');

  const columns: TableProps<Segment>['columns'] = [
    {
      title: t('segments.name'),
      dataIndex: 'name',
      render: (name: string, s) => (
        <>
          <Typography.Text strong>{name}</Typography.Text>
          {s.description && (
            <div>
              <Typography.Text type="secondary">{s.description}</Typography.Text>
            </div>
          )}
        </>
      ),
    },
    {
      title: t('segments.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (kind: Segment['kind']) => (
        <Tag color={kind === 'dynamic' ? 'blue' : 'purple'}>{t(`segments.kindShort.${kind}`)}</Tag>
      ),
    },
    {
      title: t('segments.count'),
      dataIndex: 'count',
      width: 110,
      align: 'right',
      render: (count: number) => formatCount(count),
    },
    {
      title: t('segments.createdBy'),
      dataIndex: 'createdByName',
      width: 140,
      render: (name: string | null) => name ?? '—',
    },
    {
      title: t('segments.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: exporter ? 300 : 160,
      render: (_, segment) => (
        <Space size={0} wrap>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onLoad(segment)}>
            {t('segments.load')}
          </Button>
          {exporter && (
            <Button type="link" size="small" icon={<TeamOutlined />} onClick={() => onMembers(segment)}>
              {t('segments.members')}
            </Button>
          )}
          {exporter && (
            <Button type="link" size="small" icon={<DownloadOutlined />} href={segmentExportUrl(segment.id)}>
              {t('segments.exportShort')}
            </Button>
          )}
          <Popconfirm
            title={t('segments.confirmDelete', { name: segment.name })}
            onConfirm={() => remove.mutate(segment)}
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />}>
              {t('segments.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('segments.saved.title')}
      extra={
        <Button size="small" icon={<ReloadOutlined />} onClick={() => void segments.refetch()}>
          {t('common.refresh')}
        </Button>
      }
    >
      {segments.isError && <ApiErrorAlert error={segments.error} />}
      <Table<Segment>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={segments.data?.items ?? []}
        loading={segments.isFetching && !segments.data}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('segments.saved.empty') }}
        scroll={{ x: 900 }}
        data-testid="segment-list"
      />
    </Card>
  );
}
