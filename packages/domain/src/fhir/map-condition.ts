/**
 * Condition → InboundDiagnosis.
 *
 * - code: an ICD-10 coding (any edition: http://hl7.org/fhir/sid/icd-10*, a hospital's ICD-10-CN system),
 *   else SNOMED CT as 'SCT:<code>', else the first coding's code; a condition with only text keeps the text
 *   as its name and gets the code ''. No code and no text → unsupported 'Condition(no code)'.
 * - name: code.text, else the chosen coding's display, else any display.
 * - diagnosedAt: recordedDate, else onsetDateTime / onsetPeriod.start, else meta.lastUpdated; none →
 *   unsupported 'Condition(no date)' (onsetString 'approximately November 2012' is not a date).
 * - chronic — kept simple on purpose: (clinicalStatus active/recurrence/relapse AND category
 *   problem-list-item) OR it lasted more than a year: onset more than 365 days before the abatement date, or
 *   before now while still active. Refuted and entered-in-error conditions are skipped.
 */
import type { Condition } from '@medplum/fhirtypes';
import type { InboundDiagnosis } from '../interop/inbound';
import type { MapContext } from './context';
import { codesOf, conceptName, findCoding, hasCode, SYSTEMS, toEpoch } from './primitives';

const YEAR_MS = 365 * 24 * 3_600_000;
const ACTIVE = ['active', 'recurrence', 'relapse'];

export function mapCondition(c: Condition, ctx: MapContext): InboundDiagnosis[] {
  const verification = codesOf(c.verificationStatus);
  if (verification.includes('entered-in-error')) return ctx.skip('Condition(entered-in-error)');
  if (verification.includes('refuted')) return ctx.skip('Condition(refuted)');
  const patient = ctx.patient(c.subject, 'subject');
  if (patient === undefined || patient === 'skip') return [];
  const encounter = ctx.refKey(c.encounter, 'encounter', 'Encounter');

  const icd = findCoding(c.code, SYSTEMS.icd10);
  const snomed = icd ? undefined : findCoding(c.code, SYSTEMS.snomed);
  const first = c.code?.coding?.find((x) => x.code);
  const chosen = icd ?? snomed ?? first;
  const code = icd?.code ?? (snomed ? `SCT:${snomed.code}` : (first?.code ?? ''));
  const name = conceptName(c.code, chosen);
  if (name === undefined) return ctx.skip('Condition(no code)');

  const onset = c.onsetDateTime ?? c.onsetPeriod?.start;
  const diagnosedAt = ctx.instant(c.recordedDate ?? onset ?? c.meta?.lastUpdated);
  if (diagnosedAt === undefined) return ctx.skip('Condition(no date)');

  const tz = ctx.options.timeZone;
  const active = hasCode([c.clinicalStatus], ACTIVE);
  const problemList = hasCode(c.category, ['problem-list-item']);
  const abated = c.abatementDateTime ?? c.abatementPeriod?.end ?? c.abatementPeriod?.start;
  const onsetMs = toEpoch(onset, tz);
  const endMs = abated !== undefined ? toEpoch(abated, tz) : active ? Date.parse(ctx.options.now) : undefined;
  const longLasting = onsetMs !== undefined && endMs !== undefined && endMs - onsetMs > YEAR_MS;
  const chronic = (active && problemList) || longLasting;

  const out: InboundDiagnosis = {
    type: 'diagnosis',
    source: ctx.key(),
    patient,
    code,
    name,
    chronic,
    diagnosedAt,
  };
  if (encounter) out.encounter = encounter;
  return [out];
}
