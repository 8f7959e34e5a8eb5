import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InboundRecord, MappedInput } from '../interop/inbound';
import { buildAck } from './ack';
import { escapeHl7, unescapeHl7, type Hl7Delimiters } from './escape';
import { parseHl7, type Hl7ParseResult } from './parse';
import { hl7ToInbound } from './to-inbound';
import { hl7Instant } from './time';

const DATA = new URL('../../../../../shared/data/hl7v2/', import.meta.url);
const samples = readdirSync(DATA)
  .filter((f) => f.endsWith('.hl7'))
  .sort()
  .map((f) => readFileSync(new URL(f, DATA), 'utf8'));

const OPTIONS = { today: '2025-06-01' };
const RUNS = { numRuns: 400 };

/** Characters that matter to a parser, mixed with arbitrary code points. */
const hl7Char = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '|',
      '^',
      '~',
      '\\',
      '&',
      '#',
      '\r',
      '\n',
      '"',
      'F',
      'S',
      'T',
      'R',
      'E',
      'X',
      '.',
      'b',
      'r',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'M',
      'S',
      'H',
      'P',
      'I',
      'D',
      'O',
      'B',
      'X',
      'A',
      '0',
      '1',
      '2',
      '9',
      ' ',
      '-',
      '+',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('\u0000', '\u000b', '\u001c', '\uFEFF', '\uFFFD', '张', '三', '😀', '\uD800'),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const hl7ish = fc.string({ unit: hl7Char, maxLength: 300 });

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?[+-]\d{2}:\d{2}$/;

/** What every mapping must satisfy, whatever the input. */
function checkMapped(out: MappedInput): void {
  expect(Array.isArray(out.records)).toBe(true);
  for (const p of out.problems) {
    expect(typeof p.where).toBe('string');
    expect(p.message).toMatch(/^hl7_[a-z_]+$/);
  }
  for (const r of out.records) checkRecord(r);
}

function checkRecord(r: InboundRecord): void {
  expect(r.source.system.length).toBeGreaterThan(0);
  expect(r.source.id.length).toBeGreaterThan(0);
  const instants: (string | undefined)[] = [];
  if (r.type === 'encounter') instants.push(r.startAt, r.endAt);
  if (r.type === 'result') instants.push(r.releasedAt);
  if (r.type === 'appointment') instants.push(r.startAt, r.endAt);
  for (const t of instants) {
    if (t === undefined) continue;
    expect(t).toMatch(ISO_INSTANT);
    expect(Number.isNaN(Date.parse(t))).toBe(false);
  }
  if (r.type === 'patient') {
    expect(r.name.length).toBeGreaterThan(0);
    if (r.birthDate) expect(r.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
  if (r.type === 'result' && r.valueNumeric !== undefined) expect(Number.isFinite(r.valueNumeric)).toBe(true);
}

/** Parse, map and acknowledge; the ACK itself must always parse and carry the code. */
function roundTrip(text: string): void {
  const parsed: Hl7ParseResult = parseHl7(text);
  const out = hl7ToInbound(parsed, OPTIONS);
  checkMapped(out);
  const code = out.problems.length > 0 ? 'AE' : 'AA';
  const ack = buildAck(parsed, { code, problems: out.problems });
  const reparsed = parseHl7(ack);
  expect(reparsed.ok, ack).toBe(true);
  if (reparsed.ok) {
    expect(reparsed.value.get('MSA-1')).toBe(code);
    expect(reparsed.value.messageType.code).toBe('ACK');
    if (parsed.ok) expect(reparsed.value.get('MSA-2')).toBe(parsed.value.get('MSH-10'));
  }
}

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; char: string }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'swap'; a: string; b: string }
  | { kind: 'duplicate'; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), char: hl7Char }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: hl7ish }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 50 }) }),
  fc.record({
    kind: fc.constant('swap' as const),
    a: fc.constantFrom('|', '^', '~', '\\', '&', '\r', '\n'),
    b: fc.constantFrom('|', '^', '~', '\\', '&', '*', '#', '\r', '\n', ''),
  }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 400 }),
  }),
);

function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : ('at' in m ? m.at : 0) % (text.length + 1);
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'flip':
      return text.slice(0, at) + m.char + text.slice(at + 1);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'swap':
      return text.split(m.a).join(m.b);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at);
  }
}

