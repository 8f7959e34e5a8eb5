/**
 * HL7 v2 message parser (v2.3–v2.8, and in practice any 2.x).
 *
 * Parsing is lazy: `parseHl7` validates the envelope (MSH, delimiters, segment names, MSH-9, MSH-10) and
 * splits segments; a segment is split into fields the first time one is read, and components,
 * repetitions and escape sequences are handled by the accessors. That keeps a typical ADT message well
 * under 50 µs even when it carries dozens of segments nobody reads.
 *
 * Numbering follows the standard: fields, components and subcomponents are 1-based ('PID-5.1.1'); MSH-1
 * is the field separator itself and MSH-2 the encoding characters, so MSH-3 is the first value after
 * them. Indexes passed in options (`repetition`, `occurrence`) are 0-based, like the arrays they index.
 * Accessors return `undefined` for an absent value, an empty value and the HL7 null `""`.
 *
 * Bad input is returned as `{ ok: false, problem }`, never thrown.
 */
import type { InboundProblem } from '../interop/inbound';
import { DEFAULT_DELIMITERS, unescapeHl7, type Hl7Delimiters } from './escape';

export interface Hl7MessageType {
  /** MSH-9.1, e.g. 'ADT'. */
  code: string;
  /** MSH-9.2, e.g. 'A01' ('' when absent, as in ACK). */
  trigger: string;
  /** MSH-9.3, e.g. 'ADT_A01' ('' when absent). */
  structure: string;
}

/** What the ACK needs from MSH; raw values keep their escapes and so can be echoed verbatim. */
export interface Hl7Header {
  delimiters: Hl7Delimiters;
  /** Raw MSH-3 … MSH-6. */
  sendingApplication: string;
  sendingFacility: string;
  receivingApplication: string;
  receivingFacility: string;
  /** Decoded MSH-9 components. */
  messageType: Hl7MessageType;
  /** Raw MSH-10 ('' when absent). */
  controlId: string;
  /** Raw MSH-11. */
  processingId: string;
  /** Raw MSH-12 (may carry components in v2.4+: '2.5^CHN'). */
  version: string;
}

export type Hl7ParseResult =
  { ok: true; value: Hl7Message } | { ok: false; problem: InboundProblem; header?: Hl7Header };

export interface Hl7GetOptions {
  /** 0-based repetition of the field (default 0). */
  repetition?: number;
  /** 0-based occurrence of the segment in the message (default 0). */
  occurrence?: number;
}

interface PathParts {
  segment: string;
  field: number;
  component: number;
  subcomponent: number;
}

const PATH = /^([A-Z][A-Z0-9]{2})-(\d{1,3})(?:\.(\d{1,3}))?(?:\.(\d{1,3}))?$/;
const FIELD_PATH = /^(\d{1,3})(?:\.(\d{1,3}))?(?:\.(\d{1,3}))?$/;
const pathCache = new Map<string, PathParts>();

function parsePath(path: string): PathParts {
  const cached = pathCache.get(path);
  if (cached) return cached;
  const m = PATH.exec(path);
  if (!m || Number(m[2]) < 1 || Number(m[3] ?? 1) < 1 || Number(m[4] ?? 1) < 1) {
    throw new RangeError(`Not an HL7 path like 'PID-5.1': ${path}`);
  }
  const parts = {
    segment: m[1]!,
    field: Number(m[2]),
    component: Number(m[3] ?? 1),
    subcomponent: Number(m[4] ?? 1),
  };
  if (pathCache.size < 1000) pathCache.set(path, parts);
  return parts;
}

/** A decoded value, with '' and the HL7 null "" read as absent. */
function present(raw: string | undefined, d: Hl7Delimiters): string | undefined {
  if (raw === undefined || raw === '' || raw === '""') return undefined;
  return raw.includes(d.escape) ? unescapeHl7(raw, d) : raw;
}

/** Pick part `n` (1-based) of `raw` split on `sep`, without allocating when there is one part. */
function nth(raw: string, sep: string, n: number): string | undefined {
  if (n === 1) {
    const i = raw.indexOf(sep);
    return i < 0 ? raw : raw.slice(0, i);
  }
  let start = 0;
  for (let k = 1; k < n; k++) {
    const i = raw.indexOf(sep, start);
    if (i < 0) return undefined;
    start = i + 1;
  }
  const end = raw.indexOf(sep, start);
  return end < 0 ? raw.slice(start) : raw.slice(start, end);
}

