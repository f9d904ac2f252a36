import { signal } from '@preact/signals';
import type { browser as wxtBrowser } from 'wxt/browser';
import { toIso } from '@/rules/time/shanghai';
import type { Store } from '@/utils/db/store';
import { LOCKED_TEXT, onSettingsChanged, readSettings, type SettingKey } from '@/utils/settings';
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
  /** Settings the centre's policy sets: shown disabled, 「由中心策略设定」. */
  const locked = signal<Partial<Record<SettingKey, boolean>>>({});
  /** The policy's settings that were wrong and left out, by path. */
  const policyErrors = signal<string[]>([]);
  let following = false;
  const notice = signal<{ text: string; bad?: boolean } | null>(null);
  const importErrors = signal<string[]>([]);
  const clearing = createConfirmation();

  const say = (text: string, bad = false) => (notice.value = { text, bad });
  const failed = (what: string, e: unknown) => say(`${what}失败：${e instanceof Error ? e.message : String(e)}`, true);
  const stamp = () => toIso(clock()).slice(0, 10).replaceAll('-', '');

  /** A setting the policy locked is not written: said so instead. */
  const lockedNow = (key: SettingKey) => {
    if (!locked.value[key]) return false;
    say(`此项${LOCKED_TEXT}，不能在本机更改`, true);
    return true;
  };

  async function readAll() {
    const s = await readSettings(browser);
    retentionDays.value = s.values.retentionDays ?? deps.defaultRetentionDays;
    autoFill.value = s.values.autoFill;
    revealPhones.value = s.values.revealPhones;
    locked.value = s.locked;
    policyErrors.value = s.errors;
  }

  return {
    retentionDays,
    autoFill,
    revealPhones,
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
        return say(`保留天数须为 1–${MAX_RETENTION_DAYS} 的整数`, true);
      }
      retentionDays.value = days;
      await browser.storage.local.set({ retentionDays: days });
      say(`已保存：保留 ${days} 天`);
    },
    async purge() {
      try {
        const n = await store.purge(clock(), retentionDays.value);
        await notifyStoreChanged(browser);
        say(n ? `已清理 ${n} 张超过 ${retentionDays.value} 天的工单` : `没有超过 ${retentionDays.value} 天的工单`);
      } catch (e) {
        failed('清理', e);
      }
    },
    async exportCsv() {
      try {
        download(await store.exportCsv(clock()), `工单助手-${stamp()}.csv`, 'text/csv;charset=utf-8');
        say('已导出 CSV');
      } catch (e) {
        failed('导出', e);
      }
    },
    async exportJson() {
      try {
        download(await store.exportJson(), `工单助手-${stamp()}.json`, 'application/json');
        say('已导出 JSON');
      } catch (e) {
        failed('导出', e);
      }
    },
    async importText(text: string) {
      try {
        const r = await store.importJson(text);
        importErrors.value = r.errors;
        if (r.imported) await notifyStoreChanged(browser);
        say(`已导入 ${r.imported} 张工单${r.errors.length ? `，${r.errors.length} 处错误` : ''}`, r.errors.length > 0);
      } catch (e) {
        importErrors.value = [];
        failed('导入', e);
      }
    },
    async clear() {
      if (!clearing.take()) return;
      try {
        await store.clearAll();
        await notifyStoreChanged(browser);
        say('已清除全部数据');
      } catch (e) {
        failed('清除', e);
      }
    },
    async setAutoFill(on: boolean) {
      if (lockedNow('autoFill')) return;
      autoFill.value = on;
      await browser.storage.local.set({ autoFill: on });
    },
    async setRevealPhones(on: boolean) {
      if (lockedNow('revealPhones')) return;
      revealPhones.value = on;
      await browser.storage.local.set({ revealPhones: on });
    },
  };
}

export type OptionsState = ReturnType<typeof createOptionsState>;
