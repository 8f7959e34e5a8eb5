/**
 * FHIR R4 Bundle (or a single resource) → the inbound model, entry by entry.
 *
 * Each entry keeps its own records and problems (`entries[i]`), so the server can apply a transaction all or
 * nothing (any problem anywhere rejects it) and a batch entry by entry; `mapped` is everything together.
 *
 * Keys: every record's SourceKey is `{ system: options.system, id: 'Type/id' }`, where id is the PUT url's
 * id, else resource.id, else the uuid of a `urn:uuid:` fullUrl (so Synthea bundles re-import to the same
 * keys), else the id at the end of an absolute fullUrl. References are resolved by ./reference.ts.
 *
 * Requests (transaction/batch): POST and PUT map the same way (the writer upserts by key, so a conditional
 * create `ifNoneExist` needs nothing special); DELETE, PATCH, GET and HEAD are problems
 * ('fhir_method_unsupported'). An entry without `request` is mapped as if POSTed.
 *
 * Bundle types: transaction, batch, collection, searchset; document and message are read like a collection
 * (kind 'collection'); history, transaction-response and batch-response are refused
 * ('fhir_bundle_type_unsupported').
 *
 * `mapped.records` holds each record key once: when two entries produce the same key (a Claim and the EOB
 * adjudicating it, a resource sent twice), the later one replaces the earlier, as sequential PUTs would.
 */
import type {
  AllergyIntolerance,
  Appointment,
  Claim,
  Condition,
  Consent,
  DiagnosticReport,
  Encounter,
  ExplanationOfBenefit,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Organization,
  Patient,
  Practitioner,
  Procedure,
} from '@medplum/fhirtypes';
import type { InboundProblem, InboundRecord, MappedInput } from '../interop/inbound';
import { type FhirMapOptions, MapContext, type ResolvedOptions, resolveOptions } from './context';
import { mapAllergy } from './map-allergy';
import { mapAppointment } from './map-appointment';
import { mapClaim, mapExplanationOfBenefit } from './map-claim';
import { mapCondition } from './map-condition';
import { mapConsent } from './map-consent';
import { mapEncounter } from './map-encounter';
import { mapMedicationRequest, mapMedicationStatement } from './map-medication';
import { mapDiagnosticReport, mapObservation } from './map-observation';
import { mapOrganization, mapPractitioner } from './map-organisation';
import { mapPatient } from './map-patient';
import { mapProcedure } from './map-procedure';
import { type AnyResource, Resolver, typeIdOf, urnId } from './reference';
import { isMappedType, type MappedType, R4_RESOURCE_TYPES } from './resource-types';
import { validateResource } from './validate';

export type BundleKind = 'transaction' | 'batch' | 'collection' | 'searchset' | 'single';

export interface EntryOutcome {
  /** Position in Bundle.entry (0 for a single resource). */
  index: number;
  /** '' when the entry has no (valid) resource. */
  resourceType: string;
  fullUrl?: string;
  /** The entry's own key id, 'Patient/123', when it has one. */
  sourceId?: string;
  /** request.method for transaction/batch entries. */
  method?: string;
  records: InboundRecord[];
  problems: InboundProblem[];
  /** What this entry contributed to `mapped.unsupported` (absent when nothing). */
  unsupported?: Record<string, number>;
  /** Remarks that are neither problems nor skips: 'currency:USD', 'amount_rounded'. */
  notes?: Record<string, number>;
}

export interface FhirMapResult {
  kind: BundleKind;
  entries: EntryOutcome[];
  /** All records (each key once), all problems (bundle-level ones too), all unsupported counts. */
  mapped: MappedInput;
  notes: Record<string, number>;
}

export type { FhirMapOptions } from './context';

const BUNDLE_TYPES: Readonly<Record<string, BundleKind | 'refused'>> = {
  transaction: 'transaction',
  batch: 'batch',
  collection: 'collection',
  searchset: 'searchset',
  document: 'collection',
  message: 'collection',
  history: 'refused',
  'transaction-response': 'refused',
  'batch-response': 'refused',
};

