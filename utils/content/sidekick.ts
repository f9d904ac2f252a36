import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountBadge, type BadgePos } from '@/components/badge/badge';
import { findTicketRoot } from '@/rules/sites/read';
import type { SiteAdapter } from '@/rules/sites/schema';
import type { Verdict } from '@/rules/verdict';
import { AutofillReplySchema, ToContentSchema, VerdictReplySchema, type AutofillReport } from '@/utils/messages';
import { applyFill, insertReply, undoFill } from './autofill';
import { readPage } from './read-page';
import { watchTicket } from './watch-ticket';
import { currentLang } from '@/utils/i18n/current';
import { setContentLang } from '@/utils/i18n/content';
import { onSettingsChanged, readSettings } from '@/utils/settings';

/**
 * One CRM frame's overlay: read the ticket, ask the background for the verdict, show the badge,
 * and carry out the side panel's auto-fill and reply requests. Everything stops with `ctx`.
 */
export async function startSidekick(ctx: ContentScriptContext, adapter: SiteAdapter): Promise<void> {
  const doc = document;
  const findRoot = () => findTicketRoot(doc, adapter);
  const openPanel = () => void browser.runtime.sendMessage({ type: 'open-panel' }).catch(() => {});
  // Where the agent dragged the badge on this CRM's pages, if ever.
  const placeKey = `badgePlace:${adapter.id}`;
  let dropped = ((await browser.storage.local.get(placeKey).catch(() => ({}))) as Record<string, BadgePos | undefined>)[
    placeKey
  ];
  // The badge and auto-fill's reasons speak the agent's language (utils/i18n), and follow it when it changes.
  const speak = () => currentLang(browser).then(setContentLang, () => {});
  await speak();
  ctx.onInvalidated(onSettingsChanged(browser, () => void speak()));
  if (!ctx.isValid) return;
  // The badge goes into the document that shows the ticket, which may be a frame's.
  const mount = () =>
    mountBadge(findRoot()?.ownerDocument ?? doc, openPanel, {
      placement: adapter.badge,
      initialPlace: dropped,
      onMoved: (p) => {
        dropped = p;
        void browser.storage.local.set({ [placeKey]: p }).catch(() => {});
      },
    });
  let badge = mount();
  ctx.onInvalidated(() => badge.remove());
  let verdict: Verdict | null = null;
  let filled: AutofillReport | null = null;
  let lastKey = '';
  let busy = false;
  let dirty = false;

  // One reading in flight at a time; changes meanwhile cause exactly one more.
  async function refresh(): Promise<void> {
    if (busy) {
      dirty = true;
      return;
    }
    busy = true;
    try {
      do {
        dirty = false;
        await readAndSend();
      } while (dirty && ctx.isValid);
    } catch (e) {
      // The CRM must never see our failures; the badge simply stays as it was.
      console.debug('[工单助手]', e);
    } finally {
      busy = false;
    }
  }

  async function readAndSend() {
    const { key, msg } = readPage(doc, adapter, location.href);
    if (key === lastKey) return;
    lastKey = key;
    // Another ticket rendered: the badge's anchor may have come or gone.
    badge.reanchor();
    if (!msg) {
      verdict = null;
      badge.hide();
      return;
    }
    // The verdict comes from the background alone: it knows the applied pack, the class model and
    // the history, so the badge never shows another pack's answer first.
    const answer: unknown = await browser.runtime.sendMessage(msg);
    const reply = VerdictReplySchema.safeParse(answer);
    if (!reply.success) {
      // The background logs the refusal and tells the side panel; the badge keeps its last verdict.
      console.debug('[工单助手] 后台未接收工单读数', answer);
      return;
    }
    if (!ctx.isValid) return;
    if (verdict?.id !== reply.data.verdict.id) filled = null;
    verdict = reply.data.verdict;
    badge.show(verdict);
    if (!filled && (await autoFillEnabled())) fill();
  }

  function fill(): AutofillReport | null {
    if (!verdict) return null;
    filled = applyFill(doc, adapter, verdict);
    void browser.runtime.sendMessage({ type: 'autofill-done', report: filled }).catch(() => {});
    return filled;
  }

  browser.runtime.onMessage.addListener((raw: unknown) => {
    const msg = ToContentSchema.safeParse(raw);
    if (!msg.success || !ctx.isValid) return undefined;
    if (msg.data.type === 'reread') {
      lastKey = '';
      void refresh();
      return undefined;
    }
    if (!verdict) return undefined;
    switch (msg.data.type) {
      case 'autofill': {
        const shown = msg.data.verdict;
        if (shown && shown.id === verdict.id) verdict = shown;
        const report = fill();
        return Promise.resolve(report && AutofillReplySchema.parse({ report }));
      }
      case 'undo-autofill': {
        if (filled) undoFill(doc, adapter, filled);
        filled = null;
        void browser.runtime.sendMessage({ type: 'autofill-done', report: null }).catch(() => {});
        return Promise.resolve({ report: { changes: [], skipped: [] } });
      }
      case 'insert-reply':
        return Promise.resolve({ inserted: insertReply(doc, adapter, msg.data.text) });
      case 'focus-badge':
        return Promise.resolve({ focused: badge.focus() });
    }
  });

  const controller = new AbortController();
  ctx.onInvalidated(() => controller.abort());
  const watcher = watchTicket(findRoot, () => void refresh(), controller.signal);
  ctx.addEventListener(window, 'wxt:locationchange', () => void refresh());
  // A frame that loads another ticket replaces its whole document: no mutation tells us, its
  // load event (caught on the way down, since it does not bubble) does.
  ctx.addEventListener(
    doc,
    'load',
    (e) => {
      if (!/^I?FRAME$/.test((e.target as Element | null)?.tagName ?? '')) return;
      badge.remove();
      badge = mount();
      if (verdict) badge.show(verdict);
      watcher.rebind();
      lastKey = '';
      void refresh();
    },
    { capture: true },
  );
  ctx.setInterval(() => badge.tick(Date.now()), 1000);
  void refresh();
}

/** Auto-fill as the centre's policy sets it, else as the agent chose (utils/settings.ts). */
async function autoFillEnabled(): Promise<boolean> {
  return (await readSettings(browser)).values.autoFill;
}
