import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button } from 'antd';
import { UndoOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { useErrorLine } from '../interop/api-error-alert';
import type { MergeDone } from './merge-modal';
import { undoMerge } from './mpi-api';

/** Shown after a merge until closed: what was merged into what, with 撤销 (exactly the moved rows go back). */
export function MergeUndoBanner({
  done,
  onClose,
  onUndone,
}: {
  done: MergeDone;
  onClose: () => void;
  onUndone: () => Promise<void>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorLine = useErrorLine();
  const undo = useMutation({
    mutationFn: (mergeId: string) => undoMerge(mergeId),
    onSuccess: async () => {
      void message.success(t('mpi.undone'));
      onClose();
      await onUndone();
    },
    onError: (error) => void message.error(errorLine(error)),
  });
  const mergeId = done.mergeId;
  return (
    <Alert
      type="success"
      showIcon
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
      data-testid="mpi-merged-banner"
      title={t('mpi.merged', { merged: done.merged.name, survivor: done.survivor.name })}
      action={
        mergeId && (
          <Button
            size="small"
            icon={<UndoOutlined />}
            loading={undo.isPending}
            onClick={() => undo.mutate(mergeId)}
            data-testid="mpi-undo"
          >
            {t('mpi.undo')}
          </Button>
        )
      }
    />
  );
}