const MAPPABLE_METHODS = new Set(['POST', 'PUT']);
const KNOWN_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'GET', 'HEAD']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON text (string or UTF-8 bytes) to a value; a syntax error is located by line and column only. */
function parseInput(input: unknown, problems: InboundProblem[]): unknown {
  if (input instanceof Uint8Array) input = new TextDecoder('utf-8').decode(input);
  if (typeof input !== 'string') return input;
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    // Never echo the engine's message: it quotes the input, which may be patient data. Keep only where.
    const message = e instanceof Error ? e.message : '';
    const m = /position (\d+)/.exec(message);
    const pos = m ? Number(m[1]) : /end of JSON input/.test(message) ? text.length : undefined;
    let detail: string | undefined;
    if (pos !== undefined) {
      const before = text.slice(0, pos);
      detail = `line ${before.split('\n').length}, column ${pos - before.lastIndexOf('\n')}`;
    }
    problems.push(
      detail === undefined
        ? { where: '(root)', message: 'fhir_json_invalid' }
        : { where: '(root)', message: 'fhir_json_invalid', detail },
    );
    return undefined;
  }
}

interface Slot {
  outcome: EntryOutcome;
  base: string;
  resource?: AnyResource;
  key?: string;
  valid?: boolean;
}

/**
 * Map a FHIR R4 Bundle, or one resource, to the inbound model. `input` is parsed JSON, JSON text, or UTF-8
 * bytes. Never throws on bad input: everything wrong is a problem with its path.
 */
export function mapBundle(input: unknown, options: FhirMapOptions = {}): FhirMapResult {
  const opts = resolveOptions(options);
  const topProblems: InboundProblem[] = [];
  const value = parseInput(input, topProblems);
  const empty = (kind: BundleKind): FhirMapResult => ({
    kind,
    entries: [],
    mapped: { records: [], problems: topProblems, unsupported: {} },
    notes: {},
  });
  if (topProblems.length > 0) return empty('single');
  if (!isObject(value)) {
    topProblems.push({ where: '(root)', message: 'fhir_json_invalid', detail: 'expected a JSON object' });
    return empty('single');
  }
  if (value.resourceType !== 'Bundle') return finish('single', [single(value)], topProblems, opts);

  const type = typeof value.type === 'string' ? value.type : undefined;
  const kind = BUNDLE_TYPES[type ?? ''];
  if (value.type === undefined) topProblems.push({ where: 'type', message: 'fhir_required_missing' });
  else if (kind === undefined) {
    topProblems.push({
      where: 'type',
      message: 'fhir_element_invalid',
      detail: type === undefined ? 'expected a string' : type.slice(0, 40),
    });
  } else if (kind === 'refused') {
    topProblems.push({ where: 'type', message: 'fhir_bundle_type_unsupported', detail: type! });
  }
  if (kind === undefined || kind === 'refused') return empty('collection');
  const entries = value.entry ?? [];
  if (!Array.isArray(entries)) {
    topProblems.push({ where: 'entry', message: 'fhir_element_invalid', detail: 'expected an array' });
    return empty(kind);
  }
  const slots = entries.map((entry: unknown, i) => bundleEntry(entry, i, kind));
  return finish(kind, slots, topProblems, opts);
}

function single(resource: Record<string, unknown>): Slot {
  const outcome: EntryOutcome = { index: 0, resourceType: '', records: [], problems: [] };
  const slot: Slot = { outcome, base: '' };
  if (validateEnvelope(resource, '', outcome)) {
    slot.resource = resource as AnyResource;
    const id = typeof resource.id === 'string' ? resource.id : undefined;
    if (id !== undefined) slot.key = `${outcome.resourceType}/${id}`;
  }
  return slot;
}

/** resourceType present and R4; sets outcome.resourceType. */
function validateEnvelope(resource: unknown, base: string, outcome: EntryOutcome): boolean {
  const where = base === '' ? 'resourceType' : `${base}.resourceType`;
  if (!isObject(resource)) {
    outcome.problems.push({
      where: base || '(root)',
      message: 'fhir_element_invalid',
      detail: 'expected an object',
    });
    return false;
  }
  const type = resource.resourceType;
  if (type === undefined) {
    outcome.problems.push({ where, message: 'fhir_required_missing' });
    return false;
  }
  if (typeof type !== 'string' || !R4_RESOURCE_TYPES.has(type)) {
    const detail = typeof type === 'string' ? type.slice(0, 64) : 'expected a string';
    outcome.problems.push({ where, message: 'fhir_resource_type_unknown', detail });
    return false;
  }
  outcome.resourceType = type;
  return true;
}

