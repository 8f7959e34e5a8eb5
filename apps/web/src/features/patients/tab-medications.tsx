import { Tag } from 'antd';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { TimelineTable } from './timeline-table';

/** 用药: prescriptions, long-term (chronic) medication marked. */
export function MedicationsTab({ patientId }: { patientId: string }) {
  const { t } = useI18n();
  const none = t('common.none');
  return (
    <TimelineTable
      patientId={patientId}
      type="medication"
      testId="medications-table"
      columns={[
        { title: t('medication.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
        {
          title: t('medication.drug'),
          dataIndex: 'drugName',
          render: (name: string, m) => (
            <>
              {name} {m.chronic && <Tag color="purple">{t('medication.chronic')}</Tag>}
            </>
          ),
        },
        {
          title: t('medication.dose'),
          dataIndex: 'dose',
          width: 100,
          render: (v: string | null) => v ?? none,
        },
        {
          title: t('medication.frequency'),
          dataIndex: 'frequency',
          width: 100,
          render: (v: string | null) => v ?? none,
        },
        {
          title: t('medication.route'),
          dataIndex: 'route',
          width: 90,
          render: (v: string | null) => v ?? none,
        },
        {
          title: t('medication.start'),
          dataIndex: 'startDate',
          width: 110,
          render: (v: string | null) => v ?? none,
        },
        {
          title: t('medication.end'),
          dataIndex: 'endDate',
          width: 110,
          render: (v: string | null) => v ?? none,
        },
      ]}
    />
  );
}
