import type { SegmentCondition } from '@carebridge/contracts';
import {
  ClvFields,
  ChurnFields,
  LevelFields,
  RevenueTopFields,
  RfmFields,
  ScoreFields,
  TierFields,
} from './condition-fields-value';
import { DiagnosisFields, SpendFields, VisitsFields } from './condition-fields-clinical';
import {
  AgeFields,
  ConsentFields,
  GenderFields,
  LastContactFields,
  RegionFields,
  TagsFields,
  VipFields,
} from './condition-fields-people';

/** The editor for one condition, chosen by its type. */
export function ConditionFields({
  condition,
  onChange,
  invalid,
}: {
  condition: SegmentCondition;
  onChange: (next: SegmentCondition) => void;
  invalid: (field: string) => boolean;
}) {
  const common = { onChange, invalid };
  switch (condition.type) {
    case 'gender':
      return <GenderFields condition={condition} {...common} />;
    case 'age':
      return <AgeFields condition={condition} {...common} />;
    case 'region':
      return <RegionFields condition={condition} {...common} />;
    case 'vip':
      return <VipFields condition={condition} {...common} />;
    case 'tier':
      return <TierFields condition={condition} {...common} />;
    case 'level':
      return <LevelFields condition={condition} {...common} />;
    case 'rfm':
      return <RfmFields condition={condition} {...common} />;
    case 'clv':
      return <ClvFields condition={condition} {...common} />;
    case 'revenueTop':
      return <RevenueTopFields condition={condition} {...common} />;
    case 'churnRisk':
      return <ChurnFields condition={condition} {...common} />;
    case 'urgency':
    case 'risk':
      return <ScoreFields condition={condition} {...common} />;
    case 'diagnosis':
      return <DiagnosisFields condition={condition} {...common} />;
    case 'visits':
      return <VisitsFields condition={condition} {...common} />;
    case 'spend':
      return <SpendFields condition={condition} {...common} />;
    case 'tags':
      return <TagsFields condition={condition} {...common} />;
    case 'consent':
      return <ConsentFields condition={condition} {...common} />;
    case 'lastContact':
      return <LastContactFields condition={condition} {...common} />;
  }
}
