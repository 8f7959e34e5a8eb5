/**
 * 64-bit FNV-1a over the UTF-8 bytes of a string, as 16 hex digits. Pure JavaScript (the domain package runs
 * in browsers too, so no node:crypto), computed on four 16-bit limbs to stay exact without BigInt.
 *
 * Used for stable source keys of rows that have no id of their own. It is NOT a secret-keeping hash: it
 * keeps clear numbers out of keys and logs, but anyone holding a candidate number can recompute it.
 */
const encoder = new TextEncoder();
let scratch = new Uint8Array(256);

export function fnv1a64Hex(text: string): string {
  // UTF-8 needs at most 3 bytes per UTF-16 code unit (a lone surrogate becomes EF BF BD).
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, scratch);
  // Offset basis 0xcbf29ce484222325, least significant limb first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = 0; i < written; i++) {
    h0 ^= scratch[i]!;
    // h *= 0x100000001b3, i.e. h * 0x1b3 + (h << 40), modulo 2^64.
    const t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3 + ((h0 & 0xff) << 8);
    let t3 = h3 * 0x1b3 + (h0 >>> 8) + ((h1 & 0xff) << 8);
    t1 += t0 >>> 16;
    h0 = t0 & 0xffff;
    t2 += t1 >>> 16;
    h1 = t1 & 0xffff;
    t3 += t2 >>> 16;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  return hex4(h3) + hex4(h2) + hex4(h1) + hex4(h0);
}

function hex4(limb: number): string {
  return limb.toString(16).padStart(4, '0');
}
