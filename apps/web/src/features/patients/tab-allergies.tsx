import { Tag, Typography } from 'antd';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useCodeLabel } from './code-labels';
import { TimelineTable } from './timeline-table';

/** 过敏: recorded allergies; every row is a warning, so substances are shown in red. */
export function AllergiesTab({ patientId }: { patientId: string }) {
  const { t } = useI18n();
  const none = t('common.none');
  const code = useCodeLabel();
  return (
    <TimelineTable
      patientId={patientId}
      type="allergy"
      testId="allergies-table"
      scrollX={700}
      columns={[
        {
          title: t('allergy.substance'),
          dataIndex: 'substance',
          render: (v: string) => (
            <Typography.Text type="danger" strong>
              {v}
            </Typography.Text>
          ),
        },
        { title: t('allergy.reaction'), dataIndex: 'reaction', render: (v: string | null) => v ?? none },
        {
          title: t('allergy.severity'),
          dataIndex: 'severity',
          width: 110,
          render: (v: string | null) => (v ? <Tag color="red">{code('severity', v)}</Tag> : none),
        },
        {
          title: t('allergy.recordedAt'),
          dataIndex: 'at',
          width: 170,
          render: (v: string) => formatDateTime(v),
        },
      ]}
    />
  );
}
