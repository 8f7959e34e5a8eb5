import { describe, expect, it } from 'vitest';
import { clvFactor, lifetimeValueFen } from './clv';

describe('customer lifetime value', () => {
  it('agrees with a hand-computed example', () => {
    // ¥12,000 a year, 25% margin → ¥3,000 profit, minus ¥300 upkeep = ¥2,700 a year.
    // Retention 0.8, discount 10%, 3 years:
    //   year 1: 2,700 × 1      / 1.1   = 2,454.545…
    //   year 2: 2,700 × 0.8    / 1.21  = 1,785.124…
    //   year 3: 2,700 × 0.64   / 1.331 = 1,298.272…
    //   sum                            = 5,537.941…; minus ¥200 acquisition = ¥5,337.94 → 533,794 fen
    const fen = lifetimeValueFen({
      yearlySpendingFen: 1_200_000,
      margin: 0.25,
      maintenanceCostFen: 30_000,
      retention: 0.8,
      discountRate: 0.1,
      horizonYears: 3,
      acquisitionCostFen: 20_000,
    });
    expect(fen).toBe(533_794);
  });

  it('is negative for a customer who costs more to keep than they bring', () => {
    const fen = lifetimeValueFen({
      yearlySpendingFen: 0,
      margin: 0.25,
      maintenanceCostFen: 2_000,
      retention: 0.3,
      discountRate: 0.08,
      horizonYears: 5,
      acquisitionCostFen: 0,
    });
    expect(fen).toBeLessThan(0);
    expect(fen).toBe(-Math.round(2_000 * clvFactor(0.3, 0.08, 5)));
  });

  it('counts one year at full weight when retention is zero', () => {
    expect(clvFactor(0, 0.1, 10)).toBeCloseTo(1 / 1.1, 12);
    expect(clvFactor(1, 0, 5)).toBe(5);
  });
});
