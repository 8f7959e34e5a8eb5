/**
 * Organization → InboundDepartment and Practitioner → InboundPractitioner.
 *
 * - Organization: name, else its first alias; code: its first identifier value. Without a name:
 *   unsupported 'Organization(no name)'. (Every Organization becomes a department record; a hospital sent
 *   as an Organization is one too — the organisation module decides where it sits in the tree.)
 * - Practitioner: name as for patients (official first, Han names without space); gender; code: the first
 *   identifier value (staff number, NPI); title: the first qualification (职称 such as 主任医师).
 *   Without a name: unsupported 'Practitioner(no name)'.
 */
import type { Organization, Practitioner } from '@medplum/fhirtypes';
import type { InboundDepartment, InboundPractitioner } from '../interop/inbound';
import type { MapContext } from './context';
import { formatName, mapGender, pickName } from './map-patient';
import { conceptName, firstText } from './primitives';

export function mapOrganization(o: Organization, ctx: MapContext): InboundDepartment[] {
  const name = firstText(o.name, ...(o.alias ?? []));
  if (name === undefined) return ctx.skip('Organization(no name)');
  const out: InboundDepartment = { type: 'department', source: ctx.key(), name };
  const code = firstText(...(o.identifier ?? []).map((i) => i.value));
  if (code) out.code = code;
  return [out];
}

export function mapPractitioner(p: Practitioner, ctx: MapContext): InboundPractitioner[] {
  const { name } = formatName(pickName(p.name));
  if (name === '') return ctx.skip('Practitioner(no name)');
  const out: InboundPractitioner = { type: 'practitioner', source: ctx.key(), name };
  if (p.gender !== undefined) out.gender = mapGender(p.gender);
  const code = firstText(...(p.identifier ?? []).map((i) => i.value));
  if (code) out.code = code;
  const title = firstText(...(p.qualification ?? []).map((q) => conceptName(q.code)));
  if (title) out.title = title;
  return [out];
}
