import { Card, Table, Tag } from 'antd';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { PolicyVersion } from './segmentation-api';

/** Every saved version, newest first; the tiers in force say which one graded them. */
export function PolicyHistory({ history, current }: { history: PolicyVersion[]; current: number }) {
  const { t } = useI18n();
  const rows = [...history].sort((a, b) => b.version - a.version);
  return (
    <Card size="small" title={t('policy.history')} className="cb-policy-section">
      <Table<PolicyVersion>
        rowKey="version"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        data-testid="policy-history"
        locale={{ emptyText: t('policy.historyEmpty') }}
        columns={[
          {
            title: t('policy.version'),
            dataIndex: 'version',
            width: 120,
            render: (version: number) => (
              <>
                v{version} {version === current && <Tag color="cyan">{t('policy.current')}</Tag>}
              </>
            ),
          },
          { title: t('policy.note'), dataIndex: 'note', render: (note: string | null) => note ?? '—' },
          {
            title: t('policy.createdBy'),
            dataIndex: 'createdByName',
            width: 160,
            render: (name: string | null, row) => name ?? row.createdBy ?? t('policy.defaults'),
          },
          {
            title: t('policy.createdAt'),
            dataIndex: 'createdAt',
            width: 180,
            render: (at: string | null) => formatDateTime(at),
          },
        ]}
      />
    </Card>
  );
}
