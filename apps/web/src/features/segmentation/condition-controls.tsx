import type { ReactNode } from 'react';
import { Checkbox, InputNumber } from 'antd';
import type { SegmentConditionType } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import type { ConditionOf } from './filter-tree';
import { YuanInput } from './money-inputs';

/** What every condition editor gets: its condition, a way to change it, and the fields the server refused. */
export interface ConditionFieldsProps<T extends SegmentConditionType> {
  condition: ConditionOf<T>;
  onChange: (next: ConditionOf<T>) => void;
  invalid: (field: string) => boolean;
}

/**
 * Changes some fields of a condition. A draft may lack a required value for a moment (a cleared box): it is
 * sent as it is and the server says what is missing, next to the field.
 */
export function patcher<T extends SegmentConditionType>({ condition, onChange }: ConditionFieldsProps<T>) {
  return (patch: Partial<ConditionOf<T>>) => onChange({ ...condition, ...patch });
}

export const status = (bad: boolean) => (bad ? ('error' as const) : undefined);
/** A cleared number box gives null; the condition leaves the bound out. */
export const orUndefined = (value: number | null) => (value === null ? undefined : value);

export function Labeled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <span className="cb-cond-field">
      <span className="cb-cond-label">{label}</span>
      {children}
    </span>
  );
}

/** A closed list (tiers, levels, risk levels, genders) as check boxes. */
export function ChoiceChecks<V extends string>({
  values,
  label,
  value,
  onChange,
  bad,
}: {
  values: readonly V[];
  label: (value: V) => MessageKey;
  value: readonly V[] | undefined;
  onChange: (next: V[]) => void;
  bad?: boolean;
}) {
  const { t } = useI18n();
  return (
    <span className={bad ? 'cb-cond-choices cb-cond-bad' : 'cb-cond-choices'}>
      <Checkbox.Group<V>
        options={values.map((v) => ({ value: v, label: t(label(v)) }))}
        value={[...(value ?? [])]}
        onChange={onChange}
      />
    </span>
  );
}

/** From–to with whole numbers (age, visits, RFM scores). */
export function NumberRange({
  min,
  max,
  onChange,
  bounds,
  suffix,
  badMin,
  badMax,
  testId,
}: {
  min: number | undefined;
  max: number | undefined;
  onChange: (next: { min?: number; max?: number }) => void;
  bounds: [number, number];
  suffix?: string;
  badMin?: boolean;
  badMax?: boolean;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <span className="cb-cond-range">
      <InputNumber<number>
        value={min ?? null}
        min={bounds[0]}
        max={bounds[1]}
        precision={0}
        placeholder={t('segments.min')}
        status={status(!!badMin)}
        suffix={suffix}
        onChange={(v) => onChange({ min: orUndefined(v), max })}
        data-testid={`${testId}-min`}
        style={{ width: 110 }}
      />
      <span className="cb-cond-dash">–</span>
      <InputNumber<number>
        value={max ?? null}
        min={bounds[0]}
        max={bounds[1]}
        precision={0}
        placeholder={t('segments.max')}
        status={status(!!badMax)}
        suffix={suffix}
        onChange={(v) => onChange({ min, max: orUndefined(v) })}
        data-testid={`${testId}-max`}
        style={{ width: 110 }}
      />
    </span>
  );
}

/** From–to in yuan, stored in fen (CLV, spend). */
export function YuanRange({
  minFen,
  maxFen,
  onChange,
  badMin,
  badMax,
  testId,
}: {
  minFen: number | undefined;
  maxFen: number | undefined;
  onChange: (next: { minFen?: number; maxFen?: number }) => void;
  badMin?: boolean;
  badMax?: boolean;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <span className="cb-cond-range">
      <YuanInput
        value={minFen}
        placeholder={t('segments.min')}
        status={status(!!badMin)}
        onChange={(v) => onChange({ minFen: orUndefined(v), maxFen })}
        data-testid={`${testId}-min`}
        style={{ width: 150 }}
      />
      <span className="cb-cond-dash">–</span>
      <YuanInput
        value={maxFen}
        placeholder={t('segments.max')}
        status={status(!!badMax)}
        onChange={(v) => onChange({ minFen, maxFen: orUndefined(v) })}
        data-testid={`${testId}-max`}
        style={{ width: 150 }}
      />
    </span>
  );
}

/** A number of days (within the last N days). */
export function DaysInput({
  value,
  onChange,
  bad,
  testId,
  placeholder,
}: {
  value: number | undefined;
  onChange: (next: number | undefined) => void;
  bad?: boolean;
  testId: string;
  placeholder?: string;
}) {
  const { t } = useI18n();
  return (
    <InputNumber<number>
      value={value ?? null}
      min={1}
      max={36_500}
      precision={0}
      suffix={t('segments.days')}
      placeholder={placeholder}
      status={status(!!bad)}
      onChange={(v) => onChange(orUndefined(v))}
      data-testid={testId}
      style={{ width: 120 }}
    />
  );
}
