/**
 * Observation and DiagnosticReport → InboundResult.
 *
 * Observation
 * - kind: category laboratory → lab, imaging → imaging, anything else (vital-signs, exam, survey…) → exam.
 * - code: the LOINC code, else the first coding's code, else code.text; name: code.text, else a display.
 * - value: valueQuantity / valueInteger → valueNumeric + unit (a comparator such as '<' makes it text
 *   '<5 mmol/L' instead, since the number alone would be wrong); valueString / valueCodeableConcept /
 *   valueBoolean / valueRange / valueRatio / valueTime / valueDateTime / valuePeriod → valueText.
 * - referenceRange: the first range of type 'normal' (or untyped): low / high / text.
 * - abnormalFlag from interpretation: N, H, L, HH, LL, A as such; HU → HH, LU → LL, AA → A, POS/DET → A,
 *   NEG/ND → N; arrows ↑ ↓ ↑↑ ↓↓ in the text (Chinese HIS) → H L HH LL. The off-scale markers '>' and '<'
 *   say the instrument could not measure, not that the value is critical ('<0.5' is usually the good
 *   case), so they give no flag.
 * - releasedAt: issued, else effective[x] (dateTime, instant, period start/end), else meta.lastUpdated.
 * - components (blood pressure): one result per component, code '<panel code>/<component code>'
 *   ('85354-9/8480-6'), source id 'Observation/<id>#<component code>', the panel's kind, time and encounter.
 *   The panel itself is a result only if it also has a value of its own.
 * - No value, no components (a panel of hasMember references, a dataAbsentReason) → unsupported
 *   'Observation(no value)'; cancelled / entered-in-error → unsupported 'Observation(cancelled)'.
 *
 * DiagnosticReport: its `result` Observations are separate entries and are not repeated. A report with a
 * conclusion (conclusion, conclusionCode, or a text/* presentedForm) becomes one result: kind imaging for
 * imaging categories (RAD, CT, MR, US, NM, XR…, LOINC LP29684-5), lab for LAB, else exam; valueText empty
 * and the text in `conclusion`. Without any conclusion: unsupported 'DiagnosticReport(results only)'.
 */
import type {
  CodeableConcept,
  DiagnosticReport,
  Observation,
  ObservationComponent,
  ObservationReferenceRange,
  Quantity,
} from '@medplum/fhirtypes';
import type { InboundResult } from '../interop/inbound';
import type { MapContext } from './context';
import { codesOf, conceptName, findCoding, firstText, hasCode, SYSTEMS } from './primitives';

type Flag = NonNullable<InboundResult['abnormalFlag']>;

const FLAGS: Readonly<Record<string, Flag>> = {
  N: 'N',
  H: 'H',
  L: 'L',
  HH: 'HH',
  LL: 'LL',
  A: 'A',
  HU: 'HH',
  LU: 'LL',
  AA: 'A',
  POS: 'A',
  DET: 'A',
  NEG: 'N',
  ND: 'N',
};

const ARROWS: Readonly<Record<string, Flag>> = { '↑': 'H', '↓': 'L', '↑↑': 'HH', '↓↓': 'LL' };

function flagOf(interpretation: CodeableConcept[] | undefined): Flag | undefined {
  for (const concept of interpretation ?? []) {
    for (const code of codesOf(concept)) {
      const f = FLAGS[code.toUpperCase()];
      if (f) return f;
    }
    const arrow = ARROWS[concept.text?.trim() ?? ''];
    if (arrow) return arrow;
  }
  return undefined;
}

function kindOf(category: CodeableConcept[] | undefined): InboundResult['kind'] {
  if (hasCode(category, ['laboratory', 'LAB'])) return 'lab';
  if (hasCode(category, ['imaging'])) return 'imaging';
  return 'exam';
}

/** The code a result is filed under: LOINC first (what lab trends are keyed by), else the sender's code. */
function resultCode(concept: CodeableConcept | undefined) {
  const loinc = findCoding(concept, SYSTEMS.loinc);
  const chosen = loinc ?? concept?.coding?.find((c) => c.code);
  const code = firstText(chosen?.code, concept?.text);
  return { code, name: conceptName(concept, chosen) ?? code };
}

function quantityText(q: Quantity | undefined): string | undefined {
  if (q?.value === undefined) return undefined;
  const unit = firstText(q.unit, q.code);
  return `${q.comparator ?? ''}${q.value}${unit ? ` ${unit}` : ''}`;
}

type ValueHolder = Pick<
  Observation,
  | 'valueQuantity'
  | 'valueInteger'
  | 'valueString'
  | 'valueCodeableConcept'
  | 'valueBoolean'
  | 'valueRange'
  | 'valueRatio'
  | 'valueTime'
  | 'valueDateTime'
  | 'valuePeriod'
>;

/** The value fields of a result; undefined when the observation carries no value. */
function valueOf(o: ValueHolder): Pick<InboundResult, 'valueNumeric' | 'valueText' | 'unit'> | undefined {
  const q = o.valueQuantity;
  if (q !== undefined && q.value !== undefined) {
    const unit = firstText(q.unit, q.code);
    if (q.comparator) return { valueText: quantityText(q)! };
    return unit ? { valueNumeric: q.value, unit } : { valueNumeric: q.value };
  }
  if (o.valueInteger !== undefined) return { valueNumeric: o.valueInteger };
  const text =
    firstText(o.valueString) ??
    conceptName(o.valueCodeableConcept) ??
    (o.valueBoolean !== undefined ? String(o.valueBoolean) : undefined) ??
    (o.valueRange
      ? `${quantityText(o.valueRange.low) ?? ''}-${quantityText(o.valueRange.high) ?? ''}`
      : undefined) ??
    (o.valueRatio
      ? `${quantityText(o.valueRatio.numerator) ?? ''}/${quantityText(o.valueRatio.denominator) ?? ''}`
      : undefined) ??
    firstText(o.valueTime, o.valueDateTime) ??
    (o.valuePeriod ? `${o.valuePeriod.start ?? ''}/${o.valuePeriod.end ?? ''}` : undefined);
  return text !== undefined ? { valueText: text } : undefined;
}

