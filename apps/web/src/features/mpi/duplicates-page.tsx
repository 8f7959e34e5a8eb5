import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Pagination, Segmented, Skeleton, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../app/page-header';
import { ApiErrorAlert, useErrorLine } from '../interop/api-error-alert';
import { MergeModal, type MergeDone } from './merge-modal';
import { MergeUndoBanner } from './merge-undo-banner';
import { decideReview, listReviews, REVIEWS_QUERY_KEY, type Review, type ReviewStatus } from './mpi-api';
import { ReviewCard } from './review-card';

const PAGE_SIZE = 10;
const TABS: ReviewStatus[] = ['open', 'merged', 'distinct'];

/** 疑似重复: pairs the master patient index could not decide alone, for staff to merge or keep apart. */
export function DuplicatesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorLine = useErrorLine();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ReviewStatus>('open');
  const [page, setPage] = useState(1);
  const [merging, setMerging] = useState<Review | null>(null);
  const [merged, setMerged] = useState<MergeDone | null>(null);

  const reviews = useQuery({
    queryKey: [...REVIEWS_QUERY_KEY, status, page],
    queryFn: () => listReviews(status, PAGE_SIZE, (page - 1) * PAGE_SIZE),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: REVIEWS_QUERY_KEY });
  const distinct = useMutation({
    mutationFn: (review: Review) => decideReview(review.id, { decision: 'distinct' }),
    onSuccess: async () => {
      void message.success(t('mpi.keptApart'));
      await refresh();
    },
    onError: (error) => void message.error(errorLine(error)),
  });

  const items = reviews.data?.items ?? [];
  let body;
  if (reviews.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (reviews.isError) body = <ApiErrorAlert error={reviews.error} />;
  else if (items.length === 0)
    body = (
      <Card>
        <Empty description={t(status === 'open' ? 'mpi.emptyOpen' : 'mpi.empty')} data-testid="mpi-empty" />
      </Card>
    );
  else
    body = items.map((review) => (
      <ReviewCard
        key={review.id}
        review={review}
        busy={distinct.isPending}
        onMerge={setMerging}
        onDistinct={(r) => distinct.mutateAsync(r)}
      />
    ));

  return (
    <>
      <PageHeader
        title={t('mpi.title')}
        subtitle={t('mpi.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void refresh()} loading={reviews.isFetching}>
            {t('common.refresh')}
          </Button>
        }
      />
      {merged && <MergeUndoBanner done={merged} onClose={() => setMerged(null)} onUndone={() => refresh()} />}
      <Card style={{ marginBottom: 16 }}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Segmented<ReviewStatus>
            value={status}
            onChange={(next) => {
              setStatus(next);
              setPage(1);
            }}
            options={TABS.map((s) => ({ value: s, label: t(`mpi.status.${s}`) }))}
            data-testid="mpi-status"
          />
          <Typography.Text type="secondary" data-testid="mpi-total">
            {reviews.data ? t('mpi.total', { total: reviews.data.total }) : ' '}
          </Typography.Text>
        </Flex>
      </Card>
      {body}
      {(reviews.data?.total ?? 0) > PAGE_SIZE && (
        <Flex justify="flex-end">
          <Pagination
            current={page}
            pageSize={PAGE_SIZE}
            total={reviews.data?.total ?? 0}
            showSizeChanger={false}
            onChange={setPage}
          />
        </Flex>
      )}
      <MergeModal
        review={merging}
        onClose={() => setMerging(null)}
        onMerged={(done) => {
          setMerged(done);
          void refresh();
        }}
      />
    </>
  );
}
