import { Select, Table, Tag, Typography, type TableProps } from 'antd';
import { useI18n } from '../../app/i18n';
import { columnLetter } from './cell-problems';
import type { ColumnMapping, ImportPreview, TargetField } from './imports-api';

/** Confidence of a suggested column as a tag: high green, middling orange, low red. */
function ConfidenceTag({ confidence }: { confidence: number }) {
  const { t } = useI18n();
  const percent = Math.round(confidence * 100);
  const color = percent >= 90 ? 'green' : percent >= 60 ? 'orange' : 'red';
  return <Tag color={color}>{t('imports.confidence', { percent })}</Tag>;
}

/** One row per field the import can fill, with the file's column that feeds it (pre-filled from the suggestion). */
export function MappingTable({
  preview,
  suggested,
  mapping,
  onChange,
}: {
  preview: ImportPreview;
  suggested: ColumnMapping;
  mapping: ColumnMapping;
  onChange: (next: ColumnMapping) => void;
}) {
  const { t } = useI18n();
  const usedBy = new Map<number, string>();
  for (const [key, index] of Object.entries(mapping)) if (index !== null) usedBy.set(index, key);

  const columns: TableProps<TargetField>['columns'] = [
    {
      title: t('imports.field'),
      dataIndex: 'label',
      width: 200,
      render: (label: string, field) => (
        <span>
          {field.required && <span className="cb-required-mark">* </span>}
          {label} <Typography.Text type="secondary">{field.key}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('imports.column'),
      key: 'column',
      render: (_, field) => (
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: '100%', maxWidth: 320 }}
          placeholder={field.required ? t('imports.chooseRequired') : t('imports.notImported')}
          status={field.required && mapping[field.key] == null ? 'error' : undefined}
          value={mapping[field.key] ?? undefined}
          onChange={(index) => onChange({ ...mapping, [field.key]: index ?? null })}
          options={preview.headers.map((header, index) => ({
            value: index,
            label: `${columnLetter(index)} · ${header || t('imports.noHeader')}`,
            // One column feeds one field: a column taken elsewhere is greyed out until freed.
            disabled: usedBy.has(index) && usedBy.get(index) !== field.key,
          }))}
          data-testid={`import-map-${field.key}`}
        />
      ),
    },
    {
      title: t('imports.suggestion'),
      key: 'confidence',
      width: 130,
      render: (_, field) => {
        const current = mapping[field.key] ?? null;
        if (current === null) return field.required ? <Tag color="red">{t('imports.unmapped')}</Tag> : null;
        if (current !== (suggested[field.key] ?? null)) return <Tag>{t('imports.manual')}</Tag>;
        return field.confidence === null ? (
          <Tag>{t('imports.manual')}</Tag>
        ) : (
          <ConfidenceTag confidence={field.confidence} />
        );
      },
    },
  ];
  return (
    <Table<TargetField>
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={preview.fields}
      pagination={false}
      data-testid="import-mapping-table"
    />
  );
}

/** Required fields with no column: the import cannot start until each has one. */
export function unmappedRequired(fields: readonly TargetField[], mapping: ColumnMapping): TargetField[] {
  return fields.filter((f) => f.required && mapping[f.key] == null);
}
