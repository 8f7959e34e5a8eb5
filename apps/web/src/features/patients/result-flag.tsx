import { Typography } from 'antd';

/** HL7 table 0078 flags as staff read them on a lab report: ↑ high, ↓ low, doubled when critical. */
const ARROWS: Record<string, string> = { H: '↑', HH: '↑↑', L: '↓', LL: '↓↓', A: '*', AA: '**' };

export function flagArrow(flag: string | null | undefined): string {
  if (!flag || flag === 'N') return '';
  return ARROWS[flag.toUpperCase()] ?? flag;
}

/** A result value with its unit and arrow; red when abnormal. */
export function ResultValue({
  value,
  unit,
  flag,
  abnormal,
}: {
  value: string | null;
  unit?: string | null;
  flag: string | null;
  abnormal: boolean;
}) {
  const arrow = flagArrow(flag);
  return (
    <Typography.Text type={abnormal ? 'danger' : undefined} strong={abnormal} className="cb-result-value">
      {value ?? '—'}
      {unit ? <span className="cb-result-unit"> {unit}</span> : null}
      {arrow && (
        <span className="cb-result-flag" data-testid="result-flag">
          {' '}
          {arrow}
        </span>
      )}
    </Typography.Text>
  );
}
