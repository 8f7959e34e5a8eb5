/**
 * MedicationRequest and MedicationStatement → InboundMedication.
 *
 * - drug: medicationCodeableConcept, or medicationReference to a contained Medication ('#med1') or to a
 *   Medication entry of the bundle → its code (a compound without a code: its ingredients joined by ' + ').
 *   A reference to a Medication outside the bundle can only be named by its display; with none it is a
 *   problem ('fhir_reference_unresolved'): the drug is unknown.
 *   drugCode is the first coding's code, drugName the concept's text or a display.
 * - dose: the first dosage's doseQuantity ('5 mg') or doseRange, else its text ('One tablet daily').
 *   frequency: timing.code (QD, BID…) or repeat ('3/1d'), 'PRN' when only asNeeded; route: its text/display.
 * - prescribedAt: authoredOn (request) / dateAsserted or effective (statement), else meta.lastUpdated; none →
 *   unsupported '<Type>(no date)'. startDate/endDate (YYYY-MM-DD): the timing's boundsPeriod or the
 *   dispense validity period (request), effectivePeriod (statement).
 * - chronic: courseOfTherapyType 'continuous' (request) or category 'community'/'patientspecified' with an
 *   open-ended period (statement) — a long-term medication list entry.
 * - entered-in-error is skipped.
 */
import type {
  CodeableConcept,
  Dosage,
  Medication,
  MedicationRequest,
  MedicationStatement,
  Reference,
} from '@medplum/fhirtypes';
import type { InboundMedication, SourceKey } from '../interop/inbound';
import type { MapContext } from './context';
import { conceptName, firstText, hasCode, toDay } from './primitives';

function drugOf(
  concept: CodeableConcept | undefined,
  reference: Reference | undefined,
  ctx: MapContext,
): { code?: string; name: string } | undefined {
  if (concept === undefined && reference !== undefined) {
    const r = ctx.ref(reference, 'medicationReference', 'Medication');
    if (r === undefined) return undefined;
    const med = r.resource?.resourceType === 'Medication' ? (r.resource as Medication) : undefined;
    if (med?.code !== undefined) return drugOf(med.code, undefined, ctx);
    // A compounded medication (TPN…) has no code of its own: name it by its ingredients.
    const ingredients = (med?.ingredient ?? [])
      .map((i) => conceptName(i.itemCodeableConcept) ?? firstText(i.itemReference?.display))
      .filter((x): x is string => x !== undefined);
    const name = firstText(reference.display, ingredients.join(' + '));
    if (name !== undefined) return { name };
    if (med === undefined)
      ctx.problem('medicationReference.reference', 'fhir_reference_unresolved', reference.reference);
    return undefined;
  }
  const name = conceptName(concept);
  if (name === undefined) return undefined;
  const code = concept?.coding?.find((x) => x.code)?.code;
  return code ? { code, name } : { name };
}

function dosageFields(d: Dosage | undefined): Pick<InboundMedication, 'dose' | 'frequency' | 'route'> {
  if (!d) return {};
  const out: Pick<InboundMedication, 'dose' | 'frequency' | 'route'> = {};
  const dr = d.doseAndRate?.[0];
  const q = dr?.doseQuantity;
  const unitOf = (u: { unit?: string; code?: string } | undefined) => firstText(u?.unit, u?.code);
  let dose: string | undefined;
  if (q?.value !== undefined) dose = `${q.value}${unitOf(q) ? ` ${unitOf(q)}` : ''}`;
  else if (dr?.doseRange?.low?.value !== undefined || dr?.doseRange?.high?.value !== undefined) {
    const unit = unitOf(dr.doseRange.high) ?? unitOf(dr.doseRange.low);
    dose = `${dr.doseRange.low?.value ?? ''}-${dr.doseRange.high?.value ?? ''}${unit ? ` ${unit}` : ''}`;
  }
  dose = dose ?? firstText(d.text);
  if (dose) out.dose = dose;
  const t = d.timing;
  const repeat = t?.repeat;
  const frequency =
    conceptName(t?.code) ??
    (repeat?.frequency !== undefined && repeat.period !== undefined
      ? `${repeat.frequency}/${repeat.period}${repeat.periodUnit ?? ''}`
      : undefined) ??
    (d.asNeededBoolean || d.asNeededCodeableConcept ? 'PRN' : undefined);
  if (frequency) out.frequency = frequency;
  const route = conceptName(d.route);
  if (route) out.route = route;
  return out;
}

function build(
  ctx: MapContext,
  patient: SourceKey,
  encounter: SourceKey | undefined,
  drug: { code?: string; name: string },
  dosage: Dosage | undefined,
  prescribedAt: string,
  start: string | undefined,
  end: string | undefined,
  chronic: boolean,
): InboundMedication[] {
  const out: InboundMedication = {
    type: 'medication',
    source: ctx.key(),
    patient,
    drugName: drug.name,
    prescribedAt,
    chronic,
    ...dosageFields(dosage),
  };
  if (encounter) out.encounter = encounter;
  if (drug.code) out.drugCode = drug.code;
  const startDate = toDay(start);
  if (startDate) out.startDate = startDate;
  const endDate = toDay(end);
  if (endDate) out.endDate = endDate;
  return [out];
}

export function mapMedicationRequest(m: MedicationRequest, ctx: MapContext): InboundMedication[] {
  if (m.status === 'entered-in-error') return ctx.skip('MedicationRequest(entered-in-error)');
  const patient = ctx.patient(m.subject, 'subject');
  if (patient === undefined || patient === 'skip') return [];
  const encounter = ctx.refKey(m.encounter, 'encounter', 'Encounter');
  const drug = drugOf(m.medicationCodeableConcept, m.medicationReference, ctx);
  if (drug === undefined) return ctx.problems.length > 0 ? [] : ctx.skip('MedicationRequest(no drug)');
  const prescribedAt = ctx.instant(m.authoredOn ?? m.meta?.lastUpdated);
  if (prescribedAt === undefined) return ctx.skip('MedicationRequest(no date)');
  const dosage = m.dosageInstruction?.[0];
  const bounds = dosage?.timing?.repeat?.boundsPeriod ?? m.dispenseRequest?.validityPeriod;
  const chronic = hasCode([m.courseOfTherapyType], ['continuous']);
  return build(ctx, patient, encounter, drug, dosage, prescribedAt, bounds?.start, bounds?.end, chronic);
}

export function mapMedicationStatement(m: MedicationStatement, ctx: MapContext): InboundMedication[] {
  if (m.status === 'entered-in-error') return ctx.skip('MedicationStatement(entered-in-error)');
  const patient = ctx.patient(m.subject, 'subject');
  if (patient === undefined || patient === 'skip') return [];
  const encounter = ctx.refKey(m.context, 'context', 'Encounter');
  const drug = drugOf(m.medicationCodeableConcept, m.medicationReference, ctx);
  if (drug === undefined) return ctx.problems.length > 0 ? [] : ctx.skip('MedicationStatement(no drug)');
  const prescribedAt = ctx.instant(
    m.dateAsserted ?? m.effectiveDateTime ?? m.effectivePeriod?.start ?? m.meta?.lastUpdated,
  );
  if (prescribedAt === undefined) return ctx.skip('MedicationStatement(no date)');
  const start = m.effectivePeriod?.start ?? m.effectiveDateTime;
  const end = m.effectivePeriod?.end;
  const chronic =
    m.status === 'active' && end === undefined && hasCode([m.category], ['community', 'patientspecified']);
  return build(ctx, patient, encounter, drug, m.dosage?.[0], prescribedAt, start, end, chronic);
}
