import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ROLE_LABELS, type Role } from '@carebridge/contracts';
import { en, zh, type Catalogue, type MessageKey } from './messages';
import { applyLang, readStoredLang, type Lang } from './lang';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  roleLabel: (role: string) => string;
}

const catalogues: Record<Lang, Catalogue> = { zh, en };
const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  const lang = readStoredLang();
  applyLang(lang);
  return lang;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  const setLang = useCallback((next: Lang) => {
    applyLang(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const catalogue = catalogues[lang];
    const t: Translate = (key, params) => {
      const text = catalogue[key];
      if (!params) return text;
      return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in params ? String(params[name]) : whole,
      );
    };
    const roleLabel = (role: string) => ROLE_LABELS[role as Role]?.[lang] ?? role;
    return { lang, setLang, t, roleLabel };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
