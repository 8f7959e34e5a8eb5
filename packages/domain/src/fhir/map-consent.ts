/**
 * Consent → InboundConsent (one record per purpose × channel the consent decides).
 *
 * CareBridge consents are contact permissions: a purpose (care_follow_up, marketing, research,
 * data_sharing) over a channel (sms, wechat, email, phone, post). They are read from the codings of the
 * consent's category and of its provisions (code, action, purpose):
 * - purpose: CONSENT_PURPOSE_SYSTEM codes as such; v3-ActReason HMARKT → marketing, HRESCH/CLINTRCH →
 *   research, CAREMGT/FOLLOWUP → care_follow_up; LOINC 64292-6 (release of information) and v3-ActCode
 *   IDSCL → data_sharing; consentscope 'research' → research.
 * - channel: CONTACT_CHANNEL_SYSTEM codes as such; ContactPoint system codes phone/sms/email.
 * Nested provisions inherit purposes/channels from their parents and may override the permit/deny of a
 * parent for what they name (deeper wins). A consent whose status is rejected or inactive records a refusal
 * (granted false). Anything that does not name both a purpose and a channel — the privacy consents of the
 * FHIR examples (OPTIN/OPTOUT to record access) — is counted as unsupported 'Consent(unmapped)'.
 * Source ids: 'Consent/<id>#<purpose>:<channel>'. at: dateTime, else provision.period.start, else
 * meta.lastUpdated. draft/proposed/entered-in-error consents are skipped.
 */
import type { CodeableConcept, Coding, Consent, ConsentProvision } from '@medplum/fhirtypes';
import type { InboundConsent } from '../interop/inbound';
import type { MapContext } from './context';

export const CONSENT_PURPOSE_SYSTEM = 'https://carebridge.cn/fhir/CodeSystem/consent-purpose';
export const CONTACT_CHANNEL_SYSTEM = 'https://carebridge.cn/fhir/CodeSystem/contact-channel';

type Purpose = InboundConsent['purpose'];
type Channel = InboundConsent['channel'];

const PURPOSES: ReadonlySet<string> = new Set<Purpose>([
  'care_follow_up',
  'marketing',
  'research',
  'data_sharing',
]);
const CHANNELS: ReadonlySet<string> = new Set<Channel>(['sms', 'wechat', 'email', 'phone', 'post']);

const STANDARD_PURPOSE: Readonly<Record<string, Purpose>> = {
  HMARKT: 'marketing',
  HRESCH: 'research',
  CLINTRCH: 'research',
  research: 'research',
  CAREMGT: 'care_follow_up',
  FOLLOWUP: 'care_follow_up',
  '64292-6': 'data_sharing',
  IDSCL: 'data_sharing',
};

const CONTACT_POINT_SYSTEM = 'http://hl7.org/fhir/contact-point-system';
const STANDARD_CHANNEL: Readonly<Record<string, Channel>> = { phone: 'phone', sms: 'sms', email: 'email' };

function classify(codings: Coding[]): { purposes: Purpose[]; channels: Channel[] } {
  const purposes = new Set<Purpose>();
  const channels = new Set<Channel>();
  for (const c of codings) {
    const code = c.code;
    if (!code) continue;
    if (c.system === CONSENT_PURPOSE_SYSTEM && PURPOSES.has(code)) purposes.add(code as Purpose);
    else if (c.system === CONTACT_CHANNEL_SYSTEM && CHANNELS.has(code)) channels.add(code as Channel);
    else if (c.system === CONTACT_POINT_SYSTEM && STANDARD_CHANNEL[code])
      channels.add(STANDARD_CHANNEL[code]);
    else if (STANDARD_PURPOSE[code]) purposes.add(STANDARD_PURPOSE[code]);
  }
  return { purposes: [...purposes], channels: [...channels] };
}

function codingsOf(concepts: (CodeableConcept | undefined)[] | undefined): Coding[] {
  return (concepts ?? []).flatMap((c) => c?.coding ?? []);
}

export function mapConsent(c: Consent, ctx: MapContext): InboundConsent[] {
  if (c.status === 'draft' || c.status === 'proposed' || c.status === 'entered-in-error') {
    return ctx.skip(`Consent(${c.status})`);
  }
  const refused = c.status === 'rejected' || c.status === 'inactive';
  const decisions = new Map<string, boolean>();
  const walk = (
    p: ConsentProvision | undefined,
    purposes: Purpose[],
    channels: Channel[],
    permit: boolean,
  ) => {
    if (!p) {
      for (const purpose of purposes)
        for (const channel of channels) decisions.set(`${purpose}:${channel}`, permit);
      return;
    }
    const own = classify([...codingsOf(p.code), ...codingsOf(p.action), ...(p.purpose ?? [])]);
    const ps = own.purposes.length > 0 ? own.purposes : purposes;
    const cs = own.channels.length > 0 ? own.channels : channels;
    const allowed = p.type === undefined ? permit : p.type === 'permit';
    for (const purpose of ps) for (const channel of cs) decisions.set(`${purpose}:${channel}`, allowed);
    for (const child of p.provision ?? []) walk(child, ps, cs, allowed);
  };
  const top = classify(codingsOf(c.category));
  walk(c.provision, top.purposes, top.channels, true);
  if (decisions.size === 0) return ctx.skip('Consent(unmapped)');

  if (c.patient === undefined) {
    ctx.problem('patient', 'fhir_required_missing');
    return [];
  }
  const patient = ctx.patient(c.patient, 'patient');
  if (patient === undefined || patient === 'skip') return [];
  const at = ctx.instant(c.dateTime ?? c.provision?.period?.start ?? c.meta?.lastUpdated);
  if (at === undefined) return ctx.skip('Consent(no date)');

  const out: InboundConsent[] = [];
  for (const [key, permit] of decisions) {
    const [purpose, channel] = key.split(':') as [Purpose, Channel];
    out.push({
      type: 'consent',
      source: ctx.key(`${ctx.self}#${key}`),
      patient,
      purpose,
      channel,
      granted: permit && !refused,
      at,
    });
  }
  return out;
}
