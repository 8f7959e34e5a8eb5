import { useMemo } from 'react';
import { Table, Tooltip, Typography, type TableProps } from 'antd';
import { WarningFilled } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { columnLetter, placeProblems, type RowProblems } from './cell-problems';
import type { ColumnMapping, ImportPreview, PreviewRow } from './imports-api';
import './imports.css';

interface Line extends PreviewRow {
  placed: RowProblems;
}

/** The first rows of the file as read, each problem on its cell: red, with the reason as tooltip. */
export function PreviewTable({
  preview,
  mapping,
  loading,
}: {
  preview: ImportPreview;
  mapping: ColumnMapping;
  loading: boolean;
}) {
  const { t } = useI18n();
  const lines = useMemo<Line[]>(
    () => preview.rows.map((row) => ({ ...row, placed: placeProblems(row, preview.headers, mapping) })),
    [preview, mapping],
  );
  const fieldOfColumn = useMemo(() => {
    const labels = new Map(preview.fields.map((f) => [f.key, f.label]));
    const byColumn = new Map<number, string>();
    for (const [key, index] of Object.entries(mapping))
      if (index !== null) byColumn.set(index, labels.get(key) ?? key);
    return byColumn;
  }, [preview.fields, mapping]);

  const columns: TableProps<Line>['columns'] = [
    {
      title: t('imports.rowNumber'),
      dataIndex: 'rowNumber',
      width: 72,
      fixed: 'left',
      render: (n: number, line) => {
        const all = [...line.placed.row, ...[...line.placed.cells.values()].flat()];
        if (all.length === 0) return n;
        return (
          <Tooltip title={all.join('；')}>
            <span className="cb-import-row-bad">
              <WarningFilled /> {n}
            </span>
          </Tooltip>
        );
      },
    },
    ...preview.headers.map((header, index) => ({
      key: `c${index}`,
      title: (
        <div className="cb-import-col-head">
          <span>
            <Typography.Text type="secondary">{columnLetter(index)}</Typography.Text> {header}
          </span>
          {fieldOfColumn.has(index) ? (
            <span className="cb-import-col-field">→ {fieldOfColumn.get(index)}</span>
          ) : (
            <span className="cb-import-col-skip">{t('imports.notImported')}</span>
          )}
        </div>
      ),
      onCell: (line: Line) => {
        const problems = line.placed.cells.get(index);
        return problems ? { className: 'cb-import-cell-bad', 'data-problem': problems.join('；') } : {};
      },
      render: (_: unknown, line: Line) => {
        const value = line.cells[index] ?? '';
        const problems = line.placed.cells.get(index);
        if (!problems) return value;
        return (
          <Tooltip title={problems.join('；')}>
            <span className="cb-import-cell-text">{value || t('imports.emptyCell')}</span>
          </Tooltip>
        );
      },
    })),
  ];

  return (
    <Table<Line>
      rowKey="rowNumber"
      size="small"
      bordered
      columns={columns}
      dataSource={lines}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content', y: 420 }}
      data-testid="import-preview-table"
    />
  );
}
