import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { login } from '../../api/endpoints';
import { applyFieldErrors, errorMessage } from '../../api/errors';
import { BrandMark } from '../../app/brand';
import { useI18n } from '../../app/i18n';
import { LangSwitch } from '../../app/lang-switch';
import { ME_QUERY_KEY } from '../../app/session';

interface LoginForm {
  username: string;
  password: string;
}

function redirectTarget(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<LoginForm>();
  const [formError, setFormError] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: ({ username, password }: LoginForm) => login(username, password),
    onMutate: () => setFormError(null),
    onSuccess: async (me) => {
      queryClient.clear();
      queryClient.setQueryData(ME_QUERY_KEY, me);
      await navigate(redirectTarget(location.state), { replace: true });
    },
    onError: (error) => {
      const unplaced = applyFieldErrors(form, error, ['username', 'password']);
      setFormError([errorMessage(error, t), ...unplaced].join(' '));
    },
  });

  return (
    <div className="cb-login">
      <LangSwitch className="cb-login-lang" />
      <section className="cb-login-hero">
        <div className="cb-login-hero-inner">
          <BrandMark size={56} />
          <Typography.Title className="cb-login-hero-title">{t('app.name')}</Typography.Title>
          <Typography.Paragraph className="cb-login-hero-text">{t('app.tagline')}</Typography.Paragraph>
        </div>
      </section>
      <section className="cb-login-panel">
        <div className="cb-login-card">
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
          {formError && (
            <Alert
              data-testid="login-error"
              type="error"
              showIcon
              title={formError}
              style={{ marginBottom: 16 }}
            />
          )}
          <Form
            name="login"
            form={form}
            layout="vertical"
            size="large"
            requiredMark={false}
            onFinish={(values) => mutation.mutate(values)}
          >
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input
                data-testid="login-username"
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password
                data-testid="login-password"
                prefix={<LockOutlined />}
                autoComplete="current-password"
              />
            </Form.Item>
            <Button
              data-testid="login-submit"
              type="primary"
              htmlType="submit"
              block
              loading={mutation.isPending}
              style={{ marginTop: 8 }}
            >
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="cb-login-footer">
            <SafetyCertificateOutlined /> {t('login.footer')}
          </Typography.Paragraph>
        </div>
      </section>
    </div>
  );
}
