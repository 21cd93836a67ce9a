// i18next set-up: zh-CN and en bundled; the choice is the user's (localStorage), else the browser's language.
import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';
import zhCN from '../locales/zh-CN.json';
import type { Locale } from './types';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'yangfan.locale';

/** The locale the user picked on this browser, if any. */
export function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'zh-CN' || value === 'en' ? value : null;
  } catch {
    return null;
  }
}

/** Any Chinese variant of the browser's language means zh-CN; everything else English. */
export function browserLocale(): Locale {
  if (typeof navigator === 'undefined') return 'zh-CN';
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  return languages[0]?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function applyLocale(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
}

/** Switches the UI language; `persist` records the choice on this browser. */
export async function changeLocale(locale: Locale, persist = true): Promise<void> {
  if (persist) {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
  }
  applyLocale(locale);
  await i18next.changeLanguage(locale);
}

/** The current UI language as a Locale. */
export function currentLocale(): Locale {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}

const initial = storedLocale() ?? browserLocale();
applyLocale(initial);

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'en',
  supportedLngs: LOCALES,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18next };
