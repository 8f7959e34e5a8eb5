/**
 * HL7 v2 → the inbound model (`MappedInput`). Pure: no I/O, no clock except `today` for ID-card dates.
 *
 * Messages taken (anything else is counted in `unsupported` under 'CODE^TRIGGER', never a problem):
 * - ADT A01 A02 A03 A04 A05 A06 A07 A08 A11 A13 A28 A31 A38: the patient (PID), and for the visit events an
 *   encounter (PV1) whose status follows the event (see ADT_EVENTS); A34 A36 A39 A40: a merge per PID/MRG
 *   pair (MRG-1 retired, PID-3 survivor) plus the survivor's patient record.
 * - ORU R01: the patient of each PID group and a result per OBX.
 * - SIU S12 S13 S14 S15 S16 S17 S26: the patient and the appointment (SCH and its resources).
 *
 * Source keys: system = `options.system`, else 'MSH-3.1@MSH-4.1'. Patient id = 'TYPE:AUTHORITY:VALUE' of the
 * first PID-3 identifier of type MR (else the first one that is not a national/government identifier),
 * e.g. 'MR:HOSP:12345'; encounter 'VN:AUTHORITY:VALUE' from PV1-19; result 'ORD:FILLER:OBX-3:OBX-4';
 * appointment 'APPT:NAMESPACE:SCH-2'. Keys never contain a national ID, SSN or passport number.
 *
 * Problems use `where` = segment-field ('PID-7', 'OBX[3]-14' for the third OBX) and a message code:
 * hl7_required_field_missing, hl7_segment_missing, hl7_date_invalid, hl7_patient_id_national_only,
 * hl7_merge_same_patient, plus the parser's codes when given a failed parse.
 */
import { parseIdCard, parseMobile } from '../cn-identity';
import type {
  InboundAppointment,
  InboundAppointmentStatus,
  InboundEncounter,
  InboundEncounterKind,
  InboundEncounterStatus,
  InboundPatient,
  InboundPhoneKind,
  InboundProblem,
  InboundRecord,
  InboundRef,
  InboundResult,
  MappedInput,
  SourceKey,
} from '../interop/inbound';
import { unescapeHl7 } from './escape';
import type { Hl7Message, Hl7ParseResult, Hl7Repetition, Hl7Segment } from './parse';
import { formatInstant, hl7Date, hl7Instant, todayInZone } from './time';

export interface Hl7ToInboundOptions {
  /** The hospital's IANA time zone, applied to timestamps without an offset. Default 'Asia/Shanghai'. */
  timeZone?: string;
  /** The source system for every key; default MSH-3.1@MSH-4.1. */
  system?: string;
  /** YYYY-MM-DD bounding birth dates (ID cards, PID-7); default today in `timeZone`. */
  today?: string;
}

interface AdtEvent {
  /** The encounter status the event implies; absent: the event carries no encounter. */
  encounter?: InboundEncounterStatus;
  /** Encounter kind when PV1-2 does not say. */
  kind?: InboundEncounterKind;
  merge?: boolean;
}

/** ADT trigger events we map. */
export const ADT_EVENTS: Readonly<Record<string, AdtEvent>> = {
  A01: { encounter: 'in_progress', kind: 'inpatient' }, // admit
  A02: { encounter: 'in_progress', kind: 'inpatient' }, // transfer (new location)
  A03: { encounter: 'finished', kind: 'inpatient' }, // discharge / end visit
  A04: { encounter: 'arrived', kind: 'outpatient' }, // register
  A05: { encounter: 'planned', kind: 'inpatient' }, // pre-admit
  A06: { encounter: 'in_progress', kind: 'inpatient' }, // outpatient → inpatient
  A07: { encounter: 'in_progress', kind: 'outpatient' }, // inpatient → outpatient
  A08: {}, // update patient information
  A11: { encounter: 'cancelled', kind: 'inpatient' }, // cancel admit / visit
  A13: { encounter: 'in_progress', kind: 'inpatient' }, // cancel discharge
  A28: {}, // add person
  A31: {}, // update person
  A38: { encounter: 'cancelled', kind: 'inpatient' }, // cancel pre-admit
  A34: { merge: true },
  A36: { merge: true },
  A39: { merge: true },
  A40: { merge: true },
};

const SIU_STATUS: Readonly<Record<string, InboundAppointmentStatus>> = {
  S12: 'booked', // new
  S13: 'booked', // rescheduled
  S14: 'booked', // modified
  S15: 'cancelled',
  S16: 'cancelled', // discontinued
  S17: 'cancelled', // deleted
  S26: 'no_show',
};

