import { describe, expect, it } from 'vitest';
import { blockCandidates } from './bulk-blocks';

const none = new Map<number, { count: number; ids: string[] }>();

describe('bulk blocks', () => {
  it('pairs each person with the earlier people sharing a key, once per shared key', () => {
    // ord 0 and 2 share key 7; ord 1 and 2 share key 9; ord 3 shares nothing.
    const { earlier, stored } = blockCandidates([[7, 1], [9], [9, 7], [5]], none, 50);
    expect(earlier[0]).toBeUndefined();
    expect(earlier[1]).toBeUndefined();
    expect([...new Set(earlier[2])].sort()).toEqual([0, 1]);
    expect(earlier[3]).toBeUndefined();
    expect(stored.every((s) => s === undefined)).toBe(true);
  });

  it('adds the register’s holders of a key, and counts them against the block cap', () => {
    const holders = new Map([
      [7, { count: 1, ids: ['p-old'] }],
      [9, { count: 3, ids: ['a', 'b', 'c'] }],
    ]);
    const { earlier, stored } = blockCandidates([[7], [9], [9]], holders, 4);
    expect(stored[0]).toEqual(['p-old']);
    // Key 9: two people of the load and three of the register make five, over the cap of four.
    expect(stored[1]).toBeUndefined();
    expect(earlier[2]).toBeUndefined();
  });

  it('leaves out a key held by more people than the cap, however they are spread', () => {
    const many = Array.from({ length: 6 }, () => [42]);
    const { earlier } = blockCandidates(many, none, 5);
    expect(earlier.every((e) => e === undefined)).toBe(true);
    const { earlier: within } = blockCandidates(many.slice(0, 5), none, 5);
    expect(within[4]).toEqual([0, 1, 2, 3]);
  });

  it('tells 48-bit keys apart exactly', () => {
    const a = 2 ** 47 + 1;
    const { earlier } = blockCandidates([[a], [a + 1], [a]], none, 50);
    expect(earlier[1]).toBeUndefined();
    expect(earlier[2]).toEqual([0]);
  });
});
