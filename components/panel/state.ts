import { computed, signal } from '@preact/signals';
import type { browser as wxtBrowser } from 'wxt/browser';
import {
  AutofillReplySchema,
  InsertReplySchema,
  RefusedUpdateSchema,
  StateReplySchema,
  StateUpdateSchema,
  VerdictReplySchema,
  type Refused,
  type TabState,
} from '@/utils/messages';
import { countdownText, dueLine, liveState, nearestOpen } from '@/rules/clock/vocabulary';
import { language, t as tr } from '@/utils/i18n';
import { classLabel, fillTargetLabel as targetLabel } from '@/utils/i18n/labels';
import { readSettings } from '@/utils/settings';
import { currentStage, phaseOf } from './stage';

type Browser = typeof wxtBrowser;

/**
 * The side panel's state: one ticking `now`, the current tab's verdict, and the actions.
 * Built by a factory and passed by context, so tests make their own with a fake browser.
 */
export function createPanelState(browser: Browser, opts: { tabId?: number; now?: () => number } = {}) {
  const clock = opts.now ?? Date.now;
  const now = signal(clock());
  const tab = signal<TabState | null>(null);
  const autoFill = signal(false);
  /** The centre's policy sets auto-fill: the panel's switch is not the agent's (「由中心策略设定」). */
  const autoFillLocked = signal(false);
  const notice = signal<string | null>(null);
  /** The tab's last reading the background refused, until it takes one again: the panel says so. */
  const refused = signal<Refused | null>(null);
  let tabId = opts.tabId;

  /** The code of the clock to act on (the badge's too): the nearest due of those open and counting. */
  const nearest = computed(() => nearestOpen(tab.value?.verdict.clocks ?? [], now.value)?.code);
  // That clock on top, then the other open ones and then the stopped ones, each nearest due first.
  const clocks = computed(() => {
    const rank = (c: { code: string; stoppedAt?: string }) =>
      c.code === nearest.value ? 0 : c.stoppedAt === undefined ? 1 : 2;
    return (tab.value?.verdict.clocks ?? [])
      .map((c) => ({
        ...c,
        live: liveState(c, now.value),
        countdown: countdownText(c, now.value, language.value),
        due: dueLine(c, now.value, language.value),
      }))
      .sort((a, b) => rank(a) - rank(b) || a.dueAt.localeCompare(b.dueAt));
  });

  /** Where the ticket stands, and so the stage whose scripts the panel opens (./stage.ts says why). */
  const phase = computed(() => phaseOf(tab.value?.read.fields ?? {}));
  const stage = computed(() => currentStage(phase.value, tab.value?.verdict.scripts ?? []));

  /** A notice is about the ticket it was said for: another ticket (or tab) clears it. */
  function show(next: TabState | null) {
    const was = tab.value;
    if (!next || !was || was.tabId !== next.tabId || was.verdict.id !== next.verdict.id) notice.value = null;
    tab.value = next;
  }

  async function load(id = tabId) {
    const reply = StateReplySchema.safeParse(
      await browser.runtime.sendMessage({ type: 'get-state', ...(id === undefined ? {} : { tabId: id }) }),
    );
    if (!reply.success) return;
    show(reply.data.state);
    refused.value = reply.data.refused ?? null;
    const shown = reply.data.state?.tabId ?? reply.data.refused?.tabId;
    if (shown !== undefined) tabId = shown;
  }

  async function toContent(msg: unknown) {
    const t = tab.value;
    if (!t) return undefined;
    return browser.tabs.sendMessage(t.tabId, msg, { frameId: t.frameId });
  }

  const say = (text: string) => {
    notice.value = text;
  };

  return {
    now,
    tab,
    clocks,
    nearest,
    phase,
    stage,
    autoFill,
    autoFillLocked,
    notice,
    refused,
    /** Start ticking and listening; returns the stop function. */
    start(): () => void {
      const timer = setInterval(() => (now.value = clock()), 1000);
      const onMessage = (raw: unknown) => {
        const msg = StateUpdateSchema.safeParse(raw);
        if (msg.success && (tabId === undefined || msg.data.state.tabId === tabId)) {
          tabId = msg.data.state.tabId;
          show(msg.data.state);
          refused.value = msg.data.refused ?? null;
          return undefined;
        }
        const no = RefusedUpdateSchema.safeParse(raw);
        if (no.success && (tabId === undefined || no.data.refused.tabId === tabId)) {
          tabId = no.data.refused.tabId;
          refused.value = no.data.refused;
        }
        return undefined;
      };
      // A panel pinned to one tab (opened as a page) does not follow the active tab.
      const onActivated = ({ tabId: id }: { tabId: number }) => {
        if (opts.tabId !== undefined) return;
        tabId = id;
        void load(id);
      };
      browser.runtime.onMessage.addListener(onMessage);
      browser.tabs.onActivated.addListener(onActivated);
      void load();
      void readSettings(browser).then((s) => {
        autoFill.value = s.values.autoFill;
        autoFillLocked.value = s.locked.autoFill;
      });
      return () => {
        clearInterval(timer);
        browser.runtime.onMessage.removeListener(onMessage);
        browser.tabs.onActivated.removeListener(onActivated);
      };
    },
    async fill() {
      const reply = AutofillReplySchema.safeParse(
        await toContent({ type: 'autofill', verdict: tab.value?.verdict }).catch(() => null),
      );
      if (!reply.success) return say(tr('panel.fillFailed'));
      const { changes, skipped } = reply.data.report;
      const failed = changes.filter((c) => !c.stuck);
      const labels = failed.map((c) => targetLabel(c.target)).join(tr('common.listSep'));
      say(
        tr('panel.filledCount', { n: changes.length }) +
          (failed.length ? tr('panel.filledNotApplied', { labels }) : '') +
          (skipped.length ? tr('panel.filledSkipped', { n: skipped.length }) : ''),
      );
    },
    async undo() {
      await toContent({ type: 'undo-autofill' }).catch(() => null);
      say(tr('panel.undone'));
    },
    async insert(text: string) {
      const reply = InsertReplySchema.safeParse(await toContent({ type: 'insert-reply', text }).catch(() => null));
      say(tr(reply.success && reply.data.inserted ? 'panel.inserted' : 'panel.insertFailed'));
    },
    async copy(text: string) {
      try {
        await navigator.clipboard.writeText(text);
        say(tr('panel.copied'));
        void browser.runtime
          .sendMessage({ type: 'script-copied', ...(tab.value ? { tabId: tab.value.tabId } : {}) })
          .catch(() => {});
      } catch {
        say(tr('panel.copyFailed'));
      }
    },
    /**
     * The agent picks this class for the ticket: the background keeps it as a labelled example and
     * judges the ticket again with it; its verdict shows at once (the broadcast follows).
     */
    async pick(code: string) {
      const t = tab.value;
      if (!t) return;
      const reply = VerdictReplySchema.safeParse(
        await browser.runtime.sendMessage({ type: 'pick-class', tabId: t.tabId, code }).catch(() => null),
      );
      if (!reply.success) return say(tr('panel.pickFailed'));
      // A broadcast for another ticket may have come in meanwhile; only this tab's state changes.
      if (tab.value?.tabId === t.tabId) tab.value = { ...tab.value, verdict: reply.data.verdict };
      const category = reply.data.verdict.category;
      say(category?.code === code ? tr('panel.picked', { label: classLabel(category) }) : tr('panel.pickNotApplied'));
    },
    async setAutoFill(on: boolean) {
      autoFill.value = on;
      await browser.storage.local.set({ autoFill: on });
    },
  };
}

export type PanelState = ReturnType<typeof createPanelState>;
