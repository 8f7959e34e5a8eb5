import { CHURN_LEVELS, LEVELS, TIERS } from '@carebridge/contracts';
import type { Translate } from '../../app/i18n';
import { formatYuan } from '../../app/format';
import type { ChartOption } from '../patients/echart';
import type { Overview } from './segmentation-api';
import {
  CHURN_COLORS,
  churnKey,
  formatShare,
  LEVEL_COLORS,
  levelKey,
  TIER_COLORS,
  tierKey,
} from './value-labels';

const percent = (share: number) => Math.round(share * 1000) / 10;
const percentAxis = { type: 'value' as const, max: 100, axisLabel: { formatter: '{value}%' } };

/** Per tier: its share of the customers beside its share of the revenue (the 80/20 in three bars). */
export function tierOption(tiers: Overview['tiers'], t: Translate): ChartOption {
  const rows = TIERS.map((tier) => tiers.find((r) => r.tier === tier));
  return {
    grid: { left: 48, right: 16, top: 40, bottom: 28 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const index = (Array.isArray(params) ? params[0] : params)?.dataIndex ?? 0;
        const row = rows[index];
        if (!row) return '';
        return [
          `<b>${t(tierKey(row.tier))}</b>`,
          `${t('seg.chart.patients')}: ${row.patients.toLocaleString('en-US')} (${formatShare(row.share)})`,
          `${t('seg.chart.revenue')}: ${formatYuan(row.revenueFen)} (${formatShare(row.revenueShare)})`,
          `${t('seg.kpi.equity')}: ${formatYuan(row.equityFen)}`,
        ].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: TIERS.map((tier) => t(tierKey(tier))) },
    yAxis: percentAxis,
    series: [
      {
        type: 'bar',
        name: t('seg.chart.customerShare'),
        data: rows.map((row, i) => ({
          value: percent(row?.share ?? 0),
          itemStyle: { color: TIER_COLORS[TIERS[i] ?? 'C'], opacity: 0.55 },
        })),
        itemStyle: { color: '#8fb8b6' },
        label: { show: true, position: 'top', formatter: '{c}%' },
      },
      {
        type: 'bar',
        name: t('seg.chart.revenueShare'),
        data: rows.map((row, i) => ({
          value: percent(row?.revenueShare ?? 0),
          itemStyle: { color: TIER_COLORS[TIERS[i] ?? 'C'] },
        })),
        itemStyle: { color: '#0b7a75' },
        label: { show: true, position: 'top', formatter: '{c}%' },
      },
    ],
  };
}

/** Gold, silver and regular members as a ring. */
export function levelOption(levels: Overview['levels'], t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['42%', '70%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{d}%' },
        data: LEVELS.map((level) => ({
          name: t(levelKey(level)),
          value: levels.find((l) => l.level === level)?.patients ?? 0,
          itemStyle: { color: LEVEL_COLORS[level] },
        })),
      },
    ],
  };
}

/** Customers by churn risk (low → high, then "not enough visits to tell"). */
export function churnOption(churn: Overview['churn'], t: Translate): ChartOption {
  return {
    grid: { left: 56, right: 16, top: 24, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: CHURN_LEVELS.map((level) => t(churnKey(level))) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: t('seg.chart.patients'),
        barMaxWidth: 56,
        label: { show: true, position: 'top' },
        data: CHURN_LEVELS.map((level) => ({
          value: churn.find((c) => c.level === level)?.patients ?? 0,
          itemStyle: { color: CHURN_COLORS[level] },
        })),
      },
    ],
  };
}

/** The Pareto curve: customers by revenue rank against the revenue they bring; the 20% line marked. */
export function paretoOption(
  overview: Pick<Overview, 'pareto' | 'top20RevenueShare'>,
  t: Translate,
): ChartOption {
  const top20 = percent(overview.top20RevenueShare);
  return {
    grid: { left: 56, right: 24, top: 36, bottom: 40 },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) => `${typeof value === 'number' ? value : ''}%`,
    },
    xAxis: { ...percentAxis, name: t('seg.chart.customerShare'), nameLocation: 'middle', nameGap: 26 },
    yAxis: { ...percentAxis, name: t('seg.chart.revenueShare') },
    series: [
      {
        type: 'line',
        name: t('seg.chart.pareto'),
        showSymbol: false,
        smooth: true,
        lineStyle: { color: '#0b7a75', width: 2 },
        itemStyle: { color: '#0b7a75' },
        areaStyle: { color: 'rgba(11, 122, 117, 0.12)' },
        data: overview.pareto.map((p) => [percent(p.customerShare), percent(p.revenueShare)]),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#fa8c16', type: 'dashed' },
          label: { formatter: t('seg.chart.top20Line', { share: top20 }), position: 'insideEndTop' },
          data: [{ xAxis: 20 }],
        },
      },
      {
        type: 'line',
        name: t('seg.chart.equal'),
        showSymbol: false,
        lineStyle: { color: '#bfbfbf', type: 'dotted' },
        itemStyle: { color: '#bfbfbf' },
        data: [
          [0, 0],
          [100, 100],
        ],
      },
    ],
  };
}

/** Tier changes per month, one stacked colour per change (B→A, A→B, new→C …). */
export function movementsOption(movements: Overview['movements'], t: Translate): ChartOption {
  const months = [...new Set(movements.map((m) => m.month))].sort();
  const tierName = (tier: string | null, fallback: 'seg.grade.none' | 'seg.grade.left') =>
    tier === 'A' || tier === 'B' || tier === 'C' ? tier : t(fallback);
  const label = (m: Overview['movements'][number]) =>
    `${tierName(m.from, 'seg.grade.none')}→${tierName(m.to, 'seg.grade.left')}`;
  const pairs = [...new Set(movements.map(label))].sort();
  return {
    grid: { left: 48, right: 16, top: 56, bottom: 28 },
    legend: { top: 0, type: 'plain' },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', minInterval: 1 },
    series: pairs.map((pair) => ({
      type: 'bar' as const,
      name: pair,
      stack: 'moves',
      barMaxWidth: 40,
      data: months.map((month) =>
        movements.filter((m) => m.month === month && label(m) === pair).reduce((n, m) => n + m.patients, 0),
      ),
    })),
  };
}
