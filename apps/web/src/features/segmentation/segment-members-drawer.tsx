import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Button, Drawer, Table, type TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { formatYuan } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useCan } from '../../app/session';
import { ApiErrorAlert } from '../interop/api-error-alert';
import {
  listSegmentMembers,
  segmentExportUrl,
  SEGMENTS_QUERY_KEY,
  type Segment,
  type SegmentMember,
} from './segments-api';
import { LevelTag, TierTag } from './value-labels';

const PAGE_SIZE = 20;

function useMemberColumns(): TableProps<SegmentMember>['columns'] {
  const { t } = useI18n();
  const can = useCan();
  return [
    {
      title: t('segments.members.name'),
      dataIndex: 'name',
      render: (name: string, m) =>
        can('patients.read') ? <Link to={`/patients/${m.patientId}`}>{name}</Link> : name,
    },
    {
      title: t('segments.members.gender'),
      dataIndex: 'gender',
      width: 70,
      render: (g: string) => (g === 'male' || g === 'female' || g === 'unknown' ? t(`vocab.gender.${g}`) : g),
    },
    { title: t('segments.members.age'), dataIndex: 'age', width: 70, render: (a: number | null) => a ?? '—' },
    { title: t('segments.members.phone'), dataIndex: 'phoneMasked', render: (p: string | null) => p ?? '—' },
    {
      title: t('seg.tier'),
      dataIndex: 'tier',
      width: 90,
      render: (tier: SegmentMember['tier']) => <TierTag tier={tier} />,
    },
    {
      title: t('seg.level'),
      dataIndex: 'level',
      width: 90,
      render: (level: SegmentMember['level']) => <LevelTag level={level} />,
    },
    {
      title: t('segments.members.revenue'),
      dataIndex: 'revenueFen',
      align: 'right',
      render: (fen: number | null) => formatYuan(fen),
    },
  ];
}

/** A saved segment's members, names in full and phones masked (segments.export; every page is audited). */
export function SegmentMembersDrawer({ segment, onClose }: { segment: Segment | null; onClose: () => void }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const columns = useMemberColumns();
  const id = segment?.id ?? '';
  const members = useQuery({
    queryKey: [...SEGMENTS_QUERY_KEY, id, 'members', page],
    queryFn: () => listSegmentMembers(id, PAGE_SIZE, (page - 1) * PAGE_SIZE),
    enabled: segment !== null,
    placeholderData: keepPreviousData,
  });
  return (
    <Drawer
      title={segment ? t('segments.members.title', { name: segment.name }) : ''}
      open={segment !== null}
      onClose={onClose}
      afterOpenChange={(open) => !open && setPage(1)}
      size={880}
      extra={
        segment && (
          <Button
            icon={<DownloadOutlined />}
            href={segmentExportUrl(segment.id)}
            data-testid="segment-export"
          >
            {t('segments.export')}
          </Button>
        )
      }
    >
      {members.isError && <ApiErrorAlert error={members.error} />}
      <Table<SegmentMember>
        rowKey="patientId"
        size="small"
        columns={columns}
        dataSource={members.data?.items ?? []}
        loading={members.isFetching}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: members.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (total) => t('segments.members.total', { total }),
        }}
        data-testid="segment-members"
      />
    </Drawer>
  );
}
