import type { browser as wxtBrowser } from 'wxt/browser';
import { complain } from './complain';
import { evaluate } from '@/rules/engine/evaluate';
import type { Pack } from '@/rules/pack/schema';
import type { Verdict } from '@/rules/verdict';
import type { Store } from '@/utils/db/store';
import { ticketKey, type EventType } from '@/utils/db/types';
import { ToBackgroundSchema, type TabState, type TicketRead, type ToBackground } from '@/utils/messages';

type Browser = typeof wxtBrowser;
type Sender = { tab?: { id?: number }; frameId?: number };

export interface SidekickDeps {
  browser: Browser;
  pack: Pack;
  now?: () => number;
  /** Remembers tickets and supplies earlier ones for the history tags; without it there is no history. */
  store?: SidekickStore;
  /** The store changed (a ticket recorded, or the popup said so): reminders and badge follow. */
  onStoreChanged?: () => void;
}

/** The store calls the sidekick makes; tests pass a fake. */
export type SidekickStore = Pick<Store, 'historyFor' | 'recordSeen' | 'logEvent'>;

/** A cached history lookup is trusted this long even if nothing else changed (windows slide). */
const HISTORY_TTL = 5 * 60_000;

/**
 * The background's brain: keeps one state per CRM tab, evaluates what content scripts read and
 * tells open side panels. Built by a factory so tests drive it with a fake browser and clock.
 */
export function createSidekick({ browser, pack, now = Date.now, store, onStoreChanged = () => {} }: SidekickDeps) {
  const tabs = new Map<number, TabState>();
  const pending = new Set<Promise<void>>();
  // Earlier tickets per lookup: re-reading the same ticket (the agent editing it) skips IndexedDB.
  const histories = new Map<string, { at: number; ticket: string; history: Awaited<ReturnType<SidekickStore['historyFor']>> }>();
  let lastTab: number | undefined;

  const broadcast = (state: TabState) => {
    // No open panel means nobody listens; that is not an error.
    void Promise.resolve()
      .then(() => browser.runtime.sendMessage({ type: 'state', state }))
      .catch(() => {});
  };

  /**
   * Evaluate once for the class, ask the store for the earlier tickets that matter, and evaluate
   * again with them. A failing store costs the history tags, never the verdict.
   */
  async function judge(msg: TicketRead, at: number): Promise<Verdict> {
    const first = evaluate(msg.fields, pack, [], at);
    if (!store) return first;
    const category = first.category?.code ?? null;
    const lookup = JSON.stringify([msg.fields.customerPhone, category, msg.fields.area, msg.fields.acceptedAt, msg.fields.id]);
    const cached = histories.get(lookup);
    let history = cached && at - cached.at < HISTORY_TTL ? cached.history : undefined;
    if (!history) {
      history = await store.historyFor(msg.fields, category, pack, at).catch((e: unknown) => {
        complain('读取历史工单失败')(e);
        return [];
      });
      if (histories.size >= 64) histories.clear();
      histories.set(lookup, { at, ticket: ticketKey(msg.adapterId, msg.fields.id ?? ''), history });
    }
    return history.length ? evaluate(msg.fields, pack, history, at) : first;
  }

  /** Remember the ticket, then tell panels and the popup (which reads the store on `state`). */
  async function remember(msg: TicketRead, state: TabState) {
    if (store)
      await store
        .recordSeen({ adapterId: msg.adapterId, url: msg.url, fields: msg.fields, verdict: state.verdict, now: state.evaluatedAt })
        .then((saved) => {
          // A saved ticket is in every other ticket's history, never in its own.
          if (saved) for (const [k, h] of histories) if (h.ticket !== saved.key) histories.delete(k);
          onStoreChanged();
        }, complain('保存工单失败'));
    broadcast(state);
  }

  /** Log an event against the ticket a tab shows; tickets without a number are not stored. */
  function log(state: TabState | undefined, type: EventType, detail?: string) {
    const id = state?.read.fields.id?.trim();
    if (!store || !state || !id) return;
    void store.logEvent(ticketKey(state.read.adapterId, id), type, detail, now()).catch(complain('记录事件失败'));
  }

  async function handle(raw: unknown, sender: Sender): Promise<unknown> {
    const parsed = ToBackgroundSchema.safeParse(raw);
    if (!parsed.success) return { error: `rejected message: ${parsed.error.issues[0]?.message ?? 'bad shape'}` };
    const msg: ToBackground = parsed.data;
    const tabId = sender.tab?.id;
    switch (msg.type) {
      case 'ticket': {
        if (tabId === undefined) return { error: 'ticket readings come from tabs only' };
        const at = now();
        const verdict = await judge(msg, at);
        const previous = tabs.get(tabId);
        const sameTicket = previous?.read.fields.id === msg.fields.id;
        const state: TabState = {
          tabId,
          frameId: sender.frameId ?? 0,
          read: msg,
          verdict,
          evaluatedAt: at,
          autofill: sameTicket ? (previous?.autofill ?? null) : null,
        };
        tabs.set(tabId, state);
        lastTab = tabId;
        // The badge waits for nothing but the verdict; saving and telling the panels follow.
        const saving = remember(msg, state).finally(() => pending.delete(saving));
        pending.add(saving);
        return { verdict };
      }
      case 'open-panel':
        if (tabId === undefined) return { opened: false };
        lastTab = tabId;
        await browser.sidePanel.open({ tabId });
        return { opened: true };
      case 'get-state':
        return { state: tabs.get(msg.tabId ?? lastTab ?? -1) ?? null };
      case 'autofill-done': {
        const state = tabId === undefined ? undefined : tabs.get(tabId);
        if (!state) return { ok: false };
        const next = { ...state, autofill: msg.report };
        tabs.set(state.tabId, next);
        broadcast(next);
        if (msg.report?.changes.length) log(state, 'auto-filled', msg.report.changes.map((c) => `${c.label}=${c.value}`).join('；'));
        return { ok: true };
      }
      case 'script-copied': {
        const state = tabs.get(msg.tabId ?? tabId ?? lastTab ?? -1);
        log(state, 'script-copied');
        return { ok: state !== undefined };
      }
      case 'store-changed':
        histories.clear();
        onStoreChanged();
        return { ok: true };
    }
  }

  return {
    handle,
    /** Resolves once every ticket read so far is saved (tests, and anything reading the store next). */
    settled: () => Promise.all(pending).then(() => {}),
    forget(tabId: number) {
      tabs.delete(tabId);
      if (lastTab === tabId) lastTab = undefined;
    },
    focus(tabId: number) {
      if (tabs.has(tabId)) lastTab = tabId;
    },
    tabs: tabs as ReadonlyMap<number, TabState>,
  };
}