/** SCH-25 filler status (HL7 table 0278), for new/rescheduled/modified appointments. */
const FILLER_STATUS: Readonly<Record<string, InboundAppointmentStatus>> = {
  PENDING: 'booked',
  WAITLIST: 'booked',
  BOOKED: 'booked',
  OVERBOOK: 'booked',
  STARTED: 'arrived',
  COMPLETE: 'fulfilled',
  CANCELLED: 'cancelled',
  DC: 'cancelled',
  DELETED: 'cancelled',
  NOSHOW: 'no_show',
};

/** PV1-2 patient class (HL7 table 0004). */
const PATIENT_CLASS: Readonly<Record<string, InboundEncounterKind>> = {
  I: 'inpatient',
  E: 'emergency',
  O: 'outpatient',
  P: 'inpatient', // pre-admit
  R: 'outpatient', // recurring
  B: 'inpatient', // obstetrics
};

/**
 * OBX-8 abnormal flags (HL7 table 0078, v2.3–2.8) onto the model's N/H/L/HH/LL/A:
 * N→N; H→H; L→L; HH→HH; LL→LL; '>' (above absolute high, off scale)→HH; '<' (below absolute low)→LL;
 * A and AA (very abnormal)→A; HU/LU (significantly high/low, v2.7)→H/L; POS/DET/RR (positive, detected,
 * reactive)→A; NEG/ND/NR (negative, not detected, non-reactive)→N; the arrows Chinese LIS send (↑ ↓ ↑↑ ↓↓)
 * like H L HH LL. Delta and susceptibility flags (U D B W S R I MS VS IND …) are not abnormality: none.
 */
export const ABNORMAL_FLAGS: Readonly<Record<string, InboundResult['abnormalFlag']>> = {
  N: 'N',
  H: 'H',
  L: 'L',
  HH: 'HH',
  LL: 'LL',
  '>': 'HH',
  '<': 'LL',
  A: 'A',
  AA: 'A',
  HU: 'H',
  LU: 'L',
  POS: 'A',
  DET: 'A',
  RR: 'A',
  NEG: 'N',
  ND: 'N',
  NR: 'N',
  '↑': 'H',
  '↓': 'L',
  '↑↑': 'HH',
  '↓↓': 'LL',
};

/** OBR-24 diagnostic service sections (table 0074, and DICOM modalities some senders use) that are imaging. */
const IMAGING_SECTIONS = new Set([
  'RAD',
  'CT',
  'US',
  'NMR',
  'NMS',
  'RX',
  'VUS',
  'XRC',
  'OUS',
  'CUS',
  'MR',
  'MRI',
  'DX',
  'CR',
  'NM',
  'MG',
  'PET',
  'XA',
  'RF',
  'DR',
  'IMG',
]);
/** …and the ones that are examinations rather than laboratory tests. */
const EXAM_SECTIONS = new Set([
  'EC',
  'ECG',
  'EKG',
  'EN',
  'EEG',
  'PF',
  'CTH',
  'PHY',
  'ICU',
  'OSL',
  'PT',
  'OT',
  'SR',
  'ES',
  'END',
]);

/** PID-3 identifier types kept as hospital identifiers. */
const MRN_TYPES = new Set(['MR', 'MRN', 'MRT', 'PI']);
const CARD_TYPES = new Set(['CARD']);
/** Identifier types that name a national / government identifier: never a key, never stored as identifier. */
const NATIONAL_TYPES = new Set([
  'NI',
  'NH',
  'SS',
  'SSN',
  'SB',
  'PPN',
  'DL',
  'DR',
  'CZ',
  'MC',
  'MCD',
  'MCR',
  'MA',
  'PEN',
  'TAX',
  'HC',
  'JHN',
  'PRC',
  'TN',
  'VS',
  'WC',
]);

/** PID-16 marital status: HL7 table 0002 and GB/T 2261.2. */
const MARITAL: Readonly<Record<string, InboundPatient['maritalStatus']>> = {
  S: 'single',
  B: 'single', // unmarried
  M: 'married',
  D: 'divorced',
  W: 'widowed',
  SINGLE: 'single',
  MARRIED: 'married',
  DIVORCED: 'divorced',
  WIDOWED: 'widowed',
  '10': 'single',
  '20': 'married',
  '21': 'married',
  '22': 'married',
  '23': 'married',
  '30': 'widowed',
  '40': 'divorced',
};

const HAN = /\p{Script=Han}/u;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

interface Ctx {
  msg: Hl7Message;
  tz: string;
  system: string;
  controlId: string;
  today: string;
  records: InboundRecord[];
  problems: InboundProblem[];
  seenIds: Set<string>;
}

