import fc from 'fast-check';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentFilterSchema, type SegmentFilter } from '@carebridge/contracts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-db';
import { compileSegmentFilter, type FilterContext } from './filter-compiler';
import { countMatching } from './segments.repository';
import { addPerson } from './segment-fixtures';

const TENANT = '0190a000-0000-7000-8000-00000000f022';
const NOW = new Date('2026-11-02T01:00:00Z');
const CTX: FilterContext = {
  tenantId: TENANT,
  today: '2026-11-02',
  now: NOW,
  thresholds: { mediumFrom: 30, highFrom: 60 },
};
const dialect = new PgDialect();

/**
 * Characters the compiler's own SQL never contains. Every hostile string carries at least one, so finding
 * one of them in the query text would mean user text reached it.
 */
const ALIEN = ["'", '"', '\\', '%', ';', '中', '😀', '\u200b', '`'];
const HOSTILE = [
  "'; DROP TABLE patients; --",
  "' OR '1'='1",
  '\\',
  '%',
  '_',
  '%_%',
  '$1',
  '$$',
  '::text',
  ')) or true --',
  '/* */',
  '{}',
  '{"a","b"}',
  'NULL',
  "E'\\x41'",
  '\r\n',
  '𠮷野家',
];

const piece = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 12 }));
/** 1–40 characters once trimmed (the schema's limit), NUL-free, with an alien character somewhere. */
const hostileText = fc
  .tuple(fc.constantFrom(...ALIEN), fc.array(piece, { maxLength: 4 }), fc.nat())
  .map(([alien, pieces, at]) => {
    const body = pieces.join('').split('\u0000').join('');
    const cut = body.length ? at % body.length : 0;
    return `${body.slice(0, cut)}${alien}${body.slice(cut)}`.trim().slice(0, 40).trim() || alien;
  })
  .filter((s) => ALIEN.some((a) => s.includes(a)));
const texts = fc.array(hostileText, { minLength: 1, maxLength: 4 });
const days = fc.integer({ min: 1, max: 36_500 });
const fen = fc.integer({ min: 0, max: 1e13 });
const some = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });

const leaf: fc.Arbitrary<SegmentFilter> = fc.oneof(
  fc.record({ type: fc.constant('region' as const), province: hostileText, city: hostileText }),
  fc.record({ type: fc.constant('tags' as const), any: texts, all: texts, none: texts }),
  fc.record({ type: fc.constant('tags' as const), none: texts }),
  fc.record({
    type: fc.constant('diagnosis' as const),
    codes: fc.array(fc.stringMatching(/^[A-Z][0-9A-Z.]{0,7}$/), { minLength: 1, maxLength: 3 }),
    chronicOnly: fc.boolean(),
    withinDays: days,
  }),
  fc.record({
    type: fc.constant('visits' as const),
    withinDays: days,
    departmentIds: fc.array(fc.uuid({ version: 7 }), { minLength: 1, maxLength: 3 }),
    kinds: some(['outpatient', 'emergency', 'inpatient', 'checkup', 'online'] as const),
    min: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({ type: fc.constant('spend' as const), withinDays: days, maxFen: fen }),
  fc.record({ type: fc.constant('spend' as const), withinDays: days, minFen: fen }),
  fc.record({ type: fc.constant('age' as const), min: fc.integer({ min: 0, max: 150 }) }),
  fc.record({ type: fc.constant('urgency' as const), in: some(['low', 'medium', 'high'] as const) }),
  fc.record({
    type: fc.constant('revenueTop' as const),
    percent: fc.double({ min: 0.1, max: 100, noNaN: true }),
  }),
  fc.record({ type: fc.constant('lastContact' as const), olderThanDays: days }),
  fc.record({
    type: fc.constant('consent' as const),
    purpose: fc.constantFrom('care_follow_up', 'marketing', 'research', 'data_sharing'),
    granted: fc.boolean(),
  }),
);

const { tree } = fc.letrec<{ tree: SegmentFilter }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    leaf,
    fc.record({
      type: fc.constantFrom('and' as const, 'or' as const),
      conditions: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ type: fc.constant('not' as const), condition: tie('tree') }),
  ),
}));

/** Every string value in a tree (what must never appear in the SQL text). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('filter fuzzing', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    await addPerson(database.db, TENANT, NOW, {
      name: '甲',
      tags: ["'; DROP TABLE patients; --"],
      region: ['%'],
      visits: [{ daysAgo: 3 }],
      charges: [{ fen: 100, daysAgo: 3 }],
      diagnoses: [{ code: 'E11', daysAgo: 3 }],
      value: { urgency: 50 },
    });
    await addPerson(database.db, TENANT, NOW, { name: '乙' });
  });
  afterAll(() => database.close());

  it('valid trees of hostile text compile to parameters only, and run', async () => {
    await fc.assert(
      fc.asyncProperty(tree, async (raw) => {
        const parsed = segmentFilterSchema.safeParse(raw);
        fc.pre(parsed.success);
        const filter = parsed.data;
        const where = compileSegmentFilter(filter, CTX);
        const { sql: text } = dialect.sqlToQuery(where);
        expect(text).toMatch(/^[\x20-\x7e]*$/);
        for (const alien of ALIEN) expect(text).not.toContain(alien);
        for (const s of strings(filter).filter((s) => ALIEN.some((a) => s.includes(a))))
          expect(text).not.toContain(s);
        const n = await countMatching(database.db, where);
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThanOrEqual(2);
      }),
      { numRuns: 150 },
    );
    expect(await countMatching(database.db, compileSegmentFilter({ type: 'vip', value: false }, CTX))).toBe(
      2,
    );
  }, 20_000);

  const isPath = (p: unknown) =>
    Array.isArray(p) && p.every((k) => typeof k === 'string' || typeof k === 'number');

  it('JSON junk never throws; what is refused carries issue paths', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (junk) => {
        const result = segmentFilterSchema.safeParse(junk);
        if (!result.success) {
          expect(result.error.issues.length).toBeGreaterThan(0);
          for (const issue of result.error.issues) expect(isPath(issue.path)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('junk put anywhere in a valid tree is reported at that place (or just above it)', () => {
    const located = tree.chain((valid) => {
      const places = pathsOf(valid);
      return fc.tuple(fc.constant(valid), fc.constantFrom(...places), fc.jsonValue({ maxDepth: 3 }));
    });
    fc.assert(
      fc.property(located, ([valid, place, junk]) => {
        const broken = replaceAt(valid, place, junk);
        const result = segmentFilterSchema.safeParse(broken);
        if (result.success) return;
        const parent = place.slice(0, -1).join('.');
        const near = result.error.issues.some((i) => {
          const at = i.path.map(String).join('.');
          return at.startsWith(parent) || place.join('.').startsWith(at);
        });
        expect(near, JSON.stringify({ place, issues: result.error.issues })).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('text longer than the limit is refused at its path, not truncated', () => {
    const long = 'x'.repeat(10_000);
    const result = segmentFilterSchema.safeParse({ type: 'tags', any: ['ok', long] });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path)).toEqual([['any', 1]]);
  });
});

type Path = (string | number)[];

function pathsOf(value: unknown, at: Path = []): Path[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => pathsOf(v, [...at, i]))];
  if (value && typeof value === 'object')
    return [at, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]))];
  return [at];
}

function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head!] = replaceAt(copy[head!], rest, replacement);
  return copy;
}
