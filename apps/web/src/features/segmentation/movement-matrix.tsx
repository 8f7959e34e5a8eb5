import { Table, Typography, type TableProps } from 'antd';
import { useI18n } from '../../app/i18n';
import type { PolicyMovement } from './segmentation-api';
import { useGradeLabel } from './value-labels';

interface MatrixRow {
  from: string | null;
  cells: Record<string, number>;
  total: number;
}

/** Rows: the grade now (or none yet); columns: the grade under the edited policy; off the diagonal: moves. */
export function MovementMatrix({
  title,
  grades,
  cells,
  testId,
}: {
  title: string;
  grades: readonly string[];
  cells: PolicyMovement[];
  testId: string;
}) {
  const { t } = useI18n();
  const label = useGradeLabel();
  const rows: MatrixRow[] = [...grades, null]
    .map((from) => {
      const mine = cells.filter((c) => c.from === from);
      const byTo = Object.fromEntries(grades.map((to) => [to, mine.find((c) => c.to === to)?.patients ?? 0]));
      return { from, cells: byTo, total: mine.reduce((n, c) => n + c.patients, 0) };
    })
    .filter((row) => row.from !== null || row.total > 0);

  const columns: TableProps<MatrixRow>['columns'] = [
    {
      title: t('policy.preview.fromTo'),
      dataIndex: 'from',
      render: (from: string | null) => <b>{label(from)}</b>,
    },
    ...grades.map((to) => ({
      title: label(to),
      key: to,
      align: 'right' as const,
      onCell: (row: MatrixRow) => ({
        className:
          row.from === to ? 'cb-matrix-same' : (row.cells[to] ?? 0) > 0 ? 'cb-matrix-moved' : undefined,
      }),
      render: (_: unknown, row: MatrixRow) => (row.cells[to] ?? 0).toLocaleString('en-US'),
    })),
  ];
  return (
    <div data-testid={testId}>
      <Typography.Text strong>{title}</Typography.Text>
      <Table<MatrixRow>
        rowKey={(row) => row.from ?? '∅'}
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        className="cb-matrix"
        style={{ marginTop: 8 }}
      />
    </div>
  );
}
