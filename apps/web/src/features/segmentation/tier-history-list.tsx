import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { errorMessage } from '../../api/errors';
import { formatDate } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { getTierHistory } from './segmentation-api';
import { useGradeLabel, useRuleLabel } from './value-labels';

/** The patient's tier and level changes, newest first (the last few; the audit trail has them all). */
export function TierHistoryList({ patientId }: { patientId: string }) {
  const { t } = useI18n();
  const label = useGradeLabel();
  const ruleLabel = useRuleLabel();
  const history = useQuery({
    queryKey: ['patient', patientId, 'tier-history'],
    queryFn: () => getTierHistory(patientId),
  });
  if (history.isPending) return null;
  if (history.isError)
    return <Typography.Text type="secondary">{errorMessage(history.error, t)}</Typography.Text>;
  const items = [...history.data.items].sort((a, b) => b.changedAt.localeCompare(a.changedAt)).slice(0, 8);
  if (items.length === 0)
    return (
      <Typography.Text type="secondary" data-testid="tier-history-empty">
        {t('value.history.empty')}
      </Typography.Text>
    );
  return (
    <ul className="cb-tier-history" data-testid="tier-history">
      {items.map((item, i) => (
        <li key={i}>
          <span className="cb-tier-history-date">{formatDate(item.changedAt)}</span>
          <span>
            {t(item.dimension === 'tier' ? 'seg.tier' : 'seg.level')}: {label(item.from)} → {label(item.to)}
          </span>
          <Typography.Text type="secondary" className="cb-tier-history-rule">
            {ruleLabel(item.rule)} · v{item.policyVersion}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}
