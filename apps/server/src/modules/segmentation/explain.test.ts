import { describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENTATION_POLICY as P } from '@carebridge/contracts';
import { explainLevel, explainTier, scoreLevel, yuan, type Explained } from './explain';
import { maskName } from './mask-name';
import { monthsBefore } from './months';

const base: Explained = {
  tierRule: 'revenue_top',
  levelRule: 'gold_revenue',
  revenueFen: 2_340_049,
  rankShare: 0.18,
  visitsWindow: 9,
  visitsRecent: 7,
  visitsTotal: 20,
  chronic: 2,
  maxCheckupFen: 580_000,
};

describe('explanations a health manager understands', () => {
  it('says why a patient is A, in both languages', () => {
    expect(explainTier(base, P, 'zh')).toBe('A 类：收入排名前 18%，近 12 个月消费 ¥23,400');
    expect(explainTier(base, P, 'en')).toBe('A: revenue rank top 18%, ¥23,400 in 12 months');
    expect(explainTier({ ...base, tierRule: 'frequency' }, P, 'zh')).toBe(
      'A 类：近 3 个月就诊 7 次（每月 ≥ 2 次）',
    );
    expect(explainTier({ ...base, tierRule: 'premium_checkup' }, P, 'zh')).toBe(
      'A 类：购买高端体检（¥5,800）',
    );
    expect(explainTier({ ...base, tierRule: 'new' }, P, 'en')).toBe('C: first-time customer');
  });

  it('says why a patient holds a level', () => {
    expect(explainLevel(base, P, 'zh')).toBe('金卡：近 12 个月消费 ¥23,400（≥ ¥20,000）');
    expect(explainLevel({ ...base, levelRule: 'silver_visits' }, P, 'en')).toBe(
      'Silver: 9 visits in 12 months (≥ 6)',
    );
  });

  it('rounds money to whole yuan and keeps the sign', () => {
    expect(yuan(0)).toBe('¥0');
    expect(yuan(123_456_789)).toBe('¥1,234,568');
    expect(yuan(-250_000)).toBe('−¥2,500');
  });

  it('reads scores against the policy thresholds', () => {
    expect([0, 29, 30, 59, 60, 100].map((s) => scoreLevel(s, P))).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
    ]);
  });
});

describe('helpers', () => {
  it('masks names as the preview shows them', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('王')).toBe('*');
    expect(maskName('司马光')).toBe('司马*');
    expect(maskName('买买提明')).toBe('买***');
    expect(maskName('Abdul Koepp')).toBe('A***');
  });

  it('counts calendar months back, month ends included', () => {
    expect(monthsBefore(new Date('2026-03-31T16:00:00Z'), 1).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(monthsBefore(new Date('2026-10-31T16:00:00Z'), 12).toISOString()).toBe('2025-10-31T16:00:00.000Z');
  });
});
