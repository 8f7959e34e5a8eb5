import { Button } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useI18n } from './i18n';

/** Labelled with the language it switches to, as bilingual sites do ("English" / "中文"). */
export function LangSwitch({ className }: { className?: string }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Button
      data-testid="lang-switch"
      className={className}
      type="text"
      icon={<TranslationOutlined />}
      title={t('lang.switchTitle')}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
    >
      {t('lang.switch')}
    </Button>
  );
}