describe('HL7 v2 fuzzing (fast-check)', () => {
  it('arbitrary strings never make parse, map or ACK throw', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), roundTrip), RUNS);
    fc.assert(fc.property(hl7ish, roundTrip), RUNS);
    fc.assert(
      fc.property(hl7ish, (tail) => roundTrip(`MSH|^~\\&|A|B|C|D|20250101||ADT^A01|1|P|2.5\r${tail}`)),
      RUNS,
    );
  });

  it('mutated real messages (truncation, byte flips, insertions, delimiter swaps) never throw', () => {
    fc.assert(
      fc.property(
        fc.nat(samples.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (index, mutations) => {
          roundTrip(mutations.reduce(mutate, samples[index]!));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('every real message, cut at every segment boundary, still maps without throwing', () => {
    for (const sample of samples) {
      const lines = sample.split(/\r\n|\r|\n/);
      for (let n = 1; n <= lines.length; n++) roundTrip(lines.slice(0, n).join('\r'));
    }
  });

  const delimiters: fc.Arbitrary<Hl7Delimiters> = fc
    .shuffledSubarray(['|', '^', '~', '\\', '&', '#', '*', '$', '@', '!', '%', '/'], {
      minLength: 6,
      maxLength: 6,
    })
    .map(([field, component, repetition, escape, subcomponent, truncation]) => ({
      field: field!,
      component: component!,
      repetition: repetition!,
      escape: escape!,
      subcomponent: subcomponent!,
      truncation: truncation!,
    }));
  const text = fc.string({
    unit: fc.oneof(hl7Char, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
    maxLength: 80,
  });

  it('escaping round-trips: unescape(escape(x)) = x, escape(unescape(escape(x))) = escape(x)', () => {
    fc.assert(
      fc.property(text, delimiters, (x, d) => {
        const noCr = x.replace(/\r/g, '');
        expect(unescapeHl7(escapeHl7(noCr, d), d)).toBe(noCr);
        const escaped = escapeHl7(x, d);
        expect(escapeHl7(unescapeHl7(escaped, d), d)).toBe(escaped);
        for (const c of [d.field, d.component, d.repetition, d.subcomponent, '\r', '\n']) {
          expect(escaped.includes(c)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('a value escaped into a message reads back unchanged through the parser', () => {
    fc.assert(
      fc.property(text, delimiters, (x, d) => {
        const value = x.replace(/\r/g, '');
        fc.pre(value !== '' && value !== '""' && !value.includes('\uFFFD'));
        const { field: f, component: c, repetition: r, escape: e, subcomponent: s, truncation: t } = d;
        const message =
          `MSH${f}${c}${r}${e}${s}${t}${f}A${f}B${f}C${f}D${f}20250101${f}${f}ADT${c}A08${f}1${f}P${f}2.8\r` +
          `PID${f}1${f}${f}${escapeHl7(value, d)}${r}second${c}x${s}y`;
        const parsed = parseHl7(message);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) {
          expect(parsed.value.get('PID-3')).toBe(value);
          expect(parsed.value.get('PID-3.2.2', { repetition: 1 })).toBe('y');
        }
      }),
      RUNS,
    );
  });

  it('timestamps with an offset denote the instant they write', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (date, offset) => {
          const local = new Date(date.getTime() + offset * 60_000);
          const p = (n: number, w = 2) => String(n).padStart(w, '0');
          const abs = Math.abs(offset);
          const hl7 =
            `${p(local.getUTCFullYear(), 4)}${p(local.getUTCMonth() + 1)}${p(local.getUTCDate())}` +
            `${p(local.getUTCHours())}${p(local.getUTCMinutes())}${p(local.getUTCSeconds())}` +
            `${offset < 0 ? '-' : '+'}${p(Math.floor(abs / 60))}${p(abs % 60)}`;
          const iso = hl7Instant(hl7, 'Asia/Shanghai');
          expect(iso).toBeDefined();
          expect(Date.parse(iso!)).toBe(Math.floor(date.getTime() / 1000) * 1000);
        },
      ),
      RUNS,
    );
  });

  it('local timestamps map to an instant that shows the same wall-clock time in the zone', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom('Asia/Shanghai', 'UTC', 'Europe/Berlin', 'Asia/Kolkata'),
        (date, zone) => {
          const wall = date.toISOString().slice(0, 19).replace(/[-T:]/g, '');
          const iso = hl7Instant(wall, zone)!;
          const shown = new Intl.DateTimeFormat('sv-SE', {
            timeZone: zone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
            hourCycle: 'h23',
          })
            .format(new Date(iso))
            .replace(/[- :]/g, '');
          // A wall-clock time inside a DST gap does not exist; it is moved forward by the gap.
          if (shown !== wall) expect(zone).toBe('Europe/Berlin');
          else expect(shown).toBe(wall);
        },
      ),
      RUNS,
    );
  });
});
