import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Input, Select, Space, Table, Tag, type TableProps } from 'antd';
import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { PRACTITIONER_TITLES, type Practitioner } from '@carebridge/contracts';
import { listPractitioners } from '../../api/endpoints';
import { errorMessage } from '../../api/errors';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { useCan } from '../../app/session';
import { useDebouncedValue } from '../patients/use-debounced-value';
import { useClinicHoursText } from './clinic-hours';
import { DepartmentSelect } from './department-select';
import { PRACTITIONERS_QUERY_KEY, PractitionerFormModal } from './practitioner-form-modal';
import './organisation.css';

type ActiveFilter = 'all' | 'true' | 'false';

export function PractitionersPage() {
  const { t } = useI18n();
  const can = useCan();
  const canManage = can('organisation.manage');
  const clinicHoursText = useClinicHoursText();
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [active, setActive] = useState<ActiveFilter>('true');
  const [modal, setModal] = useState<{ open: boolean; editing: Practitioner | null }>({
    open: false,
    editing: null,
  });
  const query = {
    departmentId,
    q: useDebouncedValue(q.trim(), 250) || undefined,
    active: active === 'all' ? undefined : active === 'true',
  };

  const practitioners = useQuery({
    queryKey: [...PRACTITIONERS_QUERY_KEY, query],
    queryFn: () => listPractitioners(query),
    placeholderData: keepPreviousData,
  });

  const columns: TableProps<Practitioner>['columns'] = [
    { title: t('org.staffNumber'), dataIndex: 'code', width: 110 },
    { title: t('org.practitionerName'), dataIndex: 'name', width: 110 },
    {
      title: t('org.gender'),
      dataIndex: 'gender',
      width: 70,
      render: (g: Practitioner['gender']) => (g ? t(`vocab.gender.${g}`) : t('common.none')),
    },
    {
      title: t('org.title'),
      dataIndex: 'title',
      width: 120,
      render: (title: string) => (isTitle(title) ? t(`org.titles.${title}`) : title),
    },
    {
      title: t('org.department'),
      dataIndex: 'departmentName',
      width: 140,
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('org.specialties'),
      dataIndex: 'specialties',
      render: (list: string[]) => list.map((s) => <Tag key={s}>{s}</Tag>),
    },
    {
      title: t('org.clinicHours'),
      dataIndex: 'clinicHours',
      width: 240,
      render: (hours: Practitioner['clinicHours']) => clinicHoursText(hours) || t('common.none'),
    },
    {
      title: t('org.status'),
      dataIndex: 'active',
      width: 90,
      render: (on: boolean) => (
        <Badge status={on ? 'success' : 'default'} text={on ? t('org.active') : t('org.inactive')} />
      ),
    },
  ];
  if (canManage)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, p) => (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={() => setModal({ open: true, editing: p })}
        >
          {t('common.edit')}
        </Button>
      ),
    });

  return (
    <>
      <PageHeader
        title={t('org.practitionersTitle')}
        subtitle={t('org.practitionersSubtitle')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="practitioner-create"
              onClick={() => setModal({ open: true, editing: null })}
            >
              {t('org.createPractitioner')}
            </Button>
          )
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('org.practitionerFilter')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            style={{ width: 220 }}
          />
          <DepartmentSelect
            value={departmentId}
            onChange={setDepartmentId}
            placeholder={t('org.allDepartments')}
            style={{ width: 220 }}
            testId="practitioner-department-filter"
          />
          <Select<ActiveFilter>
            value={active}
            onChange={setActive}
            style={{ width: 120 }}
            options={[
              { value: 'true', label: t('org.active') },
              { value: 'false', label: t('org.inactive') },
              { value: 'all', label: t('org.allStatuses') },
            ]}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void practitioners.refetch()}>
            {t('common.refresh')}
          </Button>
        </Space>
        <Table<Practitioner>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={practitioners.data?.items ?? []}
          loading={practitioners.isFetching}
          scroll={{ x: 1100 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={practitioners.isError ? { emptyText: errorMessage(practitioners.error, t) } : undefined}
          data-testid="practitioners-table"
        />
      </Card>
      <PractitionerFormModal
        open={modal.open}
        editing={modal.editing}
        onClose={() => setModal({ open: false, editing: null })}
      />
    </>
  );
}

type Title = (typeof PRACTITIONER_TITLES)[number];
/** Titles outside the closed list (imported data) are shown as they are. */
const isTitle = (v: string): v is Title => (PRACTITIONER_TITLES as readonly string[]).includes(v);
