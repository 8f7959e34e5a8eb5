import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

export type Lang = 'zh' | 'en';

/** Where the console remembers the chosen language between visits. */
export const LANG_STORAGE_KEY = 'carebridge.lang';

export function readStoredLang(): Lang {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** Persists the language and applies its process-wide parts (dayjs, <html lang>). */
export function applyLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/** The Accept-Language value that makes the server localise its error messages like the UI. */
export function acceptLanguage(): string {
  return readStoredLang() === 'zh' ? 'zh-CN' : 'en';
}
