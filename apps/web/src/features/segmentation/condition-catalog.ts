import type { SegmentCondition, SegmentConditionType } from '@carebridge/contracts';
import type { MessageKey } from '../../app/messages';

/** The "add condition" menu: every condition type of the filter language, grouped as staff think of them. */
export const CONDITION_CATEGORIES: { label: MessageKey; types: SegmentConditionType[] }[] = [
  { label: 'segments.category.people', types: ['gender', 'age', 'region', 'vip'] },
  { label: 'segments.category.value', types: ['tier', 'level', 'rfm', 'clv', 'revenueTop'] },
  { label: 'segments.category.risk', types: ['churnRisk', 'urgency', 'risk'] },
  { label: 'segments.category.clinical', types: ['diagnosis', 'visits', 'spend'] },
  { label: 'segments.category.contact', types: ['tags', 'consent', 'lastContact'] },
];

export const conditionLabel = (type: SegmentConditionType): MessageKey => `segments.type.${type}`;

/**
 * A new condition starts with a common, valid choice (women, over 60, A tier, hypertension …) so that the
 * count answers at once; the region and the tags have no sensible default and start empty.
 */
export function newCondition(type: SegmentConditionType): SegmentCondition {
  switch (type) {
    case 'gender':
      return { type, in: ['female'] };
    case 'age':
      return { type, min: 60 };
    case 'region':
      return { type, province: '' };
    case 'vip':
      return { type, value: true };
    case 'tier':
      return { type, in: ['A'] };
    case 'level':
      return { type, in: ['gold'] };
    case 'rfm':
      return { type, dimension: 'monetary', min: 4 };
    case 'clv':
      return { type, minFen: 1_000_000 };
    case 'revenueTop':
      return { type, percent: 20 };
    case 'churnRisk':
      return { type, in: ['high'] };
    case 'urgency':
      return { type, in: ['high'] };
    case 'risk':
      return { type, in: ['high'] };
    case 'diagnosis':
      return { type, codes: ['I10'] };
    case 'visits':
      return { type, withinDays: 365, min: 2 };
    case 'spend':
      return { type, withinDays: 365, minFen: 500_000 };
    case 'tags':
      return { type };
    case 'consent':
      return { type, purpose: 'marketing', granted: true };
    case 'lastContact':
      return { type, olderThanDays: 180 };
  }
}
