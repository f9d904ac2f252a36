import type { browser as wxtBrowser } from 'wxt/browser';
import { evaluate } from '@/rules/engine/evaluate';
import type { Pack } from '@/rules/pack/schema';
import { ToBackgroundSchema, type TabState, type ToBackground } from '@/utils/messages';

type Browser = typeof wxtBrowser;
type Sender = { tab?: { id?: number }; frameId?: number };

export interface SidekickDeps {
  browser: Browser;
  pack: Pack;
  now?: () => number;
  /** Earlier tickets for the history tags; the ticket store supplies them. */
  history?: () => readonly unknown[];
}

/**
 * The background's brain: keeps one state per CRM tab, evaluates what content scripts read and
 * tells open side panels. Built by a factory so tests drive it with a fake browser and clock.
 */
export function createSidekick({ browser, pack, now = Date.now, history = () => [] }: SidekickDeps) {
  const tabs = new Map<number, TabState>();
  let lastTab: number | undefined;

  const broadcast = (state: TabState) => {
    // No open panel means nobody listens; that is not an error.
    void Promise.resolve()
      .then(() => browser.runtime.sendMessage({ type: 'state', state }))
      .catch(() => {});
  };

  async function handle(raw: unknown, sender: Sender): Promise<unknown> {
    const parsed = ToBackgroundSchema.safeParse(raw);
    if (!parsed.success) return { error: `rejected message: ${parsed.error.issues[0]?.message ?? 'bad shape'}` };
    const msg: ToBackground = parsed.data;
    const tabId = sender.tab?.id;
    switch (msg.type) {
      case 'ticket': {
        if (tabId === undefined) return { error: 'ticket readings come from tabs only' };
        const verdict = evaluate(msg.fields, pack, history(), now());
        const previous = tabs.get(tabId);
        const sameTicket = previous?.read.fields.id === msg.fields.id;
        const state: TabState = {
          tabId,
          frameId: sender.frameId ?? 0,
          read: msg,
          verdict,
          evaluatedAt: now(),
          autofill: sameTicket ? (previous?.autofill ?? null) : null,
        };
        tabs.set(tabId, state);
        lastTab = tabId;
        broadcast(state);
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
        return { ok: true };
      }
    }
  }

  return {
    handle,
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
