import { Alert, Card, Col, Flex, Row, Skeleton, Statistic, Tag, Tooltip, Typography } from 'antd';
import { WarningFilled } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { PatientSummary } from '@carebridge/contracts';
import { errorMessage } from '../../api/errors';
import { formatDate, formatYuan } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { usePatientSummary } from './patient-queries';
import { useCodeLabel } from './code-labels';
import { flagArrow } from './result-flag';
import { usePunctuation } from './punctuation';

function Allergies({ allergies }: { allergies: PatientSummary['allergies'] }) {
  const { t } = useI18n();
  const code = useCodeLabel();
  const punct = usePunctuation();
  if (allergies.length === 0)
    return (
      <Typography.Text type="secondary" data-testid="summary-allergies">
        {t('summary.noAllergies')}
      </Typography.Text>
    );
  const text = allergies
    .map((a) =>
      [a.substance, [a.reaction, code('severity', a.severity)].filter(Boolean).join(punct.comma)]
        .filter(Boolean)
        .join(' — '),
    )
    .join(punct.semicolon);
  return (
    <Alert
      type="error"
      showIcon
      icon={<WarningFilled />}
      className="cb-allergy-alert"
      title={t('summary.allergies') + punct.colon + text}
      data-testid="summary-allergies"
    />
  );
}

/** The numbers and warnings a clinician wants before anything else: visits, spend, conditions, allergies. */
export function SummaryStrip({ patientId }: { patientId: string }) {
  const { t } = useI18n();
  const punct = usePunctuation();
  const summary = usePatientSummary(patientId);
  if (summary.isPending)
    return (
      <Card style={{ marginBottom: 16 }}>
        <Skeleton active paragraph={{ rows: 2 }} />
      </Card>
    );
  if (summary.isError)
    return (
      <Alert type="error" showIcon title={errorMessage(summary.error, t)} style={{ marginBottom: 16 }} />
    );
  const s = summary.data;
  const none = t('common.none');
  return (
    <div className="cb-summary" data-testid="patient-summary" style={{ marginBottom: 16 }}>
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic
              title={t('summary.lastVisit')}
              value={s.lastVisitAt ? formatDate(s.lastVisitAt) : none}
              suffix={
                s.lastVisitAt ? (
                  <span className="cb-subtle">
                    {t('summary.daysAgo', { n: dayjs().diff(s.lastVisitAt, 'day') })}
                  </span>
                ) : undefined
              }
            />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic title={t('summary.visits12m')} value={s.visits12m} suffix={t('summary.times')} />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic
              title={t('summary.spend12m')}
              value={formatYuan(s.spend12mFen)}
              data-testid="summary-spend"
            />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small">
            <Statistic
              title={t('summary.nextAppointment')}
              value={s.nextAppointment ? dayjs(s.nextAppointment.at).format('MM-DD HH:mm') : none}
              suffix={
                s.nextAppointment?.departmentName ? (
                  <span className="cb-subtle">{s.nextAppointment.departmentName}</span>
                ) : undefined
              }
            />
          </Card>
        </Col>
        <Col span={24}>
          <Allergies allergies={s.allergies} />
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('summary.chronic')}>
            {s.chronicConditions.length === 0
              ? none
              : s.chronicConditions.map((c) => (
                  <Tooltip key={c.icd10Code} title={`${t('summary.since')} ${formatDate(c.since)}`}>
                    <Tag color="purple">
                      {c.icd10Code} {c.name}
                    </Tag>
                  </Tooltip>
                ))}
            {s.familyHistory.length > 0 && (
              <div style={{ marginTop: 8 }}>
                <Typography.Text type="secondary">{t('summary.familyHistory') + punct.colon}</Typography.Text>
                {s.familyHistory.map((f) => `${f.relation} ${f.condition}`).join(punct.semicolon)}
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t('summary.abnormal90d', { n: s.abnormalResults90d.length })}
            data-testid="summary-abnormal"
          >
            <Flex wrap gap={6}>
              {s.abnormalResults90d.length === 0
                ? none
                : s.abnormalResults90d.slice(0, 12).map((r) => (
                    <Tooltip key={r.id} title={`${formatDate(r.releasedAt)} ${r.referenceRange ?? ''}`}>
                      <Tag color="red">
                        {r.name} {r.value ?? r.conclusion ?? ''}
                        {r.unit ? ` ${r.unit}` : ''} {flagArrow(r.abnormalFlag)}
                      </Tag>
                    </Tooltip>
                  ))}
            </Flex>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
