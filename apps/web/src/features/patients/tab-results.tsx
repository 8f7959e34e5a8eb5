import { useState } from 'react';
import { Button, Modal, Typography } from 'antd';
import { LineChartOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useCodeLabel } from './code-labels';
import { ResultValue } from './result-flag';
import { TimelineTable, type EntryOf } from './timeline-table';
import { TrendChart } from './trend-chart';

/** 检验检查: results newest first, abnormal rows in red; a click on a test opens its trend. */
export function ResultsTab({ patientId }: { patientId: string }) {
  const { t } = useI18n();
  const none = t('common.none');
  const code = useCodeLabel();
  const [trend, setTrend] = useState<{ code: string; name: string } | null>(null);
  const open = (r: EntryOf<'result'>) => setTrend({ code: r.code, name: r.name });

  return (
    <>
      <TimelineTable
        patientId={patientId}
        type="result"
        testId="results-table"
        rowClassName={(r) => (r.abnormal ? 'cb-row-abnormal cb-clickable-row' : 'cb-clickable-row')}
        onRow={(r) =>
          ({
            onClick: () => open(r),
            'data-testid': r.abnormal ? 'result-row-abnormal' : 'result-row',
            'data-code': r.code,
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('results.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
          {
            title: t('results.test'),
            dataIndex: 'name',
            render: (name: string, r) => (
              <Button type="link" size="small" icon={<LineChartOutlined />} style={{ padding: 0 }}>
                {name}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.code}
                </Typography.Text>
              </Button>
            ),
          },
          {
            title: t('results.value'),
            dataIndex: 'value',
            width: 170,
            render: (_, r) => (
              <ResultValue value={r.value} unit={r.unit} flag={r.abnormalFlag} abnormal={r.abnormal} />
            ),
          },
          {
            title: t('results.referenceRange'),
            dataIndex: 'referenceRange',
            width: 140,
            render: (v: string | null) => v ?? none,
          },
          {
            title: t('results.kind'),
            dataIndex: 'kind',
            width: 90,
            render: (v: string) => code('resultKind', v),
          },
          {
            title: t('results.conclusion'),
            dataIndex: 'conclusion',
            ellipsis: true,
            render: (v: string | null) => v ?? none,
          },
        ]}
      />
      <Modal
        title={trend ? t('results.trendTitle', { name: trend.name, code: trend.code }) : ''}
        open={trend !== null}
        onCancel={() => setTrend(null)}
        footer={null}
        width={820}
        destroyOnHidden
      >
        {trend && <TrendChart patientId={patientId} code={trend.code} />}
      </Modal>
    </>
  );
}
