import { Alert, Card, Col, Empty, Row, Table, Tag, Typography } from 'antd';
import { LEVELS, TIERS } from '@carebridge/contracts';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { MovementMatrix } from './movement-matrix';
import type { PolicyPreview } from './segmentation-api';
import { formatShare, TierTag, useGradeLabel } from './value-labels';

function Examples({ examples }: { examples: PolicyPreview['examples'] }) {
  const { t } = useI18n();
  const label = useGradeLabel();
  return (
    <div data-testid="policy-preview-examples">
      <Typography.Text strong>{t('policy.preview.examples')}</Typography.Text>
      {examples.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policy.preview.noExamples')} />
      ) : (
        <ul className="cb-preview-examples">
          {examples.map((example) => (
            <li key={example.patientId}>
              <div>
                <b>{example.maskedName}</b>{' '}
                <Tag>
                  {label(example.from)} → {label(example.to)}
                </Tag>
              </div>
              <Typography.Text type="secondary">{example.explanation}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What the edited policy would do to today's customers: who moves where, and the tiers afterwards. */
export function PolicyPreviewResult({ preview, upToDate }: { preview: PolicyPreview; upToDate: boolean }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      title={t('policy.preview.title')}
      className="cb-policy-section"
      data-testid="policy-preview"
      data-moved-tier={preview.moved.tier}
    >
      {!upToDate && (
        <Alert type="warning" showIcon title={t('policy.preview.outdated')} className="cb-seg-alert" />
      )}
      <Typography.Paragraph data-testid="policy-preview-summary">
        {t('policy.preview.summary', {
          asOf: formatDateTime(preview.asOf),
          customers: preview.customers.toLocaleString('en-US'),
          tier: preview.moved.tier.toLocaleString('en-US'),
          level: preview.moved.level.toLocaleString('en-US'),
          ms: preview.milliseconds,
        })}
      </Typography.Paragraph>
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={12}>
          <MovementMatrix
            title={t('policy.preview.tiers')}
            grades={TIERS}
            cells={preview.tiers}
            testId="policy-matrix-tiers"
          />
        </Col>
        <Col xs={24} xl={12}>
          <MovementMatrix
            title={t('policy.preview.levels')}
            grades={LEVELS}
            cells={preview.levels}
            testId="policy-matrix-levels"
          />
        </Col>
        <Col xs={24} xl={10}>
          <Typography.Text strong>{t('policy.preview.after')}</Typography.Text>
          <Table
            rowKey="tier"
            size="small"
            pagination={false}
            style={{ marginTop: 8 }}
            dataSource={preview.after}
            columns={[
              {
                title: t('seg.tier'),
                dataIndex: 'tier',
                render: (tier: (typeof TIERS)[number]) => <TierTag tier={tier} />,
              },
              {
                title: t('seg.chart.patients'),
                dataIndex: 'patients',
                align: 'right',
                render: (n: number) => n.toLocaleString('en-US'),
              },
              {
                title: t('seg.chart.revenueShare'),
                dataIndex: 'revenueShare',
                align: 'right',
                render: (share: number) => formatShare(share),
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={14}>
          <Examples examples={preview.examples} />
        </Col>
      </Row>
    </Card>
  );
}