/** Map a parsed message (or a failed parse, which yields its problem) onto the inbound model. */
export function hl7ToInbound(
  input: Hl7Message | Hl7ParseResult,
  options: Hl7ToInboundOptions = {},
): MappedInput {
  const out: MappedInput = { records: [], problems: [], unsupported: {} };
  let msg: Hl7Message;
  if ('ok' in input) {
    if (!input.ok) {
      out.problems.push(input.problem);
      return out;
    }
    msg = input.value;
  } else {
    msg = input;
  }
  const tz = options.timeZone ?? 'Asia/Shanghai';
  const type = msg.messageType;
  const code = type.code.toUpperCase();
  let trigger = type.trigger.toUpperCase();
  if (trigger === '' && code === 'ADT') trigger = msg.get('EVN-1')?.trim().toUpperCase() ?? '';
  const ctx: Ctx = {
    msg,
    tz,
    system: options.system ?? defaultSystem(msg),
    controlId: msg.controlId.trim(),
    today: options.today ?? todayInZone(tz),
    records: out.records,
    problems: out.problems,
    seenIds: new Set(),
  };

  const adt = code === 'ADT' ? ADT_EVENTS[trigger] : undefined;
  const siu = code === 'SIU' ? SIU_STATUS[trigger] : undefined;
  if (adt) mapAdt(ctx, trigger, adt);
  else if (code === 'ORU' && trigger === 'R01') mapOru(ctx);
  else if (siu) mapSiu(ctx, trigger, siu);
  else {
    const key = trigger ? `${code}^${trigger}` : code;
    out.unsupported[key] = (out.unsupported[key] ?? 0) + 1;
  }
  return out;
}

function defaultSystem(msg: Hl7Message): string {
  const app = msg.get('MSH-3')?.trim();
  const facility = msg.get('MSH-4')?.trim();
  return [app, facility].filter(Boolean).join('@') || 'hl7v2';
}

/** 'PID-7', or 'OBX[3]-14' for a later occurrence. */
function where(seg: Hl7Segment, field: number): string {
  return `${seg.name}${seg.occurrence > 1 ? `[${seg.occurrence}]` : ''}-${field}`;
}

function text(
  seg: Hl7Segment | undefined,
  field: number,
  component = 1,
  sub = 1,
  rep = 0,
): string | undefined {
  const v = seg?.value(field, component, sub, rep)?.trim();
  return v ? v : undefined;
}

function repText(rep: Hl7Repetition, component: number, sub = 1): string | undefined {
  const v = rep.component(component, sub)?.trim();
  return v ? v : undefined;
}

/** An instant from a timestamp field; an unreadable one is a problem and reads as absent. */
function instant(ctx: Ctx, seg: Hl7Segment | undefined, field: number, component = 1): string | undefined {
  const raw = text(seg, field, component);
  if (raw === undefined || !seg) return undefined;
  const value = hl7Instant(raw, ctx.tz);
  if (value === undefined)
    ctx.problems.push({ where: where(seg, field), message: 'hl7_date_invalid', detail: raw });
  return value;
}

function firstInstant(ctx: Ctx, candidates: [Hl7Segment | undefined, number, number?][]): string | undefined {
  for (const [seg, field, component] of candidates) {
    const v = instant(ctx, seg, field, component ?? 1);
    if (v !== undefined) return v;
  }
  return undefined;
}

function messageTime(ctx: Ctx): string | undefined {
  return instant(ctx, ctx.msg.segment('MSH'), 7);
}

/** A record id unique within the message (a repeated key gets '#n'). */
function uniqueId(ctx: Ctx, id: string): string {
  let candidate = id;
  for (let n = 2; ctx.seenIds.has(candidate); n++) candidate = `${id}#${n}`;
  ctx.seenIds.add(candidate);
  return candidate;
}

// ---------------------------------------------------------------------------------------------- ADT

function mapAdt(ctx: Ctx, trigger: string, event: AdtEvent): void {
  const pids = ctx.msg.segments('PID');
  if (pids.length === 0) {
    ctx.problems.push({ where: 'PID', message: 'hl7_segment_missing' });
    return;
  }
  if (event.merge) {
    mapMerges(ctx);
    return;
  }
  const patient = mapPatient(ctx, pids[0]!);
  if (!patient || !event.encounter) return;
  const pv1 = ctx.msg.segment('PV1');
  if (!pv1) {
    ctx.problems.push({ where: 'PV1', message: 'hl7_segment_missing' });
    return;
  }
  mapEncounter(ctx, pv1, patient, event.encounter, event.kind ?? 'outpatient', trigger);
}

function mapMerges(ctx: Ctx): void {
  let survivor: SourceKey | undefined;
  let pid: Hl7Segment | undefined;
  let pairs = 0;
  for (const seg of ctx.msg.segments()) {
    if (seg.name === 'PID') {
      pid = seg;
      survivor = mapPatient(ctx, seg);
    } else if (seg.name === 'MRG' && pid) {
      pairs++;
      if (!survivor) continue;
      const retiredId = patientKeyId(seg.repetitions(1));
      if (retiredId === undefined) {
        // A39 may name the prior person in MRG-4 only.
        const fallback = patientKeyId(seg.repetitions(4));
        if (fallback === undefined) {
          ctx.problems.push({ where: where(seg, 1), message: 'hl7_required_field_missing' });
          continue;
        }
        pushMerge(ctx, seg, survivor, fallback);
      } else {
        pushMerge(ctx, seg, survivor, retiredId);
      }
      pid = undefined;
    }
  }
  if (pairs === 0) ctx.problems.push({ where: 'MRG', message: 'hl7_segment_missing' });
}

