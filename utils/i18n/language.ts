import type { browser as wxtBrowser } from 'wxt/browser';
import { LANGS, type Lang } from '@/rules/clock/words';

export { LANGS, type Lang };

/** The options page's language setting: follow the browser, or one language whatever the browser says. */
export const LANGUAGE_CHOICES = ['auto', ...LANGS] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

/**
 * A browser locale's language: any Chinese (zh, zh-CN, zh-TW, zh_CN) is zh_CN, anything else en; none
 * known at all (a context without `navigator`) is the manifest's default_locale, zh_CN.
 */
export const langOfLocale = (locale: string | undefined): Lang =>
  !locale || /^zh(?:$|[-_])/i.test(locale) ? 'zh_CN' : 'en';

/** The language the extension speaks: the setting's, or the browser's when it is `auto`. */
export const langOf = (choice: LanguageChoice, browserLocale: string | undefined): Lang =>
  choice === 'auto' ? langOfLocale(browserLocale) : choice;

/**
 * The browser's language: the agent's first preferred language (`navigator.language`, the same in
 * the pages and the service worker), else the UI's (`i18n.getUILanguage()`). The preferred one
 * first: a Chromium without its locale files (Debian's without chromium-l10n) has an en-US UI
 * whatever the agent reads, and an admin may prefer English on a Chinese system.
 */
export function browserLocale(browser?: Pick<typeof wxtBrowser, 'i18n'>): string | undefined {
  const preferred = (globalThis as { navigator?: { language?: string } }).navigator?.language;
  if (preferred) return preferred;
  try {
    return browser?.i18n?.getUILanguage?.() || undefined;
  } catch {
    return undefined; // a context without the API (a test's fake browser)
  }
}
