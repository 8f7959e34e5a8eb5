import { useState } from 'react';
import { Button, Checkbox, Empty, Flex, Spin, Timeline, Typography } from 'antd';
import { TIMELINE_TYPES, type TimelineType } from '@carebridge/contracts';
import { errorMessage } from '../../api/errors';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { usePatientTimeline } from './patient-queries';
import { DOT_COLORS, TimelineEntryView } from './timeline-entry';

/** 时间线: everything that happened to the patient, newest first, filtered by type, paged on demand. */
export function TimelineTab({ patientId }: { patientId: string }) {
  const { t } = useI18n();
  const [types, setTypes] = useState<TimelineType[]>([...TIMELINE_TYPES]);
  const all = types.length === 0 || types.length === TIMELINE_TYPES.length;
  const timeline = usePatientTimeline(patientId, all ? undefined : types, 50);
  const entries = timeline.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <Checkbox.Group
        value={types}
        onChange={(v) => setTypes(v)}
        options={TIMELINE_TYPES.map((type) => ({ value: type, label: t(`timeline.type.${type}`) }))}
        style={{ marginBottom: 16 }}
        data-testid="timeline-types"
      />
      {timeline.isPending ? (
        <Spin className="cb-page-spin" />
      ) : timeline.isError ? (
        <Typography.Text type="danger">{errorMessage(timeline.error, t)}</Typography.Text>
      ) : entries.length === 0 ? (
        <Empty description={t('timeline.empty')} />
      ) : (
        <Timeline
          data-testid="timeline"
          items={entries.map((e) => ({
            key: e.id,
            color: e.type === 'result' && e.abnormal ? 'red' : DOT_COLORS[e.type],
            title: formatDateTime(e.at),
            content: <TimelineEntryView entry={e} />,
          }))}
          mode="start"
          titleSpan={4}
        />
      )}
      <Flex justify="center">
        {timeline.hasNextPage ? (
          <Button
            onClick={() => void timeline.fetchNextPage()}
            loading={timeline.isFetchingNextPage}
            data-testid="timeline-more"
          >
            {t('common.loadMore')}
          </Button>
        ) : (
          entries.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
        )}
      </Flex>
    </>
  );
}
