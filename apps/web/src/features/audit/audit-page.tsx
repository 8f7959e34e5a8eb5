import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Form, Input, Table, Tag, Typography, type TableProps } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { AuditEvent } from '@carebridge/contracts';
import { searchAudit, type AuditSearch } from '../../api/endpoints';
import { errorMessage } from '../../api/errors';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';

interface AuditFilterForm {
  actor?: string;
  action?: string;
  patientId?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Form values → query; datetimes go out in ISO 8601 with the browser's offset, as the contract asks. */
function toSearch(values: AuditFilterForm): AuditSearch {
  const [from, to] = values.period ?? [null, null];
  return {
    actor: values.actor?.trim() || undefined,
    action: values.action?.trim() || undefined,
    patientId: values.patientId?.trim() || undefined,
    from: from ? from.format() : undefined,
    to: to ? to.format() : undefined,
    limit: PAGE_SIZE,
  };
}

export function AuditPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<AuditFilterForm>();
  const [search, setSearch] = useState<AuditSearch>({ limit: PAGE_SIZE });

  const events = useInfiniteQuery({
    queryKey: ['audit-events', search],
    queryFn: ({ pageParam }) => searchAudit(search, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableProps<AuditEvent>['columns'] = [
    {
      title: t('audit.occurredAt'),
      dataIndex: 'occurredAt',
      width: 170,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 130,
      render: (name: string | null) => name ?? t('common.none'),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 190,
      render: (action: string) => <Typography.Text code>{action}</Typography.Text>,
    },
    {
      title: t('audit.resource'),
      key: 'resource',
      width: 220,
      ellipsis: true,
      render: (_, e) =>
        e.resourceType ? [e.resourceType, e.resourceId].filter(Boolean).join(' / ') : t('common.none'),
    },
    {
      title: t('audit.patientId'),
      dataIndex: 'patientId',
      width: 140,
      ellipsis: true,
      render: (id: string | null) =>
        id ? <Typography.Text copyable={{ text: id }}>{id.slice(0, 8)}…</Typography.Text> : t('common.none'),
    },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      width: 100,
      render: (outcome: string) => <Tag color={outcome === 'success' ? 'green' : 'red'}>{outcome}</Tag>,
    },
    {
      title: t('audit.ip'),
      dataIndex: 'ip',
      width: 130,
      render: (ip: string | null) => ip ?? t('common.none'),
    },
    {
      title: t('audit.reason'),
      dataIndex: 'reason',
      ellipsis: true,
      render: (r: string | null) => r ?? t('common.none'),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void events.refetch()}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form<AuditFilterForm>
          name="auditFilter"
          form={form}
          layout="inline"
          className="cb-filter-form"
          onFinish={(values) => setSearch(toSearch(values))}
          data-testid="audit-filter"
        >
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Input allowClear placeholder={t('audit.actionPlaceholder')} style={{ width: 170 }} />
          </Form.Item>
          <Form.Item
            name="patientId"
            label={t('audit.patientId')}
            rules={[{ pattern: UUID, message: t('audit.patientIdInvalid') }]}
          >
            <Input allowClear style={{ width: 300 }} placeholder="0190…" />
          </Form.Item>
          <Form.Item name="period" label={t('audit.period')}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowEmpty={[true, true]}
            />
          </Form.Item>
          <Form.Item>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setSearch({ limit: PAGE_SIZE });
                }}
              >
                {t('common.reset')}
              </Button>
            </Flex>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={events.isFetching && !events.isFetchingNextPage}
          pagination={false}
          scroll={{ x: 1200 }}
          locale={events.isError ? { emptyText: errorMessage(events.error, t) } : undefined}
          data-testid="audit-table"
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('audit.count', { count: rows.length })}</Typography.Text>
          {events.hasNextPage ? (
            <Button
              onClick={() => void events.fetchNextPage()}
              loading={events.isFetchingNextPage}
              data-testid="audit-more"
            >
              {t('common.loadMore')}
            </Button>
          ) : (
            rows.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
          )}
        </Flex>
      </Card>
    </>
  );
}