function bundleEntry(entry: unknown, i: number, kind: BundleKind): Slot {
  const base = `entry[${i}].resource`;
  const outcome: EntryOutcome = { index: i, resourceType: '', records: [], problems: [] };
  const slot: Slot = { outcome, base };
  if (!isObject(entry)) {
    outcome.problems.push({
      where: `entry[${i}]`,
      message: 'fhir_element_invalid',
      detail: 'expected an object',
    });
    return slot;
  }
  let fullUrl: string | undefined;
  if (entry.fullUrl !== undefined) {
    if (typeof entry.fullUrl === 'string') fullUrl = outcome.fullUrl = entry.fullUrl;
    else
      outcome.problems.push({
        where: `entry[${i}].fullUrl`,
        message: 'fhir_element_invalid',
        detail: 'expected a string',
      });
  }

  let putId: string | undefined;
  const request = entry.request;
  if ((kind === 'transaction' || kind === 'batch') && request !== undefined) {
    if (!isObject(request)) {
      outcome.problems.push({
        where: `entry[${i}].request`,
        message: 'fhir_element_invalid',
        detail: 'expected an object',
      });
      return slot;
    }
    const method = request.method;
    if (typeof method !== 'string' || !KNOWN_METHODS.has(method)) {
      outcome.problems.push({
        where: `entry[${i}].request.method`,
        message: method === undefined ? 'fhir_required_missing' : 'fhir_element_invalid',
        ...(typeof method === 'string' ? { detail: method.slice(0, 16) } : {}),
      });
      return slot;
    }
    outcome.method = method;
    if (!MAPPABLE_METHODS.has(method)) {
      outcome.problems.push({
        where: `entry[${i}].request.method`,
        message: 'fhir_method_unsupported',
        detail: method,
      });
      return slot;
    }
    if (typeof request.url !== 'string') {
      outcome.problems.push({
        where: `entry[${i}].request.url`,
        message: request.url === undefined ? 'fhir_required_missing' : 'fhir_element_invalid',
      });
      return slot;
    }
    if (method === 'PUT') putId = typeIdOf(request.url.split('?')[0]!)?.id;
  }

  if (entry.resource === undefined) {
    outcome.problems.push({ where: base, message: 'fhir_required_missing' });
    return slot;
  }
  if (!validateEnvelope(entry.resource, base, outcome)) return slot;
  const resource = entry.resource as AnyResource;
  slot.resource = resource;
  const ownId = typeof resource.id === 'string' ? resource.id : undefined;
  if (putId !== undefined && ownId !== undefined && putId !== ownId) {
    outcome.problems.push({
      where: `entry[${i}].request.url`,
      message: 'fhir_element_invalid',
      detail: 'id differs from resource.id',
    });
  }
  const fromUrl = fullUrl !== undefined ? (urnId(fullUrl) ?? typeIdOf(fullUrl)?.id) : undefined;
  const id = putId ?? ownId ?? fromUrl;
  if (id !== undefined) slot.key = `${outcome.resourceType}/${id}`;
  return slot;
}

