/**
 * Patient → InboundPatient.
 *
 * - Name: the `official` name, else `usual`, else the first one that is not `old`/`maiden`/`anonymous`, else
 *   the first. Its `text` when given, else built from the parts: Han names as family + given with no space
 *   ('张' + '三' → '张三'), others as 'Given Family' ('Peter James Chalmers'). Names are kept as sent (Synthea's
 *   trailing digits included). A patient known only by identifier gets the name ''.
 * - Identifiers: a mainland ID card / residence permit → idCard when the identifier is typed as national
 *   (v2-0203 'NNCHN', 'CN', or 'NI'/'NN…' with a value parseIdCard accepts), has the system
 *   urn:oid:2.16.156.10011.1.3 (患者身份证号标识), or another Chinese OID (urn:oid:2.16.156…) with a value
 *   parseIdCard accepts (hospitals' own numbers share that arc); type 'MR' → mrn; a type or system text
 *   naming a card (就诊卡, 医保卡, 'card') → card. Everything else (SSN, driver's licence, passport, the
 *   sender's own uuids) is dropped: CareBridge keeps no foreign national numbers.
 * - Telecom: phones (and sms) by use mobile/home/work/other, skipping `old` and ended ones; the first email.
 * - Address: `home` (not `old`) else the first; lines → detail (joined without space for Han text).
 * - Birth date: only a full YYYY-MM-DD is taken (a partial '1974' or '1974-12' is left out, not invented).
 */
import type { Address, ContactPoint, HumanName, Identifier, Patient } from '@medplum/fhirtypes';
import { parseIdCard } from '../cn-identity';
import type { InboundGender, InboundPatient, InboundPhoneKind } from '../interop/inbound';
import type { MapContext } from './context';
import { codesOf, firstText, hasHan, toDay } from './primitives';

const NAME_USE_RANK: Readonly<Record<string, number>> = { official: 0, usual: 1 };
const NAME_USE_LAST = new Set(['old', 'maiden', 'anonymous']);

/** The name to show, by the preference above; undefined when there is none. */
export function pickName(names: HumanName[] | undefined): HumanName | undefined {
  if (!names || names.length === 0) return undefined;
  let best: HumanName | undefined;
  let bestRank = Infinity;
  for (const n of names) {
    const rank = NAME_USE_RANK[n.use ?? ''] ?? (NAME_USE_LAST.has(n.use ?? '') ? 3 : 2);
    if (rank < bestRank && (n.text || n.family || n.given?.length)) {
      best = n;
      bestRank = rank;
    }
  }
  return best ?? names[0];
}

export interface NameParts {
  name: string;
  family?: string;
  given?: string;
}

/** A HumanName as one string, in the order its culture writes it. */
export function formatName(n: HumanName | undefined): NameParts {
  if (!n) return { name: '' };
  const family = firstText(n.family);
  const givenParts = (n.given ?? []).filter((g): g is string => typeof g === 'string' && g.trim() !== '');
  const han = hasHan(family ?? '') || givenParts.some(hasHan);
  const given = givenParts.length > 0 ? givenParts.map((g) => g.trim()).join(han ? '' : ' ') : undefined;
  const built = han ? `${family ?? ''}${given ?? ''}` : [given, family].filter(Boolean).join(' ');
  const name = firstText(n.text, built) ?? '';
  const out: NameParts = { name };
  if (family !== undefined) out.family = family;
  if (given !== undefined) out.given = given;
  return out;
}

export function mapGender(g: string | undefined): InboundGender {
  return g === 'male' || g === 'female' ? g : 'unknown';
}

/** 患者身份证号标识 in the Chinese health-record standards (WS/T 500 CDA documents). */
const CN_ID_CARD_OID = 'urn:oid:2.16.156.10011.1.3';
/** The Chinese OID arc: hospitals' own numbers (住院号, 门诊号) live here too, so only valid ID cards count. */
const CN_OID = 'urn:oid:2.16.156.';

