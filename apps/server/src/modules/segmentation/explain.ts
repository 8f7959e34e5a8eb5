import type { PatientValue, SegmentationPolicy, ScoreLevel } from '@carebridge/contracts';
import type { Lang } from '../../platform/i18n';

/** The figures an explanation needs (a stored value row, or a preview row). */
export interface Explained {
  tierRule: string;
  levelRule: string;
  revenueFen: number;
  rankShare: number;
  visitsWindow: number;
  visitsRecent: number;
  visitsTotal: number;
  chronic: number;
  maxCheckupFen: number;
}

/** ¥23,400: whole yuan from integer fen (rounded; an explanation is read, not reconciled), thousands separated. */
export function yuan(fen: number): string {
  const whole = Math.round(Math.abs(fen) / 100).toLocaleString('en-US');
  return `${fen <= -50 ? '−' : ''}¥${whole}`;
}

const pct = (share: number) => `${Math.max(0.1, Math.round(share * 1000) / 10)}%`;

export function explainTier(x: Explained, p: SegmentationPolicy, lang: Lang): string {
  const m = p.windowMonths;
  const zh = lang === 'zh';
  const money = yuan(x.revenueFen);
  const top = pct(x.rankShare);
  switch (x.tierRule) {
    case 'revenue_top':
      return zh
        ? `A 类：收入排名前 ${top}，近 ${m} 个月消费 ${money}`
        : `A: revenue rank top ${top}, ${money} in ${m} months`;
    case 'frequency':
      return zh
        ? `A 类：近 ${p.abc.aFrequencyMonths} 个月就诊 ${x.visitsRecent} 次（每月 ≥ ${p.abc.aVisitsPerMonth} 次）`
        : `A: ${x.visitsRecent} visits in ${p.abc.aFrequencyMonths} months (≥ ${p.abc.aVisitsPerMonth} a month)`;
    case 'programme':
      return zh ? 'A 类：慢病管理项目成员' : 'A: member of a chronic-disease management programme';
    case 'chronic':
      return zh
        ? `A 类：慢病长期管理，${x.chronic} 种慢病，近 ${m} 个月就诊 ${x.visitsWindow} 次`
        : `A: long-term chronic care, ${x.chronic} chronic condition(s), ${x.visitsWindow} visits in ${m} months`;
    case 'premium_checkup':
      return zh
        ? `A 类：购买高端体检（${yuan(x.maxCheckupFen)}）`
        : `A: premium check-up buyer (${yuan(x.maxCheckupFen)})`;
    case 'revenue_next':
      return zh
        ? `B 类：收入排名前 ${top}，近 ${m} 个月消费 ${money}`
        : `B: revenue rank top ${top}, ${money} in ${m} months`;
    case 'quarterly':
      return zh
        ? `B 类：近 ${m} 个月就诊 ${x.visitsWindow} 次（约每季度）`
        : `B: ${x.visitsWindow} visits in ${m} months (about quarterly)`;
    case 'new':
      return zh ? 'C 类：首次就诊客户' : 'C: first-time customer';
    case 'none':
      return zh ? 'C 类：尚无就诊记录' : 'C: no visit yet';
    default:
      return zh
        ? `C 类：低频客户，近 ${m} 个月就诊 ${x.visitsWindow} 次，消费 ${money}`
        : `C: low frequency, ${x.visitsWindow} visits and ${money} in ${m} months`;
  }
}

export function explainLevel(x: Explained, p: SegmentationPolicy, lang: Lang): string {
  const zh = lang === 'zh';
  const m = p.windowMonths;
  const l = p.levels;
  switch (x.levelRule) {
    case 'gold_revenue':
      return zh
        ? `金卡：近 ${m} 个月消费 ${yuan(x.revenueFen)}（≥ ${yuan(l.goldMinRevenueFen)}）`
        : `Gold: ${yuan(x.revenueFen)} in ${m} months (≥ ${yuan(l.goldMinRevenueFen)})`;
    case 'gold_vip':
      return zh ? '金卡：VIP 客户' : 'Gold: VIP';
    case 'silver_revenue':
      return zh
        ? `银卡：近 ${m} 个月消费 ${yuan(x.revenueFen)}（≥ ${yuan(l.silverMinRevenueFen)}）`
        : `Silver: ${yuan(x.revenueFen)} in ${m} months (≥ ${yuan(l.silverMinRevenueFen)})`;
    case 'silver_visits':
      return zh
        ? `银卡：近 ${m} 个月就诊 ${x.visitsWindow} 次（≥ ${l.silverMinVisits} 次）`
        : `Silver: ${x.visitsWindow} visits in ${m} months (≥ ${l.silverMinVisits})`;
    case 'silver_tier':
      return zh ? '银卡：核心（A 类）客户' : 'Silver: a core (A) customer';
    default:
      return zh ? '普通会员：基础服务与健康资讯' : 'Regular: basic service and health information';
  }
}

