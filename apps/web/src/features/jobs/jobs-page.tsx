import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Table, Tag, Typography, type TableProps } from 'antd';
import { PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import type { JOB_STATES } from '@carebridge/contracts';
import { getJobsOverview, runJob, type JobQueue, type JobSchedule } from '../../api/endpoints';
import { errorMessage } from '../../api/errors';
import { useI18n, type Translate } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import { PageHeader } from '../../app/page-header';
import { useCan } from '../../app/session';

const JOBS_QUERY_KEY = ['jobs'] as const;
const REFRESH_MS = 10_000;

type JobState = (typeof JOB_STATES)[number];

/** The states in the order an operator reads them, each with its tag colour. */
const STATE_TAGS: { state: JobState; color: string }[] = [
  { state: 'created', color: 'blue' },
  { state: 'retry', color: 'orange' },
  { state: 'active', color: 'processing' },
  { state: 'completed', color: 'green' },
  { state: 'failed', color: 'red' },
  { state: 'cancelled', color: 'default' },
];

/** Human names for the jobs the console knows; any other job shows its raw name. */
const JOB_LABELS: Partial<Record<string, MessageKey>> = {
  'system.vacuum': 'jobs.label.system.vacuum',
  'system.noop': 'jobs.label.system.noop',
  'identity.purgeEndedSessions': 'jobs.label.identity.purgeEndedSessions',
};

function jobLabel(name: string, t: Translate): string {
  const key = JOB_LABELS[name];
  return key ? t(key) : name;
}

/** 900 → "15 分钟"; whole hours and minutes read as such, anything else stays in seconds. */
function formatDuration(seconds: number, t: Translate): string {
  if (seconds > 0 && seconds % 3600 === 0) return t('jobs.hours', { n: seconds / 3600 });
  if (seconds > 0 && seconds % 60 === 0) return t('jobs.minutes', { n: seconds / 60 });
  return t('jobs.seconds', { n: seconds });
}

function JobName({ name }: { name: string }) {
  const { t } = useI18n();
  const label = jobLabel(name, t);
  return (
    <Flex vertical>
      <Typography.Text>{label}</Typography.Text>
      {label !== name && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {name}
        </Typography.Text>
      )}
    </Flex>
  );
}

export function JobsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();

  const overview = useQuery({
    queryKey: JOBS_QUERY_KEY,
    queryFn: getJobsOverview,
    refetchInterval: REFRESH_MS,
  });
  const run = useMutation({
    mutationFn: (name: string) => runJob(name, {}),
    onSuccess: async ({ id }) => {
      void message.success(id ? t('jobs.queued', { id }) : t('jobs.queuedNoId'));
      await queryClient.invalidateQueries({ queryKey: JOBS_QUERY_KEY });
    },
    onError: (error) => void message.error(errorMessage(error, t)),
  });

  const queueColumns: TableProps<JobQueue>['columns'] = [
    {
      title: t('jobs.job'),
      dataIndex: 'name',
      width: 260,
      render: (name: string) => <JobName name={name} />,
    },
    {
      title: t('jobs.retryLimit'),
      dataIndex: 'retryLimit',
      width: 100,
    },
    {
      title: t('jobs.expiry'),
      dataIndex: 'expireInSeconds',
      width: 110,
      render: (seconds: number) => formatDuration(seconds, t),
    },
    {
      title: t('jobs.counts'),
      dataIndex: 'counts',
      render: (counts: JobQueue['counts']) => {
        const tags = STATE_TAGS.filter(({ state }) => (counts[state] ?? 0) > 0);
        if (tags.length === 0) return t('common.none');
        return tags.map(({ state, color }) => (
          <Tag key={state} color={color}>
            {t(`jobs.state.${state}`)} {counts[state]}
          </Tag>
        ));
      },
    },
  ];
  if (can('jobs.manage')) {
    queueColumns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, queue) => (
        <Button
          type="link"
          size="small"
          icon={<PlayCircleOutlined />}
          loading={run.isPending && run.variables === queue.name}
          onClick={() => run.mutate(queue.name)}
          data-testid={`job-run-${queue.name}`}
        >
          {t('jobs.runNow')}
        </Button>
      ),
    });
  }

  const scheduleColumns: TableProps<JobSchedule>['columns'] = [
    {
      title: t('jobs.job'),
      dataIndex: 'name',
      width: 260,
      render: (name: string) => <JobName name={name} />,
    },
    {
      title: t('jobs.cron'),
      dataIndex: 'cron',
      width: 180,
      render: (cron: string) => <Typography.Text code>{cron}</Typography.Text>,
    },
    { title: t('jobs.timezone'), dataIndex: 'timezone' },
  ];

  const emptyText = overview.isError ? { emptyText: errorMessage(overview.error, t) } : undefined;

  return (
    <>
      <PageHeader
        title={t('jobs.title')}
        subtitle={t('jobs.subtitle')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            loading={overview.isFetching}
            onClick={() => void overview.refetch()}
          >
            {t('common.refresh')}
          </Button>
        }
      />
      <Card title={t('jobs.queues')} style={{ marginBottom: 16 }}>
        <Table<JobQueue>
          rowKey="name"
          size="small"
          columns={queueColumns}
          dataSource={overview.data?.queues ?? []}
          loading={overview.isPending}
          pagination={false}
          scroll={{ x: 800 }}
          locale={emptyText}
          data-testid="jobs-table"
        />
      </Card>
      <Card title={t('jobs.schedules')}>
        <Table<JobSchedule>
          rowKey={(s) => `${s.name} ${s.cron}`}
          size="small"
          columns={scheduleColumns}
          dataSource={overview.data?.schedules ?? []}
          loading={overview.isPending}
          pagination={false}
          locale={emptyText}
          data-testid="job-schedules-table"
        />
      </Card>
    </>
  );
}
