import { Flex, Tooltip, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { byFieldOrder, matchLabel } from './match-fields';
import type { Evidence } from './mpi-api';
import './mpi.css';

const bits = (weight: number) => `${weight > 0 ? '+' : ''}${weight.toFixed(1)}`;

/**
 * Why the matcher thinks the two records may be one person: one bar per field, green for agreement
 * (positive bits), red for disagreement (negative), scaled to the strongest field of this pair.
 */
export function EvidenceBars({ evidence, score }: { evidence: Evidence[]; score: number }) {
  const { t } = useI18n();
  const scale = Math.max(1, ...evidence.map((e) => Math.abs(e.weight)));
  return (
    <div className="cb-evidence" data-testid="mpi-evidence">
      {byFieldOrder(evidence).map((e) => {
        const width = `${(Math.abs(e.weight) / scale) * 50}%`;
        const level = matchLabel(t, 'level', e.level);
        return (
          <Tooltip key={e.field} title={t('mpi.evidenceTip', { level, weight: bits(e.weight) })}>
            <div className="cb-evidence-row">
              <span className="cb-evidence-field">{matchLabel(t, 'field', e.field)}</span>
              <span className="cb-evidence-track">
                <span className="cb-evidence-axis" />
                {e.weight !== 0 && (
                  <span
                    className={
                      e.weight > 0 ? 'cb-evidence-bar cb-evidence-for' : 'cb-evidence-bar cb-evidence-against'
                    }
                    style={e.weight > 0 ? { left: '50%', width } : { right: '50%', width }}
                  />
                )}
              </span>
              <span className="cb-evidence-level">{level}</span>
              <span className="cb-evidence-weight">{bits(e.weight)}</span>
            </div>
          </Tooltip>
        );
      })}
      <Flex justify="space-between" className="cb-evidence-total">
        <Typography.Text strong>{t('mpi.score')}</Typography.Text>
        <Typography.Text strong data-testid="mpi-score">
          {t('mpi.bits', { value: score.toFixed(1) })}
        </Typography.Text>
      </Flex>
    </div>
  );
}
