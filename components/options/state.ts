import { signal } from '@preact/signals';
import type { browser as wxtBrowser } from 'wxt/browser';
import { toIso } from '@/rules/time/shanghai';
import type { Store } from '@/utils/db/store';
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
  const notice = signal<{ text: string; bad?: boolean } | null>(null);
  const importErrors = signal<string[]>([]);
  const clearing = createConfirmation();

  const say = (text: string, bad = false) => (notice.value = { text, bad });
  const failed = (what: string, e: unknown) => say(`${what}失败：${e instanceof Error ? e.message : String(e)}`, true);
  const stamp = () => toIso(clock()).slice(0, 10).replaceAll('-', '');

  return {
    retentionDays,
    autoFill,
    revealPhones,
    notice,
    importErrors,
    clearing,
    defaultRetentionDays: deps.defaultRetentionDays,
    async load() {
      const v = await browser.storage.local.get(['retentionDays', 'autoFill', 'revealPhones']);
      const days = v.retentionDays;
      if (typeof days === 'number' && Number.isInteger(days) && days > 0) retentionDays.value = days;
      autoFill.value = v.autoFill === true;
      revealPhones.value = v.revealPhones === true;
    },
    /** Accepts what the number input holds; refuses anything but a whole number of days in range. */
    async setRetention(raw: string) {
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
      autoFill.value = on;
      await browser.storage.local.set({ autoFill: on });
    },
    async setRevealPhones(on: boolean) {
      revealPhones.value = on;
      await browser.storage.local.set({ revealPhones: on });
    },
  };
}

export type OptionsState = ReturnType<typeof createOptionsState>;
