import { Tag } from 'antd';
import type { ChurnLevel, Level, ScoreLevel, Tier } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';
import { zh, type MessageKey } from '../../app/messages';

export const TIER_COLORS: Record<Tier, string> = { A: '#0b7a75', B: '#4096ff', C: '#a3adb8' };
export const LEVEL_COLORS: Record<Level, string> = { gold: '#d4a017', silver: '#8c9aa8', regular: '#69b1ff' };
export const CHURN_COLORS: Record<ChurnLevel, string> = {
  low: '#52c41a',
  medium: '#fa8c16',
  high: '#f5222d',
  unknown: '#bfbfbf',
};
const SCORE_TAG: Record<ScoreLevel, string> = { low: 'green', medium: 'orange', high: 'red' };

export const tierKey = (tier: Tier): MessageKey => `seg.tier.${tier}`;
export const levelKey = (level: Level): MessageKey => `seg.level.${level}`;
export const churnKey = (level: ChurnLevel): MessageKey => `seg.churn.${level}`;
export const scoreKey = (level: ScoreLevel): MessageKey => `seg.score.${level}`;

/** A tier or level as the preview and the history send it: a code, or null for "not graded before". */
export function useGradeLabel(): (code: string | null) => string {
  const { t } = useI18n();
  return (code) => {
    if (code === null) return t('seg.grade.none');
    if (code === 'A' || code === 'B' || code === 'C') return t(tierKey(code));
    if (code === 'gold' || code === 'silver' || code === 'regular') return t(levelKey(code));
    return code;
  };
}

const none = <Tag>—</Tag>;

export function TierTag({ tier }: { tier: Tier | null }) {
  const { t } = useI18n();
  if (!tier) return none;
  return (
    <Tag color={TIER_COLORS[tier]} data-testid="tier-tag" data-tier={tier}>
      {t(tierKey(tier))}
    </Tag>
  );
}

export function LevelTag({ level }: { level: Level | null }) {
  const { t } = useI18n();
  if (!level) return none;
  return <Tag color={LEVEL_COLORS[level]}>{t(levelKey(level))}</Tag>;
}

export function ChurnTag({ level }: { level: ChurnLevel | null }) {
  const { t } = useI18n();
  if (!level) return none;
  return <Tag color={CHURN_COLORS[level]}>{t(churnKey(level))}</Tag>;
}

export function ScoreTag({ level, score }: { level: ScoreLevel | null; score?: number }) {
  const { t } = useI18n();
  if (!level) return none;
  return (
    <Tag color={SCORE_TAG[level]}>
      {t(scoreKey(level))}
      {score !== undefined && ` · ${score}`}
    </Tag>
  );
}

/** A share (0.183) as the console writes it: 18.3%. */
export function formatShare(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}

/** The rule that decided a grade, as the tier history records it ("revenue_top"); unknown codes as sent. */
export function useRuleLabel(): (rule: string) => string {
  const { t } = useI18n();
  return (rule) => {
    const key = `seg.rule.${rule}`;
    return key in zh ? t(key as MessageKey) : rule;
  };
}
