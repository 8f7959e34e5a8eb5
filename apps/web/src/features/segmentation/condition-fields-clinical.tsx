import { Checkbox, Select } from 'antd';
import { CHARGE_CATEGORIES, ENCOUNTER_KINDS } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';
import {
  DaysInput,
  Labeled,
  NumberRange,
  patcher,
  status,
  YuanRange,
  type ConditionFieldsProps,
} from './condition-controls';
import { DepartmentMultiSelect } from './department-multi-select';
import { FreeListSelect } from './free-list-select';

type EncounterKind = (typeof ENCOUNTER_KINDS)[number];
type ChargeCategory = (typeof CHARGE_CATEGORIES)[number];

export function DiagnosisFields(props: ConditionFieldsProps<'diagnosis'>) {
  const { t } = useI18n();
  const { condition, invalid } = props;
  const set = patcher(props);
  return (
    <>
      <FreeListSelect
        value={condition.codes}
        status={status(invalid('codes'))}
        placeholder={t('segments.diagnosis.placeholder')}
        tokenSeparators={[',', '，', '、', ' ']}
        maxCount={50}
        onChange={(codes) => set({ codes: codes.map((c) => c.trim().toUpperCase()) })}
        data-testid="cond-diagnosis-codes"
        style={{ minWidth: 200 }}
      />
      <Checkbox
        checked={!!condition.chronicOnly}
        onChange={(e) => set({ chronicOnly: e.target.checked || undefined })}
      >
        {t('segments.diagnosis.chronicOnly')}
      </Checkbox>
      <Labeled label={t('segments.within')}>
        <DaysInput
          value={condition.withinDays}
          onChange={(withinDays) => set({ withinDays })}
          bad={invalid('withinDays')}
          placeholder={t('segments.anyTime')}
          testId="cond-diagnosis-within"
        />
      </Labeled>
    </>
  );
}

export function VisitsFields(props: ConditionFieldsProps<'visits'>) {
  const { t } = useI18n();
  const { condition, invalid } = props;
  const set = patcher(props);
  return (
    <>
      <DepartmentMultiSelect
        value={condition.departmentIds}
        onChange={(ids) => set({ departmentIds: ids.length ? ids : undefined })}
        bad={invalid('departmentIds')}
      />
      <Select<EncounterKind[]>
        mode="multiple"
        value={condition.kinds ?? []}
        options={ENCOUNTER_KINDS.map((k) => ({ value: k, label: t(`vocab.encounter.${k}`) }))}
        onChange={(kinds) => set({ kinds: kinds.length ? kinds : undefined })}
        placeholder={t('segments.visits.anyKind')}
        style={{ minWidth: 150 }}
      />
      <Labeled label={t('segments.within')}>
        <DaysInput
          value={condition.withinDays}
          onChange={(withinDays) => set({ withinDays })}
          bad={invalid('withinDays')}
          testId="cond-visits-within"
        />
      </Labeled>
      <NumberRange
        min={condition.min}
        max={condition.max}
        bounds={[1, 10_000]}
        suffix={t('segments.times')}
        onChange={set}
        badMin={invalid('min')}
        badMax={invalid('max')}
        testId="cond-visits"
      />
    </>
  );
}

export function SpendFields(props: ConditionFieldsProps<'spend'>) {
  const { t } = useI18n();
  const { condition, invalid } = props;
  const set = patcher(props);
  return (
    <>
      <Labeled label={t('segments.within')}>
        <DaysInput
          value={condition.withinDays}
          onChange={(withinDays) => set({ withinDays })}
          bad={invalid('withinDays')}
          testId="cond-spend-within"
        />
      </Labeled>
      <Select<ChargeCategory[]>
        mode="multiple"
        value={condition.categories ?? []}
        options={CHARGE_CATEGORIES.map((c) => ({ value: c, label: t(`code.charge.${c}`) }))}
        onChange={(categories) =>
          set({
            categories: categories.length ? categories : undefined,
          })
        }
        placeholder={t('segments.spend.anyCategory')}
        style={{ minWidth: 160 }}
      />
      <YuanRange
        minFen={condition.minFen}
        maxFen={condition.maxFen}
        onChange={set}
        badMin={invalid('minFen')}
        badMax={invalid('maxFen')}
        testId="cond-spend"
      />
    </>
  );
}
