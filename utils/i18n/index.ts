import { effect, signal } from '@preact/signals';
import type { ComponentChild } from 'preact';
import type { browser as wxtBrowser } from 'wxt/browser';
import { CLOCK_WORDS } from '@/rules/clock/words';
import type { BASES } from '@/rules/pack/vocabulary';
import type { ClockState } from '@/rules/verdict';
import { onSettingsChanged } from '@/utils/settings';
import { currentLang } from './current';
import type { Lang } from './language';
import { formatNumber, translate, type MessageKey, type Params } from './translate';

export type { Lang, MessageKey, Params };

// The language the pages (and the background's words) speak now, as a signal: every component that
// calls `t` re-renders when the agent or the centre's policy changes it. `browser.i18n.getMessage`
// is fixed to the browser's language, so the pages use their own tables (./messages). Until
// `followLanguage` has read the setting: zh_CN, the manifest's default_locale (and the tests' language).
export const language = signal<Lang>('zh_CN');

/** The message `key` in the current language (see `translate`). */
export const t = (key: MessageKey, params?: Params) => translate(language.value, key, params);

/**
 * The message with elements in its places: `tx('learning.learned', { n: <strong>3</strong> })` →
 * `['已学 ', <strong>3</strong>, ' 条']`. Strings and numbers go in as `t` puts them.
 */
export function tx(key: MessageKey, parts: Record<string, ComponentChild>): ComponentChild[] {
  return t(key)
    .split(/(\{\w+\})/)
    .map((piece) => {
      const name = /^\{(\w+)\}$/.exec(piece)?.[1];
      if (name === undefined || !(name in parts)) return piece;
      const part = parts[name];
      return typeof part === 'number' ? num(part) : part;
    })
    .filter((piece) => piece !== '');
}

/** A clock state's and a counting basis's words (rules/clock/words.ts) in the current language. */
export const stateLabel = (s: ClockState) => CLOCK_WORDS[language.value].states[s];
export const basisLabel = (b: (typeof BASES)[number]) => CLOCK_WORDS[language.value].bases[b];

/** A count in the current language (Intl): 12,345. */
export const num = (n: number) => formatNumber(language.value, n);

/**
 * A share as a percent (Intl), to `digits` decimals at most (exactly, when `fixed`): 0.875 → 87.5%,
 * 0.88 → 88% (88.0% fixed); `—` when there is none.
 */
export const percent = (share: number | null | undefined, digits = 0, fixed = false) =>
  share === null || share === undefined
    ? '—'
    : formatNumber(language.value, share, {
        style: 'percent',
        maximumFractionDigits: digits,
        ...(fixed && { minimumFractionDigits: digits }),
      });

const dayFormats = new Map<Lang, Intl.DateTimeFormat>();

/** A calendar day `2025-05-03` as the language writes it (Intl): 5月3日, May 3. */
export function dayText(day: string): string {
  const lang = language.value;
  let format = dayFormats.get(lang);
  if (!format)
    dayFormats.set(
      lang,
      (format = new Intl.DateTimeFormat(CLOCK_WORDS[lang].locale, {
        timeZone: 'UTC',
        month: lang === 'zh_CN' ? 'long' : 'short',
        day: 'numeric',
      })),
    );
  return format.format(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))));
}

/**
 * Set the language from the settings (the policy's, the agent's, else the browser's) and follow
 * them; on a page, its `<html lang>` and title (`title`) follow too. Resolves once the first read is in.
 */
export async function followLanguage(browser: typeof wxtBrowser, opts: { title?: MessageKey } = {}): Promise<void> {
  const read = async () => void (language.value = await currentLang(browser));
  onSettingsChanged(browser, () => void read());
  if (typeof document !== 'undefined')
    effect(() => {
      document.documentElement.lang = CLOCK_WORDS[language.value].locale;
      if (opts.title) document.title = t(opts.title);
    });
  await read();
}
