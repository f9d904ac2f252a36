import { signal } from '@preact/signals';
import type { browser as wxtBrowser } from 'wxt/browser';
import { toIso } from '@/rules/time/shanghai';
import type { Store } from '@/utils/db/store';
import { language, t } from '@/utils/i18n';
import { browserLocale, langOf, type LanguageChoice } from '@/utils/i18n/language';
import { onSettingsChanged, readSettings, type SettingKey } from '@/utils/settings';
import { notifyStoreChanged } from '../store-changed';
import { createConfirmation } from './confirmation';
import { downloadText } from './download';

type Browser = typeof wxtBrowser;

/** Only the store calls the options page makes. */
export type OptionsStore = Pick<Store, 'purge' | 'exportJson' | 'importJson' | 'exportCsv' | 'clearAll'>;

const MAX_RETENTION_DAYS = 3650;

export interface OptionsDeps {
  defaultRetentionDays: number;
  now?: () => number;
  download?: typeof downloadText;
}

/** Settings and data housekeeping; every store change is followed by a 'store-changed' message. */
export function createOptionsState(browser: Browser, store: OptionsStore, deps: OptionsDeps) {
  const clock = deps.now ?? Date.now;
  const download = deps.download ?? downloadText;
  const retentionDays = signal(deps.defaultRetentionDays);
  const autoFill = signal(false);
  const revealPhones = signal(false);
  /** The language setting (`auto`: the browser's); the page's own language is `language` (utils/i18n). */
  const languageChoice = signal<LanguageChoice>('auto');
  /** Settings the centre's policy sets: shown disabled, 「由中心策略设定」. */
  const locked = signal<Partial<Record<SettingKey, boolean>>>({});
  /** The policy's settings that were wrong and left out, by path. */
  const policyErrors = signal<string[]>([]);
  let following = false;
  const notice = signal<{ text: string; bad?: boolean } | null>(null);
  const importErrors = signal<string[]>([]);
  const clearing = createConfirmation();

  const say = (text: string, bad = false) => (notice.value = { text, bad });
  const failed = (what: string, e: unknown) =>
    say(t('options.failed', { what, error: e instanceof Error ? e.message : String(e) }), true);
  const stamp = () => toIso(clock()).slice(0, 10).replaceAll('-', '');

  /** A setting the policy locked is not written: said so instead. */
  const lockedNow = (key: SettingKey) => {
    if (!locked.value[key]) return false;
    say(t('options.lockedHere', { locked: t('common.locked') }), true);
    return true;
  };

  async function readAll() {
    const s = await readSettings(browser);
    retentionDays.value = s.values.retentionDays ?? deps.defaultRetentionDays;
    autoFill.value = s.values.autoFill;
    revealPhones.value = s.values.revealPhones;
    languageChoice.value = s.values.language;
    locked.value = s.locked;
    policyErrors.value = s.errors;
  }

  return {
    retentionDays,
    autoFill,
    revealPhones,
    languageChoice,
    locked,
    policyErrors,
    notice,
    importErrors,
    clearing,
    defaultRetentionDays: deps.defaultRetentionDays,
    /** Read the settings (the policy's first), and follow them as the policy or another page changes them. */
    async load() {
      if (!following) {
        following = true;
        onSettingsChanged(browser, () => void readAll().catch(() => {}));
      }
      await readAll();
    },
    /** Accepts what the number input holds; refuses anything but a whole number of days in range. */
    async setRetention(raw: string) {
      if (lockedNow('retentionDays')) return;
      const days = Number(raw);
      if (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
        return say(t('options.retentionRange', { max: String(MAX_RETENTION_DAYS) }), true);
      }
      retentionDays.value = days;
      await browser.storage.local.set({ retentionDays: days });
      say(t('options.retentionSaved', { days }));
    },
    async purge() {
      try {
        const n = await store.purge(clock(), retentionDays.value);
        await notifyStoreChanged(browser);
        const days = retentionDays.value;
        say(n ? t('options.purged', { n, days }) : t('options.nothingToPurge', { days }));
      } catch (e) {
        failed(t('options.purgeWhat'), e);
      }
    },
    async exportCsv() {
      try {
        download(
          await store.exportCsv(clock()),
          `${t('options.fileName', { stamp: stamp() })}.csv`,
          'text/csv;charset=utf-8',
        );
        say(t('options.exportedCsv'));
      } catch (e) {
        failed(t('options.exportWhat'), e);
      }
    },
    async exportJson() {
      try {
        download(await store.exportJson(), `${t('options.fileName', { stamp: stamp() })}.json`, 'application/json');
        say(t('options.exportedJson'));
      } catch (e) {
        failed(t('options.exportWhat'), e);
      }
    },
    async importText(text: string) {
      try {
        const r = await store.importJson(text);
        importErrors.value = r.errors;
        if (r.imported) await notifyStoreChanged(browser);
        const errors = r.errors.length ? t('options.importErrorsCount', { n: r.errors.length }) : '';
        say(t('options.imported', { n: r.imported }) + errors, r.errors.length > 0);
      } catch (e) {
        importErrors.value = [];
        failed(t('options.importWhat'), e);
      }
    },
    async clear() {
      if (!clearing.take()) return;
      try {
        await store.clearAll();
        await notifyStoreChanged(browser);
        say(t('options.cleared'));
      } catch (e) {
        failed(t('options.clearWhat'), e);
      }
    },
    async setAutoFill(on: boolean) {
      if (lockedNow('autoFill')) return;
      autoFill.value = on;
      await browser.storage.local.set({ autoFill: on });
    },
    /** The agent's language: the page switches at once, the other pages and the background follow the setting. */
    async setLanguage(choice: LanguageChoice) {
      if (lockedNow('language')) return;
      languageChoice.value = choice;
      await browser.storage.local.set({ language: choice });
      language.value = langOf(choice, browserLocale(browser));
      say(t('options.languageSaved', { language: t(`options.language.${choice}`) }));
    },
    async setRevealPhones(on: boolean) {
      if (lockedNow('revealPhones')) return;
      revealPhones.value = on;
      await browser.storage.local.set({ revealPhones: on });
    },
  };
}

export type OptionsState = ReturnType<typeof createOptionsState>;
