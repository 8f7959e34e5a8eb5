/**
 * Reference resolution inside one Bundle (or one resource).
 *
 * A reference becomes the SourceKey id of its target, `Type/id`, whatever form it was written in:
 * - `urn:uuid:…` / `urn:oid:…` matching an entry's fullUrl → that entry's key (so Synthea's urn:uuid graphs
 *   land on the same keys as a later import that uses `Patient/<id>`); unmatched → `<expected type>/<uuid>`;
 * - `Patient/123` (optionally `/_history/2`) → `Patient/123`, with the entry when the bundle holds it;
 * - `https://host/fhir/Patient/123` → the entry with that fullUrl, else `Patient/123`;
 * - `#med1` → the contained resource, keyed `<container key>#med1`.
 * A reference that resolves to nothing in the bundle is still a valid key: it may name a record imported
 * earlier. Only a string that is none of these forms is a problem ('fhir_reference_invalid'), and so is a
 * `#id` with no such contained resource ('fhir_reference_unresolved').
 */
import { R4_RESOURCE_TYPES } from './resource-types';

/** A resource as parsed JSON; the validator has checked the elements the mappers read. */
export interface AnyResource {
  resourceType: string;
  id?: string;
  contained?: AnyResource[];
  [element: string]: unknown;
}

export interface EntryTarget {
  /** `Type/id`, the SourceKey id; undefined when the entry has no id at all. */
  key: string | undefined;
  type: string;
  /** Absent when the resource failed validation: then only its key can be referred to. */
  resource: AnyResource | undefined;
}

export type Resolved =
  | { ok: true; type: string; key: string; resource?: AnyResource; inBundle: boolean }
  | { ok: false; message: 'fhir_reference_invalid' | 'fhir_reference_unresolved' };

const ID = '[A-Za-z0-9\\-.]{1,64}';
const RELATIVE_RE = new RegExp(`^([A-Z][A-Za-z]+)/(${ID})(/_history/${ID})?$`);
const ABSOLUTE_RE = new RegExp(`^https?://\\S+/([A-Z][A-Za-z]+)/(${ID})(/_history/${ID})?$`);
const UUID_RE = /^urn:uuid:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
const OID_RE = /^urn:oid:([0-2](\.(0|[1-9][0-9]*))+)$/;
const CONTAINED_RE = new RegExp(`^#(${ID})$`);

/** `Type/id` from a fullUrl or a request url of that form (absolute or relative); undefined otherwise. */
export function typeIdOf(url: string): { type: string; id: string } | undefined {
  const m = RELATIVE_RE.exec(url) ?? ABSOLUTE_RE.exec(url);
  if (!m || !R4_RESOURCE_TYPES.has(m[1]!)) return undefined;
  return { type: m[1]!, id: m[2]! };
}

/** The uuid or oid of a `urn:uuid:` / `urn:oid:` URI. */
export function urnId(url: string): string | undefined {
  return UUID_RE.exec(url)?.[1] ?? OID_RE.exec(url)?.[1];
}

export class Resolver {
  private readonly byUrl = new Map<string, EntryTarget>();
  private readonly byKey = new Map<string, EntryTarget>();

  add(target: EntryTarget, fullUrl: string | undefined): void {
    if (fullUrl !== undefined && !this.byUrl.has(fullUrl)) this.byUrl.set(fullUrl, target);
    if (target.key !== undefined && !this.byKey.has(target.key)) this.byKey.set(target.key, target);
  }

  hasFullUrl(fullUrl: string): boolean {
    return this.byUrl.has(fullUrl);
  }

  /**
   * @param container the resource holding the reference and its key (for `#id`).
   * @param expected the type to assume for an unmatched urn (the element's declared target type).
   */
  resolve(reference: string, container: { resource: AnyResource; key: string }, expected: string): Resolved {
    if (reference.startsWith('#')) {
      const m = CONTAINED_RE.exec(reference);
      if (!m) return { ok: false, message: 'fhir_reference_invalid' };
      const found = container.resource.contained?.find((c) => c.id === m[1]);
      if (!found) return { ok: false, message: 'fhir_reference_unresolved' };
      return {
        ok: true,
        type: found.resourceType,
        key: `${container.key}#${m[1]}`,
        resource: found,
        inBundle: true,
      };
    }
    const entry = this.byUrl.get(reference);
    if (entry !== undefined) {
      const key = entry.key ?? `${entry.type}/${urnId(reference) ?? reference}`;
      return { ok: true, type: entry.type, key, resource: entry.resource, inBundle: true };
    }
    const urn = urnId(reference);
    if (urn !== undefined) return { ok: true, type: expected, key: `${expected}/${urn}`, inBundle: false };
    const typed = typeIdOf(reference);
    if (typed === undefined) return { ok: false, message: 'fhir_reference_invalid' };
    const key = `${typed.type}/${typed.id}`;
    const local = this.byKey.get(key);
    return { ok: true, type: typed.type, key, resource: local?.resource, inBundle: local !== undefined };
  }
}
