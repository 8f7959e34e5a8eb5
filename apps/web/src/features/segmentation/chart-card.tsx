import type { ReactNode } from 'react';
import { Card } from 'antd';
import { EChart, type ChartOption } from '../patients/echart';

/** One chart of the dashboard in a titled card; the test id sits on the chart's own element. */
export function ChartCard({
  title,
  option,
  testId,
  height = 300,
  extra,
}: {
  title: string;
  option: ChartOption;
  testId: string;
  height?: number;
  extra?: ReactNode;
}) {
  return (
    <Card size="small" title={title} extra={extra} style={{ height: '100%' }}>
      <EChart option={option} height={height} testId={testId} />
    </Card>
  );
}
