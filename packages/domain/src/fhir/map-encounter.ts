/**
 * Encounter → InboundEncounter.
 *
 * - kind from class (v3 ActCode): AMB/FLD/HH → outpatient, EMER → emergency, IMP/ACUTE/NONAC/SS/OBSENC/PRENC →
 *   inpatient, VR → online; an ambulatory encounter whose type is a check-up (SNOMED 185349003, 162673000,
 *   410620009, 'check up', '体检') → checkup.
 * - status: planned; arrived/triaged → arrived; in-progress/onleave → in_progress; finished; cancelled;
 *   entered-in-error is skipped; unknown → finished when the period has ended, else in_progress.
 * - startAt: period.start, else the first statusHistory / location / participant period start. FHIR makes
 *   the period optional (several official examples have none); CareBridge's timeline needs a time, so such an
 *   encounter is counted as unsupported 'Encounter(no period)' rather than rejecting a valid bundle.
 * - department: serviceProvider (an Organization, mapped to a department), else the first location's name.
 *   practitioner: the primary performer / attender, else the first participant that is a Practitioner.
 */
import type { Encounter } from '@medplum/fhirtypes';
import type { InboundEncounter, InboundEncounterKind, InboundEncounterStatus } from '../interop/inbound';
import type { MapContext } from './context';
import { formatName, pickName } from './map-patient';
import { firstText, hasCode } from './primitives';
import type { AnyResource } from './reference';

const KIND: Readonly<Record<string, InboundEncounterKind>> = {
  AMB: 'outpatient',
  FLD: 'outpatient',
  HH: 'outpatient',
  EMER: 'emergency',
  IMP: 'inpatient',
  ACUTE: 'inpatient',
  NONAC: 'inpatient',
  SS: 'inpatient',
  OBSENC: 'inpatient',
  PRENC: 'inpatient',
  VR: 'online',
};

const STATUS: Readonly<Record<string, InboundEncounterStatus>> = {
  planned: 'planned',
  arrived: 'arrived',
  triaged: 'arrived',
  'in-progress': 'in_progress',
  onleave: 'in_progress',
  finished: 'finished',
  cancelled: 'cancelled',
};

const CHECKUP_CODES = ['185349003', '162673000', '410620009', '185345009'];
const CHECKUP_TEXT = /check[- ]?up|体检|健康检查/i;

/** A display name for a resource found through a reference (Organization, Location, Practitioner…). */
export function resourceName(r: AnyResource): string | undefined {
  if (r.resourceType === 'Practitioner' || r.resourceType === 'Patient') {
    return formatName(pickName(r.name as Parameters<typeof pickName>[0])).name || undefined;
  }
  return typeof r.name === 'string' ? firstText(r.name) : undefined;
}

export function mapEncounter(e: Encounter, ctx: MapContext): InboundEncounter[] {
  if (e.status === 'entered-in-error') return ctx.skip('Encounter(entered-in-error)');
  const patient = ctx.patient(e.subject, 'subject');
  if (patient === undefined || patient === 'skip') return [];

  const start = firstText(
    e.period?.start,
    ...(e.statusHistory ?? []).map((h) => h.period?.start),
    ...(e.location ?? []).map((l) => l.period?.start),
    ...(e.participant ?? []).map((p) => p.period?.start),
  );
  const startAt = ctx.instant(start);
  const department =
    ctx.inboundRef(e.serviceProvider, 'serviceProvider', 'Organization', resourceName) ??
    e.location
      ?.map((l, i) => ctx.inboundRef(l.location, `location[${i}].location`, undefined, resourceName))
      .find(Boolean);

  const participants = (e.participant ?? []).map((p, i) => ({ p, i }));
  const primary =
    participants.find(({ p }) => hasCode(p.type, ['PPRF', 'ATND']) && p.individual?.reference) ??
    participants.find(({ p }) => p.individual?.reference);
  const practitioner = primary
    ? ctx.inboundRef(
        primary.p.individual,
        `participant[${primary.i}].individual`,
        'Practitioner',
        resourceName,
      )
    : undefined;

  if (startAt === undefined) return ctx.skip('Encounter(no period)');

  let kind = KIND[e.class?.code ?? ''] ?? 'outpatient';
  if (
    kind === 'outpatient' &&
    (hasCode(e.type, CHECKUP_CODES) || (e.type ?? []).some((t) => CHECKUP_TEXT.test(t.text ?? '')))
  ) {
    kind = 'checkup';
  }
  const end = ctx.instant(e.period?.end);
  const status =
    STATUS[e.status ?? ''] ??
    (end !== undefined && Date.parse(end) <= Date.parse(ctx.options.now) ? 'finished' : 'in_progress');

  const out: InboundEncounter = { type: 'encounter', source: ctx.key(), patient, kind, status, startAt };
  if (end !== undefined) out.endAt = end;
  if (department) out.department = department;
  if (practitioner) out.practitioner = practitioner;
  return [out];
}
