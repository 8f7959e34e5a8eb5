import { useEffect } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Switch } from 'antd';
import {
  PASSWORD_MIN_LENGTH,
  ROLES,
  type Role,
  type UpdateUserRequest,
  type User,
} from '@carebridge/contracts';
import { createUser, updateUser } from '../../api/endpoints';
import { useI18n } from '../../app/i18n';
import { useFormErrors } from '../../app/use-form-errors';

interface UserForm {
  username: string;
  displayName: string;
  department?: string;
  roles: Role[];
  active: boolean;
  password?: string;
}

const FIELDS = ['username', 'displayName', 'department', 'roles', 'active', 'password'] as const;

export const USERS_QUERY_KEY = ['users'] as const;

export function useRoleOptions() {
  const { roleLabel } = useI18n();
  return ROLES.map((role) => ({ value: role, label: roleLabel(role) }));
}

/** Create a user (editing === null) or edit one: name, department, roles, status, password reset. */
export function UserFormModal({
  open,
  editing,
  onClose,
}: {
  open: boolean;
  editing: User | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<UserForm>();
  const { showError, clearError, alert } = useFormErrors(form, FIELDS);
  const roleOptions = useRoleOptions();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        username: editing.username,
        displayName: editing.displayName,
        department: editing.department ?? '',
        roles: editing.roles,
        active: editing.active,
      });
    } else {
      form.setFieldsValue({ active: true, roles: [] });
    }
  }, [open, editing, form]);

  const mutation = useMutation({
    mutationFn: (values: UserForm) => {
      const department = values.department?.trim() ? values.department.trim() : null;
      if (!editing) {
        return createUser({
          username: values.username,
          displayName: values.displayName,
          department,
          roles: values.roles,
          password: values.password ?? '',
        });
      }
      const patch: UpdateUserRequest = {
        displayName: values.displayName,
        department,
        roles: values.roles,
        active: values.active,
      };
      if (values.password) patch.password = values.password;
      return updateUser(editing.id, patch);
    },
    onSuccess: async () => {
      void message.success(editing ? t('common.saved') : t('users.created'));
      await queryClient.invalidateQueries({ queryKey: USERS_QUERY_KEY });
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
      title={editing ? t('users.edit') : t('users.create')}
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
        onFinish={(values) => {
          clearError();
          mutation.mutate(values);
        }}
        name="user"
        data-testid="user-form"
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input disabled={!!editing} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="department" label={t('users.department')}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('users.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
        >
          <Select
            mode="multiple"
            options={roleOptions}
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
          />
        </Form.Item>
        {editing && (
          <Form.Item name="active" label={t('users.status')} valuePropName="checked">
            <Switch checkedChildren={t('users.active')} unCheckedChildren={t('users.inactive')} />
          </Form.Item>
        )}
        <Form.Item
          name="password"
          label={editing ? t('users.resetPassword') : t('users.password')}
          extra={editing ? t('users.resetPasswordHint') : t('password.hint', { min: PASSWORD_MIN_LENGTH })}
          rules={[
            { required: !editing, message: t('password.newRequired') },
            { min: PASSWORD_MIN_LENGTH, message: t('password.tooShort', { min: PASSWORD_MIN_LENGTH }) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
