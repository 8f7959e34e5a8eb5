import { Table, Tag } from 'antd';
import type { Patient } from '@carebridge/contracts';
import { useI18n } from '../../app/i18n';

type Contact = Patient['contacts'][number];

/** 联系人/家属: relatives and other contacts, emergency contacts first. */
export function ContactsTab({ patient }: { patient: Patient }) {
  const { t } = useI18n();
  const none = t('common.none');
  const rows = [...patient.contacts].sort((a, b) => Number(b.emergency) - Number(a.emergency));
  return (
    <Table<Contact>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="contacts-table"
      columns={[
        {
          title: t('patient.relation'),
          dataIndex: 'relation',
          width: 110,
          render: (_, c) => t(`vocab.relation.${c.relation}`),
        },
        {
          title: t('patient.contactName'),
          dataIndex: 'name',
          width: 160,
          render: (name: string, c) => (
            <>
              {name} {c.emergency && <Tag color="red">{t('patient.emergencyContact')}</Tag>}
            </>
          ),
        },
        {
          title: t('patient.phone'),
          dataIndex: 'phoneMasked',
          width: 150,
          render: (v: string | null) => <span className="cb-mono">{v ?? none}</span>,
        },
        { title: t('patient.note'), dataIndex: 'note', render: (v: string | null) => v ?? none },
      ]}
    />
  );
}