function finish(
  kind: BundleKind,
  slots: Slot[],
  topProblems: InboundProblem[],
  opts: ResolvedOptions,
): FhirMapResult {
  // Pass 1: validate every resource, then index them for references (an invalid one by key only, so
  // nothing reads its malformed elements).
  const resolver = new Resolver();
  const seenUrls = new Set<string>();
  for (const s of slots) {
    const url = s.outcome.fullUrl;
    if (url !== undefined) {
      if (seenUrls.has(url)) {
        s.outcome.problems.push({
          where: `entry[${s.outcome.index}].fullUrl`,
          message: 'fhir_element_invalid',
          detail: 'duplicate fullUrl',
        });
      }
      seenUrls.add(url);
    }
    if (!s.resource) continue;
    try {
      s.valid = s.outcome.problems.length === 0 && validateResource(s.resource, s.base, s.outcome.problems);
    } catch {
      // Only a pathological input gets here (nesting deep enough to exhaust the stack).
      s.outcome.problems.push({ where: s.base || '(root)', message: 'fhir_mapping_failed' });
      s.valid = false;
    }
    resolver.add(
      { key: s.key, type: s.outcome.resourceType, resource: s.valid ? s.resource : undefined },
      url,
    );
  }

  // Pass 2: validate and map each entry.
  const unsupported: Record<string, number> = {};
  const notes: Record<string, number> = {};
  const byKey = new Map<string, number>();
  const records: InboundRecord[] = [];
  const problems: InboundProblem[] = [...topProblems];
  for (const s of slots) {
    const o = s.outcome;
    if (s.valid) mapSlot(s, resolver, opts);
    problems.push(...o.problems);
    for (const [k, n] of Object.entries(o.unsupported ?? {})) unsupported[k] = (unsupported[k] ?? 0) + n;
    for (const [k, n] of Object.entries(o.notes ?? {})) notes[k] = (notes[k] ?? 0) + n;
    for (const r of o.records) {
      const k = `${r.type}|${r.source.system}|${r.source.id}`;
      const at = byKey.get(k);
      if (at === undefined) {
        byKey.set(k, records.length);
        records.push(r);
      } else {
        records[at] = r;
      }
    }
  }
  return { kind, entries: slots.map((s) => s.outcome), mapped: { records, problems, unsupported }, notes };
}

function mapSlot(s: Slot, resolver: Resolver, opts: ResolvedOptions): void {
  const o = s.outcome;
  const resource = s.resource!;
  const type = o.resourceType;
  if (!isMappedType(type)) {
    o.unsupported = { [type]: 1 };
    return;
  }
  if (s.key === undefined) {
    o.problems.push({ where: s.base === '' ? 'id' : `${s.base}.id`, message: 'fhir_required_missing' });
    return;
  }
  o.sourceId = s.key;
  const ctx = new MapContext(opts, resolver, s.base, resource, s.key);
  let records: InboundRecord[];
  try {
    records = dispatch(type, resource, ctx);
  } catch {
    // Defence in depth: the validator should make this unreachable; a bug must not abort the whole import.
    ctx.problem('', 'fhir_mapping_failed');
    records = [];
  }
  o.problems.push(...ctx.problems);
  if (ctx.problems.length === 0) o.records = records;
  if (Object.keys(ctx.unsupported).length > 0) o.unsupported = ctx.unsupported;
  if (Object.keys(ctx.notes).length > 0) o.notes = ctx.notes;
}

function dispatch(type: MappedType, r: AnyResource, ctx: MapContext): InboundRecord[] {
  const res: unknown = r;
  switch (type) {
    case 'Patient':
      return mapPatient(res as Patient, ctx);
    case 'Encounter':
      return mapEncounter(res as Encounter, ctx);
    case 'Condition':
      return mapCondition(res as Condition, ctx);
    case 'Observation':
      return mapObservation(res as Observation, ctx);
    case 'DiagnosticReport':
      return mapDiagnosticReport(res as DiagnosticReport, ctx);
    case 'MedicationRequest':
      return mapMedicationRequest(res as MedicationRequest, ctx);
    case 'MedicationStatement':
      return mapMedicationStatement(res as MedicationStatement, ctx);
    case 'AllergyIntolerance':
      return mapAllergy(res as AllergyIntolerance, ctx);
    case 'Procedure':
      return mapProcedure(res as Procedure, ctx);
    case 'Claim':
      return mapClaim(res as Claim, ctx);
    case 'ExplanationOfBenefit':
      return mapExplanationOfBenefit(res as ExplanationOfBenefit, ctx);
    case 'Organization':
      return mapOrganization(res as Organization, ctx);
    case 'Practitioner':
      return mapPractitioner(res as Practitioner, ctx);
    case 'Appointment':
      return mapAppointment(res as Appointment, ctx);
    case 'Consent':
      return mapConsent(res as Consent, ctx);
  }
}
