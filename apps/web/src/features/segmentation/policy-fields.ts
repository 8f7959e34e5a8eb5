import type { SegmentationPolicy } from '@carebridge/contracts';
import type { MessageKey } from '../../app/messages';

/** How a policy figure is typed: a share as %, money in yuan (stored in fen), or a plain number. */
export type PolicyFieldKind = 'percent' | 'yuan' | 'int' | 'decimal';

export interface PolicyField {
  /** The path in the policy object, which is also the form's field name. */
  name: [string, ...string[]];
  label: MessageKey;
  kind: PolicyFieldKind;
  unit?: MessageKey;
  tooltip?: MessageKey;
  step?: number;
}

type AbcKey = Exclude<keyof SegmentationPolicy['abc'], 'aProgrammeTags'>;
const abc = (key: AbcKey, kind: PolicyFieldKind, unit?: MessageKey, tooltip?: MessageKey): PolicyField => ({
  name: ['abc', key],
  label: `policy.abc.${key}`,
  kind,
  unit,
  tooltip,
});

export const WINDOW_FIELDS: PolicyField[] = [
  { name: ['windowMonths'], label: 'policy.windowMonths', kind: 'int', unit: 'policy.unit.months' },
];

export const ABC_FIELDS: PolicyField[] = [
  abc('aRevenueTopShare', 'percent', undefined, 'policy.abc.aRevenueTopShareTip'),
  abc('aVisitsPerMonth', 'decimal', 'policy.unit.perMonth'),
  abc('aFrequencyMonths', 'int', 'policy.unit.months'),
  abc('aChronicMinVisits', 'int', 'policy.unit.visits', 'policy.zeroOff'),
  abc('aPremiumCheckupFen', 'yuan', undefined, 'policy.zeroOff'),
  abc('bRevenueNextShare', 'percent', undefined, 'policy.abc.bRevenueNextShareTip'),
  abc('bMinVisits', 'int', 'policy.unit.visits'),
];

export const LEVEL_FIELDS: PolicyField[] = [
  { name: ['levels', 'goldMinRevenueFen'], label: 'policy.levels.goldMinRevenueFen', kind: 'yuan' },
  { name: ['levels', 'silverMinRevenueFen'], label: 'policy.levels.silverMinRevenueFen', kind: 'yuan' },
  {
    name: ['levels', 'silverMinVisits'],
    label: 'policy.levels.silverMinVisits',
    kind: 'int',
    unit: 'policy.unit.visits',
  },
];

const perTier = (group: 'retention' | 'maintenanceCostFen', kind: PolicyFieldKind): PolicyField[] =>
  (['A', 'B', 'C'] as const).map((tier) => ({
    name: ['clv', group, tier],
    label: `policy.clv.${group}.${tier}`,
    kind,
  }));

export const CLV_FIELDS: PolicyField[] = [
  { name: ['clv', 'horizonYears'], label: 'policy.clv.horizonYears', kind: 'int', unit: 'policy.unit.years' },
  { name: ['clv', 'discountRate'], label: 'policy.clv.discountRate', kind: 'percent' },
  { name: ['clv', 'margin'], label: 'policy.clv.margin', kind: 'percent' },
  ...perTier('retention', 'percent'),
  ...perTier('maintenanceCostFen', 'yuan'),
  { name: ['clv', 'acquisitionCostFen'], label: 'policy.clv.acquisitionCostFen', kind: 'yuan' },
];

export const CHURN_FIELDS: PolicyField[] = [
  {
    name: ['churn', 'highFactor'],
    label: 'policy.churn.highFactor',
    kind: 'decimal',
    unit: 'policy.unit.times',
    step: 0.1,
    tooltip: 'policy.churn.factorTip',
  },
  {
    name: ['churn', 'mediumFactor'],
    label: 'policy.churn.mediumFactor',
    kind: 'decimal',
    unit: 'policy.unit.times',
    step: 0.1,
  },
  { name: ['churn', 'minVisits'], label: 'policy.churn.minVisits', kind: 'int', unit: 'policy.unit.visits' },
];

const points = (key: Exclude<keyof SegmentationPolicy['scores'], 'recentDays'>): PolicyField => ({
  name: ['scores', key],
  label: `policy.scores.${key}`,
  kind: 'int',
  unit: 'policy.unit.points',
});

export const SCORE_FIELDS: PolicyField[] = [
  {
    name: ['scores', 'recentDays'],
    label: 'policy.scores.recentDays',
    kind: 'int',
    unit: 'policy.unit.days',
  },
  points('criticalResultPoints'),
  points('abnormalResultPoints'),
  points('chronicConditionPoints'),
  points('noShowPoints'),
  points('churnMediumPoints'),
  points('churnHighPoints'),
  points('mediumFrom'),
  points('highFrom'),
];
