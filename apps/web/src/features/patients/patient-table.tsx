import { Table, Tag, Typography, type TableProps } from 'antd';
import type { PatientListItem } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';
import { TagList, VipBadge } from './patient-tags';

/** Search results: who they are, how to reach them (masked), their record number and labels. */
export function PatientTable({
  rows,
  loading,
  emptyText,
  onOpen,
}: {
  rows: PatientListItem[];
  loading: boolean;
  emptyText?: string;
  onOpen: (patient: PatientListItem) => void;
}) {
  const { t } = useI18n();
  const none = t('common.none');
  const columns: TableProps<PatientListItem>['columns'] = [
    {
      title: t('patient.name'),
      dataIndex: 'name',
      width: 170,
      render: (name: string, p) => (
        <div>
          <Typography.Text strong>{name}</Typography.Text>{' '}
          {p.deceased && <Tag color="default">{t('patient.deceasedTag')}</Tag>}
          <div className="cb-subtle">{p.namePinyin}</div>
        </div>
      ),
    },
    {
      title: t('patient.gender'),
      dataIndex: 'gender',
      width: 70,
      render: (g: PatientListItem['gender']) => t(`vocab.gender.${g}`),
    },
    {
      title: t('patient.age'),
      dataIndex: 'age',
      width: 70,
      render: (age: number | null) => (age === null ? none : t('patient.ageYears', { n: age })),
    },
    {
      title: t('patient.phone'),
      dataIndex: 'phoneMasked',
      width: 140,
      render: (v: string | null) => <span className="cb-mono">{v ?? none}</span>,
    },
    {
      title: t('patient.idCard'),
      dataIndex: 'idCardMasked',
      width: 190,
      render: (v: string | null) => <span className="cb-mono">{v ?? none}</span>,
    },
    { title: t('patient.mrn'), dataIndex: 'mrn', width: 130, render: (v: string | null) => v ?? none },
    {
      title: t('patient.tags'),
      dataIndex: 'tags',
      render: (tags: string[], p) => (
        <>
          {p.vip && <VipBadge />}
          <TagList tags={tags} />
        </>
      ),
    },
  ];

  return (
    <Table<PatientListItem>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 1000 }}
      rowClassName="cb-clickable-row"
      locale={emptyText ? { emptyText } : undefined}
      onRow={(p) =>
        ({
          onClick: () => onOpen(p),
          'data-testid': `patient-row-${p.id}`,
        }) as React.HTMLAttributes<HTMLElement>
      }
      data-testid="patients-table"
    />
  );
}
