import { Input, Radio, Select } from 'antd';
import { CHANNELS, CONSENT_PURPOSES } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';
import {
  ChoiceChecks,
  DaysInput,
  Labeled,
  NumberRange,
  patcher,
  status,
  type ConditionFieldsProps,
} from './condition-controls';
import { FreeListSelect } from './free-list-select';

const GENDERS = ['male', 'female', 'unknown'] as const;

export function GenderFields(props: ConditionFieldsProps<'gender'>) {
  return (
    <ChoiceChecks
      values={GENDERS}
      label={(g) => `vocab.gender.${g}`}
      value={props.condition.in}
      onChange={(next) => patcher(props)({ in: next })}
      bad={props.invalid('in')}
    />
  );
}

export function AgeFields(props: ConditionFieldsProps<'age'>) {
  const { t } = useI18n();
  const { condition, invalid } = props;
  return (
    <NumberRange
      min={condition.min}
      max={condition.max}
      bounds={[0, 150]}
      suffix={t('segments.years')}
      onChange={patcher(props)}
      badMin={invalid('min')}
      badMax={invalid('max')}
      testId="cond-age"
    />
  );
}

export function RegionFields(props: ConditionFieldsProps<'region'>) {
  const { t } = useI18n();
  const { condition, invalid } = props;
  const set = patcher(props);
  const text = (field: 'province' | 'city' | 'district', required = false) => (
    <Input
      value={condition[field] ?? ''}
      placeholder={t(`segments.region.${field}`)}
      status={status(invalid(field))}
      onChange={(e) => set({ [field]: e.target.value || (required ? '' : undefined) })}
      data-testid={`cond-region-${field}`}
      style={{ width: 130 }}
    />
  );
  return (
    <>
      {text('province', true)}
      {text('city')}
      {text('district')}
    </>
  );
}

export function VipFields(props: ConditionFieldsProps<'vip'>) {
  const { t } = useI18n();
  return (
    <Radio.Group
      value={props.condition.value}
      onChange={(e) => patcher(props)({ value: e.target.value as boolean })}
      options={[
        { value: true, label: t('segments.vip.yes') },
        { value: false, label: t('segments.vip.no') },
      ]}
    />
  );
}

export function TagsFields(props: ConditionFieldsProps<'tags'>) {
  const { t } = useI18n();
  const { condition, invalid } = props;
  const set = patcher(props);
  const list = (field: 'any' | 'all' | 'none') => (
    <Labeled label={t(`segments.tags.${field}`)}>
      <FreeListSelect
        value={condition[field] ?? []}
        status={status(invalid(field))}
        placeholder={t('segments.tags.placeholder')}
        maxCount={50}
        onChange={(next) => set({ [field]: next.length ? next : undefined })}
        data-testid={`cond-tags-${field}`}
      />
    </Labeled>
  );
  return (
    <>
      {list('any')}
      {list('all')}
      {list('none')}
    </>
  );
}

export function ConsentFields(props: ConditionFieldsProps<'consent'>) {
  const { t } = useI18n();
  const { condition, invalid } = props;
  const set = patcher(props);
  return (
    <>
      <Select
        value={condition.purpose}
        status={status(invalid('purpose'))}
        options={CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`vocab.purpose.${p}`) }))}
        onChange={(purpose) => set({ purpose })}
        style={{ width: 140 }}
      />
      <Select
        value={condition.channel}
        allowClear
        placeholder={t('segments.consent.anyChannel')}
        options={CHANNELS.map((c) => ({ value: c, label: t(`vocab.channel.${c}`) }))}
        onChange={(channel) => set({ channel })}
        style={{ width: 130 }}
      />
      <Radio.Group
        value={condition.granted}
        onChange={(e) => set({ granted: e.target.value as boolean })}
        options={[
          { value: true, label: t('segments.consent.granted') },
          { value: false, label: t('segments.consent.refused') },
        ]}
      />
    </>
  );
}

export function LastContactFields(props: ConditionFieldsProps<'lastContact'>) {
  const { t } = useI18n();
  const { condition, invalid } = props;
  const set = patcher(props);
  return (
    <>
      <Labeled label={t('segments.lastContact.olderThan')}>
        <DaysInput
          value={condition.olderThanDays}
          onChange={(olderThanDays) => set({ olderThanDays })}
          bad={invalid('olderThanDays')}
          testId="cond-lastContact-older"
        />
      </Labeled>
      <Labeled label={t('segments.lastContact.within')}>
        <DaysInput
          value={condition.withinDays}
          onChange={(withinDays) => set({ withinDays })}
          bad={invalid('withinDays')}
          testId="cond-lastContact-within"
        />
      </Labeled>
    </>
  );
}
