import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Select, Typography } from 'antd';
import type { Role } from '@carebridge/contracts';
import { createApiToken, type CreatedApiToken } from '../../api/endpoints';
import { useI18n } from '../../app/i18n';
import { useFormErrors } from '../../app/use-form-errors';
import { useRoleOptions } from '../users/user-form-modal';

export const API_TOKENS_QUERY_KEY = ['api-tokens'] as const;

interface TokenForm {
  name: string;
  roles: Role[];
}

export function CreateApiTokenModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (token: CreatedApiToken) => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TokenForm>();
  const { showError, clearError, alert } = useFormErrors(form, ['name', 'roles']);
  const roleOptions = useRoleOptions();

  const mutation = useMutation({
    mutationFn: (values: TokenForm) => createApiToken(values),
    onSuccess: async (token) => {
      form.resetFields();
      clearError();
      onCreated(token);
      await queryClient.invalidateQueries({ queryKey: API_TOKENS_QUERY_KEY });
    },
    onError: showError,
  });

  function close() {
    form.resetFields();
    clearError();
    onClose();
  }

  return (
    <Modal
      title={t('tokens.create')}
      open={open}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      forceRender
    >
      {alert}
      <Form
        name="apiToken"
        form={form}
        layout="vertical"
        onFinish={(values) => mutation.mutate(values)}
        initialValues={{ roles: [] }}
      >
        <Form.Item
          name="name"
          label={t('tokens.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={64} placeholder={t('tokens.namePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('tokens.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
        >
          <Select
            mode="multiple"
            options={roleOptions}
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The one moment the secret is visible: the server keeps only its hash. */
export function TokenSecretModal({ token, onClose }: { token: CreatedApiToken | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      title={t('tokens.secretTitle')}
      open={token !== null}
      closable={false}
      mask={{ closable: false }}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="token-secret-done">
          {t('tokens.secretDone')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('tokens.secretWarning')} style={{ marginBottom: 16 }} />
      {token && (
        <>
          <Typography.Text strong>{token.name}</Typography.Text>
          <Typography.Paragraph
            className="cb-secret"
            data-testid="token-secret"
            copyable={{ text: token.token, tooltips: [t('common.copy'), t('common.copied')] }}
          >
            <code>{token.token}</code>
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}
