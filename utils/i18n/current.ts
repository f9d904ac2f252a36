import type { browser as wxtBrowser } from 'wxt/browser';
import { readSettings } from '@/utils/settings';
import { browserLocale, langOf, type Lang } from './language';

/** The language now: the centre's policy, else the agent's setting, else the browser's (utils/settings.ts). */
export async function currentLang(browser: typeof wxtBrowser): Promise<Lang> {
  const s = await readSettings(browser).catch(() => null);
  return langOf(s?.values.language ?? 'auto', browserLocale(browser));
}
