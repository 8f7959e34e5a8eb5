import { useEffect, useMemo } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { DEPARTMENT_KINDS, type Department } from '@carebridge/contracts';
import { createDepartment, updateDepartment, type DepartmentInput } from '../../api/endpoints';
import { useI18n } from '../../app/i18n';
import { useFormErrors } from '../../app/use-form-errors';
import { DepartmentSelect } from './department-select';
import { DEPARTMENTS_QUERY_KEY, subtreeIds, useDepartments } from './departments-query';

interface DepartmentForm {
  parentId?: string;
  code: string;
  name: string;
  nameEn?: string;
  kind: Department['kind'];
  active: boolean;
  sortOrder: number;
}

const FIELDS = ['parentId', 'code', 'name', 'nameEn', 'kind', 'active', 'sortOrder'] as const;

/** Create a department (optionally under a parent) or edit one. */
export function DepartmentFormModal({
  open,
  editing,
  parentId,
  onClose,
}: {
  open: boolean;
  editing: Department | null;
  parentId?: string | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const departments = useDepartments();
  const [form] = Form.useForm<DepartmentForm>();
  const { showError, clearError, alert } = useFormErrors(form, FIELDS);
  // A department cannot sit under itself or one of its own sub-departments.
  const blocked = useMemo(
    () => (editing ? subtreeIds(departments.data?.items ?? [], editing.id) : undefined),
    [editing, departments.data],
  );

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      editing
        ? {
            parentId: editing.parentId ?? undefined,
            code: editing.code,
            name: editing.name,
            nameEn: editing.nameEn ?? '',
            kind: editing.kind,
            active: editing.active,
            sortOrder: editing.sortOrder,
          }
        : { parentId: parentId ?? undefined, kind: 'clinical', active: true, sortOrder: 0 },
    );
  }, [open, editing, parentId, form]);

  const mutation = useMutation({
    mutationFn: (values: DepartmentForm) => {
      const body: DepartmentInput = {
        parentId: values.parentId ?? null,
        code: values.code.trim(),
        name: values.name.trim(),
        nameEn: values.nameEn?.trim() ? values.nameEn.trim() : null,
        kind: values.kind,
        active: values.active,
        sortOrder: values.sortOrder ?? 0,
      };
      return editing ? updateDepartment(editing.id, body) : createDepartment(body);
    },
    onSuccess: async () => {
      void message.success(editing ? t('common.saved') : t('org.departmentCreated'));
      await queryClient.invalidateQueries({ queryKey: DEPARTMENTS_QUERY_KEY });
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
      title={editing ? t('org.editDepartment') : t('org.createDepartment')}
      open={open}
      onCancel={close}
      onOk={() => form.submit()}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      forceRender
    >
      {alert}
      <Form
        form={form}
        layout="vertical"
        name="department"
        data-testid="department-form"
        onFinish={(values) => {
          clearError();
          mutation.mutate(values);
        }}
      >
        <Form.Item name="parentId" label={t('org.parent')}>
          <DepartmentSelect placeholder={t('org.topLevel')} disabledIds={blocked} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('org.code')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            { pattern: /^[A-Za-z0-9_-]+$/, message: t('org.codeFormat') },
          ]}
        >
          <Input maxLength={20} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('org.departmentName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('org.nameEn')}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('org.kind')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select options={DEPARTMENT_KINDS.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('org.sortOrder')}>
          <InputNumber min={0} max={9999} precision={0} />
        </Form.Item>
        <Form.Item name="active" label={t('org.status')} valuePropName="checked">
          <Switch checkedChildren={t('org.active')} unCheckedChildren={t('org.inactive')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
