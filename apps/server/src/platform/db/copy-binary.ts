/**
 * PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html, "Binary
 * Format"), written straight into a growing byte array: no text formatting of timestamps or UUIDs on our
 * side and no text parsing on the server's, which is most of the cost of a text COPY. Bytes are written by
 * hand rather than through Buffer's write methods: this runs tens of millions of times per load.
 */

export type PgType =
  'uuid' | 'text' | 'bool' | 'int4' | 'int8' | 'timestamptz' | 'date' | 'numeric' | 'text[]' | 'jsonb';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix milliseconds and in days since 1970-01-01. */
const PG_EPOCH_MS = 946_684_800_000;
const PG_EPOCH_DAYS = 10_957;
const TWO_32 = 4_294_967_296;
const TEXT_OID = 25;
/** Room every row gets before its fields are written; longer text makes its own room. */
const ROW_MARGIN = 2048;

/** Hex digit value by UTF-16 code unit; 0xff for anything else. */
const NIBBLE = new Uint8Array(65536).fill(0xff);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  NIBBLE[97 + i] = 10 + i;
  NIBBLE[65 + i] = 10 + i;
}
/** Where the 16 hex pairs of a canonical UUID string start. */
const UUID_PAIRS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

const numericCache = new Map<string, Uint8Array>();

export class BinaryCopyWriter {
  private buf: Buffer;
  private pos: number;
  private readonly slotValues: string[] = new Array<string>(16).fill('');
  private readonly slotBytes: Uint8Array[] = Array.from({ length: 16 }, () => new Uint8Array(16));
  rows = 0;

  constructor(initialBytes = 256 * 1024) {
    this.buf = Buffer.allocUnsafe(Math.max(4096, initialBytes));
    SIGNATURE.copy(this.buf, 0);
    this.buf.fill(0, 11, 19); // flags, header extension length
    this.pos = 19;
  }

