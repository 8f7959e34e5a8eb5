import { useState, type HTMLAttributes } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Flex,
  Popconfirm,
  Segmented,
  Space,
  Table,
  Typography,
  type TableProps,
} from 'antd';
import { EyeOutlined, ReloadOutlined, StopOutlined, SyncOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { AckTag } from './ack-tag';
import { ApiErrorAlert, useErrorLine } from './api-error-alert';
import {
  dismissMessage,
  INBOX_QUERY_KEY,
  listInbox,
  reprocessMessage,
  type InboxMessage,
  type InboxStatus,
  type ReprocessResult,
} from './inbox-api';
import { INBOX_TABS } from './inbox-status';
import { RawMessageModal } from './raw-message-modal';
import { ReprocessResultModal } from './reprocess-result-modal';
import './interop.css';

const PAGE_SIZE = 20;

function Problems({ problems }: { problems: InboxMessage['problems'] }) {
  const { t } = useI18n();
  if (problems.length === 0) return <>{t('common.none')}</>;
  return (
    <ul className="cb-problem-list">
      {problems.map((p, i) => (
        <li key={i}>
          <Typography.Text code>{p.where}</Typography.Text> {p.text || p.message}
        </li>
      ))}
    </ul>
  );
}

/** 接口消息: HL7 messages the interface refused, why, and what to do with each. */
export function InboxPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorLine = useErrorLine();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<InboxStatus>('rejected');
  const [page, setPage] = useState(1);
  const [rawOf, setRawOf] = useState<InboxMessage | null>(null);
  const [reprocessed, setReprocessed] = useState<ReprocessResult | null>(null);

  const inbox = useQuery({
    queryKey: [...INBOX_QUERY_KEY, status, page],
    queryFn: () => listInbox(status, PAGE_SIZE, (page - 1) * PAGE_SIZE),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: INBOX_QUERY_KEY });
  const reprocess = useMutation({
    mutationFn: (m: InboxMessage) => reprocessMessage(m.id),
    onSuccess: async (result) => {
      setReprocessed(result);
      await refresh();
    },
    onError: (error) => void message.error(errorLine(error)),
  });
  const dismiss = useMutation({
    mutationFn: (m: InboxMessage) => dismissMessage(m.id),
    onSuccess: async () => {
      void message.success(t('inbox.dismissedOk'));
      await refresh();
    },
    onError: (error) => void message.error(errorLine(error)),
  });

  const columns: TableProps<InboxMessage>['columns'] = [
    {
      title: t('inbox.receivedAt'),
      dataIndex: 'receivedAt',
      width: 170,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('inbox.type'),
      dataIndex: 'messageType',
      width: 130,
      render: (type: string) => <Typography.Text code>{type || t('common.none')}</Typography.Text>,
    },
    { title: t('inbox.sender'), dataIndex: 'sender', width: 140 },
    { title: t('inbox.controlId'), dataIndex: 'controlId', width: 150, ellipsis: true },
    {
      title: t('inbox.ack'),
      dataIndex: 'ackCode',
      width: 70,
      render: (code: string) => <AckTag code={code} />,
    },
    {
      title: t('inbox.problems'),
      dataIndex: 'problems',
      render: (problems: InboxMessage['problems']) => <Problems problems={problems} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 260,
      fixed: 'right',
      render: (_, m) => (
        <Space size={0} wrap>
          {m.status !== 'dismissed' && (
            <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setRawOf(m)}>
              {t('inbox.viewRaw')}
            </Button>
          )}
          {m.status === 'rejected' && (
            <>
              <Button
                type="link"
                size="small"
                icon={<SyncOutlined />}
                loading={reprocess.isPending && reprocess.variables?.id === m.id}
                onClick={() => reprocess.mutate(m)}
                data-testid={`inbox-reprocess-${m.controlId}`}
              >
                {t('inbox.reprocess')}
              </Button>
              <Popconfirm
                title={t('inbox.confirmDismiss')}
                okText={t('inbox.dismiss')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true, 'data-testid': 'inbox-dismiss-confirm' }}
                onConfirm={() => dismiss.mutateAsync(m).catch(() => undefined)}
              >
                <Button type="link" size="small" danger icon={<StopOutlined />}>
                  {t('inbox.dismiss')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('inbox.title')}
        subtitle={t('inbox.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void refresh()}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Segmented<InboxStatus>
            value={status}
            onChange={(next) => {
              setStatus(next);
              setPage(1);
            }}
            options={INBOX_TABS.map((s) => ({ value: s, label: t(`inbox.status.${s}`) }))}
            data-testid="inbox-status"
          />
          <Typography.Text type="secondary" data-testid="inbox-total">
            {inbox.data ? t('inbox.total', { total: inbox.data.total }) : ' '}
          </Typography.Text>
        </Flex>
        {inbox.isError && <ApiErrorAlert error={inbox.error} />}
        <Table<InboxMessage>
          rowKey="id"
          size="small"
          columns={columns}
          onRow={(m) => ({ 'data-testid': `inbox-row-${m.controlId}` }) as HTMLAttributes<HTMLElement>}
          dataSource={inbox.data?.items ?? []}
          loading={inbox.isFetching}
          scroll={{ x: 1100 }}
          locale={{
            emptyText: t('inbox.empty', { status: t(`inbox.status.${status}`) }),
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: inbox.data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          data-testid="inbox-table"
        />
      </Card>
      <RawMessageModal message={rawOf} onClose={() => setRawOf(null)} />
      <ReprocessResultModal result={reprocessed} onClose={() => setReprocessed(null)} />
    </>
  );
}
