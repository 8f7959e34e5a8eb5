import { idCardAgrees, type IdCard } from '../cn-identity/id-card';
import type {
  InboundCharge,
  InboundEncounter,
  InboundPatient,
  InboundProblem,
  InboundRecord,
  InboundRef,
  SourceKey,
} from '../interop/inbound';
import { fnv1a64Hex } from './hash';
import {
  cellText,
  isBlankCell,
  parseAmountCell,
  parseDateCell,
  parseDateTimeCell,
  parseEmailCell,
  parseGenderCell,
  parseIdCardCell,
  parsePhoneCell,
  zoneOffsetMinutes,
  type CellResult,
  type PhoneCell,
} from './parse-cells';
import { resolveColumnMapping, type ColumnMapping, type FieldColumns } from './suggest-mapping';
import { TARGET_FIELDS, type TabularKind, type TargetField } from './targets';
import {
  CHARGE_CATEGORY_WORDS,
  ENCOUNTER_KIND_WORDS,
  ENCOUNTER_STATUS_WORDS,
  MARITAL_WORDS,
  PAYER_WORDS,
  PAYMENT_METHOD_WORDS,
  lookupWord,
} from './vocabulary';

/**
 * One table row → inbound records. A row yields one record (a patient, an encounter or a charge) or, when
 * anything in it is wrong, none and the list of what is wrong: a row is imported whole or rejected whole,
 * so the reject report can be corrected and imported again without duplicating the good part of a row.
 *
 * Source keys (the writer upserts by them, so importing the same file twice changes nothing):
 * - patient: 'mrn:<MRN>' when the row has an MRN; otherwise 'row:<FNV-1a-64 of name|birthDate|idCard|mobile>'
 *   (normalised values), stable across re-imports and without the clear ID or phone number in it.
 * - visit: 'visit:<visitNo>'; charge: 'charge:<chargeNo>', its encounter 'visit:<visitNo>'.
 * - a visit's or charge's patient: 'mrn:<MRN>' when the row has an MRN (the key a patient import of the same
 *   source made). Without one, a `patientLookup` by ID card (else mobile) goes with the record, and
 *   `record.patient` is the placeholder 'lookup:<by>:<hash>', which the writer must not resolve as a key.
 *   With `mrnLookup`, rows with an MRN get a lookup by MRN too (for patients that came from elsewhere, e.g.
 *   HL7, and carry the MRN as an identifier).
 * All keys are in `options.source` (e.g. 'csv:HIS'); use the same system for the patients, visits and
 * charges of one source so their references meet.
 */

export interface PatientLookup {
  by: 'idCard' | 'mobile' | 'mrn';
  /** Normalised: 18-character ID number, 11-digit mobile, MRN as written. */
  value: string;
  /** The patient's name when the row has one: tells apart family members sharing a phone. */
  name?: string;
}

export interface TabularRecord {
  record: InboundRecord;
  /** Visits and charges: how to find the patient when `record.patient` is not a known source key. */
  patientLookup?: PatientLookup;
}

export interface TabularRowResult {
  records: TabularRecord[];
  problems: InboundProblem[];
}

export interface TabularMapOptions {
  /** The sending system for source keys, e.g. 'csv:HIS'. */
  source: string;
  /** IANA zone of the times in the file, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  /** YYYY-MM-DD in the hospital's zone: bounds birth dates, decides planned vs finished visits. */
  today: string;
  /** The file's header row: problems name columns by their header text. */
  headers?: readonly string[];
  /** Values for fields with no column or a blank cell (merged over a ColumnMapping's own defaults). */
  defaults?: Readonly<Record<string, string>>;
  /** Visits and charges: send a lookup by MRN as well when the row has one (see the module comment). */
  mrnLookup?: boolean;
}

export interface RowToInboundOptions extends TabularMapOptions {
  /** The row's number in the file (line or spreadsheet row), for `where`. */
  rowNumber: number;
}

export type TabularRowMapper = (cells: readonly unknown[], rowNumber: number) => TabularRowResult;

/** 'row 12' or 'row 12, column 出生日期': where a tabular problem is, in the file's own terms. */
export function tabularWhere(rowNumber: number, column?: string): string {
  return column === undefined ? `row ${rowNumber}` : `row ${rowNumber}, column ${column}`;
}

