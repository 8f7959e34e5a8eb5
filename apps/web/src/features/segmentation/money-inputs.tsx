import { InputNumber, type InputNumberProps } from 'antd';

type Props = Omit<InputNumberProps<number>, 'value' | 'onChange'> & {
  value?: number | null;
  onChange?: (value: number | null) => void;
};

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const thousands = (text: string | undefined) => (text ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A share stored as a fraction (0.2) and typed as a percentage (20 %). */
export function PercentInput({ value, onChange, ...rest }: Props) {
  return (
    <InputNumber<number>
      min={0}
      max={100}
      step={1}
      suffix="%"
      style={{ width: '100%' }}
      {...rest}
      value={value === null || value === undefined ? null : round(value * 100, 4)}
      onChange={(v) => onChange?.(v === null ? null : round(v / 100, 6))}
    />
  );
}

/** Money stored in integer fen and typed in yuan with thousands separators (¥ 3,000.00 ↔ 300000). */
export function YuanInput({ value, onChange, ...rest }: Props) {
  return (
    <InputNumber<number>
      min={0}
      step={100}
      precision={2}
      prefix="¥"
      style={{ width: '100%' }}
      formatter={(v) => {
        const [whole, fraction] = String(v ?? '').split('.');
        return fraction === undefined ? thousands(whole) : `${thousands(whole)}.${fraction}`;
      }}
      parser={(text) => Number((text ?? '').replace(/[,¥\s]/g, ''))}
      {...rest}
      value={value === null || value === undefined ? null : value / 100}
      onChange={(v) => onChange?.(v === null ? null : Math.round(v * 100))}
    />
  );
}