function pushMerge(ctx: Ctx, mrg: Hl7Segment, survivor: SourceKey, retiredId: string): void {
  if (retiredId === survivor.id) {
    ctx.problems.push({ where: where(mrg, 1), message: 'hl7_merge_same_patient' });
    return;
  }
  ctx.records.push({
    type: 'merge',
    source: { system: ctx.system, id: uniqueId(ctx, `msg:${ctx.controlId}:merge:${retiredId}`) },
    survivor,
    retired: { system: ctx.system, id: retiredId },
  });
}

function mapEncounter(
  ctx: Ctx,
  pv1: Hl7Segment,
  patient: SourceKey,
  status: InboundEncounterStatus,
  defaultKind: InboundEncounterKind,
  trigger: string,
): void {
  const evn = ctx.msg.segment('EVN');
  const kind = PATIENT_CLASS[text(pv1, 2)?.toUpperCase() ?? ''] ?? defaultKind;
  const pv2 = ctx.msg.segment('PV2');
  const startAt =
    trigger === 'A05'
      ? (firstInstant(ctx, [
          [pv2, 8],
          [pv1, 44],
          [evn, 6],
          [evn, 2],
        ]) ?? messageTime(ctx))
      : (firstInstant(ctx, [
          [pv1, 44],
          [evn, 6],
          [evn, 2],
        ]) ?? messageTime(ctx));
  if (startAt === undefined) {
    ctx.problems.push({ where: where(pv1, 44), message: 'hl7_required_field_missing' });
    return;
  }
  const encounter: InboundEncounter = {
    type: 'encounter',
    source: { system: ctx.system, id: uniqueId(ctx, encounterId(ctx, pv1)) },
    patient,
    kind,
    status,
    startAt,
  };
  if (status === 'finished') {
    const endAt =
      firstInstant(ctx, [
        [pv1, 45],
        [evn, 6],
        [evn, 2],
      ]) ?? messageTime(ctx);
    if (endAt !== undefined) encounter.endAt = endAt;
  }
  const department = departmentOf(pv1);
  if (department) encounter.department = department;
  const practitioner = practitionerOf(pv1.repetitions(7)[0]);
  if (practitioner) encounter.practitioner = practitioner;
  ctx.records.push(encounter);
}

/** PV1-19 visit number (else PV1-50 alternate visit id), else one per message. */
function encounterId(ctx: Ctx, pv1: Hl7Segment): string {
  return visitKeyId(pv1) ?? `msg:${ctx.controlId}:encounter`;
}

function visitKeyId(pv1: Hl7Segment): string | undefined {
  for (const field of [19, 50]) {
    const rep = pv1.repetitions(field)[0];
    const value = rep && repText(rep, 1);
    if (rep && value) {
      const authority = repText(rep, 4) ?? repText(rep, 4, 2);
      return `${repText(rep, 5)?.toUpperCase() ?? 'VN'}:${authority ? `${authority}:` : ''}${value}`;
    }
  }
  return undefined;
}

/** PV1-10 hospital service, else the PV1-3 point of care. */
function departmentOf(pv1: Hl7Segment): InboundRef | undefined {
  const service = text(pv1, 10);
  if (service) {
    const name = text(pv1, 10, 2);
    return name ? { code: service, name } : { code: service };
  }
  const pointOfCare = text(pv1, 3);
  return pointOfCare ? { code: pointOfCare } : undefined;
}

/** An XCN (id^family^given^middle…) as a practitioner reference. */
function practitionerOf(rep: Hl7Repetition | undefined): InboundRef | undefined {
  if (!rep) return undefined;
  const code = repText(rep, 1);
  const name = personName(repText(rep, 2), repText(rep, 3), repText(rep, 4));
  if (!code && !name) return undefined;
  const ref: InboundRef = {};
  if (code) ref.code = code;
  if (name) ref.name = name;
  return ref;
}

// ---------------------------------------------------------------------------------------------- PID

interface Cx {
  value: string;
  authority: string | undefined;
  type: string;
}

function readCx(rep: Hl7Repetition): Cx | undefined {
  const value = repText(rep, 1);
  if (!value) return undefined;
  return {
    value,
    authority: repText(rep, 4) ?? repText(rep, 4, 2),
    type: repText(rep, 5)?.toUpperCase() ?? '',
  };
}

function isNational(cx: Cx): boolean {
  return NATIONAL_TYPES.has(cx.type) || cx.type.startsWith('NN');
}

function cxKeyId(cx: Cx): string {
  return `${cx.type || 'ID'}:${cx.authority ? `${cx.authority}:` : ''}${cx.value}`;
}

