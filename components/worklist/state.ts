import { computed, signal } from '@preact/signals';
import type { browser as wxtBrowser } from 'wxt/browser';
import type { Store } from '@/utils/db/store';
import type { StoredTicket } from '@/utils/db/types';
import { language, t } from '@/utils/i18n';
import { onSettingsChanged, readSettings } from '@/utils/settings';
import { notifyStoreChanged } from '../store-changed';
import { openSidePanel } from '@/utils/side-panel';
import { atTime, byDue, countBy, matches, type Filter } from './order';

type Browser = typeof wxtBrowser;

/** Only the store calls the worklist makes. */
export type WorklistStore = Pick<Store, 'openTickets' | 'markDone' | 'reopen'>;

/**
 * The popup's state: open tickets in due order, one ticking `now` for every countdown, the filter
 * and the last ticket marked done (for undo). Built by a factory and passed by context.
 */
export function createWorklistState(browser: Browser, store: WorklistStore, opts: { now?: () => number } = {}) {
  const clock = opts.now ?? Date.now;
  const now = signal(clock());
  const tickets = signal<StoredTicket[] | null>(null);
  const filter = signal<Filter>('all');
  const revealPhones = signal(false);
  const lastDone = signal<StoredTicket | null>(null);
  const error = signal<string | null>(null);

  const entries = computed(() => byDue(tickets.value ?? []));
  const rows = computed(() => entries.value.map((e) => atTime(e, now.value, language.value)));
  const counts = computed(() => countBy(rows.value));
  const shown = computed(() => rows.value.filter((r) => matches(r, filter.value)));

  async function load() {
    try {
      tickets.value = await store.openTickets();
    } catch (e) {
      error.value = t('worklist.readFailed', { error: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Run a store change, then tell the background and re-read; false when nothing changed. */
  async function change(op: () => Promise<boolean>): Promise<boolean> {
    error.value = null;
    let ok = false;
    try {
      ok = await op();
      if (!ok) error.value = t('worklist.gone');
    } catch (e) {
      error.value = t('worklist.failed', { error: e instanceof Error ? e.message : String(e) });
    }
    if (ok) await notifyStoreChanged(browser);
    await load();
    return ok;
  }

  return {
    now,
    tickets,
    filter,
    revealPhones,
    lastDone,
    error,
    counts,
    shown,
    /** Start ticking and listening; returns the stop function. */
    start(): () => void {
      const timer = setInterval(() => (now.value = clock()), 1000);
      // A ticket read in a CRM tab (panel 'state') or any store change may add or close tickets.
      const onMessage = (msg: unknown) => {
        const type = (msg as { type?: unknown } | null)?.type;
        if (type === 'store-changed' || type === 'state') void load();
        return undefined;
      };
      // The policy's maskPhones first, else the agent's choice; followed as either changes.
      const readPhones = () => void readSettings(browser).then((s) => (revealPhones.value = s.values.revealPhones));
      browser.runtime.onMessage.addListener(onMessage);
      const stopSettings = onSettingsChanged(browser, readPhones);
      readPhones();
      void load();
      return () => {
        clearInterval(timer);
        browser.runtime.onMessage.removeListener(onMessage);
        stopSettings();
      };
    },
    async open(t: StoredTicket) {
      await browser.tabs.create({ url: t.url });
    },
    async done(t: StoredTicket) {
      if (await change(() => store.markDone(t.key, 'agent', clock()))) lastDone.value = t;
    },
    async undo() {
      const t = lastDone.value;
      if (!t) return;
      lastDone.value = null;
      await change(() => store.reopen(t.key));
    },
    async openFigures() {
      await browser.tabs.create({ url: browser.runtime.getURL('/figures.html') });
    },
    async openOptions() {
      await browser.runtime.openOptionsPage();
    },
    /** The toolbar icon shows this popup, so the side panel (Firefox: the sidebar) opens from here, a user action. */
    async openSidePanel() {
      if (await openSidePanel(browser)) window.close();
    },
  };
}

export type WorklistState = ReturnType<typeof createWorklistState>;
