import type { ResultRow } from './clinical.repository';

export const isAbnormal = (flag: string | null | undefined): boolean => !!flag && flag !== 'N';

/** "3.9–6.1" from numeric bounds, ">= 90" style text otherwise. */
export function referenceRange(low: string | null, high: string | null, text: string | null): string | null {
  if (low !== null && high !== null) return `${trim(low)}–${trim(high)}`;
  if (low !== null) return `≥${trim(low)}`;
  if (high !== null) return `≤${trim(high)}`;
  return text;
}

/** numeric columns come back as text with trailing zeros ("5.60"); staff read "5.6". */
export function trim(n: string): string {
  return n.includes('.') ? n.replace(/\.?0+$/, '') : n;
}

export function resultFields(r: {
  kind: string;
  code: string;
  name: string;
  value: string | null;
  unit: string | null;
  referenceLow: string | null;
  referenceHigh: string | null;
  referenceText: string | null;
  abnormalFlag: string | null;
  conclusion: string | null;
}) {
  return {
    kind: r.kind,
    code: r.code,
    name: r.name,
    value: r.value === null ? null : trim(r.value),
    unit: r.unit,
    referenceRange: referenceRange(r.referenceLow, r.referenceHigh, r.referenceText),
    abnormalFlag: r.abnormalFlag,
    abnormal: isAbnormal(r.abnormalFlag),
    conclusion: r.conclusion,
  };
}

export const fromResultRow = (r: ResultRow) => resultFields({ ...r, value: r.valueNumeric ?? r.valueText });