/** The parts of a `where` made by this module (`row N[, column H | , field K]`). */
export function parseTabularWhere(where: string): { row?: number; column?: string; field?: string } {
  const m = /^row (\d+)(?:, (column|field) (.*))?$/s.exec(where);
  if (!m) return {};
  const row = Number(m[1]);
  if (m[2] === 'column') return { row, column: m[3] };
  if (m[2] === 'field') return { row, field: m[3] };
  return { row };
}

interface Slot {
  field: TargetField;
  index: number | null;
  /** ', column 出生日期' (or ', field birthDate' when no column feeds it). */
  suffix: string;
  fallback: string | undefined;
}

const FAIL = Symbol('fail');
/** Most names: a few common ideographs, nothing to normalise. */
const COMMON_HAN_NAME = /^[\u4e00-\u9fff]{1,8}$/;
type Read<T> = T | undefined | typeof FAIL;

class RowReader {
  private list: InboundProblem[] | undefined;

  /** Whether a problem was found (most rows have none: the list is only made when needed). */
  get failed(): boolean {
    return this.list !== undefined;
  }

  get problems(): InboundProblem[] {
    return this.list ?? [];
  }

  constructor(
    private readonly slots: Readonly<Record<string, Slot>>,
    private readonly cells: readonly unknown[],
    readonly rowNumber: number,
  ) {}

  private slot(key: string): Slot {
    const slot = this.slots[key];
    if (slot === undefined) throw new Error(`no field ${key}`);
    return slot;
  }

  problem(key: string | undefined, message: string, detail?: string): typeof FAIL {
    const where =
      key === undefined ? `row ${this.rowNumber}` : `row ${this.rowNumber}${this.slot(key).suffix}`;
    (this.list ??= []).push(detail === undefined ? { where, message } : { where, message, detail });
    return FAIL;
  }

  /** The cell (or default) for a field; undefined when blank. Reports a blank required field. */
  raw(key: string): unknown {
    const slot = this.slot(key);
    const cell = slot.index === null ? undefined : this.cells[slot.index];
    if (!isBlankCell(cell)) return cell;
    if (slot.fallback !== undefined) return slot.fallback;
    if (slot.field.required) this.problem(key, 'csv_required_missing');
    return undefined;
  }

  has(key: string): boolean {
    const slot = this.slot(key);
    return (slot.index !== null && !isBlankCell(this.cells[slot.index])) || slot.fallback !== undefined;
  }

  parsed<T>(key: string, parse: (value: unknown) => CellResult<T>): Read<T> {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    const result = parse(value);
    return result.ok ? result.value : this.problem(key, result.message, result.detail);
  }

  text(key: string): Read<string> {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    const text = cellText(value);
    if (text === '') return undefined;
    const max = this.slot(key).field.maxLength;
    if (text.length > max) return this.problem(key, 'csv_value_too_long', `${text.length}>${max}`);
    return text;
  }

  name(key: string): Read<string> {
    const text = this.text(key);
    if (typeof text !== 'string') return text;
    if (COMMON_HAN_NAME.test(text)) return text;
    const name = text.normalize('NFC').replace(/\s+/g, ' ');
    // Lists pad two-character names with a (full-width) space to line up; between Han characters a space is never part of a name.
    return /^[\p{Script=Han}·\s]+$/u.test(name) ? name.replace(/\s+/g, '') : name;
  }

  word<T>(key: string, words: ReadonlyMap<string, T>, unknown?: T): Read<T> {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    const found = lookupWord(words, cellText(value));
    if (found !== undefined) return found;
    if (unknown !== undefined) return unknown;
    const text = cellText(value);
    return this.problem(key, 'csv_value_unknown', text.length > 40 ? `${text.slice(0, 40)}…` : text);
  }
}

function value<T>(read: Read<T>): T | undefined {
  return read === FAIL ? undefined : read;
}

function sourceKey(system: string, id: string): SourceKey {
  return { system, id };
}

function isMapping(mapping: FieldColumns | ColumnMapping): mapping is ColumnMapping {
  return (
    typeof (mapping as ColumnMapping).columns === 'object' &&
    (mapping as ColumnMapping).columns !== null &&
    'kind' in mapping
  );
}