/** The key chosen from a CX list: first MR, else the first that is not a national identifier or ID card. */
function chooseKey(list: Cx[]): Cx | undefined {
  return (
    list.find((cx) => cx.type === 'MR') ??
    list.find((cx) => !isNational(cx) && !(cx.value.length >= 15 && parseIdCard(cx.value).ok))
  );
}

function patientKeyId(reps: Hl7Repetition[]): string | undefined {
  const list = reps.map(readCx).filter((cx): cx is Cx => cx !== undefined);
  const key = chooseKey(list);
  return key ? cxKeyId(key) : undefined;
}

/** Map a PID onto a patient record; returns its key, or undefined when it cannot be keyed or named. */
function mapPatient(ctx: Ctx, pid: Hl7Segment): SourceKey | undefined {
  const ids = pid
    .repetitions(3)
    .map(readCx)
    .filter((cx): cx is Cx => cx !== undefined);
  if (ids.length === 0) {
    ctx.problems.push({ where: where(pid, 3), message: 'hl7_required_field_missing' });
    return undefined;
  }
  const key = chooseKey(ids);
  if (!key) {
    ctx.problems.push({ where: where(pid, 3), message: 'hl7_patient_id_national_only' });
    return undefined;
  }

  const nameRep = pid.repetitions(5).find((r) => repText(r, 1) || repText(r, 2));
  if (!nameRep) {
    ctx.problems.push({ where: where(pid, 5), message: 'hl7_required_field_missing' });
    return undefined;
  }
  const familyName = repText(nameRep, 1);
  const givenName = repText(nameRep, 2);
  const source: SourceKey = { system: ctx.system, id: cxKeyId(key) };
  const patient: InboundPatient = {
    type: 'patient',
    source,
    name: personName(familyName, givenName, repText(nameRep, 3))!,
    gender: genderOf(text(pid, 8)),
    phones: [],
    identifiers: [],
  };
  if (familyName) patient.familyName = familyName;
  if (givenName) patient.givenName = givenName;

  const birth = text(pid, 7);
  if (birth) {
    const date = hl7Date(birth);
    if (!date.ok || (date.value !== undefined && date.value > ctx.today)) {
      ctx.problems.push({ where: where(pid, 7), message: 'hl7_date_invalid', detail: birth });
    } else if (date.value) {
      patient.birthDate = date.value;
    }
  }

  for (const cx of ids) {
    if (MRN_TYPES.has(cx.type) || CARD_TYPES.has(cx.type)) {
      const kind = MRN_TYPES.has(cx.type) ? 'mrn' : 'card';
      if (!patient.identifiers.some((i) => i.kind === kind && i.value === cx.value)) {
        patient.identifiers.push({ kind, system: cx.authority ?? ctx.system, value: cx.value });
      }
    } else if (
      patient.idCard === undefined &&
      !CARD_TYPES.has(cx.type) &&
      parseIdCard(cx.value, ctx.today).ok
    ) {
      patient.idCard = cx.value;
    }
  }
  const pid19 = text(pid, 19);
  if (patient.idCard === undefined && pid19 && parseIdCard(pid19, ctx.today).ok) patient.idCard = pid19;

  const address = addressOf(pid.repetitions(11));
  if (address) patient.address = address;
  readPhones(pid, 13, 'home', patient);
  readPhones(pid, 14, 'work', patient);

  const language = text(pid, 15);
  if (language) patient.preferredLanguage = language;
  const marital = MARITAL[text(pid, 16)?.toUpperCase() ?? ''];
  if (marital) patient.maritalStatus = marital;

  const deathRaw = text(pid, 29);
  const deathFlag = text(pid, 30)?.toUpperCase();
  if (deathRaw) {
    const date = hl7Date(deathRaw);
    if (!date.ok) ctx.problems.push({ where: where(pid, 29), message: 'hl7_date_invalid', detail: deathRaw });
    else if (date.value) patient.deceasedAt = date.value;
  }
  if (deathFlag === 'Y' || patient.deceasedAt) patient.deceased = true;
  else if (deathFlag === 'N') patient.deceased = false;

  ctx.records.push(patient);
  return source;
}

/** Chinese (Han) names are family + given without a space; others 'Given Middle Family'. */
function personName(family?: string, given?: string, middle?: string): string | undefined {
  if (!family && !given) return undefined;
  if (HAN.test(family ?? '') || HAN.test(given ?? '')) return `${family ?? ''}${given ?? ''}`;
  return [given, middle, family].filter(Boolean).join(' ');
}

function genderOf(value: string | undefined): InboundPatient['gender'] {
  switch ((value ?? '').toUpperCase()) {
    case 'M':
    case '1':
    case '男':
      return 'male';
    case 'F':
    case '2':
    case '女':
      return 'female';
    default:
      return 'unknown';
  }
}

