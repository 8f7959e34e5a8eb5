import { Tooltip } from 'antd';
import { useI18n } from '../../app/i18n';
import type { PatientValue } from './segmentation-api';

const DIMENSIONS = [
  ['recency', 'R'],
  ['frequency', 'F'],
  ['monetary', 'M'],
] as const;

/** R, F and M as three 1–5 scores, each drawn as five pips. */
export function RfmScores({ rfm }: { rfm: NonNullable<PatientValue['rfm']> }) {
  const { t } = useI18n();
  return (
    <span className="cb-rfm" data-testid="value-rfm">
      {DIMENSIONS.map(([dimension, letter]) => (
        <Tooltip key={dimension} title={t(`segments.rfm.${dimension}`)}>
          <span className="cb-rfm-score" data-dimension={dimension} data-score={rfm[dimension]}>
            <b>{letter}</b>
            {[1, 2, 3, 4, 5].map((n) => (
              <i key={n} className={n <= rfm[dimension] ? 'cb-rfm-pip cb-rfm-pip-on' : 'cb-rfm-pip'} />
            ))}
            <span className="cb-rfm-number">{rfm[dimension]}</span>
          </span>
        </Tooltip>
      ))}
    </span>
  );
}