/** One repetition of a field: components and their subcomponents. */
export class Hl7Repetition {
  constructor(
    /** As received, escapes included. */
    readonly raw: string,
    private readonly d: Hl7Delimiters,
  ) {}

  /** Raw components (escapes included). */
  get components(): string[] {
    return this.raw.split(this.d.component);
  }

  /** A decoded component (1-based) or one of its subcomponents. */
  component(component = 1, subcomponent = 1): string | undefined {
    const c = nth(this.raw, this.d.component, component);
    if (c === undefined) return undefined;
    return present(nth(c, this.d.subcomponent, subcomponent), this.d);
  }

  /** The subcomponents of one component, decoded, joined with a space (e.g. SAD street lines). */
  componentText(component: number, separator = ' '): string | undefined {
    const c = nth(this.raw, this.d.component, component);
    if (c === undefined || c === '') return undefined;
    const parts = c
      .split(this.d.subcomponent)
      .map((s) => present(s, this.d)?.trim())
      .filter((s): s is string => !!s);
    return parts.length > 0 ? parts.join(separator) : undefined;
  }

  get isEmpty(): boolean {
    return this.raw === '' || this.raw === '""';
  }
}

/** One field of a segment, with its repetitions. */
export class Hl7Field {
  constructor(
    /** As received, escapes included. */
    readonly raw: string,
    private readonly d: Hl7Delimiters,
    /** MSH-1 and MSH-2 are literal: they hold the delimiters and are never split or decoded. */
    private readonly literal = false,
  ) {}

  get isEmpty(): boolean {
    return this.raw === '';
  }

  /** The HL7 null: the sender says the value is to be deleted. */
  get isNull(): boolean {
    return this.raw === '""';
  }

  get repetitions(): Hl7Repetition[] {
    if (this.raw === '') return [];
    if (this.literal)
      return [new Hl7Repetition(this.raw, { ...this.d, component: '\u0000', subcomponent: '\u0000' })];
    return this.raw.split(this.d.repetition).map((r) => new Hl7Repetition(r, this.d));
  }

  /** The first repetition's first component, decoded. */
  get value(): string | undefined {
    return this.component(1, 1, 0);
  }

  component(component = 1, subcomponent = 1, repetition = 0): string | undefined {
    if (this.literal)
      return component === 1 && subcomponent === 1 && repetition === 0 ? this.raw || undefined : undefined;
    const r = nth(this.raw, this.d.repetition, repetition + 1);
    if (r === undefined) return undefined;
    const c = nth(r, this.d.component, component);
    if (c === undefined) return undefined;
    return present(nth(c, this.d.subcomponent, subcomponent), this.d);
  }
}

/** One segment. */
export class Hl7Segment {
  private parts: string[] | undefined;

  constructor(
    /** 'PID', 'OBX', 'ZPI' … */
    readonly name: string,
    /** The segment line as received. */
    readonly raw: string,
    /** 0-based position in the message. */
    readonly index: number,
    /** 1-based occurrence among segments of the same name (the second OBX has 2). */
    readonly occurrence: number,
    readonly delimiters: Hl7Delimiters,
  ) {}

  private split(): string[] {
    return (this.parts ??= this.raw.split(this.delimiters.field));
  }

  /** The highest field number present. */
  get fieldCount(): number {
    const n = this.split().length - 1;
    return this.name === 'MSH' ? n + 1 : n;
  }

  /** Raw field `n` (1-based; MSH-1 is the field separator), '' when absent. */
  fieldRaw(n: number): string {
    if (this.name === 'MSH') {
      if (n === 1) return this.delimiters.field;
      return this.split()[n - 1] ?? '';
    }
    return this.split()[n] ?? '';
  }

  field(n: number): Hl7Field {
    return new Hl7Field(this.fieldRaw(n), this.delimiters, this.name === 'MSH' && n <= 2);
  }

