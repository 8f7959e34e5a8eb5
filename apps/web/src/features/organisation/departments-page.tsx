import { useMemo, useState } from 'react';
import { Badge, Button, Card, Input, Space, Table, Tag, type TableProps } from 'antd';
import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Department } from '@carebridge/contracts';
import { errorMessage } from '../../api/errors';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { useCan } from '../../app/session';
import { DepartmentFormModal } from './department-form-modal';
import { departmentTree, useDepartments, type DepartmentNode } from './departments-query';
import './organisation.css';

type ModalState = { open: boolean; editing: Department | null; parentId?: string | null };

function matches(d: Department, needle: string): boolean {
  return [d.code, d.name, d.nameEn ?? ''].some((v) => v.toLowerCase().includes(needle));
}

/** The hospital's departments as a tree; organisation.manage edits, organisation.read views. */
export function DepartmentsPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const canManage = can('organisation.manage');
  const departments = useDepartments();
  const [filter, setFilter] = useState('');
  const [modal, setModal] = useState<ModalState>({ open: false, editing: null });

  const items = departments.data?.items;
  const tree = useMemo(() => {
    const all = items ?? [];
    const needle = filter.trim().toLowerCase();
    // Filtering flattens the tree: a match deep down should not hide behind a collapsed parent.
    return needle ? all.filter((d) => matches(d, needle)) : departmentTree(all);
  }, [items, filter]);
  const parentName = useMemo(() => new Map((items ?? []).map((d) => [d.id, d.name])), [items]);

  const columns: TableProps<DepartmentNode>['columns'] = [
    {
      title: t('org.departmentName'),
      dataIndex: 'name',
      render: (name: string, d) => (lang === 'en' && d.nameEn ? `${d.nameEn} (${name})` : name),
    },
    { title: t('org.code'), dataIndex: 'code', width: 130 },
    {
      title: t('org.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (kind: Department['kind']) => <Tag>{t(`org.kind.${kind}`)}</Tag>,
    },
    {
      title: t('org.parent'),
      dataIndex: 'parentId',
      width: 160,
      render: (id: string | null) => (id ? (parentName.get(id) ?? t('common.none')) : t('common.none')),
    },
    { title: t('org.sortOrder'), dataIndex: 'sortOrder', width: 80 },
    {
      title: t('org.status'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean) => (
        <Badge status={active ? 'success' : 'default'} text={active ? t('org.active') : t('org.inactive')} />
      ),
    },
  ];
  if (canManage)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, d) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setModal({ open: true, editing: d })}
          >
            {t('common.edit')}
          </Button>
          <Button
            type="link"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setModal({ open: true, editing: null, parentId: d.id })}
          >
            {t('org.addChild')}
          </Button>
        </Space>
      ),
    });

  return (
    <>
      <PageHeader
        title={t('org.departmentsTitle')}
        subtitle={t('org.departmentsSubtitle')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="department-create"
              onClick={() => setModal({ open: true, editing: null })}
            >
              {t('org.createDepartment')}
            </Button>
          )
        }
      />
      <Card>
        <Space style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('org.departmentFilter')}
            onChange={(e) => setFilter(e.target.value)}
            style={{ width: 280 }}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void departments.refetch()}>
            {t('common.refresh')}
          </Button>
        </Space>
        <Table<DepartmentNode>
          key={filter ? 'flat' : `tree-${items?.length ?? 0}`}
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={tree}
          loading={departments.isFetching}
          pagination={false}
          expandable={{ defaultExpandAllRows: true }}
          scroll={{ x: 900 }}
          locale={departments.isError ? { emptyText: errorMessage(departments.error, t) } : undefined}
          data-testid="departments-table"
        />
      </Card>
      <DepartmentFormModal
        open={modal.open}
        editing={modal.editing}
        parentId={modal.parentId}
        onClose={() => setModal({ open: false, editing: null })}
      />
    </>
  );
}
