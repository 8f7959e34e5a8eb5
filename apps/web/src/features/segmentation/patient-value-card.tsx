import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Skeleton, Typography } from 'antd';
import { errorMessage } from '../../api/errors';
import { formatDate, formatDateTime, formatYuan } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { RfmScores } from './rfm-scores';
import { getPatientValue, patientValueKey, type PatientValue } from './segmentation-api';
import { TierHistoryList } from './tier-history-list';
import { ChurnTag, LevelTag, ScoreTag, TierTag } from './value-labels';
import './segmentation.css';

/** One figure of the card: a label, the value, and the server's sentence saying why. */
function Figure({
  label,
  value,
  why,
  testId,
}: {
  label: string;
  value: ReactNode;
  why: string;
  testId: string;
}) {
  return (
    <Col xs={24} md={12} xl={8}>
      <div className="cb-value-figure" data-testid={testId}>
        <Typography.Text type="secondary">{label}</Typography.Text>
        <div className="cb-value-main">{value}</div>
        <Typography.Text className="cb-value-why">{why}</Typography.Text>
      </div>
    </Col>
  );
}

function ChurnValue({ churn }: { churn: PatientValue['churnRisk'] }) {
  const { t } = useI18n();
  if (!churn) return <ChurnTag level={null} />;
  return (
    <>
      <ChurnTag level={churn.level} />
      {churn.expectedBy && (
        <Typography.Text type={churn.overdueDays ? 'danger' : 'secondary'}>
          {churn.overdueDays
            ? t('value.churn.overdue', { date: formatDate(churn.expectedBy), days: churn.overdueDays })
            : t('value.churn.expected', { date: formatDate(churn.expectedBy) })}
        </Typography.Text>
      )}
    </>
  );
}

function ValueFigures({ value }: { value: PatientValue }) {
  const { t } = useI18n();
  const why = value.explanation;
  return (
    <Row gutter={[16, 12]}>
      <Figure
        label={t('seg.tier')}
        value={<TierTag tier={value.tier} />}
        why={why.tier}
        testId="value-tier"
      />
      <Figure
        label={t('seg.level')}
        value={<LevelTag level={value.level} />}
        why={why.level}
        testId="value-level"
      />
      <Figure
        label={t('value.rfm')}
        value={value.rfm ? <RfmScores rfm={value.rfm} /> : '—'}
        why={why.rfm}
        testId="value-rfm-figure"
      />
      <Figure
        label={t('value.clv')}
        value={<b>{formatYuan(value.clv?.valueFen)}</b>}
        why={why.clv}
        testId="value-clv"
      />
      <Figure
        label={t('value.churn')}
        value={<ChurnValue churn={value.churnRisk} />}
        why={why.churnRisk}
        testId="value-churn"
      />
      <Figure
        label={t('value.urgencyRisk')}
        value={
          <>
            <ScoreTag level={value.urgency?.level ?? null} score={value.urgency?.score} />
            <ScoreTag level={value.risk?.level ?? null} score={value.risk?.score} />
          </>
        }
        why={[why.urgency, why.risk].filter(Boolean).join(' ')}
        testId="value-scores"
      />
    </Row>
  );
}

/** 价值: the patient's tier, level, RFM, CLV, churn risk, urgency and risk, each with the reason in words. */
export function PatientValueCard({ patientId }: { patientId: string }) {
  const { t } = useI18n();
  const value = useQuery({ queryKey: patientValueKey(patientId), queryFn: () => getPatientValue(patientId) });
  const data = value.data;
  const computed = !!data?.computedAt;
  return (
    <Card
      size="small"
      title={t('value.title')}
      className="cb-value-card"
      data-testid="patient-value"
      data-computed={computed}
      extra={
        computed && (
          <Typography.Text type="secondary">
            {t('value.computedAt', {
              at: formatDateTime(data.computedAt),
              version: data.policyVersion ?? '—',
            })}
          </Typography.Text>
        )
      }
    >
      {value.isPending && <Skeleton active paragraph={{ rows: 3 }} />}
      {value.isError && <Alert type="warning" showIcon title={errorMessage(value.error, t)} />}
      {data && !computed && (
        <Alert
          type="info"
          showIcon
          title={data.explanation.tier || t('value.notComputed')}
          style={{ marginBottom: 12 }}
          data-testid="value-not-computed"
        />
      )}
      {data && computed && <ValueFigures value={data} />}
      {data && (
        <div className="cb-value-history">
          <Typography.Text strong>{t('value.history')}</Typography.Text>
          <TierHistoryList patientId={patientId} />
        </div>
      )}
    </Card>
  );
}