/** PID-11: the home address (XAD-7 'H'), else the first one. */
function addressOf(reps: Hl7Repetition[]): InboundPatient['address'] {
  const filled = reps.filter((r) => !r.isEmpty);
  const rep = filled.find((r) => repText(r, 7)?.toUpperCase() === 'H') ?? filled[0];
  if (!rep) return undefined;
  const street = rep.componentText(1);
  const other = repText(rep, 2);
  const han = HAN.test(`${street ?? ''}${other ?? ''}`);
  const detail = [street, other].filter(Boolean).join(han ? '' : ' ');
  const address: NonNullable<InboundPatient['address']> = {};
  if (detail) address.detail = detail;
  const city = repText(rep, 3);
  if (city) address.city = city;
  const province = repText(rep, 4);
  if (province) address.province = province;
  const postcode = repText(rep, 5);
  if (postcode) address.postcode = postcode;
  const district = repText(rep, 9);
  if (district) address.district = district;
  return Object.keys(address).length > 0 ? address : undefined;
}

/** PID-13/14 XTN repetitions: phones (number in XTN-1, else country/area/local XTN-5..7) and the e-mail. */
function readPhones(
  pid: Hl7Segment,
  field: number,
  defaultKind: InboundPhoneKind,
  patient: InboundPatient,
): void {
  for (const rep of pid.repetitions(field)) {
    const use = repText(rep, 2)?.toUpperCase();
    const equipment = repText(rep, 3)?.toUpperCase();
    if (use === 'NET' || equipment === 'INTERNET' || equipment === 'X.400') {
      const email = repText(rep, 4) ?? repText(rep, 1);
      if (email?.includes('@') && patient.email === undefined) patient.email = email;
      continue;
    }
    const number = repText(rep, 1) ?? composedNumber(rep) ?? repText(rep, 12);
    if (!number || !/\d/.test(number)) continue;
    let kind: InboundPhoneKind;
    if (equipment === 'CP' || parseMobile(number).ok) kind = 'mobile';
    else if (equipment === 'FX' || equipment === 'BP' || equipment === 'TDD' || equipment === 'TTY')
      kind = 'other';
    else if (use === 'WPN') kind = 'work';
    else if (use === 'PRN' || use === 'ORN' || use === 'VHN') kind = 'home';
    else kind = defaultKind;
    if (!patient.phones.some((p) => p.number === number)) patient.phones.push({ kind, number });
  }
}

function composedNumber(rep: Hl7Repetition): string | undefined {
  const local = repText(rep, 7);
  if (!local) return undefined;
  const country = repText(rep, 5);
  const area = repText(rep, 6);
  const extension = repText(rep, 8);
  return `${country ? `+${country} ` : ''}${area ? `${area}-` : ''}${local}${extension ? ` ext ${extension}` : ''}`;
}

// ---------------------------------------------------------------------------------------------- ORU

function mapOru(ctx: Ctx): void {
  let patient: SourceKey | undefined;
  let encounter: SourceKey | undefined;
  let obr: Hl7Segment | undefined;
  let sawPid = false;
  for (const seg of ctx.msg.segments()) {
    switch (seg.name) {
      case 'PID':
        sawPid = true;
        patient = mapPatient(ctx, seg);
        encounter = undefined;
        obr = undefined;
        break;
      case 'PV1': {
        const visit = visitKeyId(seg);
        encounter = visit ? { system: ctx.system, id: visit } : undefined;
        break;
      }
      case 'OBR':
        obr = seg;
        break;
      case 'OBX':
        if (patient) mapResult(ctx, seg, obr, patient, encounter);
        break;
      default:
        break;
    }
  }
  if (!sawPid) ctx.problems.push({ where: 'PID', message: 'hl7_segment_missing' });
}

