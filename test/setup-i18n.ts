// The unit tests speak Chinese, as the extension does in a Chinese browser: happy-dom says en-US
// (Node has no navigator, which counts as the manifest's default_locale, zh_CN). A test that
// switches the language (the English pages) is put back after it.
import { afterEach } from 'vitest';
import { language } from '@/utils/i18n';
import { setContentLang } from '@/utils/i18n/content';

const nav = (globalThis as { navigator?: object }).navigator;
if (nav) Object.defineProperty(nav, 'language', { value: 'zh-CN', configurable: true });

afterEach(() => {
  language.value = 'zh_CN';
  setContentLang('zh_CN');
});