const LEVEL_WORDS: Record<ScoreLevel, { zh: string; en: string }> = {
  low: { zh: '低', en: 'low' },
  medium: { zh: '中', en: 'medium' },
  high: { zh: '高', en: 'high' },
};

export function scoreLevel(score: number, p: SegmentationPolicy): ScoreLevel {
  return score >= p.scores.highFrom ? 'high' : score >= p.scores.mediumFrom ? 'medium' : 'low';
}

/** Sentences for everything the value card shows. */
export function explainValue(
  v: NonNullable<Omit<PatientValue, 'explanation'>>,
  x: Explained & { critical: number; abnormal: number; noShows: number },
  p: SegmentationPolicy,
  lang: Lang,
): PatientValue['explanation'] {
  const zh = lang === 'zh';
  const m = p.windowMonths;
  const rfm = v.rfm!;
  const churn = v.churnRisk!;
  const urgency = v.urgency!;
  const risk = v.risk!;
  const word = (l: ScoreLevel) => LEVEL_WORDS[l][lang];
  const since = rfm.recencyDays === null ? null : rfm.recencyDays;
  return {
    tier: explainTier(x, p, lang),
    level: explainLevel(x, p, lang),
    rfm: zh
      ? `RFM ${rfm.recency}-${rfm.frequency}-${rfm.monetary}：${since === null ? '尚未就诊' : `最近就诊在 ${since} 天前`}，近 ${m} 个月就诊 ${rfm.visits} 次，消费 ${yuan(rfm.revenueFen)}`
      : `RFM ${rfm.recency}-${rfm.frequency}-${rfm.monetary}: ${since === null ? 'no visit yet' : `last visit ${since} days ago`}, ${rfm.visits} visits and ${yuan(rfm.revenueFen)} in ${m} months`,
    clv: zh
      ? `终身价值 ${yuan(v.clv!.valueFen)}（${p.clv.horizonYears} 年，留存率 ${Math.round(v.clv!.retention * 100)}%，折现率 ${Math.round(p.clv.discountRate * 100)}%，毛利率 ${Math.round(p.clv.margin * 100)}%）`
      : `Lifetime value ${yuan(v.clv!.valueFen)} (${p.clv.horizonYears} years, retention ${Math.round(v.clv!.retention * 100)}%, discount ${Math.round(p.clv.discountRate * 100)}%, margin ${Math.round(p.clv.margin * 100)}%)`,
    churnRisk: explainChurn(churn, since, lang),
    urgency: zh
      ? `需求紧迫度 ${urgency.score}（${word(urgency.level)}）：近 ${p.scores.recentDays} 天危急值 ${x.critical} 项、异常结果 ${x.abnormal} 项，慢病 ${x.chronic} 种`
      : `Need urgency ${urgency.score} (${word(urgency.level)}): ${x.critical} critical and ${x.abnormal} abnormal result(s) in ${p.scores.recentDays} days, ${x.chronic} chronic condition(s)`,
    risk: zh
      ? `潜在风险 ${risk.score}（${word(risk.level)}）：流失风险${churnWord(churn.level, lang)}，近 ${m} 个月爽约 ${x.noShows} 次`
      : `Risk ${risk.score} (${word(risk.level)}): churn risk ${churnWord(churn.level, lang)}, ${x.noShows} no-show(s) in ${m} months`,
  };
}

function churnWord(level: string, lang: Lang): string {
  const zh = { low: '低', medium: '中', high: '高', unknown: '未知' };
  return lang === 'zh' ? (zh[level as keyof typeof zh] ?? level) : level;
}

function explainChurn(
  c: NonNullable<PatientValue['churnRisk']>,
  recencyDays: number | null,
  lang: Lang,
): string {
  const zh = lang === 'zh';
  if (c.level === 'unknown' || c.usualIntervalDays === null)
    return zh
      ? '流失风险未知：就诊次数不足，尚无规律'
      : 'Churn risk unknown: too few visits to know their rhythm';
  const every = Math.round(c.usualIntervalDays);
  const gap = recencyDays ?? 0;
  if (c.level === 'low')
    return zh
      ? `流失风险低：平常约 ${every} 天来一次，预计 ${c.expectedBy} 前复诊`
      : `Churn risk low: usually every ${every} days, next visit expected by ${c.expectedBy}`;
  return zh
    ? `流失风险${c.level === 'high' ? '高' : '中'}：平常约 ${every} 天来一次，距上次就诊已 ${gap} 天（应在 ${c.expectedBy} 前复诊）`
    : `Churn risk ${c.level}: usually every ${every} days, ${gap} days since the last visit (expected by ${c.expectedBy})`;
}
