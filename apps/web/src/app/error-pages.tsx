import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from './i18n';

export function ForbiddenPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      data-testid="page-403"
      status="403"
      title={t('error.403.title')}
      subTitle={t('error.403.subtitle')}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      data-testid="page-404"
      status="404"
      title={t('error.404.title')}
      subTitle={t('error.404.subtitle')}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
