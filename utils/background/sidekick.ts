import type { browser as wxtBrowser } from 'wxt/browser';
import { complain } from './complain';
import { t } from '@/utils/i18n';
import { onSettingsChanged, readSettings } from '@/utils/settings';
import { refusalReason, refusedReading } from './refusal';
import { openSidePanelFromPage } from '@/utils/side-panel';
import { pairPauseLog } from '@/rules/clock/pauses';
import { evaluate } from '@/rules/engine/evaluate';
import type { Ticket } from '@/rules/ticket';
import { observePauses, seenAsTicketPauses, type PauseSeen } from '@/utils/db/pauses-seen';
import type { Pack } from '@/rules/pack/schema';
import type { Verdict } from '@/rules/verdict';
import { crmLabel, labelRow } from '@/utils/db/labels';
import type { Learning } from '@/utils/db/learning';
import type { Store } from '@/utils/db/store';
import { ticketKey, type EventType, type LabelRow } from '@/utils/db/types';
import { ToBackgroundSchema, type Refused, type TabState, type TicketRead, type ToBackground } from '@/utils/messages';

type Browser = typeof wxtBrowser;
type Sender = { tab?: { id?: number; windowId?: number }; frameId?: number };

export interface SidekickDeps {
  browser: Browser;
  pack: Pack;
  now?: () => number;
  /** Remembers tickets and supplies earlier ones for the history tags; without it there is no history. */
  store?: SidekickStore;
  /** The store changed (a ticket recorded, or the popup said so): reminders and badge follow. */
  onStoreChanged?: () => void;
  /**
   * The class model of this browser: verdicts read tickets with it, and it learns every ticket whose
   * class is known (the CRM's path, or the agent's pick). Without it the pack's words alone classify.
   */
  learning?: SidekickLearning;
  /** Judging waits for this (the applied pack being read); other messages, such as opening the panel within the agent's click, do not. */
  ready?: Promise<unknown>;
  /** Adapter set-up messages (utils/background/setup.ts); without it they get no answer. */
  setup?: (
    msg: Extract<ToBackground, { type: 'adapter-for' | 'access-needed' | 'try-read' | 'pick-field' }>,
    sender: Sender,
  ) => Promise<unknown>;
}

/** The learning calls the sidekick makes; tests pass a fake. `forget` drops a model cached in memory. */
export type SidekickLearning = Pick<Learning, 'model' | 'add'> & Partial<Pick<Learning, 'forget'>>;

/** The store calls the sidekick makes; tests pass a fake. Without `pausesSeen` nothing is kept of the statuses seen. */
export type SidekickStore = Pick<Store, 'historyFor' | 'recordSeen' | 'logEvent'> & Partial<Pick<Store, 'pausesSeen'>>;

/** A cached history lookup is trusted this long even if nothing else changed (windows slide). */
const HISTORY_TTL = 5 * 60_000;

/**
 * The background's brain: keeps one state per CRM tab, evaluates what content scripts read and
 * tells open side panels. Built by a factory so tests drive it with a fake browser and clock.
 */
