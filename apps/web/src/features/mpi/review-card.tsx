import { Button, Card, Col, Flex, Popconfirm, Row, Tag, Typography } from 'antd';
import { CloseCircleOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { EvidenceBars } from './evidence-bars';
import type { Review } from './mpi-api';
import { RecordComparison } from './record-comparison';

const STATUS_COLOURS: Record<Review['status'], string> = {
  open: 'orange',
  merged: 'purple',
  distinct: 'default',
};

/** One possible duplicate: the two records, the matcher's evidence, and (while open) the decision. */
export function ReviewCard({
  review,
  busy,
  onMerge,
  onDistinct,
}: {
  review: Review;
  busy: boolean;
  onMerge: (review: Review) => void;
  onDistinct: (review: Review) => Promise<unknown>;
}) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid={`mpi-review-${review.id}`}
      title={
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong>
            {review.patient.name} · {review.candidate.name}
          </Typography.Text>
          <Tag color={STATUS_COLOURS[review.status]}>{t(`mpi.status.${review.status}`)}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {t('mpi.foundAt', { at: formatDateTime(review.createdAt) })}
          </Typography.Text>
        </Flex>
      }
      extra={
        review.status === 'open' && (
          <Flex gap={8}>
            <Popconfirm
              title={t('mpi.confirmDistinct')}
              okText={t('mpi.distinct')}
              cancelText={t('common.cancel')}
              onConfirm={() => onDistinct(review).catch(() => undefined)}
            >
              <Button icon={<CloseCircleOutlined />} disabled={busy} data-testid="mpi-distinct">
                {t('mpi.distinct')}
              </Button>
            </Popconfirm>
            <Button
              type="primary"
              icon={<MergeCellsOutlined />}
              disabled={busy}
              onClick={() => onMerge(review)}
              data-testid="mpi-merge"
            >
              {t('mpi.merge')}
            </Button>
          </Flex>
        )
      }
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={15}>
          <RecordComparison patient={review.patient} candidate={review.candidate} />
        </Col>
        <Col xs={24} xl={9}>
          <Typography.Text type="secondary">{t('mpi.evidence')}</Typography.Text>
          <EvidenceBars evidence={review.evidence} score={review.score} />
        </Col>
      </Row>
    </Card>
  );
}
