import { useEffect } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Modal } from 'antd';
import { UNMASK_FIELDS, type Patient, type UnmaskResponse } from '@carebridge/contracts';
import { unmaskPatient } from '../../api/endpoints';
import { useI18n } from '../../app/i18n';
import { useFormErrors } from '../../app/use-form-errors';
import { ReasonField } from './reason-field';

type UnmaskField = (typeof UNMASK_FIELDS)[number];
interface UnmaskForm {
  fields: UnmaskField[];
  reason: string;
}

/** Full phone / ID-card numbers need a reason; the server records it in the audit trail. */
export function UnmaskModal({
  patient,
  open,
  onClose,
  onUnmasked,
}: {
  patient: Patient;
  open: boolean;
  onClose: () => void;
  onUnmasked: (result: UnmaskResponse) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<UnmaskForm>();
  const { showError, clearError, alert } = useFormErrors(form, ['fields', 'reason']);
  const available = UNMASK_FIELDS.filter((f) =>
    f === 'phone' ? patient.phones.length > 0 : patient.idCardMasked !== null,
  );

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ fields: available, reason: '' });
    // `available` is derived from the patient; reset when the modal opens, not on each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, form]);

  const mutation = useMutation({
    mutationFn: (v: UnmaskForm) => unmaskPatient(patient.id, v.fields, v.reason.trim()),
    onSuccess: (result) => {
      onUnmasked(result);
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
      title={t('unmask.title')}
      open={open}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('unmask.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'unmask-submit' }}
      forceRender
    >
      <Alert type="warning" showIcon title={t('unmask.notice')} style={{ marginBottom: 16 }} />
      {alert}
      <Form
        form={form}
        layout="vertical"
        name="unmask"
        onFinish={(v) => {
          clearError();
          mutation.mutate(v);
        }}
      >
        <Form.Item
          name="fields"
          label={t('unmask.fields')}
          rules={[{ required: true, type: 'array', min: 1, message: t('unmask.fieldsRequired') }]}
        >
          <Checkbox.Group options={available.map((f) => ({ value: f, label: t(`unmask.field.${f}`) }))} />
        </Form.Item>
        <ReasonField label="unmask.reason" placeholder="unmask.reasonPlaceholder" testId="unmask-reason" />
      </Form>
    </Modal>
  );
}
