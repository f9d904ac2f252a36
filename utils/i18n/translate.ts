import { CLOCK_WORDS } from '@/rules/clock/words';
import type { Lang } from './language';
import { en } from './messages/en';
import { zh_CN, type MessageKey } from './messages/zh_CN';

export type { MessageKey };
export type Params = Record<string, string | number>;

/** Both message tables, by language: small enough to ship whole with every page. */
export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { zh_CN, en };

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number in the language's way (Intl): 12,345 and 0.5. */
export function formatNumber(lang: Lang, n: number, options?: Intl.NumberFormatOptions): string {
  const key = `${lang} ${JSON.stringify(options ?? {})}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(CLOCK_WORDS[lang].locale, options)));
  return format.format(n);
}

/**
 * The message `key` in `lang`, each `{name}` replaced by `params[name]`: a number through Intl, a
 * string as it is (a ticket number, a year or an id goes as a string). A place without a value stays.
 */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = MESSAGES[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    return v === undefined ? m : typeof v === 'number' ? formatNumber(lang, v) : v;
  });
}
