import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SegmentFilter } from '@carebridge/contracts';
import { createTestApp, type Session, type TestApp } from '../../testing/test-app';
import { testDbKinds } from '../../testing/test-db';
import { addDepartment, addPerson, type PersonSpec } from './segment-fixtures';

/**
 * Every condition of the segment builder against a small population whose answer is known by hand. The
 * clock stands at 2026-11-02 09:00 in Shanghai; default score cut-offs: medium from 30, high from 60.
 */
describe.each(testDbKinds())('segment filters on %s', (kind) => {
  let t: TestApp;
  let marketing: Session;
  let cardio: string;
  let emergency: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    marketing = await t.login('marketing');
    const db = t.database.db;
    const tenant = t.deps.tenantId;
    const now = t.clock.now();
    cardio = await addDepartment(db, tenant, '心血管内科');
    emergency = await addDepartment(db, tenant, '急诊科');
    const add = (p: PersonSpec) => addPerson(db, tenant, now, p);
    const zhang = await add({
      name: '张一',
      gender: 'male',
      birthDate: '1960-05-01',
      region: ['广东省', '广州市', '天河区'],
      tags: ['慢病管理', '高血压'],
      vip: true,
      value: {
        tier: 'A',
        level: 'gold',
        rfm: [5, 4, 5],
        clvFen: 500_000,
        churn: 'low',
        urgency: 80,
        risk: 20,
        revenueFen: 1_000_000,
        revenueRankShare: 0.05,
        lastVisitDaysAgo: 3,
      },
      visits: [
        { daysAgo: 3, departmentId: cardio },
        { daysAgo: 10, departmentId: cardio },
        { daysAgo: 20, departmentId: cardio },
        { daysAgo: 5, departmentId: cardio, status: 'cancelled' },
        { daysAgo: 6, departmentId: cardio, status: 'no_show' },
      ],
      diagnoses: [
        { code: 'I10', daysAgo: 400, chronic: true },
        { code: 'E11.9', daysAgo: 20, chronic: true },
      ],
      charges: [{ fen: 600_000, daysAgo: 10 }],
      consents: [
        { purpose: 'care_follow_up', channel: 'sms', granted: true },
        { purpose: 'marketing', channel: 'wechat', granted: true },
      ],
    });
    await add({
      name: '李二',
      gender: 'female',
      birthDate: '1990-11-02',
      region: ['广东省', '深圳市', '南山区'],
      tags: ['高血压'],
      value: {
        tier: 'B',
        level: 'silver',
        rfm: [3, 3, 3],
        clvFen: 100_000,
        churn: 'medium',
        urgency: 30,
        risk: 70,
        revenueFen: 200_000,
        revenueRankShare: 0.2,
        lastVisitDaysAgo: 100,
      },
      visits: [{ daysAgo: 100, kind: 'emergency', departmentId: emergency }],
      diagnoses: [{ code: 'J06.9', daysAgo: 100 }],
      charges: [{ fen: 200_000, daysAgo: 100, category: 'examination' }],
      consents: [
        { purpose: 'care_follow_up', channel: 'sms', granted: false },
        { purpose: 'marketing', channel: 'sms', granted: true },
      ],
    });
    await add({ name: '王三' });
    await add({
      name: '赵四',
      gender: 'male',
      birthDate: '1990-11-03',
      region: ['北京市', '北京市', '朝阳区'],
      tags: ['糖尿病'],
      value: {
        tier: 'C',
        level: 'regular',
        clvFen: -5_000,
        churn: 'high',
        urgency: 29,
        risk: 60,
        revenueRankShare: 1,
        lastVisitDaysAgo: null,
      },
      visits: [
        { daysAgo: -5, departmentId: cardio, status: 'planned' },
        { daysAgo: 10, departmentId: cardio, status: 'cancelled' },
      ],
      diagnoses: [{ code: 'E10.1', daysAgo: 10 }],
    });
    await add({
      name: '郑八',
      gender: 'female',
      birthDate: '2000-02-29',
      region: ['广东省', '广州市', '越秀区'],
      tags: ['VIP客户'],
      vip: true,
      visits: [
        { daysAgo: 200, kind: 'checkup' },
        { daysAgo: 210, kind: 'checkup' },
      ],
      charges: [
        { fen: 50_000, daysAgo: 200, category: 'checkup_package' },
        { fen: 1_000, daysAgo: 400, category: 'consultation' },
      ],
      consents: [{ purpose: 'research', channel: 'email', granted: true }],
    });
    // Records that match nearly everything but are not live people of the tenant any more.
    const everything: Omit<PersonSpec, 'name'> = {
      gender: 'male',
      birthDate: '1960-05-01',
      region: ['广东省', '广州市', '天河区'],
      tags: ['慢病管理', '高血压'],
      vip: true,
      value: { tier: 'A', level: 'gold', urgency: 80, revenueRankShare: 0.01, lastVisitDaysAgo: 3 },
      visits: [{ daysAgo: 3, departmentId: cardio }],
      diagnoses: [{ code: 'I10', daysAgo: 3, chronic: true }],
      charges: [{ fen: 600_000, daysAgo: 3 }],
      consents: [{ purpose: 'care_follow_up', channel: 'sms', granted: true }],
    };
    await add({ name: '孙五', ...everything, mergedInto: zhang });
    await add({ name: '周六', ...everything, erased: true });
    await add({ name: '吴七', ...everything, deceased: true });
  });
  afterAll(() => t.close());

  /** The names a filter selects, through a saved dynamic segment's member list; the live count must agree. */
  async function who(filter: SegmentFilter): Promise<string[]> {
    const counted = await t.as(marketing, {
      method: 'POST',
      url: '/api/segments/count',
      payload: { filter },
    });
    expect(counted.statusCode, counted.body).toBe(200);
    const saved = await t.as(marketing, {
      method: 'POST',
      url: '/api/segments',
      payload: { name: '条件核对', kind: 'dynamic', filter },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const { id, count } = saved.json();
    const members = await t.as(marketing, { method: 'GET', url: `/api/segments/${id}/members?limit=200` });
    await t.as(marketing, { method: 'DELETE', url: `/api/segments/${id}` });
    const names = members
      .json()
      .items.map((m: { name: string }) => m.name)
      .sort();
    expect(counted.json().count).toBe(names.length);
    expect(count).toBe(names.length);
    return names;
  }

  const cases: [string, () => SegmentFilter, string[]][] = [
    ['gender male', () => ({ type: 'gender', in: ['male'] }), ['张一', '赵四']],
    ['gender unknown', () => ({ type: 'gender', in: ['unknown'] }), ['王三']],
    ['age ≥ 36 (a birthday today counts)', () => ({ type: 'age', min: 36 }), ['李二', '张一']],
    ['age ≤ 35 (a birthday tomorrow does not)', () => ({ type: 'age', max: 35 }), ['赵四', '郑八']],
    ['age 26 (born 29 February)', () => ({ type: 'age', min: 26, max: 26 }), ['郑八']],
    [
      'not age ≥ 36 includes no birth date',
      () => ({ type: 'not', condition: { type: 'age', min: 36 } }),
      ['王三', '赵四', '郑八'],
    ],
    ['province', () => ({ type: 'region', province: '广东省' }), ['李二', '张一', '郑八']],
    ['province and city', () => ({ type: 'region', province: '广东省', city: '广州市' }), ['张一', '郑八']],
    [
      'district',
      () => ({ type: 'region', province: '广东省', city: '广州市', district: '越秀区' }),
      ['郑八'],
    ],
    [
      'not province (no address is not Guangdong)',
      () => ({ type: 'not', condition: { type: 'region', province: '广东省' } }),
      ['王三', '赵四'],
    ],
    ['tier A', () => ({ type: 'tier', in: ['A'] }), ['张一']],
    ['tier B or C', () => ({ type: 'tier', in: ['B', 'C'] }), ['李二', '赵四']],
    [
      'not tier A includes the ungraded',
      () => ({ type: 'not', condition: { type: 'tier', in: ['A'] } }),
      ['李二', '王三', '赵四', '郑八'],
    ],
    ['level gold', () => ({ type: 'level', in: ['gold'] }), ['张一']],
    ['level silver or regular', () => ({ type: 'level', in: ['silver', 'regular'] }), ['李二', '赵四']],
    ['recency ≥ 3', () => ({ type: 'rfm', dimension: 'recency', min: 3 }), ['李二', '张一']],
    ['frequency ≤ 3', () => ({ type: 'rfm', dimension: 'frequency', max: 3 }), ['李二', '赵四']],
    ['monetary = 5', () => ({ type: 'rfm', dimension: 'monetary', min: 5, max: 5 }), ['张一']],
    ['CLV ≥ 0', () => ({ type: 'clv', minFen: 0 }), ['李二', '张一']],
    ['CLV ≤ 0 (negative value)', () => ({ type: 'clv', maxFen: 0 }), ['赵四']],
    ['CLV exactly 1,000 yuan', () => ({ type: 'clv', minFen: 100_000, maxFen: 100_000 }), ['李二']],
    ['churn high', () => ({ type: 'churnRisk', in: ['high'] }), ['赵四']],
    ['churn low or medium', () => ({ type: 'churnRisk', in: ['low', 'medium'] }), ['李二', '张一']],
    ['urgency high', () => ({ type: 'urgency', in: ['high'] }), ['张一']],
    ['urgency medium (30 is medium)', () => ({ type: 'urgency', in: ['medium'] }), ['李二']],
    ['urgency low (29 is low)', () => ({ type: 'urgency', in: ['low'] }), ['赵四']],
    ['urgency low or high', () => ({ type: 'urgency', in: ['low', 'high'] }), ['张一', '赵四']],
    ['risk high (60 is high)', () => ({ type: 'risk', in: ['high'] }), ['李二', '赵四']],
    ['risk low', () => ({ type: 'risk', in: ['low'] }), ['张一']],
    ['top 20% by revenue (boundary included)', () => ({ type: 'revenueTop', percent: 20 }), ['李二', '张一']],
    ['top 10% by revenue', () => ({ type: 'revenueTop', percent: 10 }), ['张一']],
    ['diagnosis I10', () => ({ type: 'diagnosis', codes: ['I10'] }), ['张一']],
    ['diagnosis prefix E1', () => ({ type: 'diagnosis', codes: ['E1'] }), ['张一', '赵四']],
    ['diagnosis E1, chronic', () => ({ type: 'diagnosis', codes: ['E1'], chronicOnly: true }), ['张一']],
    // Chronic categories come from the graded value row: merged, anonymised and deceased records stay out.
    [
      'diagnosis I10 or E11, chronic',
      () => ({ type: 'diagnosis', codes: ['I10', 'E11'], chronicOnly: true }),
      ['张一'],
    ],
    [
      'diagnosis E11.9, chronic',
      () => ({ type: 'diagnosis', codes: ['E11.9'], chronicOnly: true }),
      ['张一'],
    ],
    ['diagnosis E1 within 15 days', () => ({ type: 'diagnosis', codes: ['E1'], withinDays: 15 }), ['赵四']],
    ['diagnosis I10 within a year', () => ({ type: 'diagnosis', codes: ['I10'], withinDays: 365 }), []],
    ['diagnosis J or I', () => ({ type: 'diagnosis', codes: ['J', 'I'] }), ['张一', '李二']],
    [
      'visited in 30 days (not cancelled, not planned)',
      () => ({ type: 'visits', withinDays: 30, min: 1 }),
      ['张一'],
    ],
    [
      'exactly 3 visits in 30 days (cancelled, no-show not counted)',
      () => ({ type: 'visits', withinDays: 30, min: 3, max: 3 }),
      ['张一'],
    ],
    [
      'at most 2 visits in 30 days (none is not "at most 2")',
      () => ({ type: 'visits', withinDays: 30, max: 2 }),
      [],
    ],
    ['visited in a year', () => ({ type: 'visits', withinDays: 365, min: 1 }), ['李二', '张一', '郑八']],
    ['once in a year', () => ({ type: 'visits', withinDays: 365, max: 1 }), ['李二']],
    [
      'two check-ups in a year',
      () => ({ type: 'visits', withinDays: 365, kinds: ['checkup'], min: 2 }),
      ['郑八'],
    ],
    [
      'three check-ups in a year',
      () => ({ type: 'visits', withinDays: 365, kinds: ['checkup'], min: 3 }),
      [],
    ],
    [
      'cardiology in a year',
      () => ({ type: 'visits', withinDays: 365, departmentIds: [cardio], min: 1 }),
      ['张一'],
    ],
    [
      'cardiology or emergency department',
      () => ({ type: 'visits', withinDays: 365, departmentIds: [cardio, emergency], min: 1 }),
      ['张一', '李二'],
    ],
    [
      'spent ≥ 1,000 yuan in a year',
      () => ({ type: 'spend', withinDays: 365, minFen: 100_000 }),
      ['李二', '张一'],
    ],
    [
      'spent ≥ 510 yuan in a year (older charge outside)',
      () => ({ type: 'spend', withinDays: 365, minFen: 51_000 }),
      ['李二', '张一'],
    ],
    [
      'spent ≤ 2,500 yuan (nothing counts)',
      () => ({ type: 'spend', withinDays: 365, maxFen: 250_000 }),
      ['李二', '王三', '赵四', '郑八'],
    ],
    [
      'spent 0.01 – 1,000 yuan',
      () => ({ type: 'spend', withinDays: 365, minFen: 1, maxFen: 100_000 }),
      ['郑八'],
    ],
    [
      'check-up packages',
      () => ({ type: 'spend', withinDays: 365, categories: ['checkup_package'], minFen: 1 }),
      ['郑八'],
    ],
    ['spent in 30 days', () => ({ type: 'spend', withinDays: 30, minFen: 1 }), ['张一']],
    ['tags any', () => ({ type: 'tags', any: ['高血压'] }), ['李二', '张一']],
    ['tags all', () => ({ type: 'tags', all: ['慢病管理', '高血压'] }), ['张一']],
    ['tags none', () => ({ type: 'tags', none: ['高血压'] }), ['王三', '赵四', '郑八']],
    [
      'tags any and none',
      () => ({ type: 'tags', any: ['高血压', '糖尿病'], none: ['慢病管理'] }),
      ['李二', '赵四'],
    ],
    [
      'follow-up consent granted',
      () => ({ type: 'consent', purpose: 'care_follow_up', granted: true }),
      ['张一'],
    ],
    [
      'no follow-up consent (withdrawn or never asked)',
      () => ({ type: 'consent', purpose: 'care_follow_up', granted: false }),
      ['李二', '王三', '赵四', '郑八'],
    ],
    [
      'marketing by SMS',
      () => ({ type: 'consent', purpose: 'marketing', channel: 'sms', granted: true }),
      ['李二'],
    ],
    [
      'marketing on any channel',
      () => ({ type: 'consent', purpose: 'marketing', granted: true }),
      ['李二', '张一'],
    ],
    [
      'no marketing by WeChat',
      () => ({ type: 'consent', purpose: 'marketing', channel: 'wechat', granted: false }),
      ['李二', '王三', '赵四', '郑八'],
    ],
    ['seen in 30 days', () => ({ type: 'lastContact', withinDays: 30 }), ['张一']],
    [
      'not seen for 90 days (or never)',
      () => ({ type: 'lastContact', olderThanDays: 90 }),
      ['李二', '王三', '赵四', '郑八'],
    ],
    [
      'last seen 90–120 days ago',
      () => ({ type: 'lastContact', olderThanDays: 90, withinDays: 120 }),
      ['李二'],
    ],
    ['VIP', () => ({ type: 'vip', value: true }), ['张一', '郑八']],
    ['not VIP', () => ({ type: 'vip', value: false }), ['李二', '王三', '赵四']],
    [
      'male VIP',
      () => ({
        type: 'and',
        conditions: [
          { type: 'gender', in: ['male'] },
          { type: 'vip', value: true },
        ],
      }),
      ['张一'],
    ],
    [
      'tier A or diabetic tag',
      () => ({
        type: 'or',
        conditions: [
          { type: 'tier', in: ['A'] },
          { type: 'tags', any: ['糖尿病'] },
        ],
      }),
      ['张一', '赵四'],
    ],
    [
      'neither VIP nor tier B',
      () => ({
        type: 'not',
        condition: {
          type: 'or',
          conditions: [
            { type: 'vip', value: true },
            { type: 'tier', in: ['B'] },
          ],
        },
      }),
      ['王三', '赵四'],
    ],
    [
      'Guangdong but not tier A',
      () => ({
        type: 'and',
        conditions: [
          { type: 'region', province: '广东省' },
          { type: 'not', condition: { type: 'tier', in: ['A'] } },
        ],
      }),
      ['李二', '郑八'],
    ],
    [
      'nested groups',
      () => ({
        type: 'or',
        conditions: [
          {
            type: 'and',
            conditions: [
              { type: 'gender', in: ['female'] },
              { type: 'age', max: 30 },
            ],
          },
          {
            type: 'and',
            conditions: [
              { type: 'tags', any: ['糖尿病'] },
              { type: 'not', condition: { type: 'consent', purpose: 'care_follow_up', granted: true } },
            ],
          },
        ],
      }),
      ['赵四', '郑八'],
    ],
  ];

  it.each(cases)('%s', async (_label, filter, expected) => {
    expect(await who(filter())).toEqual([...expected].sort());
  });
});
