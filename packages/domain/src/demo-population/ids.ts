import type { Rng } from './prng';
import { DAY_MS, dayOf, instantOf } from './time';

/** Row kinds with their own counter per patient (the 12-bit rand_a field of the UUID). */
export const ID_SPACE = {
  patient: 0,
  phone: 1,
  identifier: 2,
  contact: 3,
  consent: 4,
  encounter: 5,
  diagnosis: 6,
  result: 7,
  medication: 8,
  allergy: 9,
  procedure: 10,
  familyHistory: 11,
  charge: 12,
} as const;
export type IdSpace = (typeof ID_SPACE)[keyof typeof ID_SPACE];

/**
 * Deterministic UUIDv7-shaped ids. The 48-bit time field is an "import clock": patient i of the run gets
 * millisecond `base + i`, where base is local midnight of the day before `asOf`, as if the hospital's
 * records had been imported one patient per millisecond. All rows of a patient share that millisecond and
 * are told apart by a per-kind counter in rand_a, then 62 bits from the patient's PRNG. So ids are unique,
 * valid version-7 UUIDs, sort in load order (append-only primary-key inserts) and stay older than any id
 * the application makes after the import.
 */
export class DemoIds {
  private readonly baseMs: number;

  constructor(asOf: string) {
    this.baseMs = instantOf(dayOf(asOf), 0) - DAY_MS;
  }

  /** The id source of patient `index`, drawing its random bits from the patient's own PRNG. */
  forPatient(index: number, rng: Rng): PatientIdSource {
    return new PatientIdSource(this.baseMs + index, rng);
  }

  /** The "import clock" instant of a patient, used for its ids. */
  instantOfPatient(index: number): number {
    return this.baseMs + index;
  }
}

export class PatientIdSource {
  /** Character codes of the id being built; the first 15 (time and version) are the patient's. */
  private readonly chars: number[];
  private readonly counters = new Uint16Array(16);

  constructor(
    ms: number,
    private readonly rng: Rng,
  ) {
    const hi = Math.floor(ms / 2 ** 16);
    const lo = ms % 2 ** 16;
    const hex = hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(4, '0');
    const prefix = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7`;
    this.chars = Array.from({ length: 36 }, (_, i) => (i < prefix.length ? prefix.charCodeAt(i) : DASH));
  }

  /**
   * The next id of a kind. Built as one flat string from character codes: concatenating the pieces would
   * make a rope that costs several times more to create and to read back (these are tens of millions).
   */
  next(space: IdSpace): string {
    const n = this.counters[space]!;
    if (n >= 4096) throw new RangeError('more than 4096 rows of one kind for one patient');
    this.counters[space] = n + 1;
    const r1 = this.rng.u32();
    const r2 = this.rng.u32();
    const c = this.chars;
    c[15] = HEX_CHARS[(n >>> 8) & 15]!;
    c[16] = HEX_CHARS[(n >>> 4) & 15]!;
    c[17] = HEX_CHARS[n & 15]!;
    // c[18] is '-'
    c[19] = HEX_CHARS[0x8 | ((r1 >>> 4) & 0x3)]!;
    c[20] = HEX_CHARS[r1 & 15]!;
    c[21] = HEX_CHARS[(r1 >>> 12) & 15]!;
    c[22] = HEX_CHARS[(r1 >>> 8) & 15]!;
    // c[23] is '-'
    for (let k = 0; k < 4; k++) c[24 + k] = HEX_CHARS[(r1 >>> (16 + 4 * k)) & 15]!;
    for (let k = 0; k < 8; k++) c[28 + k] = HEX_CHARS[(r2 >>> (4 * k)) & 15]!;
    return String.fromCharCode.apply(null, c);
  }
}

const DASH = 45;
const HEX_CHARS = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));
