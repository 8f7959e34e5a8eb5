/**
 * The candidates of a bulk load, found in memory: two people are candidates when they share a blocking key
 * that at most `maxBlock` people hold (counting the load's people and those already in the register), and
 * a person of the load is compared with the people of the load before it and with the register's.
 * The same pairs the ordinary import finds one batch at a time; here one sort of all keys replaces a
 * self-join of millions of key rows in the database.
 *
 * People of the load are numbered by their place in the file (`ord`).
 */
export interface BlockCandidates {
  /** Earlier people of the load, by ord (ascending), for each ord that has any. */
  earlier: (number[] | undefined)[];
  /** People of the register, by id, for each ord that has any. */
  stored: (string[] | undefined)[];
}

export function blockCandidates(
  keysByOrd: readonly (readonly number[])[],
  storedHolders: ReadonlyMap<number, { count: number; ids: readonly string[] }>,
  maxBlock: number,
): BlockCandidates {
  let total = 0;
  for (const keys of keysByOrd) total += keys.length;
  const keyOf = new Float64Array(total); // 48-bit keys: exact in a double
  const ordOf = new Uint32Array(total);
  let at = 0;
  keysByOrd.forEach((keys, ord) => {
    for (const key of keys) {
      keyOf[at] = key;
      ordOf[at++] = ord;
    }
  });
  const order = new Uint32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  order.sort((a, b) => keyOf[a]! - keyOf[b]! || ordOf[a]! - ordOf[b]!);

  const earlier: (number[] | undefined)[] = new Array<number[] | undefined>(keysByOrd.length);
  const stored: (string[] | undefined)[] = new Array<string[] | undefined>(keysByOrd.length);
  for (let start = 0; start < total;) {
    const key = keyOf[order[start]!]!;
    let end = start + 1;
    while (end < total && keyOf[order[end]!] === key) end++;
    const register = storedHolders.get(key);
    const holders = register?.ids ?? [];
    const size = end - start + (register?.count ?? 0);
    if (size >= 2 && size <= maxBlock)
      for (let i = start; i < end; i++) {
        const ord = ordOf[order[i]!]!;
        for (let j = start; j < i; j++) {
          const other = ordOf[order[j]!]!;
          if (other !== ord) (earlier[ord] ??= []).push(other);
        }
        if (holders.length) (stored[ord] ??= []).push(...holders);
      }
    start = end;
  }
  return { earlier, stored };
}
