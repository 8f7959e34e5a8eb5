/**
 * Customer lifetime value (客户终身价值) as the documents define it: the profit a customer brings each year
 * (margin × yearly spending − the cost of keeping them), weighted by the chance they are still a customer
 * (retention, compounding yearly), discounted to present value over a horizon; minus what it cost to
 * acquire them when that cost is not yet recovered.
 *
 *   CLV = Σ_{t=1..H} r^(t−1) · (m · S − M) / (1 + d)^t  −  A
 *
 * S yearly spending, m margin, M yearly maintenance cost, r retention, d discount rate, H years, A acquisition
 * cost (only for new customers). Year 1 is certain (r^0): the customer is one today.
 */
export interface ClvInputs {
  yearlySpendingFen: number;
  margin: number;
  maintenanceCostFen: number;
  retention: number;
  discountRate: number;
  horizonYears: number;
  acquisitionCostFen: number;
}

/** Σ_{t=1..H} r^(t−1) / (1 + d)^t: what one fen of yearly profit is worth today over the horizon. */
export function clvFactor(retention: number, discountRate: number, horizonYears: number): number {
  let factor = 0;
  for (let t = 1; t <= horizonYears; t++) factor += retention ** (t - 1) / (1 + discountRate) ** t;
  return factor;
}

/** Whole fen, rounded half away from zero like money elsewhere. */
export function lifetimeValueFen(x: ClvInputs): number {
  const yearlyProfit = x.margin * x.yearlySpendingFen - x.maintenanceCostFen;
  const value = yearlyProfit * clvFactor(x.retention, x.discountRate, x.horizonYears) - x.acquisitionCostFen;
  return Math.sign(value) * Math.round(Math.abs(value));
}
