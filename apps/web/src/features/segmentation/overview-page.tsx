import { useMemo } from 'react';
import { Alert, Button, Col, Row, Skeleton, Typography } from 'antd';
import { ReloadOutlined, SyncOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { useCan } from '../../app/session';
import { ApiErrorAlert, useErrorLine } from '../interop/api-error-alert';
import { ChartCard } from './chart-card';
import { KpiCards } from './kpi-cards';
import { churnOption, levelOption, movementsOption, paretoOption, tierOption } from './overview-charts';
import type { Overview } from './segmentation-api';
import { useOverview } from './use-overview';
import './segmentation.css';

function OverviewCharts({ overview }: { overview: Overview }) {
  const { t } = useI18n();
  const options = useMemo(
    () => ({
      tiers: tierOption(overview.tiers, t),
      levels: levelOption(overview.levels, t),
      pareto: paretoOption(overview, t),
      churn: churnOption(overview.churn, t),
      movements: movementsOption(overview.movements, t),
    }),
    [overview, t],
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <ChartCard title={t('seg.chart.tiers')} option={options.tiers} testId="seg-chart-tiers" />
      </Col>
      <Col xs={24} xl={10}>
        <ChartCard title={t('seg.chart.levels')} option={options.levels} testId="seg-chart-levels" />
      </Col>
      <Col xs={24} xl={14}>
        <ChartCard title={t('seg.chart.paretoTitle')} option={options.pareto} testId="seg-chart-pareto" />
      </Col>
      <Col xs={24} xl={10}>
        <ChartCard title={t('seg.chart.churn')} option={options.churn} testId="seg-chart-churn" />
      </Col>
      <Col span={24}>
        <ChartCard
          title={t('seg.chart.movements')}
          option={options.movements}
          testId="seg-chart-movements"
          height={280}
        />
      </Col>
    </Row>
  );
}

/** 客户分层: how the customers split into tiers and levels, the 80/20 curve, churn risk and tier moves. */
export function SegmentationOverviewPage() {
  const { t } = useI18n();
  const can = useCan();
  const errorLine = useErrorLine();
  const { overview, recompute, jobId, running, done, dismiss } = useOverview();
  const data = overview.data;

  const subtitle = data?.computedAt
    ? t('seg.overview.computedAt', {
        at: formatDateTime(data.computedAt),
        version: data.policyVersion ?? '—',
        months: data.windowMonths,
      })
    : t('seg.overview.subtitle');

  return (
    <>
      <PageHeader
        title={t('seg.overview.title')}
        subtitle={subtitle}
        extra={
          <>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void overview.refetch()}
              loading={overview.isFetching && !running}
            >
              {t('common.refresh')}
            </Button>
            {can('segmentation.manage') && (
              <Button
                type="primary"
                icon={<SyncOutlined spin={running} />}
                loading={recompute.isPending}
                disabled={running}
                onClick={() => recompute.mutate()}
                data-testid="seg-recompute"
              >
                {t('seg.recompute')}
              </Button>
            )}
          </>
        }
      />
      {recompute.isError && (
        <Alert type="error" showIcon title={errorLine(recompute.error)} className="cb-seg-alert" />
      )}
      {running && (
        <Alert
          type="info"
          showIcon
          title={t('seg.recompute.running', { job: jobId ?? '' })}
          className="cb-seg-alert"
          data-testid="seg-recompute-running"
        />
      )}
      {done && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: dismiss }}
          title={t('seg.recompute.done', { at: formatDateTime(data?.computedAt) })}
          className="cb-seg-alert"
          data-testid="seg-recompute-done"
        />
      )}
      {overview.isPending && <Skeleton active paragraph={{ rows: 10 }} />}
      {overview.isError && <ApiErrorAlert error={overview.error} />}
      {data && !data.computedAt && !running && (
        <Alert
          type="warning"
          showIcon
          title={t('seg.overview.notComputed')}
          className="cb-seg-alert"
          data-testid="seg-not-computed"
        />
      )}
      {data && (
        <div data-testid="seg-overview" data-computed-at={data.computedAt ?? ''}>
          <KpiCards overview={data} />
          <OverviewCharts overview={data} />
          <Typography.Paragraph type="secondary" className="cb-seg-footnote">
            {t('seg.overview.footnote')}
          </Typography.Paragraph>
        </div>
      )}
    </>
  );
}
