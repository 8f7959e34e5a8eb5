/**
 * What a resource mapper works with: the options, the bundle's resolver, where the resource sits (for problem
 * paths), and the sinks for problems, unsupported counts and notes.
 */
import type { Reference } from '@medplum/fhirtypes';
import type { InboundProblem, InboundRef, SourceKey } from '../interop/inbound';
import { toInstant } from './primitives';
import type { AnyResource, Resolved, Resolver } from './reference';

export interface FhirMapOptions {
  /** SourceKey.system of every record; default 'fhir'. */
  system?: string;
  /** The hospital's UTC offset, applied to date-only values ('2012-09-17'); default '+08:00' (China). */
  timeZone?: string;
  /** "Now" (ISO instant) for the chronic-condition rule; default the current time. */
  now?: string;
}

export interface ResolvedOptions {
  system: string;
  timeZone: string;
  now: string;
}

export function resolveOptions(options: FhirMapOptions = {}): ResolvedOptions {
  const timeZone = options.timeZone ?? '+08:00';
  if (!/^(Z|[+-]\d{2}:\d{2})$/.test(timeZone))
    throw new RangeError(`timeZone must be Z or ±hh:mm, got ${timeZone}`);
  return { system: options.system ?? 'fhir', timeZone, now: options.now ?? new Date().toISOString() };
}

export class MapContext {
  readonly problems: InboundProblem[] = [];
  readonly unsupported: Record<string, number> = {};
  readonly notes: Record<string, number> = {};

  constructor(
    readonly options: ResolvedOptions,
    private readonly resolver: Resolver,
    /** Path of the resource: 'entry[3].resource', or '' for a resource sent alone. */
    readonly base: string,
    readonly resource: AnyResource,
    /** The resource's own SourceKey id, 'Patient/123'. */
    readonly self: string,
  ) {}

  /** The full path of an element of this resource. */
  at(path: string): string {
    if (path === '') return this.base === '' ? '(root)' : this.base;
    return this.base === '' ? path : `${this.base}.${path}`;
  }

  problem(path: string, message: string, detail?: string): void {
    this.problems.push(
      detail === undefined ? { where: this.at(path), message } : { where: this.at(path), message, detail },
    );
  }

  /** Count something the mapper skips ('Observation(no value)'); reported, never fatal. */
  skip(key: string): never[] {
    this.unsupported[key] = (this.unsupported[key] ?? 0) + 1;
    return [];
  }

  /** Count a remark that is neither a problem nor a skip ('currency:USD'). */
  note(key: string): void {
    this.notes[key] = (this.notes[key] ?? 0) + 1;
  }

  key(id: string = this.self): SourceKey {
    return { system: this.options.system, id };
  }

  instant(value: string | undefined): string | undefined {
    return toInstant(value, this.options.timeZone);
  }

  /**
   * Resolve a Reference element at `path` (e.g. 'subject'). Undefined when the element is absent or only an
   * identifier/display (nothing to key by), or when the string is malformed (then a problem is recorded).
   */
  ref(
    reference: Reference | undefined,
    path: string,
    expected: string,
  ): Extract<Resolved, { ok: true }> | undefined {
    const text = reference?.reference;
    if (text === undefined) return undefined;
    const r = this.resolver.resolve(text, { resource: this.resource, key: this.self }, expected);
    if (!r.ok) {
      this.problem(`${path}.reference`, r.message, text.length > 80 ? `${text.slice(0, 80)}…` : text);
      return undefined;
    }
    return r;
  }

  /** The SourceKey of a reference expected to be of `type` ('Encounter'); undefined if absent or of another type. */
  refKey(reference: Reference | undefined, path: string, type: string): SourceKey | undefined {
    const r = this.ref(reference, path, type);
    return r !== undefined && r.type === type ? this.key(r.key) : undefined;
  }

  /**
   * The patient a clinical record belongs to. Missing (no reference to key by) is a problem; a subject that
   * is not a Patient (Group, Device, Location) is valid FHIR CareBridge does not take: counted as
   * unsupported '<Type>(subject <Target>)'. Either way the caller maps nothing.
   */
  patient(reference: Reference | undefined, path: string): SourceKey | undefined | 'skip' {
    if (reference?.reference === undefined) {
      this.problem(reference === undefined ? path : `${path}.reference`, 'fhir_required_missing');
      return undefined;
    }
    const r = this.ref(reference, path, 'Patient');
    if (r === undefined) return undefined;
    if (r.type !== 'Patient') {
      this.skip(`${this.resource.resourceType}(subject ${r.type})`);
      return 'skip';
    }
    return this.key(r.key);
  }

  /**
   * A department or practitioner named by a reference: its key when it points to a mapped type
   * (Organization/Practitioner), the display text, or the name of the resource found in the bundle.
   */
  inboundRef(
    reference: Reference | undefined,
    path: string,
    mappedType: 'Organization' | 'Practitioner' | undefined,
    nameOf: (r: AnyResource) => string | undefined,
  ): InboundRef | undefined {
    if (reference === undefined) return undefined;
    const r = this.ref(reference, path, mappedType ?? 'Location');
    const name = reference.display?.trim() || (r?.resource ? nameOf(r.resource) : undefined);
    const out: InboundRef = {};
    if (name) out.name = name;
    if (r !== undefined && mappedType !== undefined && r.type === mappedType && !r.key.includes('#')) {
      out.source = this.key(r.key);
    }
    return out.name !== undefined || out.source !== undefined ? out : undefined;
  }
}