  get byteLength(): number {
    return this.pos;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  private int32(v: number): void {
    const b = this.buf;
    const o = this.pos;
    b[o] = v >>> 24;
    b[o + 1] = v >>> 16;
    b[o + 2] = v >>> 8;
    b[o + 3] = v;
    this.pos = o + 4;
  }

  row(fields: number): void {
    this.ensure(ROW_MARGIN);
    const b = this.buf;
    b[this.pos] = fields >>> 8;
    b[this.pos + 1] = fields;
    this.pos += 2;
    this.rows++;
  }

  null(): void {
    this.int32(-1);
  }

  /**
   * A UUID. `slot` (0–15) names a column whose values repeat from row to row (a patient's rows follow each
   * other, so do an encounter's): the last value of each slot is kept parsed, and a repeat is a copy.
   */
  uuid(value: string, slot = -1): void {
    const b = this.buf;
    const at = this.pos;
    this.int32(16);
    if (slot >= 0) {
      let bytes = this.slotBytes[slot]!;
      if (value !== this.slotValues[slot]) {
        bytes = parseUuid(value);
        this.slotValues[slot] = value;
        this.slotBytes[slot] = bytes;
      }
      for (let k = 0; k < 16; k++) b[at + 4 + k] = bytes[k]!;
    } else {
      if (value.length !== 36) throw new TypeError(`not a UUID: ${value}`);
      let bad = 0;
      for (let k = 0; k < 16; k++) {
        const i = UUID_PAIRS[k]!;
        const hi = NIBBLE[value.charCodeAt(i)]!;
        const lo = NIBBLE[value.charCodeAt(i + 1)]!;
        bad |= hi | lo;
        b[at + 4 + k] = (hi << 4) | lo;
      }
      if (bad > 15) throw new TypeError(`not a UUID: ${value}`);
    }
    this.pos = at + 20;
  }

  text(value: string): void {
    const len = value.length;
    if (len > 64) this.ensure(4 + len * 3);
    const b = this.buf;
    const at = this.pos + 4;
    let i = 0;
    for (; i < len; i++) {
      const c = value.charCodeAt(i);
      if (c > 127) break;
      b[at + i] = c;
    }
    if (i === len) {
      this.int32(len);
      this.pos = at + len;
      return;
    }
    // Not ASCII (Chinese names, diagnoses, addresses): the native encoder, straight into the buffer.
    this.ensure(4 + len * 3);
    const n = this.buf.write(value, this.pos + 4, 'utf8');
    this.int32(n);
    this.pos += n;
  }

  bool(value: boolean): void {
    this.int32(1);
    this.buf[this.pos++] = value ? 1 : 0;
  }

  int4(value: number): void {
    this.int32(4);
    this.int32(value);
  }

  int8(value: number): void {
    this.int32(8);
    this.int64(value);
  }

  /** An instant in Unix milliseconds → microseconds since 2000-01-01 UTC. */
  timestamptz(epochMs: number): void {
    this.int32(8);
    this.int64((epochMs - PG_EPOCH_MS) * 1000);
  }

  /** 'YYYY-MM-DD' → days since 2000-01-01. */
  date(iso: string): void {
    const y = digits(iso, 0, 4);
    const m = digits(iso, 5, 2);
    const d = digits(iso, 8, 2);
    if (iso.length !== 10 || Number.isNaN(y + m + d)) throw new TypeError(`not a date: ${iso}`);
    this.int32(4);
    this.int32(Date.UTC(y, m - 1, d) / 86_400_000 - PG_EPOCH_DAYS);
  }

  /** A decimal string ("-12.50", "0.07", "430") in NUMERIC's base-10000 binary form. */
  numeric(value: string): void {
    let bytes = numericCache.get(value);
    if (bytes === undefined) {
      bytes = encodeNumeric(value);
      if (numericCache.size >= 200_000) numericCache.clear();
      numericCache.set(value, bytes);
    }
    this.int32(bytes.length);
    const b = this.buf;
    const at = this.pos;
    for (let k = 0; k < bytes.length; k++) b[at + k] = bytes[k]!;
    this.pos = at + bytes.length;
  }

  textArray(values: readonly string[]): void {
    const start = this.pos;
    this.pos += 4;
    this.int32(values.length ? 1 : 0); // dimensions
    this.int32(0); // has nulls
    this.int32(TEXT_OID);
    if (values.length) {
      this.int32(values.length);
      this.int32(1); // lower bound
    }
    for (const v of values) this.text(v);
    const end = this.pos;
    this.pos = start;
    this.int32(end - start - 4);
    this.pos = end;
  }

  /** jsonb's binary input: a version byte (1) and the JSON text. */
  jsonb(json: string): void {
    this.ensure(5 + json.length * 3);
    const n = this.buf.write(json, this.pos + 5, 'utf8');
    this.int32(n + 1);
    this.buf[this.pos++] = 1;
    this.pos += n;
  }

  /** The finished COPY data (header, rows, trailer). The writer must not be used afterwards. */
  finish(): Buffer {
    this.ensure(2);
    this.buf[this.pos] = 0xff;
    this.buf[this.pos + 1] = 0xff;
    this.pos += 2;
    return this.buf.subarray(0, this.pos);
  }

  private int64(value: number): void {
    const hi = Math.floor(value / TWO_32);
    this.int32(hi);
    this.int32(value - hi * TWO_32);
  }
}

function parseUuid(value: string): Uint8Array {
  if (value.length !== 36) throw new TypeError(`not a UUID: ${value}`);
  const out = new Uint8Array(16);
  let bad = 0;
  for (let k = 0; k < 16; k++) {
    const i = UUID_PAIRS[k]!;
    const hi = NIBBLE[value.charCodeAt(i)]!;
    const lo = NIBBLE[value.charCodeAt(i + 1)]!;
    bad |= hi | lo;
    out[k] = (hi << 4) | lo;
  }
  if (bad > 15) throw new TypeError(`not a UUID: ${value}`);
  return out;
}

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/** NUMERIC binary: ndigits, weight, sign, dscale (int16 each), then base-10000 digits (int16). */
export function encodeNumeric(value: string): Buffer {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new TypeError(`not a decimal number: ${value}`);
  const negative = m[1] === '-';
  const intPart = (m[2] ?? '').replace(/^0+/, '');
  const fracPart = m[3] ?? '';
  const dscale = fracPart.length;
  const intPadded = '0'.repeat((4 - (intPart.length % 4)) % 4) + intPart;
  const fracPadded = fracPart + '0'.repeat((4 - (fracPart.length % 4)) % 4);
  const groups: number[] = [];
  for (let i = 0; i < intPadded.length; i += 4) groups.push(Number(intPadded.slice(i, i + 4)));
  for (let i = 0; i < fracPadded.length; i += 4) groups.push(Number(fracPadded.slice(i, i + 4)));
  let weight = intPadded.length / 4 - 1;
  let first = 0;
  while (first < groups.length && groups[first] === 0) {
    first++;
    weight--;
  }
  let last = groups.length;
  while (last > first && groups[last - 1] === 0) last--;
  const kept = groups.slice(first, last);
  const out = Buffer.alloc(8 + kept.length * 2);
  out.writeInt16BE(kept.length, 0);
  out.writeInt16BE(kept.length ? weight : 0, 2);
  out.writeUInt16BE(negative && kept.length ? 0x4000 : 0, 4);
  out.writeInt16BE(dscale, 6);
  kept.forEach((g, i) => out.writeInt16BE(g, 8 + i * 2));
  return out;
}
