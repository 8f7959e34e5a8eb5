import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@carebridge/db';
import type { SegmentFilter } from '@carebridge/contracts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-db';
import { compileSegmentFilter, likePrefix, type FilterContext } from './filter-compiler';
import { countMatching } from './segments.repository';
import { addPerson } from './segment-fixtures';

const TENANT = '0190a000-0000-7000-8000-00000000c0de';
const NOW = new Date('2026-11-02T01:00:00Z');
const CTX: FilterContext = {
  tenantId: TENANT,
  today: '2026-11-02',
  now: NOW,
  thresholds: { mediumFrom: 30, highFrom: 60 },
};
const dialect = new PgDialect();
const render = (filter: SegmentFilter, ctx: FilterContext = CTX) =>
  dialect.sqlToQuery(compileSegmentFilter(filter, ctx));

describe('compileSegmentFilter', () => {
  it('always limits to the tenant’s live records, the tenant as a parameter', () => {
    const q = render({ type: 'vip', value: true });
    expect(q.sql).toMatch(
      /^\(p\.tenant_id = \$1 and p\.merged_into is null and p\.erased_at is null and not p\.deceased and/,
    );
    expect(q.params).toEqual([TENANT, true]);
  });

  it('sends user text as parameters, never as SQL text', () => {
    const hostile = "广东'; DROP TABLE patients; --";
    const q = render({ type: 'region', province: hostile, city: 'a\\b' });
    expect(q.sql).not.toContain('DROP');
    expect(q.sql).not.toMatch(/['\\]/);
    expect(q.params).toEqual([TENANT, hostile, 'a\\b']);
  });

  it('sends a list as one typed array parameter', () => {
    const q = render({ type: 'tags', any: ['甲', '乙', '丙'], none: ['丁'] });
    expect(q.sql).toContain('p.tags && $2::text[] and not (p.tags && $3::text[])');
    expect(q.params).toEqual([TENANT, ['甲', '乙', '丙'], ['丁']]);
  });

  it('parenthesises every group, so AND binds inside OR as the tree says', () => {
    const q = render({
      type: 'not',
      condition: {
        type: 'or',
        conditions: [
          { type: 'vip', value: true },
          {
            type: 'and',
            conditions: [
              { type: 'gender', in: ['male'] },
              { type: 'vip', value: false },
            ],
          },
        ],
      },
    });
    expect(q.sql).toContain(
      'not p.deceased and (not ((p.vip = $2) or ((p.gender = any($3::text[])) and (p.vip = $4)))))',
    );
  });

  it('escapes LIKE wildcards in ICD-10 prefixes even though the schema forbids them', () => {
    expect(likePrefix('E11')).toBe('E11%');
    expect(likePrefix('E1_%\\')).toBe('E1\\_\\%\\\\%');
    const q = render({ type: 'diagnosis', codes: ['I10', 'E11'], chronicOnly: true, withinDays: 30 });
    expect(q.params).toContain('I10%');
    expect(q.params).toContain('E11%');
    expect(q.sql).toContain('(d.icd10_code like $3 or d.icd10_code like $4) and d.chronic');
  });

  it('maps urgency levels through the policy’s cut-offs', () => {
    const q = render(
      { type: 'urgency', in: ['medium'] },
      { ...CTX, thresholds: { mediumFrom: 40, highFrom: 75 } },
    );
    expect(q.sql).toContain('v.patient_id is not null and ((v.urgency >= $2 and v.urgency < $3))');
    expect(q.params.slice(1)).toEqual([40, 75]);
  });

  it('counts visits only when a count is asked for', () => {
    expect(render({ type: 'visits', withinDays: 30, min: 1 }).sql).not.toContain('group by');
    expect(render({ type: 'visits', withinDays: 30, min: 2 }).sql).toContain('having count(*) >= $');
  });

  it('spending at most X is "not above X", so those who spent nothing qualify', () => {
    expect(render({ type: 'spend', withinDays: 365, maxFen: 100 }).sql).toContain(
      'p.id not in (select ch.patient_id',
    );
    expect(render({ type: 'spend', withinDays: 365, minFen: 0 }).sql).toMatch(/and \(true\)\)$/);
  });
});

describe('compiled filters on PGlite', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    await addPerson(database.db, TENANT, NOW, {
      name: '甲',
      diagnoses: [{ code: 'E11.9', daysAgo: 3 }],
    });
    await addPerson(database.db, TENANT, NOW, { name: '乙', tags: ['%', '_'], region: ['%'] });
    // Another tenant's patient with the same diagnosis is never counted.
    await addPerson(database.db, newId(), NOW, { name: '丙', diagnoses: [{ code: 'E11.9', daysAgo: 3 }] });
  });
  afterAll(() => database.close());

  const count = (filter: SegmentFilter) => countMatching(database.db, compileSegmentFilter(filter, CTX));

  it('a forged wildcard in a code (past the schema) matches only itself', async () => {
    expect(await count({ type: 'diagnosis', codes: ['E1'] })).toBe(1);
    expect(await count({ type: 'diagnosis', codes: ['E_'] })).toBe(0);
    expect(await count({ type: 'diagnosis', codes: ['%'] })).toBe(0);
  });

  it('wildcard characters in tags and regions are plain text', async () => {
    expect(await count({ type: 'tags', any: ['%'] })).toBe(1);
    expect(await count({ type: 'tags', all: ['%', '_'] })).toBe(1);
    expect(await count({ type: 'region', province: '%' })).toBe(1);
    expect(await count({ type: 'region', province: '_' })).toBe(0);
  });
});