function identifierKind(id: Identifier): 'idCard' | 'mrn' | 'card' | undefined {
  const value = id.value?.trim();
  if (!value) return undefined;
  const types = codesOf(id.type);
  if (types.includes('NNCHN') || types.includes('CN')) return 'idCard';
  if ((types.includes('NI') || types.some((t) => t.startsWith('NN'))) && parseIdCard(value).ok)
    return 'idCard';
  if (id.system === CN_ID_CARD_OID) return 'idCard';
  if (id.system?.startsWith(CN_OID) && !types.includes('MR') && parseIdCard(value).ok) return 'idCard';
  if (types.includes('MR')) return 'mrn';
  const label = `${id.type?.text ?? ''} ${(id.type?.coding ?? []).map((c) => c.display ?? '').join(' ')}`;
  if (/就诊卡|医保卡|社保卡|健康卡|\bcard\b/i.test(label)) return 'card';
  return undefined;
}

const PHONE_KIND: Readonly<Record<string, InboundPhoneKind>> = {
  mobile: 'mobile',
  home: 'home',
  work: 'work',
};

function current(cp: ContactPoint | Address, today: string): boolean {
  if (cp.use === 'old') return false;
  const end = cp.period?.end;
  return end === undefined || end.slice(0, 10) >= today;
}

const MARITAL: Readonly<Record<string, NonNullable<InboundPatient['maritalStatus']>>> = {
  S: 'single',
  M: 'married',
  D: 'divorced',
  W: 'widowed',
  // GB/T 2261.2 (Chinese marital status codes)
  '10': 'single',
  '20': 'married',
  '21': 'married',
  '22': 'married',
  '23': 'married',
  '30': 'widowed',
  '40': 'divorced',
};

export function mapPatient(p: Patient, ctx: MapContext): InboundPatient[] {
  const today = ctx.options.now.slice(0, 10);
  const parts = formatName(pickName(p.name));
  const out: InboundPatient = {
    type: 'patient',
    source: ctx.key(),
    name: parts.name,
    gender: mapGender(p.gender),
    phones: [],
    identifiers: [],
  };
  if (parts.family !== undefined) out.familyName = parts.family;
  if (parts.given !== undefined) out.givenName = parts.given;
  const birth = p.birthDate !== undefined && p.birthDate.length === 10 ? p.birthDate : undefined;
  if (birth) out.birthDate = birth;

  for (const id of p.identifier ?? []) {
    const kind = identifierKind(id);
    const value = id.value?.trim();
    if (kind === undefined || !value) continue;
    if (kind === 'idCard') out.idCard ??= value;
    else out.identifiers.push({ kind, system: id.system ?? '', value });
  }

  for (const t of p.telecom ?? []) {
    const value = t.value?.trim();
    if (!value || !current(t, today)) continue;
    if (t.system === 'phone' || t.system === 'sms') {
      if (!out.phones.some((ph) => ph.number === value)) {
        out.phones.push({ kind: PHONE_KIND[t.use ?? ''] ?? 'other', number: value });
      }
    } else if (t.system === 'email' && out.email === undefined) {
      out.email = value;
    }
  }

  const addresses = (p.address ?? []).filter((a) => current(a, today));
  const address = addresses.find((a) => a.use === 'home') ?? addresses[0];
  if (address) {
    const lines = (address.line ?? []).filter((l): l is string => typeof l === 'string' && l.trim() !== '');
    const joined = lines.length > 0 ? lines.join(lines.some(hasHan) ? '' : ' ') : undefined;
    const a: NonNullable<InboundPatient['address']> = {};
    const detail = firstText(joined, lines.length === 0 ? address.text : undefined);
    if (detail) a.detail = detail;
    const city = firstText(address.city);
    if (city) a.city = city;
    const district = firstText(address.district);
    if (district) a.district = district;
    const province = firstText(address.state);
    if (province) a.province = province;
    const postcode = firstText(address.postalCode);
    if (postcode) a.postcode = postcode;
    if (Object.keys(a).length > 0) out.address = a;
  }

  for (const code of codesOf(p.maritalStatus)) {
    const m = MARITAL[code];
    if (m) {
      out.maritalStatus = m;
      break;
    }
  }

  const langs = p.communication ?? [];
  const lang = langs.find((c) => c.preferred) ?? langs[0];
  const language = firstText(lang?.language?.coding?.[0]?.code, lang?.language?.text);
  if (language) out.preferredLanguage = language;

  if (p.deceasedDateTime !== undefined) {
    out.deceased = true;
    const day = toDay(p.deceasedDateTime);
    if (day) out.deceasedAt = day;
  } else if (p.deceasedBoolean !== undefined) {
    out.deceased = p.deceasedBoolean;
  }
  return [out];
}
