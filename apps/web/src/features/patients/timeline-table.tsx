import { Button, Flex, Table, Typography, type TableProps } from 'antd';
import type { TimelineEntry, TimelineType } from '@carebridge/contracts';
import { errorMessage } from '../../api/errors';
import { useI18n } from '../../app/i18n';
import { usePatientTimeline } from './patient-queries';

export type EntryOf<K extends TimelineType> = Extract<TimelineEntry, { type: K }>;

/** One kind of timeline entry as a table, newest first, with "load more" paging (encounters, results …). */
export function TimelineTable<K extends TimelineType>({
  patientId,
  type,
  columns,
  testId,
  rowClassName,
  onRow,
  scrollX = 900,
}: {
  patientId: string;
  type: K;
  columns: TableProps<EntryOf<K>>['columns'];
  testId: string;
  rowClassName?: (entry: EntryOf<K>) => string;
  onRow?: TableProps<EntryOf<K>>['onRow'];
  scrollX?: number;
}) {
  const { t } = useI18n();
  const timeline = usePatientTimeline(patientId, [type], 100);
  const rows = (timeline.data?.pages.flatMap((p) => p.items) ?? []).filter(
    (e): e is EntryOf<K> => e.type === type,
  );
  return (
    <>
      <Table<EntryOf<K>>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={timeline.isFetching && !timeline.isFetchingNextPage}
        pagination={false}
        scroll={{ x: scrollX }}
        rowClassName={rowClassName}
        onRow={onRow}
        locale={timeline.isError ? { emptyText: errorMessage(timeline.error, t) } : undefined}
        data-testid={testId}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">{t('patients.loaded', { count: rows.length })}</Typography.Text>
        {timeline.hasNextPage ? (
          <Button onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
        )}
      </Flex>
    </>
  );
}
