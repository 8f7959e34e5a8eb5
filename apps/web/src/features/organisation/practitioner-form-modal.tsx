import { useEffect } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { PRACTITIONER_TITLES, type Practitioner } from '@carebridge/contracts';
import { createPractitioner, updatePractitioner, type PractitionerInput } from '../../api/endpoints';
import { useI18n } from '../../app/i18n';
import { useFormErrors } from '../../app/use-form-errors';
import { ClinicHoursInput, type ClinicSession } from './clinic-hours';
import { DepartmentSelect } from './department-select';

interface PractitionerForm {
  code: string;
  name: string;
  gender?: 'male' | 'female';
  title: PractitionerInput['title'];
  departmentId?: string;
  specialties: string[];
  clinicHours: ClinicSession[];
  active: boolean;
}

const FIELDS = [
  'code',
  'name',
  'gender',
  'title',
  'departmentId',
  'specialties',
  'clinicHours',
  'active',
] as const;

export const PRACTITIONERS_QUERY_KEY = ['practitioners'] as const;

/** Create or edit a practitioner: staff number, title, department, specialties, weekly clinic hours. */
export function PractitionerFormModal({
  open,
  editing,
  onClose,
}: {
  open: boolean;
  editing: Practitioner | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PractitionerForm>();
  const { showError, clearError, alert } = useFormErrors(form, FIELDS);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      editing
        ? {
            code: editing.code,
            name: editing.name,
            gender: editing.gender ?? undefined,
            title: editing.title as PractitionerForm['title'],
            departmentId: editing.departmentId ?? undefined,
            specialties: editing.specialties,
            clinicHours: editing.clinicHours,
            active: editing.active,
          }
        : { specialties: [], clinicHours: [], active: true },
    );
  }, [open, editing, form]);

  const mutation = useMutation({
    mutationFn: (values: PractitionerForm) => {
      const body: PractitionerInput = {
        code: values.code.trim(),
        name: values.name.trim(),
        gender: values.gender ?? null,
        title: values.title,
        departmentId: values.departmentId ?? null,
        specialties: values.specialties ?? [],
        clinicHours: values.clinicHours ?? [],
        active: values.active,
      };
      return editing ? updatePractitioner(editing.id, body) : createPractitioner(body);
    },
    onSuccess: async () => {
      void message.success(editing ? t('common.saved') : t('org.practitionerCreated'));
      await queryClient.invalidateQueries({ queryKey: PRACTITIONERS_QUERY_KEY });
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
      title={editing ? t('org.editPractitioner') : t('org.createPractitioner')}
      open={open}
      onCancel={close}
      onOk={() => form.submit()}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      width={640}
      forceRender
    >
      {alert}
      <Form
        form={form}
        layout="vertical"
        name="practitioner"
        data-testid="practitioner-form"
        onFinish={(values) => {
          clearError();
          mutation.mutate(values);
        }}
      >
        <div className="cb-form-row">
          <Form.Item
            name="code"
            label={t('org.staffNumber')}
            rules={[
              { required: true, whitespace: true, message: t('common.required') },
              { pattern: /^[A-Za-z0-9_-]+$/, message: t('org.codeFormat') },
            ]}
          >
            <Input maxLength={20} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('org.practitionerName')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="gender" label={t('org.gender')}>
            <Select
              allowClear
              options={(['male', 'female'] as const).map((g) => ({
                value: g,
                label: t(`vocab.gender.${g}`),
              }))}
            />
          </Form.Item>
        </div>
        <div className="cb-form-row">
          <Form.Item
            name="title"
            label={t('org.title')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Select options={PRACTITIONER_TITLES.map((v) => ({ value: v, label: t(`org.titles.${v}`) }))} />
          </Form.Item>
          <Form.Item name="departmentId" label={t('org.department')}>
            <DepartmentSelect />
          </Form.Item>
        </div>
        <Form.Item name="specialties" label={t('org.specialties')} extra={t('org.specialtiesHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="clinicHours" label={t('org.clinicHours')}>
          <ClinicHoursInput />
        </Form.Item>
        <Form.Item name="active" label={t('org.status')} valuePropName="checked">
          <Switch checkedChildren={t('org.active')} unCheckedChildren={t('org.inactive')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