function mapResult(
  ctx: Ctx,
  obx: Hl7Segment,
  obr: Hl7Segment | undefined,
  patient: SourceKey,
  encounter: SourceKey | undefined,
): void {
  const status = text(obx, 11)?.toUpperCase();
  // Deleted, wrong (withdrawn), pending ("specimen in lab") and "cannot be obtained" results are not results.
  if (status === 'D' || status === 'W' || status === 'X' || status === 'I') return;
  const value = resultValue(obx);
  const flag = abnormalFlag(obx);
  // Nothing to show (no value, no flag; documents and pointers): skipped, not a problem.
  if (value.numeric === undefined && value.text === undefined && flag === undefined) return;
  const code = text(obx, 3) ?? text(obx, 3, 4) ?? text(obx, 3, 2);
  const name = text(obx, 3, 2) ?? text(obx, 3, 5) ?? text(obx, 3, 9) ?? code;
  if (!code || !name) {
    ctx.problems.push({ where: where(obx, 3), message: 'hl7_required_field_missing' });
    return;
  }

  const releasedAt =
    firstInstant(ctx, [
      [obx, 14],
      [obr, 22],
      [obr, 7],
    ]) ?? messageTime(ctx);
  if (releasedAt === undefined) {
    ctx.problems.push({ where: where(obx, 14), message: 'hl7_required_field_missing' });
    return;
  }
  const result: InboundResult = {
    type: 'result',
    source: { system: ctx.system, id: uniqueId(ctx, resultId(ctx, obr, obx, code)) },
    patient,
    kind: resultKind(text(obr, 24)),
    code,
    name,
    releasedAt,
  };
  if (encounter) result.encounter = encounter;
  if (value.numeric !== undefined) result.valueNumeric = value.numeric;
  if (value.text !== undefined) result.valueText = value.text;
  const unit = text(obx, 6) ?? text(obx, 6, 2);
  if (unit) result.unit = unit;
  const range = text(obx, 7);
  if (range) {
    result.referenceText = range;
    const parsed = parseReferenceRange(range);
    if (parsed.low !== undefined) result.referenceLow = parsed.low;
    if (parsed.high !== undefined) result.referenceHigh = parsed.high;
  }
  if (flag) result.abnormalFlag = flag;
  ctx.records.push(result);
}

function resultId(ctx: Ctx, obr: Hl7Segment | undefined, obx: Hl7Segment, code: string): string {
  let order: string;
  const filler = text(obr, 3);
  const placer = text(obr, 2);
  if (filler) order = `${text(obr, 3, 2) ? `${text(obr, 3, 2)}:` : ''}${filler}`;
  else if (placer) order = `P:${text(obr, 2, 2) ? `${text(obr, 2, 2)}:` : ''}${placer}`;
  else order = `msg:${ctx.controlId}${obr ? `:OBR${obr.occurrence}` : ''}`;
  const sub = text(obx, 4);
  return `ORD:${order}:${code}${sub ? `:${sub}` : ''}`;
}

function resultKind(section: string | undefined): InboundResult['kind'] {
  const s = section?.toUpperCase();
  if (!s) return 'lab';
  if (IMAGING_SECTIONS.has(s)) return 'imaging';
  if (EXAM_SECTIONS.has(s)) return 'exam';
  return 'lab';
}

/** OBX-5 by OBX-2 value type: NM/SN numbers, coded values as their text, text types as text. */
function resultValue(obx: Hl7Segment): { numeric?: number; text?: string } {
  const reps = obx.repetitions(5).filter((r) => !r.isEmpty);
  if (reps.length === 0) return {};
  const type = text(obx, 2)?.toUpperCase() ?? 'ST';
  const d = obx.delimiters;
  switch (type) {
    case 'NM': {
      const values = reps.map((r) => repText(r, 1)).filter((v): v is string => !!v);
      if (values.length === 1 && NUMBER.test(values[0]!)) return { numeric: Number(values[0]) };
      return values.length > 0 ? { text: values.join(', ') } : {};
    }
    case 'SN': {
      const r = reps[0]!;
      const comparator = repText(r, 1) ?? '';
      const n1 = repText(r, 2) ?? '';
      const separator = repText(r, 3) ?? '';
      const n2 = repText(r, 4) ?? '';
      if ((comparator === '' || comparator === '=') && separator === '' && NUMBER.test(n1))
        return { numeric: Number(n1) };
      const written = `${comparator}${n1}${separator}${n2}`;
      return written ? { text: written } : {};
    }
    case 'CE':
    case 'CWE':
    case 'CNE':
    case 'CF': {
      const values = reps
        .map((r) => repText(r, 2) ?? repText(r, 9) ?? repText(r, 1))
        .filter((v): v is string => !!v);
      return values.length > 0 ? { text: values.join(', ') } : {};
    }
    case 'ED':
    case 'RP':
      // Encapsulated documents and pointers are not values to show in a result list.
      return {};
    default: {
      // ST, TX, FT, DT, DTM, TM, TS, ID, IS … : the text as written, delimiters inside it kept.
      const joined = reps
        .map((r) => unescapeHl7(r.raw === '""' ? '' : r.raw, d).trim())
        .filter(Boolean)
        .join('\n');
      return joined ? { text: joined } : {};
    }
  }
}

function abnormalFlag(obx: Hl7Segment): InboundResult['abnormalFlag'] {
  for (const rep of obx.repetitions(8)) {
    const code = repText(rep, 1)?.toUpperCase();
    const flag = code === undefined ? undefined : ABNORMAL_FLAGS[code];
    if (flag) return flag;
  }
  return undefined;
}

const RANGE_NUM = String.raw`([+-]?(?:\d+(?:\.\d*)?|\.\d+))`;
const RANGE_BETWEEN = new RegExp(String.raw`^${RANGE_NUM}\s*(?:-|–|—|~|～|_|to|TO|\.\.)\s*${RANGE_NUM}$`);
const RANGE_BELOW = new RegExp(String.raw`^(?:<=?|≤|＜)\s*${RANGE_NUM}$`);
const RANGE_ABOVE = new RegExp(String.raw`^(?:>=?|≥|＞)\s*${RANGE_NUM}$`);

