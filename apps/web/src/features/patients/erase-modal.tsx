import { useEffect } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { PATIENT_FIELD_MESSAGES, type Patient } from '@carebridge/contracts';
import { erasePatient } from '../../api/endpoints';
import { useI18n } from '../../app/i18n';
import { useFormErrors } from '../../app/use-form-errors';
import { ReasonField } from './reason-field';
import { PATIENT_SEARCH_KEY, patientKey } from './patient-queries';

interface EraseForm {
  reason: string;
  confirmName: string;
}

/** PIPL art. 47: anonymise the record on the patient's request. Irreversible, so the name is typed again. */
export function EraseModal({
  patient,
  open,
  onClose,
}: {
  patient: Patient;
  open: boolean;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EraseForm>();
  const { showError, clearError, alert } = useFormErrors(form, ['reason', 'confirmName']);
  const typed = Form.useWatch('confirmName', form);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const mutation = useMutation({
    mutationFn: (v: EraseForm) => erasePatient(patient.id, v.reason.trim(), v.confirmName.trim()),
    onSuccess: async () => {
      void message.success(t('erase.done'));
      close();
      await queryClient.invalidateQueries({ queryKey: patientKey(patient.id) });
      await queryClient.invalidateQueries({ queryKey: PATIENT_SEARCH_KEY });
    },
    onError: showError,
  });

  function close() {
    clearError();
    onClose();
  }

  return (
    <Modal
      title={t('erase.title')}
      open={open}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('erase.submit')}
      okButtonProps={{ danger: true, disabled: typed?.trim() !== patient.name }}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      forceRender
    >
      <Alert type="error" showIcon title={t('erase.warning')} style={{ marginBottom: 16 }} />
      {alert}
      <Form
        form={form}
        layout="vertical"
        name="erase"
        onFinish={(v) => {
          clearError();
          mutation.mutate(v);
        }}
      >
        <ReasonField label="erase.reason" placeholder="erase.reasonPlaceholder" />
        <Form.Item
          name="confirmName"
          label={t('erase.confirmName', { name: patient.name })}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            {
              validator: (_, v: string | undefined) =>
                !v || v.trim() === patient.name
                  ? Promise.resolve()
                  : Promise.reject(new Error(PATIENT_FIELD_MESSAGES.confirm_name_mismatch?.[lang])),
            },
          ]}
        >
          <Input autoComplete="off" data-testid="erase-confirm-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