/**
 * Compile a mapping once for a whole file: the returned function maps one row. Throws RangeError for an
 * unknown time zone or a malformed `today` (programming errors, not data errors).
 */
export function createRowMapper(
  kind: TabularKind,
  mapping: FieldColumns | ColumnMapping,
  options: TabularMapOptions,
): TabularRowMapper {
  const todayCheck = parseDateCell(options.today);
  if (!todayCheck.ok || todayCheck.value !== options.today) {
    throw new RangeError(`today must be a real YYYY-MM-DD date: ${options.today}`);
  }
  zoneOffsetMinutes(Date.now(), options.timeZone); // throws RangeError for an unknown zone
  let columns: FieldColumns;
  let defaults: Record<string, string> = {};
  if (isMapping(mapping)) {
    const resolved = resolveColumnMapping(mapping, options.headers ?? []);
    columns = resolved.columns;
    defaults = resolved.defaults;
  } else {
    columns = mapping;
  }
  defaults = { ...defaults, ...options.defaults };
  const slots: Record<string, Slot> = Object.create(null) as Record<string, Slot>;
  for (const field of TARGET_FIELDS[kind]) {
    const raw = columns[field.key];
    const index = typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : null;
    const header = index === null ? undefined : (options.headers?.[index] ?? '').trim() || `#${index + 1}`;
    const fallback = defaults[field.key];
    slots[field.key] = {
      field,
      index,
      suffix: header === undefined ? `, field ${field.key}` : `, column ${header}`,
      fallback: fallback !== undefined && fallback.trim() !== '' ? fallback : undefined,
    };
  }
  const { today, timeZone } = options;
  const context: Context = {
    ...options,
    parse: {
      idCard: (v) => parseIdCardCell(v, today),
      birthDate: (v) => parseDateCell(v, { today, birthDate: true }),
      datetime: (v) => parseDateTimeCell(v, { timeZone }),
      phone: (v) => parsePhoneCell(v),
      mobileOnly: (v) => parsePhoneCell(v, { mobileOnly: true }),
      amount: (v) => parseAmountCell(v),
    },
  };
  switch (kind) {
    case 'patients':
      return (cells, rowNumber) => patientRow(new RowReader(slots, cells, rowNumber), context);
    case 'visits':
      return (cells, rowNumber) => visitRow(new RowReader(slots, cells, rowNumber), context);
    case 'charges':
      return (cells, rowNumber) => chargeRow(new RowReader(slots, cells, rowNumber), context);
  }
}

const compiled = new WeakMap<object, { key: string; options: TabularMapOptions; mapper: TabularRowMapper }>();

/**
 * Map one row (see the module comment). For a whole file prefer `createRowMapper`; this convenience caches
 * the compiled mapping per mapping object and options.
 */
export function rowToInbound(
  kind: TabularKind,
  cells: readonly unknown[],
  mapping: FieldColumns | ColumnMapping,
  options: RowToInboundOptions,
): TabularRowResult {
  const key = [kind, options.source, options.timeZone, options.today, options.mrnLookup === true].join(
    '\u0000',
  );
  const cached = compiled.get(mapping);
  if (
    cached !== undefined &&
    cached.key === key &&
    cached.options.headers === options.headers &&
    cached.options.defaults === options.defaults
  ) {
    return cached.mapper(cells, options.rowNumber);
  }
  const mapper = createRowMapper(kind, mapping, options);
  compiled.set(mapping, { key, options, mapper });
  return mapper(cells, options.rowNumber);
}

/** Parsers bound to the options once per mapper, not once per row. */
interface Parsers {
  idCard: (value: unknown) => CellResult<IdCard>;
  birthDate: (value: unknown) => CellResult<string>;
  datetime: (value: unknown) => CellResult<string>;
  phone: (value: unknown) => CellResult<PhoneCell>;
  mobileOnly: (value: unknown) => CellResult<PhoneCell>;
  amount: (value: unknown) => CellResult<number>;
}

interface Context extends TabularMapOptions {
  parse: Parsers;
}

