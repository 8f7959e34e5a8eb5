import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Flex, Modal, Radio, Tag, Typography } from 'antd';
import { formatDate, formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { ApiErrorAlert } from '../interop/api-error-alert';
import { decideReview, listMergesOf, type Review, type ReviewSide } from './mpi-api';

export interface MergeDone {
  /** Null when the merge is made but its id could not be read back (no undo offered then). */
  mergeId: string | null;
  survivor: ReviewSide;
  merged: ReviewSide;
}

/** 合并: staff choose which record lives on; by default the candidate, the record that was there first. */
export function MergeModal({
  review,
  onClose,
  onMerged,
}: {
  review: Review | null;
  onClose: () => void;
  onMerged: (done: MergeDone) => void;
}) {
  const { t } = useI18n();
  // The choice belongs to one review; another review starts again from its candidate.
  const [choice, setChoice] = useState<{ reviewId: string; survivorId: string } | null>(null);
  const survivorId =
    choice && choice.reviewId === review?.id ? choice.survivorId : (review?.candidate.id ?? '');

  const merge = useMutation({
    mutationFn: async (r: Review): Promise<MergeDone> => {
      const survivor = r.patient.id === survivorId ? r.patient : r.candidate;
      const merged = survivor === r.patient ? r.candidate : r.patient;
      await decideReview(r.id, { decision: 'merge', survivorId: survivor.id });
      const mergeId = await listMergesOf(survivor.id)
        .then((list) => list.items.find((m) => m.mergedId === merged.id && !m.undoneAt)?.id ?? null)
        .catch(() => null);
      return { mergeId, survivor, merged };
    },
    onSuccess: (done) => {
      onMerged(done);
      onClose();
    },
  });

  function close() {
    merge.reset();
    onClose();
  }

  const option = (side: ReviewSide, older: boolean) => (
    <Radio value={side.id} key={side.id} data-testid={`mpi-survivor-${side.id}`}>
      <Flex vertical>
        <span>
          <Typography.Text strong>{side.name}</Typography.Text>{' '}
          {older && <Tag color="blue">{t('mpi.older')}</Tag>}
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('mpi.survivorDetail', {
            birthDate: formatDate(side.birthDate),
            visits: side.visits,
            createdAt: formatDateTime(side.createdAt),
          })}
        </Typography.Text>
      </Flex>
    </Radio>
  );

  return (
    <Modal
      title={t('mpi.mergeTitle')}
      open={review !== null}
      onCancel={close}
      onOk={() => review && merge.mutate(review)}
      okText={t('mpi.mergeConfirm')}
      cancelText={t('common.cancel')}
      confirmLoading={merge.isPending}
      okButtonProps={{ 'data-testid': 'mpi-merge-submit' }}
    >
      {review && (
        <>
          <Alert type="info" showIcon title={t('mpi.mergeNotice')} style={{ marginBottom: 16 }} />
          {merge.isError && <ApiErrorAlert error={merge.error} />}
          <Typography.Paragraph>{t('mpi.chooseSurvivor')}</Typography.Paragraph>
          <Radio.Group
            value={survivorId}
            onChange={(e) =>
              review && setChoice({ reviewId: review.id, survivorId: e.target.value as string })
            }
          >
            <Flex vertical gap={12}>
              {option(review.candidate, review.candidate.createdAt <= review.patient.createdAt)}
              {option(review.patient, review.patient.createdAt < review.candidate.createdAt)}
            </Flex>
          </Radio.Group>
        </>
      )}
    </Modal>
  );
}
