/**
 * Appointment → InboundAppointment.
 *
 * - status: proposed/pending/booked/waitlist → booked; arrived/checked-in → arrived; fulfilled; cancelled;
 *   noshow → no_show; entered-in-error is skipped.
 * - patient: the participant whose actor is a Patient (none → 'fhir_required_missing' at participant).
 * - startAt/endAt: start/end. A request without a start (only requestedPeriod) is not on anyone's
 *   calendar yet: unsupported 'Appointment(no start)'.
 * - department: the first specialty, else the first serviceType ({code, name}); practitioner: the
 *   participant Practitioner (the attender ATND/PPRF first).
 * - reason: the first reasonCode, else a reasonReference display, else description.
 */
import type { Appointment } from '@medplum/fhirtypes';
import type { InboundAppointment, InboundAppointmentStatus, InboundRef } from '../interop/inbound';
import type { MapContext } from './context';
import { resourceName } from './map-encounter';
import { conceptName, firstText, hasCode } from './primitives';

const STATUS: Readonly<Record<string, InboundAppointmentStatus>> = {
  proposed: 'booked',
  pending: 'booked',
  booked: 'booked',
  waitlist: 'booked',
  arrived: 'arrived',
  'checked-in': 'arrived',
  fulfilled: 'fulfilled',
  cancelled: 'cancelled',
  noshow: 'no_show',
};

export function mapAppointment(a: Appointment, ctx: MapContext): InboundAppointment[] {
  const status = STATUS[a.status ?? ''];
  if (status === undefined) return ctx.skip(`Appointment(${a.status ?? 'no status'})`);
  const participants = (a.participant ?? []).map((p, i) => ({
    p,
    i,
    r: ctx.ref(p.actor, `participant[${i}].actor`, 'Patient'),
  }));
  if (ctx.problems.length > 0) return [];
  const who = participants.find((x) => x.r?.type === 'Patient');
  if (!who) {
    ctx.problem('participant', 'fhir_required_missing', 'Patient');
    return [];
  }
  const patient = ctx.key(who.r!.key);
  const startAt = ctx.instant(a.start);
  if (startAt === undefined) return ctx.skip('Appointment(no start)');

  const out: InboundAppointment = { type: 'appointment', source: ctx.key(), patient, status, startAt };
  const endAt = ctx.instant(a.end);
  if (endAt) out.endAt = endAt;
  const dept = a.specialty?.[0] ?? a.serviceType?.[0];
  if (dept) {
    const ref: InboundRef = {};
    const code = dept.coding?.find((c) => c.code)?.code;
    if (code) ref.code = code;
    const name = conceptName(dept);
    if (name) ref.name = name;
    out.department = ref;
  }
  const practitioners = participants.filter((x) => x.r?.type === 'Practitioner');
  const doctor = practitioners.find((x) => hasCode(x.p.type, ['ATND', 'PPRF'])) ?? practitioners[0];
  if (doctor) {
    const ref = ctx.inboundRef(
      doctor.p.actor,
      `participant[${doctor.i}].actor`,
      'Practitioner',
      resourceName,
    );
    if (ref) out.practitioner = ref;
  }
  const reason = firstText(
    ...(a.reasonCode ?? []).map((c) => conceptName(c)),
    ...(a.reasonReference ?? []).map((r) => r.display),
    a.description,
  );
  if (reason) out.reason = reason;
  return [out];
}