/** OBX-7 as numbers: '3.5-5.5', '3.5 - 5.5', '4.3 to 6.2', '70_105' → low/high; '<5' → high; '>10' → low. */
export function parseReferenceRange(range: string): { low?: number; high?: number } {
  const s = range.trim();
  let m = RANGE_BETWEEN.exec(s);
  if (m) {
    const low = Number(m[1]);
    const high = Number(m[2]);
    return low <= high ? { low, high } : {};
  }
  m = RANGE_BELOW.exec(s);
  if (m) return { high: Number(m[1]) };
  m = RANGE_ABOVE.exec(s);
  if (m) return { low: Number(m[1]) };
  return {};
}

// ---------------------------------------------------------------------------------------------- SIU

function mapSiu(ctx: Ctx, trigger: string, triggerStatus: InboundAppointmentStatus): void {
  const sch = ctx.msg.segment('SCH');
  if (!sch) {
    ctx.problems.push({ where: 'SCH', message: 'hl7_segment_missing' });
    return;
  }
  const pid = ctx.msg.segment('PID');
  if (!pid) {
    ctx.problems.push({ where: 'PID', message: 'hl7_segment_missing' });
    return;
  }
  const patient = mapPatient(ctx, pid);
  if (!patient) return;

  const idField = text(sch, 2) ? 2 : text(sch, 1) ? 1 : undefined;
  if (idField === undefined) {
    ctx.problems.push({ where: where(sch, 2), message: 'hl7_required_field_missing' });
    return;
  }
  const namespace = text(sch, idField, 2);
  const id = `APPT:${idField === 1 ? 'P:' : ''}${namespace ? `${namespace}:` : ''}${text(sch, idField)!}`;

  const tq1 = ctx.msg.segment('TQ1');
  const ais = ctx.msg.segment('AIS');
  const ail = ctx.msg.segment('AIL');
  const aip = ctx.msg.segment('AIP');
  const aig = ctx.msg.segment('AIG');
  const startAt = firstInstant(ctx, [
    [tq1, 7],
    [sch, 11, 4],
    [ais, 4],
    [ail, 6],
    [aip, 6],
    [aig, 8],
  ]);
  if (startAt === undefined) {
    ctx.problems.push({ where: where(sch, 11), message: 'hl7_required_field_missing' });
    return;
  }
  let endAt = firstInstant(ctx, [
    [tq1, 8],
    [sch, 11, 5],
  ]);
  if (endAt === undefined) {
    const minutes = durationMinutes(ais, 7, 8) ?? durationMinutes(sch, 9, 10);
    if (minutes !== undefined) endAt = addMinutes(startAt, minutes);
  }

  let status = triggerStatus;
  if (trigger === 'S12' || trigger === 'S13' || trigger === 'S14') {
    status = FILLER_STATUS[text(sch, 25)?.toUpperCase() ?? ''] ?? triggerStatus;
  }
  const appointment: InboundAppointment = {
    type: 'appointment',
    source: { system: ctx.system, id: uniqueId(ctx, id) },
    patient,
    status,
    startAt,
  };
  if (endAt !== undefined && Date.parse(endAt) >= Date.parse(startAt)) appointment.endAt = endAt;
  const location = text(ail, 3);
  if (location) appointment.department = { code: location };
  const practitioner = practitionerOf(aip?.repetitions(3)[0]);
  if (practitioner) appointment.practitioner = practitioner;
  const reason = text(sch, 7, 2) ?? text(sch, 7) ?? text(ais, 3, 2);
  if (reason) appointment.reason = reason;
  ctx.records.push(appointment);
}

/** A duration field with its units (ISO+/ANSI: s, min, h, d; default minutes), in minutes. */
function durationMinutes(seg: Hl7Segment | undefined, field: number, unitField: number): number | undefined {
  const raw = text(seg, field);
  if (!raw || !NUMBER.test(raw)) return undefined;
  const n = Number(raw);
  const unit = (text(seg, unitField) ?? 'min').toLowerCase();
  const factor =
    unit === 's' || unit.startsWith('sec')
      ? 1 / 60
      : unit === 'h' || unit === 'hr' || unit.startsWith('hour')
        ? 60
        : unit === 'd' || unit.startsWith('day')
          ? 1440
          : 1;
  const minutes = n * factor;
  return minutes >= 0 && minutes <= 7 * 1440 ? minutes : undefined;
}

/** Add minutes to an ISO instant with offset, keeping its offset. */
function addMinutes(iso: string, minutes: number): string {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(iso)!;
  const offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return formatInstant(Date.parse(iso) + Math.round(minutes * 60_000), offset);
}
