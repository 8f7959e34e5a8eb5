import { Tag } from 'antd';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useCodeLabel } from './code-labels';
import { TimelineTable } from './timeline-table';

/** 就诊记录: outpatient, emergency, inpatient, check-up and online visits. */
export function EncountersTab({ patientId }: { patientId: string }) {
  const { t } = useI18n();
  const none = t('common.none');
  const code = useCodeLabel();
  return (
    <TimelineTable
      patientId={patientId}
      type="encounter"
      testId="encounters-table"
      columns={[
        { title: t('encounter.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
        {
          title: t('encounter.kind'),
          dataIndex: 'kind',
          width: 90,
          render: (_, e) => (
            <Tag color={e.kind === 'emergency' ? 'red' : e.kind === 'inpatient' ? 'purple' : 'blue'}>
              {t(`vocab.encounter.${e.kind}`)}
            </Tag>
          ),
        },
        {
          title: t('encounter.department'),
          dataIndex: 'departmentName',
          render: (v: string | null) => v ?? none,
        },
        {
          title: t('encounter.practitioner'),
          dataIndex: 'practitionerName',
          width: 110,
          render: (v: string | null) => v ?? none,
        },
        {
          title: t('encounter.status'),
          dataIndex: 'status',
          width: 100,
          render: (v: string) =>
            v === 'no_show' ? <Tag color="orange">{code('status', v)}</Tag> : code('status', v),
        },
        {
          title: t('encounter.channel'),
          dataIndex: 'registrationChannel',
          width: 100,
          render: (v: string | null) => code('regChannel', v) ?? none,
        },
        {
          title: t('encounter.waiting'),
          dataIndex: 'waitingMinutes',
          width: 100,
          render: (v: number | null) => (v === null ? none : t('encounter.minutes', { n: v })),
        },
        {
          title: t('encounter.endAt'),
          dataIndex: 'endAt',
          width: 170,
          render: (v: string | null) => formatDateTime(v),
        },
      ]}
    />
  );
}
