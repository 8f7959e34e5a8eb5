import { useMemo } from 'react';
import { Alert, Empty, Flex, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ResultTrend } from '@carebridge/contracts';
import { errorMessage } from '../../api/errors';
import { useI18n } from '../../app/i18n';
import { EChart, type ChartOption } from './echart';
import { useResultTrend } from './patient-queries';
import { flagArrow } from './result-flag';

const ABNORMAL = '#cf1322';
const NORMAL = '#0b7a75';

/** The result over time; the reference range as a green band, abnormal points in red with their arrow. */
export function trendOption(trend: ResultTrend, labels: { range: string; value: string }): ChartOption {
  const points = trend.points.filter((p) => p.value !== null);
  const { referenceLow: low, referenceHigh: high } = trend;
  const values = points.map((p) => p.value as number);
  const lo = Math.min(...values, low ?? Infinity, high ?? Infinity);
  const hi = Math.max(...values, high ?? -Infinity, low ?? -Infinity);
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.15;
  // Axis ends on a round step (3.0–9.5, not 3.23–9.07).
  const step = 10 ** Math.floor(Math.log10(hi - lo + 2 * pad)) / 2;
  const axisMin = Math.max(lo >= 0 ? 0 : -Infinity, Math.floor((lo - pad) / step) * step);
  const axisMax = Math.ceil((hi + pad) / step) * step;
  const band =
    low !== null && high !== null
      ? {
          silent: true,
          itemStyle: { color: 'rgba(82, 196, 26, 0.12)' },
          data: [[{ yAxis: low }, { yAxis: high }]] as [{ yAxis: number }, { yAxis: number }][],
        }
      : undefined;
  const bound = low === null ? high : high === null ? low : null;
  return {
    grid: { left: 56, right: 24, top: 36, bottom: 40 },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const item = Array.isArray(p) ? p[0] : p;
        const point = points[item?.dataIndex ?? 0];
        if (!point) return '';
        const arrow = flagArrow(point.abnormalFlag);
        return `${dayjs(point.at).format('YYYY-MM-DD HH:mm')}<br/>${labels.value}: <b>${point.value}${trend.unit ? ' ' + trend.unit : ''}${arrow ? ' ' + arrow : ''}</b>`;
      },
    },
    xAxis: { type: 'time' },
    yAxis: {
      type: 'value',
      name: trend.unit ?? '',
      min: Number(axisMin.toPrecision(6)),
      max: Number(axisMax.toPrecision(6)),
    },
    series: [
      {
        type: 'line',
        name: trend.name ?? trend.code,
        smooth: false,
        symbol: 'circle',
        lineStyle: { color: NORMAL },
        itemStyle: { color: NORMAL },
        data: points.map((p) => ({
          value: [p.at, p.value as number],
          symbolSize: p.abnormal ? 11 : 7,
          itemStyle: p.abnormal ? { color: ABNORMAL, borderColor: ABNORMAL } : undefined,
          label: p.abnormal
            ? {
                show: true,
                position: 'top' as const,
                color: ABNORMAL,
                formatter: flagArrow(p.abnormalFlag) || '!',
              }
            : undefined,
        })),
        markArea: band,
        markLine:
          bound !== null && bound !== undefined
            ? {
                silent: true,
                symbol: 'none',
                lineStyle: { color: '#52c41a', type: 'dashed' },
                data: [{ yAxis: bound, name: labels.range }],
              }
            : undefined,
      },
    ],
  };
}

/** The trend of one test for one patient (GET /results/trend?code=…). */
export function TrendChart({ patientId, code }: { patientId: string; code: string }) {
  const { t } = useI18n();
  const trend = useResultTrend(patientId, code);
  const option = useMemo(
    () =>
      trend.data
        ? trendOption(trend.data, { range: t('results.referenceRange'), value: t('results.value') })
        : null,
    [trend.data, t],
  );
  if (trend.isPending) return <Spin className="cb-page-spin" />;
  if (trend.isError) return <Alert type="error" showIcon title={errorMessage(trend.error, t)} />;
  const numeric = trend.data.points.filter((p) => p.value !== null).length;
  const range =
    trend.data.referenceLow !== null || trend.data.referenceHigh !== null
      ? `${trend.data.referenceLow ?? ''}–${trend.data.referenceHigh ?? ''} ${trend.data.unit ?? ''}`
      : t('common.none');
  return (
    <div data-testid="trend">
      <Flex gap={24} wrap style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">
          {t('results.referenceRange')}: {range}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('results.points', { n: trend.data.points.length })}
        </Typography.Text>
      </Flex>
      {numeric === 0 || !option ? (
        <Empty description={t('results.noNumeric')} />
      ) : (
        <EChart option={option} height={340} testId="trend-chart" data-points={numeric} />
      )}
    </div>
  );
}
