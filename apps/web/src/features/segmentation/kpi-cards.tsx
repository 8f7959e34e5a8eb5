import { Card, Col, Row, Statistic } from 'antd';
import { formatYuan } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { Overview } from './segmentation-api';
import { formatShare } from './value-labels';

/** The four figures leadership asks for first: how many customers, what they bring, what they are worth, 80/20. */
export function KpiCards({ overview }: { overview: Overview }) {
  const { t } = useI18n();
  const cards = [
    { key: 'customers', title: t('seg.kpi.customers'), value: overview.customers.toLocaleString('en-US') },
    {
      key: 'revenue',
      title: t('seg.kpi.revenue', { months: overview.windowMonths }),
      value: formatYuan(overview.revenueFen),
    },
    { key: 'equity', title: t('seg.kpi.equity'), value: formatYuan(overview.equityFen) },
    { key: 'top20', title: t('seg.kpi.top20'), value: formatShare(overview.top20RevenueShare) },
  ];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {cards.map((card) => (
        <Col key={card.key} xs={12} xl={6}>
          <Card size="small">
            <Statistic title={card.title} value={card.value} data-testid={`seg-kpi-${card.key}`} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
