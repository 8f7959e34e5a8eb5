import { useEffect } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Modal, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { useFormErrors } from '../../app/use-form-errors';
import { ReasonField } from '../patients/reason-field';
import { readRawMessage, type InboxMessage } from './inbox-api';
import './interop.css';

/** HL7 segments end with CR; files and some engines use LF or CRLF. One segment per line, none empty. */
export function hl7Segments(raw: string): string[] {
  return raw.split(/\r\n|\r|\n/).filter((segment) => segment.trim() !== '');
}

/** 查看原文: the reason first (audited), then the message as received, one segment per line. */
export function RawMessageModal({ message, onClose }: { message: InboxMessage | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const { showError, clearError, alert } = useFormErrors(form, ['reason']);

  useEffect(() => {
    if (message) form.resetFields();
  }, [message, form]);

  const read = useMutation({
    mutationFn: (reason: string) => readRawMessage(message!.id, reason),
    onError: showError,
  });
  // Patient data: held only while the modal is open.
  const raw = read.data?.raw ?? null;

  function close() {
    clearError();
    read.reset();
    onClose();
  }

  const segments = raw === null ? [] : hl7Segments(raw);
  return (
    <Modal
      title={t('inbox.rawTitle', { controlId: message?.controlId ?? '' })}
      open={message !== null}
      onCancel={close}
      width={raw === null ? 520 : 960}
      forceRender
      footer={
        raw === null
          ? [
              <Button key="cancel" onClick={close}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="ok"
                type="primary"
                loading={read.isPending}
                onClick={() => form.submit()}
                data-testid="inbox-raw-submit"
              >
                {t('inbox.rawSubmit')}
              </Button>,
            ]
          : [
              <Button key="close" type="primary" onClick={close} data-testid="inbox-raw-close">
                {t('inbox.close')}
              </Button>,
            ]
      }
    >
      {raw === null ? (
        <>
          <Alert type="warning" showIcon title={t('inbox.rawNotice')} style={{ marginBottom: 16 }} />
          {alert}
          <Form
            form={form}
            layout="vertical"
            name="inbox-raw"
            onFinish={(v) => {
              clearError();
              read.mutate(v.reason.trim());
            }}
          >
            <ReasonField
              label="inbox.rawReason"
              placeholder="inbox.rawReasonPlaceholder"
              testId="inbox-raw-reason"
            />
          </Form>
        </>
      ) : (
        <>
          <Typography.Text type="secondary">
            {t('inbox.rawSegments', { count: segments.length })}
          </Typography.Text>
          <pre className="cb-hl7-raw" data-testid="inbox-raw-text">
            {segments.map((segment, i) => (
              <div key={i} className="cb-hl7-segment">
                {segment}
              </div>
            ))}
          </pre>
        </>
      )}
    </Modal>
  );
}
