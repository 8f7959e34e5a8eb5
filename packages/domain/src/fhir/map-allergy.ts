/**
 * AllergyIntolerance → InboundAllergy.
 *
 * - substance: code (text, else display), else the first reaction's substance. "No known allergy"
 *   statements (SNOMED 716186003 NKA, 409137002 NKDA, 428607008, 429625007, 716184000, 1003774007) are not
 *   allergies: unsupported 'AllergyIntolerance(no known allergy)'. Refuted / entered-in-error are skipped.
 * - reaction: the manifestations of all reactions, distinct, joined with '; '.
 * - severity: the worst reaction severity (mild < moderate < severe); without one, criticality high → severe
 *   and low → mild (criticality is the potential harm, the best the sender says).
 * - recordedAt: recordedDate, else onsetDateTime, else lastOccurrence, else meta.lastUpdated.
 */
import type { AllergyIntolerance } from '@medplum/fhirtypes';
import type { InboundAllergy } from '../interop/inbound';
import type { MapContext } from './context';
import { codesOf, conceptName, hasCode } from './primitives';

const NO_KNOWN = ['716186003', '409137002', '428607008', '429625007', '716184000', '1003774007'];
const SEVERITY_RANK = { mild: 1, moderate: 2, severe: 3 } as const;
type Severity = keyof typeof SEVERITY_RANK;

export function mapAllergy(a: AllergyIntolerance, ctx: MapContext): InboundAllergy[] {
  const verification = codesOf(a.verificationStatus);
  if (verification.includes('entered-in-error')) return ctx.skip('AllergyIntolerance(entered-in-error)');
  if (verification.includes('refuted')) return ctx.skip('AllergyIntolerance(refuted)');
  const patient = ctx.patient(a.patient, 'patient');
  if (patient === undefined || patient === 'skip') return [];
  if (hasCode([a.code], NO_KNOWN)) return ctx.skip('AllergyIntolerance(no known allergy)');
  const substance = conceptName(a.code) ?? conceptName(a.reaction?.find((r) => r.substance)?.substance);
  if (substance === undefined) return ctx.skip('AllergyIntolerance(no substance)');
  const recordedAt = ctx.instant(
    a.recordedDate ?? a.onsetDateTime ?? a.lastOccurrence ?? a.meta?.lastUpdated,
  );
  if (recordedAt === undefined) return ctx.skip('AllergyIntolerance(no date)');

  const manifestations = new Set<string>();
  let severity: Severity | undefined;
  for (const r of a.reaction ?? []) {
    for (const m of r.manifestation ?? []) {
      const name = conceptName(m);
      if (name) manifestations.add(name);
    }
    const s = r.severity;
    if (s && s in SEVERITY_RANK && (!severity || SEVERITY_RANK[s] > SEVERITY_RANK[severity])) severity = s;
  }
  severity ??= a.criticality === 'high' ? 'severe' : a.criticality === 'low' ? 'mild' : undefined;

  const out: InboundAllergy = { type: 'allergy', source: ctx.key(), patient, substance, recordedAt };
  if (manifestations.size > 0) out.reaction = [...manifestations].join('; ');
  if (severity) out.severity = severity;
  return [out];
}
