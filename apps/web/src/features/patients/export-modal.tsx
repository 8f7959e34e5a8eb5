import { useEffect } from 'react';
import { useMutation } from '@tanstack/react-query';
import { App, Form, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Patient } from '@carebridge/contracts';
import { exportPatient } from '../../api/endpoints';
import { useI18n } from '../../app/i18n';
import { useFormErrors } from '../../app/use-form-errors';
import { ReasonField } from './reason-field';

function download(data: unknown, filename: string) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** PIPL art. 45: everything held about the patient, for the patient; the reason is audited. */
export function ExportModal({
  patient,
  open,
  onClose,
}: {
  patient: Patient;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { showError, clearError, alert } = useFormErrors(form, ['reason']);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const mutation = useMutation({
    mutationFn: (reason: string) => exportPatient(patient.id, reason),
    onSuccess: (data) => {
      download(data, `patient-${patient.id}-${dayjs().format('YYYYMMDD-HHmm')}.json`);
      void message.success(t('export.done'));
      close();
    },
    onError: showError,
  });

  function close() {
    clearError();
    onClose();
  }

  return (
    <Modal
      title={t('export.title')}
      open={open}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('export.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      forceRender
    >
      <Typography.Paragraph type="secondary">
        {t('export.notice', { name: patient.name })}
      </Typography.Paragraph>
      {alert}
      <Form form={form} layout="vertical" name="export" onFinish={(v) => mutation.mutate(v.reason.trim())}>
        <ReasonField label="export.reason" placeholder="export.reasonPlaceholder" testId="export-reason" />
      </Form>
    </Modal>
  );
}
