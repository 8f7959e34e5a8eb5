import { Tag, Typography } from 'antd';
import type { TimelineEntry, TimelineType } from '@carebridge/contracts';
import { formatYuan } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useCodeLabel } from './code-labels';
import { ResultValue } from './result-flag';
import { usePunctuation } from './punctuation';

export const TYPE_COLORS: Record<TimelineType, string> = {
  encounter: 'blue',
  diagnosis: 'purple',
  result: 'cyan',
  medication: 'green',
  procedure: 'geekblue',
  charge: 'gold',
  allergy: 'red',
};

/** Timeline dot colours (CSS colours, matching the tag presets above). */
export const DOT_COLORS: Record<TimelineType, string> = {
  encounter: '#1677ff',
  diagnosis: '#722ed1',
  result: '#13c2c2',
  medication: '#52c41a',
  procedure: '#2f54eb',
  charge: '#d4b106',
  allergy: '#cf1322',
};

const join = (...parts: (string | null | undefined | false)[]) => parts.filter(Boolean).join(' · ');

/** One line of the timeline, worded for its type. */
export function TimelineEntryView({ entry: e }: { entry: TimelineEntry }) {
  const { t } = useI18n();
  const code = useCodeLabel();
  const punct = usePunctuation();
  const label = <Tag color={TYPE_COLORS[e.type]}>{t(`timeline.type.${e.type}`)}</Tag>;
  switch (e.type) {
    case 'encounter':
      return (
        <span>
          {label}
          <Typography.Text strong>{t(`vocab.encounter.${e.kind}`)}</Typography.Text>{' '}
          {join(
            e.departmentName,
            e.practitionerName,
            code('status', e.status),
            e.waitingMinutes !== null && t('encounter.waitedMinutes', { n: e.waitingMinutes }),
          )}
        </span>
      );
    case 'diagnosis':
      return (
        <span>
          {label}
          <Typography.Text code>{e.icd10Code}</Typography.Text> {e.name}{' '}
          {e.chronic && <Tag color="purple">{t('timeline.chronic')}</Tag>}
        </span>
      );
    case 'result':
      return (
        <span>
          {label}
          {e.name} <Typography.Text type="secondary">{e.code}</Typography.Text>{' '}
          <ResultValue
            value={e.value ?? e.conclusion}
            unit={e.unit}
            flag={e.abnormalFlag}
            abnormal={e.abnormal}
          />
          {e.referenceRange && (
            <Typography.Text type="secondary">{punct.paren(e.referenceRange)}</Typography.Text>
          )}
        </span>
      );
    case 'medication':
      return (
        <span>
          {label}
          <Typography.Text strong>{e.drugName}</Typography.Text> {join(e.dose, e.frequency, e.route)}{' '}
          {e.chronic && <Tag color="purple">{t('medication.chronic')}</Tag>}
        </span>
      );
    case 'procedure':
      return (
        <span>
          {label}
          {e.name} {e.code && <Typography.Text type="secondary">{e.code}</Typography.Text>}
        </span>
      );
    case 'charge':
      return (
        <span>
          {label}
          {code('charge', e.category)} <Typography.Text strong>{formatYuan(e.amountFen)}</Typography.Text>{' '}
          <Typography.Text type="secondary">
            {join(code('payment', e.paymentMethod), code('payer', e.payer))}
          </Typography.Text>
        </span>
      );
    case 'allergy':
      return (
        <span>
          {label}
          <Typography.Text type="danger" strong>
            {e.substance}
          </Typography.Text>{' '}
          {join(e.reaction, code('severity', e.severity))}
        </span>
      );
  }
}