  /** A decoded value: field `n`, component, subcomponent (1-based), repetition (0-based). */
  value(n: number, component = 1, subcomponent = 1, repetition = 0): string | undefined {
    const raw = this.fieldRaw(n);
    if (raw === '') return undefined;
    if (this.name === 'MSH' && n <= 2)
      return component === 1 && subcomponent === 1 && repetition === 0 ? raw : undefined;
    const d = this.delimiters;
    const r = repetition === 0 && !raw.includes(d.repetition) ? raw : nth(raw, d.repetition, repetition + 1);
    if (r === undefined) return undefined;
    const c = nth(r, d.component, component);
    if (c === undefined) return undefined;
    return present(
      subcomponent === 1 && !c.includes(d.subcomponent) ? c : nth(c, d.subcomponent, subcomponent),
      d,
    );
  }

  /** Repetitions of field `n` ([] when empty). */
  repetitions(n: number): Hl7Repetition[] {
    return this.field(n).repetitions;
  }

  /** `seg.get('5.1')`: a path relative to this segment. */
  get(path: string, options: Pick<Hl7GetOptions, 'repetition'> = {}): string | undefined {
    const m = FIELD_PATH.exec(path);
    if (!m) throw new RangeError(`Not a field path like '5.1': ${path}`);
    return this.value(Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1), options.repetition ?? 0);
  }
}

/** A parsed message. */
export class Hl7Message {
  private byName: Map<string, Hl7Segment[]> | undefined;

  constructor(
    readonly delimiters: Hl7Delimiters,
    private readonly all: readonly Hl7Segment[],
    readonly header: Hl7Header,
  ) {}

  /** All segments in order, or those with one name. */
  segments(name?: string): readonly Hl7Segment[] {
    if (name === undefined) return this.all;
    if (!this.byName) {
      this.byName = new Map();
      for (const s of this.all) {
        const list = this.byName.get(s.name);
        if (list) list.push(s);
        else this.byName.set(s.name, [s]);
      }
    }
    return this.byName.get(name) ?? [];
  }

  /** The `occurrence`-th (0-based) segment of that name. */
  segment(name: string, occurrence = 0): Hl7Segment | undefined {
    if (occurrence === 0 && name !== 'MSH') {
      for (const s of this.all) if (s.name === name) return s;
      return undefined;
    }
    return this.segments(name)[occurrence];
  }

  /** `msg.get('PID-5.1')`, `msg.get('PID-3', { repetition: 1 })`: a decoded value or undefined. */
  get(path: string, options: Hl7GetOptions = {}): string | undefined {
    const p = parsePath(path);
    const seg = this.segment(p.segment, options.occurrence ?? 0);
    return seg?.value(p.field, p.component, p.subcomponent, options.repetition ?? 0);
  }

  /** `msg.field('PID-3')`: the field with its repetitions (undefined when the segment is absent). */
  field(path: string, options: Pick<Hl7GetOptions, 'occurrence'> = {}): Hl7Field | undefined {
    const p = parsePath(path);
    return this.segment(p.segment, options.occurrence ?? 0)?.field(p.field);
  }

  get messageType(): Hl7MessageType {
    return this.header.messageType;
  }

  /** Decoded MSH-10. */
  get controlId(): string {
    return this.get('MSH-10') ?? '';
  }

  /** MSH-12.1, e.g. '2.5.1'. */
  get version(): string {
    return this.get('MSH-12') ?? '';
  }

  /** The message with CR segment terminators, as it would be sent. */
  toString(): string {
    return this.all.map((s) => s.raw).join('\r');
  }
}

const SEGMENT_NAME = /^[A-Z][A-Z0-9]{2}$/;
/** C0 controls other than TAB/LF/CR, and DEL. U+FFFD (bytes that were not valid UTF-8) is checked apart. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;

function fail(where: string, message: string, header?: Hl7Header, detail?: string): Hl7ParseResult {
  const problem: InboundProblem = detail === undefined ? { where, message } : { where, message, detail };
  return header ? { ok: false, problem, header } : { ok: false, problem };
}

function isDelimiterChar(c: string): boolean {
  return c.length === 1 && !/[A-Za-z0-9\s]/.test(c) && c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) < 0x7f;
}

/** Read MSH-1/MSH-2. */
function readDelimiters(text: string): Hl7Delimiters | undefined {
  const field = text.charAt(3);
  if (!isDelimiterChar(field)) return undefined;
  let end = text.indexOf(field, 4);
  const lineEnd = text.search(/[\r\n]/);
  if (end < 0 || (lineEnd >= 0 && lineEnd < end)) end = lineEnd < 0 ? text.length : lineEnd;
  const enc = text.slice(4, end);
  if (enc.length < 4 || enc.length > 5) return undefined;
  const chars = [...enc];
  if (!chars.every(isDelimiterChar) || chars.includes(field) || new Set(chars).size !== chars.length) {
    return undefined;
  }
  const d: Hl7Delimiters = {
    field,
    component: chars[0]!,
    repetition: chars[1]!,
    escape: chars[2]!,
    subcomponent: chars[3]!,
  };
  if (chars[4] !== undefined) d.truncation = chars[4];
  return d;
}

