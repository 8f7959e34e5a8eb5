import { Alert, Descriptions, Modal, Tag } from 'antd';
import { useI18n } from '../../app/i18n';
import { AckTag } from './ack-tag';
import { ImportCountTags } from './import-counts';
import type { ReprocessResult } from './inbox-api';
import { STATUS_COLOURS } from './inbox-status';

/** 重新处理 answered: the message's new status and what it wrote. */
export function ReprocessResultModal({
  result,
  onClose,
}: {
  result: ReprocessResult | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const m = result?.message;
  return (
    <Modal
      title={t('inbox.reprocessTitle')}
      open={result !== null}
      onCancel={onClose}
      onOk={onClose}
      okText={t('inbox.close')}
      okButtonProps={{ 'data-testid': 'inbox-reprocess-close' }}
      cancelButtonProps={{ style: { display: 'none' } }}
    >
      {m && result && (
        <div data-testid="inbox-reprocess-result">
          {m.status === 'rejected' && (
            <Alert type="warning" showIcon title={t('inbox.stillRejected')} style={{ marginBottom: 16 }} />
          )}
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              {
                key: 'status',
                label: t('inbox.newStatus'),
                children: <Tag color={STATUS_COLOURS[m.status]}>{t(`inbox.status.${m.status}`)}</Tag>,
              },
              { key: 'ack', label: t('inbox.ack'), children: <AckTag code={m.ackCode} /> },
              {
                key: 'counts',
                label: t('inbox.counts'),
                children: <ImportCountTags counts={result.counts} showZeros />,
              },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