export function createSidekick({
  browser,
  now = Date.now,
  store,
  onStoreChanged = () => {},
  setup,
  ready,
  ...deps
}: SidekickDeps) {
  // The applied pack and its learning change when the agent or the policy applies another pack (`use`).
  let { pack, learning } = deps;
  const tabs = new Map<number, TabState>();
  // The last reading each tab sent that was refused, until the tab's next accepted one.
  const refusals = new Map<number, Refused>();
  const pending = new Set<Promise<void>>();
  // The class the agent picked per tab, for the ticket it was picked for.
  const picks = new Map<number, { id: string | undefined; code: string }>();
  // What each ticket last taught (text, class, line): a ticket read again while edited skips IndexedDB.
  const taught = new Map<string, string>();
  let autoFillAt: number | undefined;
  // The centre's policy first, else the options page's value (utils/settings.ts); the pack's own
  // without either. Read again on every change to either; a verdict waits for the latest read.
  const readThreshold = () =>
    readSettings(browser).then((s) => void (autoFillAt = s.values.autoFillAt), complain('读取自动填写阈值失败'));
  let settingsRead = Promise.resolve().then(readThreshold);
  onSettingsChanged(browser, () => void (settingsRead = readThreshold()));
  // Per ticket: the suspensions the sidekick saw by its status (read from the store once, then kept here).
  const seenPauses = new Map<string, readonly PauseSeen[]>();
  // Earlier tickets per lookup: re-reading the same ticket (the agent editing it) skips IndexedDB.
  const histories = new Map<
    string,
    { at: number; ticket: string; history: Awaited<ReturnType<SidekickStore['historyFor']>> }
  >();
  let lastTab: number | undefined;

  const broadcast = (state: TabState) => {
    // No open panel means nobody listens; that is not an error.
    void Promise.resolve()
      .then(() => {
        const refused = refusals.get(state.tabId);
        return browser.runtime.sendMessage({ type: 'state', state, ...(refused ? { refused } : {}) });
      })
      .catch(() => {});
  };

  /**
   * Log a refused message with its reason; a refused reading from a tab is also kept for the tab
   * and told to open panels, so the agent learns the ticket was not taken (nor stored, nor reminded).
   */
  function refuse(raw: unknown, sender: Sender, reason: string) {
    const tabId = sender.tab?.id;
    const type =
      raw !== null && typeof raw === 'object' ? String((raw as { type?: unknown }).type).slice(0, 40) : typeof raw;
    complain(`拒收消息 ${type}（${tabId === undefined ? '扩展页面' : `标签页 ${tabId}`}）：${reason}`)(raw);
    const note = refusedReading(raw, tabId, reason, now());
    if (!note) return;
    refusals.set(note.tabId, note);
    lastTab = note.tabId;
    void Promise.resolve()
      .then(() => browser.runtime.sendMessage({ type: 'refused', refused: note }))
      .catch(() => {});
  }

  /**
   * Evaluate once for the class, ask the store for the earlier tickets that matter, and evaluate
   * again with them. A failing store costs the history tags, never the verdict.
   */
  async function judge(msg: TicketRead, at: number, pick?: string): Promise<Verdict> {
    await Promise.all([settingsRead, ready]);
    const model = learning
      ? await learning.model().catch((e: unknown) => {
          complain('读取分类模型失败')(e);
          return null;
        })
      : null;
    const options = {
      model,
      ...(autoFillAt === undefined ? {} : { autoFillAt }),
      ...(pick === undefined ? {} : { pick }),
    };
    const ticket = await ticketFor(msg, at);
    const first = evaluate(ticket, pack, [], at, options);
    if (!store) return first;
    const category = first.category?.code ?? null;
    const lookup = JSON.stringify([
      msg.fields.customerPhone,
      category,
      msg.fields.area,
      msg.fields.acceptedAt,
      msg.fields.id,
    ]);
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
    return history.length ? evaluate(ticket, pack, history, at, options) : first;
  }

  /**
   * The ticket as the engine takes it: the fields, with the pauses the page shows (its 挂起/解挂
   * rows) or, where it shows none, those the sidekick saw by the ticket's status, kept per ticket.
   */
  async function ticketFor(msg: TicketRead, at: number): Promise<Ticket> {
    const statuses = pack.pause?.statuses;
    const status = msg.fields.status?.trim();
    const id = msg.fields.id?.trim();
    let seen: readonly PauseSeen[] | undefined;
    if (statuses && status && id && store?.pausesSeen) {
      const key = ticketKey(msg.adapterId, id);
      const prev =
        seenPauses.get(key) ??
        (await store.pausesSeen(key).catch((e: unknown) => {
          complain('读取挂起记录失败')(e);
          return [];
        }));
      seen = observePauses(prev, statuses.includes(status), at);
      if (seenPauses.size >= 256) seenPauses.clear();
      seenPauses.set(key, seen);
    }
    const pauses = msg.pauseLog
      ? pairPauseLog(msg.pauseLog.log, msg.pauseLog.incomplete)
      : seen?.length
        ? seenAsTicketPauses(seen)
        : undefined;
    return pauses ? { ...msg.fields, pauses } : msg.fields;
  }

  /** Learn one labelled ticket, unless it taught exactly this already. A failing store costs the lesson only. */
  async function teach(row: LabelRow) {
    if (!learning) return;
    const lesson = JSON.stringify([row.text, row.classCode, row.line]);
    if (taught.get(row.key) === lesson) return;
    await learning.add([row]).then(() => {
      if (taught.size >= 256) taught.clear();
      taught.set(row.key, lesson);
    }, complain('学习分类样本失败'));
  }

  /** The example a reading teaches: the agent's pick for it, else the class its CRM path names. */
  function labelOf(msg: TicketRead, at: number, pick: string | undefined): LabelRow | null {
    const id = msg.fields.id?.trim();
    if (!id) return null;
    const key = ticketKey(msg.adapterId, id);
    const picked = pick === undefined ? -1 : pack.classes.findIndex((c) => c.code === pick);
    return picked >= 0 ? labelRow(key, msg.fields, picked, 'agent', at, pack) : crmLabel(key, msg.fields, at, pack);
  }

  /** Run a save in the background, so `settled()` can wait for it. */
  function track(saving: Promise<void>) {
    const p = saving.finally(() => pending.delete(p));
    pending.add(p);
  }

  function tellStorage(title: string, message: string) {
    void Promise.resolve()
      .then(() =>
        browser.notifications.create('sidekick-store-full', {
          type: 'basic',
          iconUrl: browser.runtime.getURL('/icon-128.png'),
          title,
          message,
          priority: 2,
        }),
      )
      .catch(complain('无法显示存储提醒'));
  }

  /** Remember the ticket and learn its class if known, then tell panels and the popup (which reads the store on `state`). */
  async function remember(msg: TicketRead, state: TabState, pick: string | undefined) {
    if (store)
      await store
        .recordSeen({
          adapterId: msg.adapterId,
          url: msg.url,
          fields: msg.fields,
          verdict: state.verdict,
          now: state.evaluatedAt,
          pausesSeen: seenPauses.get(ticketKey(msg.adapterId, msg.fields.id?.trim() ?? '')),
        })
        .then(
          (saved) => {
            // A saved ticket is in every other ticket's history, never in its own.
            if (saved) for (const [k, h] of histories) if (h.ticket !== saved.key) histories.delete(k);
            // Room was made by purging the oldest done tickets: the agent must know what went.
            if (saved?.purged) tellStorage(t('notify.storePurged'), saved.purged.message);
            onStoreChanged();
          },
          (e: unknown) => {
            complain('保存工单失败')(e);
            // Storage full even after purging old done tickets (the store's StoreFullError): the agent must know.
            if (e instanceof Error && e.name === 'StoreFullError') tellStorage(t('notify.storeFull'), e.message);
          },
        );
    const row = labelOf(msg, state.evaluatedAt, pick);
    if (row) await teach(row);
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
    if (!parsed.success) {
      const reason = refusalReason(parsed.error.issues, raw);
      refuse(raw, sender, reason);
      return { error: `rejected message: ${reason}` };
    }
    const msg: ToBackground = parsed.data;
    const tabId = sender.tab?.id;
    switch (msg.type) {
      case 'ticket': {
        if (tabId === undefined) {
          refuse(raw, sender, t('refusal.fromTabs'));
          return { error: 'ticket readings come from tabs only' };
        }
        refusals.delete(tabId);
        const at = now();
        // A pick holds for the ticket it was made for; another ticket in the tab drops it.
        let pick = picks.get(tabId);
        if (pick && pick.id !== msg.fields.id) {
          picks.delete(tabId);
          pick = undefined;
        }
        let verdict = await judge(msg, at, pick?.code);
        // The agent picked a class for this ticket while it was judged: the pick wins.
        const since = picks.get(tabId);
        if (since && since.id === msg.fields.id && since.code !== pick?.code) {
          pick = since;
          verdict = await judge(msg, at, pick.code);
        }
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
        track(remember(msg, state, pick?.code));
        return { verdict };
      }
      case 'pick-class': {
        const state = tabs.get(msg.tabId ?? tabId ?? lastTab ?? -1);
        const picked = pack.classes.find((c) => c.code === msg.code);
        if (!picked) return { error: `unknown class "${msg.code}" in pack ${pack.id}` };
        if (!state) return { error: 'no ticket read in that tab' };
        picks.set(state.tabId, { id: state.read.fields.id, code: picked.code });
        const at = now();
        const verdict = await judge(state.read, at, picked.code);
        // The tab may have shown another ticket while this one was judged: then the pick is stale.
        const current = tabs.get(state.tabId);
        if (!current || current.read.fields.id !== state.read.fields.id) {
          if (picks.get(state.tabId)?.id === state.read.fields.id) picks.delete(state.tabId);
          return { error: 'the tab shows another ticket now' };
        }
        // A newer reading of the ticket that came in meanwhile was judged with the pick already.
        const next: TabState = current.read === state.read ? { ...current, verdict, evaluatedAt: at } : current;
        tabs.set(next.tabId, next);
        // Stored with its new class, learned from as the agent's word, and shown in every panel.
        track(remember(next.read, next, picked.code));
        log(next, 'class-picked', `${picked.code}=${picked.label}`);
        return { verdict: next.verdict };
      }
      case 'open-panel':
        if (tabId === undefined) return { opened: false };
        lastTab = tabId;
        return { opened: await openSidePanelFromPage(browser, tabId) };
      case 'get-state': {
        const id = msg.tabId ?? lastTab ?? -1;
        const refused = refusals.get(id);
        return { state: tabs.get(id) ?? null, ...(refused ? { refused } : {}) };
      }
      case 'autofill-done': {
        const state = tabId === undefined ? undefined : tabs.get(tabId);
        if (!state) return { ok: false };
        const next = { ...state, autofill: msg.report };
        tabs.set(state.tabId, next);
        broadcast(next);
        if (msg.report?.changes.length)
          log(state, 'auto-filled', msg.report.changes.map((c) => `${c.label}=${c.value}`).join('；'));
        return { ok: true };
      }
      case 'script-copied': {
        const state = tabs.get(msg.tabId ?? tabId ?? lastTab ?? -1);
        log(state, 'script-copied');
        return { ok: state !== undefined };
      }
      case 'adapter-for':
      case 'access-needed':
      case 'try-read':
      case 'pick-field':
        return setup ? setup(msg, sender) : { error: 'no adapter set-up here' };
      case 'store-changed':
        // An import, reset or clear on the options page: history, labels and model are read again.
        histories.clear();
        taught.clear();
        learning?.forget?.();
        onStoreChanged();
        return { ok: true };
    }
  }

  return {
    handle,
    /**
     * Apply another pack (and its learning): cached history and lessons were for the old one, and each
     * tab's ticket is judged again; returns the tabs whose content scripts should read again.
     */
    use(next: Pack, nextLearning?: SidekickLearning): number[] {
      pack = next;
      learning = nextLearning;
      histories.clear();
      taught.clear();
      picks.clear();
      return [...tabs.keys()];
    },
    pack: () => pack,
    /** Resolves once every ticket read so far is saved (tests, and anything reading the store next). */
    settled: () => Promise.all(pending).then(() => {}),
    forget(tabId: number) {
      tabs.delete(tabId);
      picks.delete(tabId);
      refusals.delete(tabId);
      if (lastTab === tabId) lastTab = undefined;
    },
    focus(tabId: number) {
      if (tabs.has(tabId) || refusals.has(tabId)) lastTab = tabId;
    },
    tabs: tabs as ReadonlyMap<number, TabState>,
    /** The last refused reading per tab, until that tab's next accepted one. */
    refusals: refusals as ReadonlyMap<number, Refused>,
  };
}