function readHeader(msh: Hl7Segment, d: Hl7Delimiters): Hl7Header {
  return {
    delimiters: d,
    sendingApplication: msh.fieldRaw(3),
    sendingFacility: msh.fieldRaw(4),
    receivingApplication: msh.fieldRaw(5),
    receivingFacility: msh.fieldRaw(6),
    messageType: {
      code: msh.value(9, 1)?.trim() ?? '',
      trigger: msh.value(9, 2)?.trim() ?? '',
      structure: msh.value(9, 3)?.trim() ?? '',
    },
    controlId: msh.fieldRaw(10),
    processingId: msh.fieldRaw(11),
    version: msh.fieldRaw(12),
  };
}

/**
 * Parse one HL7 v2 message. Accepts a leading UTF-8 byte-order mark and leading blank lines, and CR, LF or
 * CRLF (mixed) between segments. Problem codes (`where`):
 * - hl7_not_text (message): not a string, or control characters / undecodable bytes in it;
 * - hl7_msh_missing (MSH): it does not start with MSH;
 * - hl7_delimiters_invalid (MSH-2): MSH-1/MSH-2 are not 1 + 4 or 5 distinct punctuation characters;
 * - hl7_segment_invalid (segment N): a line whose name is not three letters/digits (a truncated name);
 * - hl7_batch_not_supported (segment N): a second MSH;
 * - hl7_message_type_missing (MSH-9), hl7_control_id_missing (MSH-10).
 */
export function parseHl7(input: string): Hl7ParseResult {
  if (typeof input !== 'string') return fail('message', 'hl7_not_text');
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.length > 0 && /^\s/.test(text)) text = text.replace(/^\s+/, '');
  if (!text.startsWith('MSH')) return fail('MSH', 'hl7_msh_missing');
  const d = readDelimiters(text);
  if (!d) return fail('MSH-2', 'hl7_delimiters_invalid');

  const segments: Hl7Segment[] = [];
  const counts: Record<string, number> = {};
  let invalid: { where: string; message: string } | undefined;
  let pos = 0;
  let nextCr = -2;
  let nextLf = -2;
  while (pos < text.length) {
    // Segments end at CR, LF or CRLF (mixed); blank lines are skipped.
    if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf('\r', pos);
    if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf('\n', pos);
    const end =
      nextCr < 0 ? (nextLf < 0 ? text.length : nextLf) : nextLf < 0 ? nextCr : Math.min(nextCr, nextLf);
    const line = text.slice(pos, end);
    pos = end === nextCr && nextLf === end + 1 ? end + 2 : end + 1;
    if (line === '' || (line.charCodeAt(0) <= 32 && line.trim() === '')) continue;
    const name = line.slice(0, 3);
    if (!SEGMENT_NAME.test(name) || (line.length > 3 && line.charAt(3) !== d.field)) {
      invalid = { where: `segment ${segments.length + 1}`, message: 'hl7_segment_invalid' };
      break;
    }
    if (name === 'MSH' && segments.length > 0) {
      invalid = { where: `segment ${segments.length + 1}`, message: 'hl7_batch_not_supported' };
      break;
    }
    const occurrence = (counts[name] = (counts[name] ?? 0) + 1);
    segments.push(new Hl7Segment(name, line, segments.length, occurrence, d));
  }

  const msh = segments[0]!;
  const header = readHeader(msh, d);
  if (invalid) return fail(invalid.where, invalid.message, header);
  if (CONTROL.test(text) || text.includes('\uFFFD')) return fail('message', 'hl7_not_text', header);
  if (header.messageType.code === '') return fail('MSH-9', 'hl7_message_type_missing', header);
  if (present(header.controlId.trim(), d) === undefined)
    return fail('MSH-10', 'hl7_control_id_missing', header);
  return { ok: true, value: new Hl7Message(d, segments, header) };
}

export { DEFAULT_DELIMITERS };
