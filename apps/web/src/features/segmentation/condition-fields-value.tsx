import { InputNumber, Select } from 'antd';
import { CHURN_LEVELS, LEVELS, SCORE_LEVELS, TIERS } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';
import {
  ChoiceChecks,
  NumberRange,
  patcher,
  status,
  YuanRange,
  type ConditionFieldsProps,
} from './condition-controls';
import { churnKey, levelKey, scoreKey, tierKey } from './value-labels';

const RFM_DIMENSIONS = ['recency', 'frequency', 'monetary'] as const;

export function TierFields(props: ConditionFieldsProps<'tier'>) {
  return (
    <ChoiceChecks
      values={TIERS}
      label={tierKey}
      value={props.condition.in}
      onChange={(next) => patcher(props)({ in: next })}
      bad={props.invalid('in')}
    />
  );
}

export function LevelFields(props: ConditionFieldsProps<'level'>) {
  return (
    <ChoiceChecks
      values={LEVELS}
      label={levelKey}
      value={props.condition.in}
      onChange={(next) => patcher(props)({ in: next })}
      bad={props.invalid('in')}
    />
  );
}

/** Churn risk, urgency and risk: a choice among their levels. */
export function ChurnFields(props: ConditionFieldsProps<'churnRisk'>) {
  return (
    <ChoiceChecks
      values={CHURN_LEVELS}
      label={churnKey}
      value={props.condition.in}
      onChange={(next) => patcher(props)({ in: next })}
      bad={props.invalid('in')}
    />
  );
}

export function ScoreFields(props: ConditionFieldsProps<'urgency' | 'risk'>) {
  return (
    <ChoiceChecks
      values={SCORE_LEVELS}
      label={scoreKey}
      value={props.condition.in}
      onChange={(next) => patcher(props)({ in: next })}
      bad={props.invalid('in')}
    />
  );
}

export function RfmFields(props: ConditionFieldsProps<'rfm'>) {
  const { t } = useI18n();
  const { condition, invalid } = props;
  const set = patcher(props);
  return (
    <>
      <Select
        value={condition.dimension}
        options={RFM_DIMENSIONS.map((d) => ({ value: d, label: t(`segments.rfm.${d}`) }))}
        onChange={(dimension) => set({ dimension })}
        style={{ width: 150 }}
      />
      <NumberRange
        min={condition.min}
        max={condition.max}
        bounds={[1, 5]}
        suffix={t('segments.rfm.points')}
        onChange={set}
        badMin={invalid('min')}
        badMax={invalid('max')}
        testId="cond-rfm"
      />
    </>
  );
}

export function ClvFields(props: ConditionFieldsProps<'clv'>) {
  const { condition, invalid } = props;
  return (
    <YuanRange
      minFen={condition.minFen}
      maxFen={condition.maxFen}
      onChange={patcher(props)}
      badMin={invalid('minFen')}
      badMax={invalid('maxFen')}
      testId="cond-clv"
    />
  );
}

export function RevenueTopFields(props: ConditionFieldsProps<'revenueTop'>) {
  const { t } = useI18n();
  return (
    <InputNumber<number>
      value={props.condition.percent ?? null}
      min={0.1}
      max={100}
      step={5}
      prefix={t('segments.revenueTop.prefix')}
      suffix="%"
      status={status(props.invalid('percent'))}
      onChange={(v) => patcher(props)({ percent: v ?? undefined })}
      data-testid="cond-revenueTop"
      style={{ width: 160 }}
    />
  );
}
