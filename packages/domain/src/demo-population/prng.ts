/**
 * A small, fast, seedable PRNG for demo data: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator,
 * PractRand-clean at 32 bits). Chosen over pure-rand's immutable generators because the generator draws
 * ~200 numbers per patient and a mutable 4×32-bit state costs nothing per draw. Every patient gets its own
 * stream, seeded from (seed, patient index), so a patient's data never depends on how many numbers the
 * patients before it consumed.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: number) {
    this.a = seed >>> 0;
    this.b = mix32(stream ^ 0x9e3779b9);
    this.c = mix32((seed ^ 0x85ebca6b) + stream * 0x27d4eb2f);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi] (both inclusive). */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** Standard normal (Box–Muller, one value per call: simplicity over the cached twin). */
  normal(): number {
    let u = this.float();
    if (u < 1e-12) u = 1e-12;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  /** Log-normal with the given median and log-space sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson by inversion (small means only, as used here). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }
}

/** Murmur3's 32-bit finaliser: a good avalanche for turning counters into seeds. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units of a string: turns `--seed anything` into a 32-bit seed. */
export function hashSeed(seed: number | string): number {
  const s = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** Draws items by weight in O(log n): cumulative weights and a binary search. */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new Error('Weighted needs at least one entry');
    this.items = entries.map((e) => e[0]);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, w], i) => {
      if (!(w >= 0)) throw new Error(`negative or missing weight at ${i}`);
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  pick(rng: Rng): T {
    const x = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/**
 * A keyed bijection on [0, size): a 4-round Feistel network on the smallest even number of bits that
 * covers `size`, with cycle walking. Turns patient indexes into unique, random-looking phone numbers.
 */
export class Permutation {
  private readonly halfBits: number;
  private readonly mask: number;
  private readonly keys: readonly number[];

  constructor(
    private readonly size: number,
    key: number,
  ) {
    let bits = 2;
    while (2 ** bits < size) bits += 2;
    this.halfBits = bits / 2;
    this.mask = (1 << this.halfBits) - 1;
    this.keys = [1, 2, 3, 4].map((r) => mix32(key + r * 0x9e3779b9));
  }

  apply(x: number): number {
    if (x < 0 || x >= this.size) throw new RangeError(`${x} is outside [0, ${this.size})`);
    let v = x;
    do v = this.round(v);
    while (v >= this.size);
    return v;
  }

  private round(x: number): number {
    let left = Math.floor(x / (this.mask + 1));
    let right = x & this.mask;
    for (const k of this.keys) {
      const f = mix32((right ^ k) >>> 0) & this.mask;
      const next = left ^ f;
      left = right;
      right = next;
    }
    return left * (this.mask + 1) + right;
  }
}