/** Fields that, besides the name, make a patient row identifiable. */
const IDENTIFYING = ['mrn', 'idCard', 'mobile', 'phone', 'birthDate'] as const;

function result(reader: RowReader, record: TabularRecord | undefined): TabularRowResult {
  if (reader.failed || record === undefined) return { records: [], problems: reader.problems };
  return { records: [record], problems: [] };
}

function patientRow(r: RowReader, ctx: Context): TabularRowResult {
  const name = value(r.name('name'));
  const card = value(r.parsed('idCard', ctx.parse.idCard));
  let gender = value(r.parsed('gender', parseGenderCell));
  let birthDate = value(r.parsed('birthDate', ctx.parse.birthDate));
  const mobile = value(r.parsed('mobile', ctx.parse.phone));
  const landline = value(r.parsed('phone', ctx.parse.phone));
  const email = value(r.parsed('email', parseEmailCell));
  const mrn = value(r.text('mrn'));
  const cardNo = value(r.text('cardNo'));
  const province = value(r.text('province'));
  const city = value(r.text('city'));
  const district = value(r.text('district'));
  const detail = value(r.text('address'));
  const postcode = value(r.text('postcode'));
  const marital = value(r.word('maritalStatus', MARITAL_WORDS));

  if (card !== undefined) {
    const agrees = idCardAgrees(card, birthDate, gender);
    if (!agrees.birthDate) r.problem('birthDate', 'csv_id_card_mismatch', 'birthDate');
    if (!agrees.gender) r.problem('gender', 'csv_id_card_mismatch', 'gender');
    birthDate ??= card.birthDate;
    if (gender === undefined || gender === 'unknown') gender = card.gender;
  }
  let identified = false;
  for (const key of IDENTIFYING) identified ||= r.has(key);
  if (!identified && name !== undefined) r.problem(undefined, 'csv_patient_identity_missing');
  if (r.failed || name === undefined) return result(r, undefined);

  const phones: PhoneCell[] = [];
  for (const phone of [mobile, landline]) {
    if (phone !== undefined && !phones.some((p) => p.number === phone.number)) phones.push(phone);
  }
  const identifiers: InboundPatient['identifiers'] = [];
  if (mrn !== undefined) identifiers.push({ kind: 'mrn', system: ctx.source, value: mrn });
  if (cardNo !== undefined) identifiers.push({ kind: 'card', system: ctx.source, value: cardNo });
  const id =
    mrn !== undefined
      ? `mrn:${mrn}`
      : `row:${fnv1a64Hex([name, birthDate ?? '', card?.number ?? '', mobile?.number ?? ''].join('|'))}`;
  const patient: InboundPatient = {
    type: 'patient',
    source: sourceKey(ctx.source, id),
    name,
    gender: gender ?? 'unknown',
    phones: phones.map((p) => ({ kind: p.kind, number: p.number })),
    identifiers,
  };
  if (birthDate !== undefined) patient.birthDate = birthDate;
  if (card !== undefined) patient.idCard = card.number;
  if (email !== undefined) patient.email = email;
  if ([province, city, district, detail, postcode].some((part) => part !== undefined)) {
    patient.address = {};
    if (province !== undefined) patient.address.province = province;
    if (city !== undefined) patient.address.city = city;
    if (district !== undefined) patient.address.district = district;
    if (detail !== undefined) patient.address.detail = detail;
    if (postcode !== undefined) patient.address.postcode = postcode;
  }
  if (marital !== undefined && marital !== 'unstated') patient.maritalStatus = marital;
  return result(r, { record: patient });
}