function rangeOf(ranges: ObservationReferenceRange[] | undefined): Partial<InboundResult> {
  const r = ranges?.find((x) => !x.type || hasCode([x.type], ['normal'])) ?? ranges?.[0];
  if (!r) return {};
  const out: Partial<InboundResult> = {};
  if (r.low?.value !== undefined) out.referenceLow = r.low.value;
  if (r.high?.value !== undefined) out.referenceHigh = r.high.value;
  const text = firstText(r.text);
  if (text) out.referenceText = text;
  return out;
}

export function mapObservation(o: Observation, ctx: MapContext): InboundResult[] {
  if (o.status === 'cancelled' || o.status === 'entered-in-error') return ctx.skip('Observation(cancelled)');
  const patient = ctx.patient(o.subject, 'subject');
  if (patient === undefined || patient === 'skip') return [];
  const encounter = ctx.refKey(o.encounter, 'encounter', 'Encounter');
  const releasedAt = ctx.instant(
    firstText(
      o.issued,
      o.effectiveDateTime,
      o.effectiveInstant,
      o.effectivePeriod?.start,
      o.effectivePeriod?.end,
    ) ?? o.meta?.lastUpdated,
  );
  const { code, name } = resultCode(o.code);
  if (code === undefined || name === undefined) return ctx.skip('Observation(no code)');
  if (releasedAt === undefined) return ctx.skip('Observation(no date)');
  const kind = kindOf(o.category);

  const base = (source: string, c: string, n: string): InboundResult => {
    const r: InboundResult = {
      type: 'result',
      source: ctx.key(source),
      patient,
      kind,
      code: c,
      name: n,
      releasedAt,
    };
    if (encounter) r.encounter = encounter;
    return r;
  };

  const out: InboundResult[] = [];
  const own = valueOf(o);
  if (own) {
    const flag = flagOf(o.interpretation);
    out.push({
      ...base(ctx.self, code, name),
      ...own,
      ...rangeOf(o.referenceRange),
      ...(flag ? { abnormalFlag: flag } : {}),
    });
  }
  const seen = new Set<string>();
  (o.component ?? []).forEach((comp: ObservationComponent, i) => {
    const value = valueOf(comp);
    if (!value) return;
    const c = resultCode(comp.code);
    let suffix = c.code ?? String(i);
    if (seen.has(suffix)) suffix = `${suffix}.${i}`;
    seen.add(suffix);
    const flag = flagOf(comp.interpretation);
    out.push({
      ...base(`${ctx.self}#${suffix}`, `${code}/${c.code ?? i}`, c.name ?? `${name} ${i + 1}`),
      ...value,
      ...rangeOf(comp.referenceRange),
      ...(flag ? { abnormalFlag: flag } : {}),
    });
  });
  if (out.length === 0) return ctx.skip('Observation(no value)');
  return out;
}

const IMAGING_CATEGORIES = [
  'RAD',
  'CT',
  'MR',
  'US',
  'NMR',
  'NMS',
  'RUS',
  'RX',
  'VUS',
  'XRC',
  'CUS',
  'OUS',
  'imaging',
  'LP29684-5',
];

/** Text of a text/* attachment sent inline (base64), capped at 64 KiB. */
function attachmentText(contentType: string | undefined, data: string | undefined): string | undefined {
  if (!data || !contentType?.startsWith('text/')) return undefined;
  try {
    const binary = atob(data.slice(0, 90_000));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    return firstText(new TextDecoder('utf-8').decode(bytes));
  } catch {
    return undefined;
  }
}

export function mapDiagnosticReport(d: DiagnosticReport, ctx: MapContext): InboundResult[] {
  if (d.status === 'cancelled' || d.status === 'entered-in-error')
    return ctx.skip('DiagnosticReport(cancelled)');
  if (d.subject === undefined) {
    ctx.problem('subject', 'fhir_required_missing');
    return [];
  }
  const patient = ctx.patient(d.subject, 'subject');
  if (patient === undefined || patient === 'skip') return [];
  const encounter = ctx.refKey(d.encounter, 'encounter', 'Encounter');
  const conclusion = firstText(
    d.conclusion,
    ...(d.conclusionCode ?? []).map((c) => conceptName(c)),
    ...(d.presentedForm ?? []).map((f) => attachmentText(f.contentType, f.data)),
  );
  if (conclusion === undefined) return ctx.skip('DiagnosticReport(results only)');
  const releasedAt = ctx.instant(
    firstText(d.issued, d.effectiveDateTime, d.effectivePeriod?.start, d.effectivePeriod?.end) ??
      d.meta?.lastUpdated,
  );
  const { code, name } = resultCode(d.code);
  if (code === undefined || name === undefined) return ctx.skip('DiagnosticReport(no code)');
  if (releasedAt === undefined) return ctx.skip('DiagnosticReport(no date)');
  const kind = hasCode(d.category, IMAGING_CATEGORIES)
    ? 'imaging'
    : hasCode(d.category, ['LAB', 'laboratory'])
      ? 'lab'
      : 'exam';
  const out: InboundResult = {
    type: 'result',
    source: ctx.key(),
    patient,
    kind,
    code,
    name,
    conclusion,
    releasedAt,
  };
  if (encounter) out.encounter = encounter;
  return [out];
}
