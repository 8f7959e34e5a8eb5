/**
 * Procedure → InboundProcedure.
 *
 * - code: ICD-9-CM (volume 3 is how Chinese hospitals code operations), else SNOMED CT as 'SCT:<code>', else
 *   the first coding's code; name: code.text, else a display. No code and no text → unsupported
 *   'Procedure(no code)'.
 * - performedAt: performedDateTime, else performedPeriod start/end; none (not yet done, or only a
 *   performedString) → unsupported 'Procedure(no date)'. Status not-done / entered-in-error is skipped.
 */
import type { Procedure } from '@medplum/fhirtypes';
import type { InboundProcedure } from '../interop/inbound';
import type { MapContext } from './context';
import { conceptName, findCoding, firstText, SYSTEMS } from './primitives';

export function mapProcedure(p: Procedure, ctx: MapContext): InboundProcedure[] {
  if (p.status === 'entered-in-error' || p.status === 'not-done') return ctx.skip(`Procedure(${p.status})`);
  const patient = ctx.patient(p.subject, 'subject');
  if (patient === undefined || patient === 'skip') return [];
  const encounter = ctx.refKey(p.encounter, 'encounter', 'Encounter');
  const icd = findCoding(p.code, SYSTEMS.icd9);
  const snomed = icd ? undefined : findCoding(p.code, SYSTEMS.snomed);
  const first = p.code?.coding?.find((c) => c.code);
  const chosen = icd ?? snomed ?? first;
  const name = conceptName(p.code, chosen);
  if (name === undefined) return ctx.skip('Procedure(no code)');
  const performedAt = ctx.instant(
    firstText(p.performedDateTime, p.performedPeriod?.start, p.performedPeriod?.end),
  );
  if (performedAt === undefined) return ctx.skip('Procedure(no date)');
  const out: InboundProcedure = { type: 'procedure', source: ctx.key(), patient, name, performedAt };
  const code = icd?.code ?? (snomed ? `SCT:${snomed.code}` : first?.code);
  if (code) out.code = code;
  if (encounter) out.encounter = encounter;
  return [out];
}
