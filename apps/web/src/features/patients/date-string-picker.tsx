import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

/** A DatePicker whose value is the contract's date string (YYYY-MM-DD), not a Dayjs: forms hold request values. */
export function DateStringPicker({
  value,
  onChange,
  disabled,
  testId,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  disabled?: boolean;
  testId?: string;
}) {
  const parsed = value ? dayjs(value) : null;
  return (
    <DatePicker
      data-testid={testId}
      value={parsed?.isValid() ? parsed : null}
      onChange={(d: Dayjs | null) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      disabledDate={(d) => d.isAfter(dayjs(), 'day')}
      disabled={disabled}
      style={{ width: '100%' }}
    />
  );
}