/** The patient a visit or charge row belongs to: a source key and how to look the person up. */
function patientReference(
  r: RowReader,
  ctx: Context,
): { patient: SourceKey; lookup: PatientLookup | undefined } | undefined {
  const mrn = value(r.text('mrn'));
  const card: IdCard | undefined = value(r.parsed('idCard', ctx.parse.idCard));
  const mobile = value(r.parsed('mobile', ctx.parse.mobileOnly));
  const name = value(r.name('name'));
  if (!r.has('mrn') && !r.has('idCard') && !r.has('mobile')) {
    r.problem(undefined, 'csv_patient_ref_missing');
    return undefined;
  }
  let lookup: PatientLookup;
  if (mrn !== undefined) lookup = { by: 'mrn', value: mrn };
  else if (card !== undefined) lookup = { by: 'idCard', value: card.number };
  else if (mobile !== undefined) lookup = { by: 'mobile', value: mobile.number };
  else return undefined; // the given reference was invalid, and reported
  if (name !== undefined) lookup.name = name;
  if (lookup.by === 'mrn') {
    return {
      patient: sourceKey(ctx.source, `mrn:${lookup.value}`),
      lookup: ctx.mrnLookup ? lookup : undefined,
    };
  }
  return { patient: sourceKey(ctx.source, `lookup:${lookup.by}:${fnv1a64Hex(lookup.value)}`), lookup };
}

function ref(code: string | undefined, name: string | undefined): InboundRef | undefined {
  if (code === undefined && name === undefined) return undefined;
  const out: InboundRef = {};
  if (code !== undefined) out.code = code;
  if (name !== undefined) out.name = name;
  return out;
}

function withLookup(record: InboundRecord, lookup: PatientLookup | undefined): TabularRecord {
  return lookup === undefined ? { record } : { record, patientLookup: lookup };
}

function localDate(instant: string): string {
  return instant.slice(0, 10);
}

function visitRow(r: RowReader, ctx: Context): TabularRowResult {
  const reference = patientReference(r, ctx);
  const visitNo = value(r.text('visitNo'));
  const startAt = value(r.parsed('startAt', ctx.parse.datetime));
  const endAt = value(r.parsed('endAt', ctx.parse.datetime));
  const kind = value(r.word('kind', ENCOUNTER_KIND_WORDS));
  const status = value(r.word('status', ENCOUNTER_STATUS_WORDS));
  const department = ref(value(r.text('departmentCode')), value(r.text('department')));
  const practitioner = ref(value(r.text('doctorCode')), value(r.name('doctor')));
  if (startAt !== undefined && endAt !== undefined && Date.parse(endAt) < Date.parse(startAt)) {
    r.problem('endAt', 'csv_end_before_start');
  }
  if (r.failed || !reference || !visitNo || !startAt || !kind) return result(r, undefined);
  const encounter: InboundEncounter = {
    type: 'encounter',
    source: sourceKey(ctx.source, `visit:${visitNo}`),
    patient: reference.patient,
    kind,
    // A historical export rarely says; a visit that has not started yet is planned, any other took place.
    status: status ?? (localDate(startAt) > ctx.today ? 'planned' : 'finished'),
    startAt,
  };
  if (endAt !== undefined) encounter.endAt = endAt;
  if (department) encounter.department = department;
  if (practitioner) encounter.practitioner = practitioner;
  return result(r, withLookup(encounter, reference.lookup));
}

function chargeRow(r: RowReader, ctx: Context): TabularRowResult {
  const reference = patientReference(r, ctx);
  const chargeNo = value(r.text('chargeNo'));
  const visitNo = value(r.text('visitNo'));
  const category = value(r.word('category', CHARGE_CATEGORY_WORDS, 'other'));
  const amountFen = value(r.parsed('amount', ctx.parse.amount));
  const payer = value(r.word('payer', PAYER_WORDS));
  const paymentMethod = value(r.word('paymentMethod', PAYMENT_METHOD_WORDS));
  const insurer = value(r.text('insurer'));
  const chargedAt = value(r.parsed('chargedAt', ctx.parse.datetime));
  if (r.failed || !reference || !chargeNo || amountFen === undefined || !chargedAt) {
    return result(r, undefined);
  }
  const charge: InboundCharge = {
    type: 'charge',
    source: sourceKey(ctx.source, `charge:${chargeNo}`),
    patient: reference.patient,
    category: category ?? 'other',
    amountFen,
    chargedAt,
  };
  if (visitNo !== undefined) charge.encounter = sourceKey(ctx.source, `visit:${visitNo}`);
  if (payer !== undefined) charge.payer = payer;
  if (paymentMethod !== undefined) charge.paymentMethod = paymentMethod;
  if (insurer !== undefined) charge.insurer = insurer;
  return result(r, withLookup(charge, reference.lookup));
}
