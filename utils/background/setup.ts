import type { browser as wxtBrowser } from 'wxt/browser';
import { NOT_CHECKED } from '@/rules/regex-check';
import { parseSiteAdapter, type SiteAdapter } from '@/rules/sites/schema';
import { originsOf } from '@/utils/catalog/adapters';
import { t } from '@/utils/i18n';
import { PickReplySchema, TryReadReplySchema, type ToBackground } from '@/utils/messages';
import type { Catalog } from './catalog';
import { complain } from './complain';
import { CONTENT_SCRIPT, originsToGrant } from './content-scripts';
import { judgeUnchecked } from './judge';

type Browser = typeof wxtBrowser;
type SetupMessage = Extract<ToBackground, { type: 'adapter-for' | 'access-needed' | 'try-read' | 'pick-field' }>;
type Sender = { tab?: { id?: number; windowId?: number } };

/** The field picker as built (entrypoints/picker): injected when asked for, not in the content script. */
export const PICKER_SCRIPT = '/picker.js';

/**
 * The background's part in setting adapters up: tell a starting content script its adapter, say
 * which origins wait for the agent's grant, and carry the options page's try-read and field picker
 * to the latest open page the (maybe unsaved) adapter names, after checking the adapter whole.
 */
export function createSetup(browser: Browser, catalog: Catalog) {
  /** The tab an adapter's page is open in (the one used last). */
  async function pageOf(adapter: SiteAdapter): Promise<{ tabId: number; windowId: number } | { error: string }> {
    const origins = originsOf(adapter.matches);
    if (!origins.length || !(await browser.permissions.contains({ origins })))
      return {
        error: t('setup.notGranted', {
          origins: (origins.length ? origins : adapter.matches).join(t('common.listSep')),
        }),
      };
    const tabs = (await browser.tabs.query({ url: adapter.matches })).sort(
      (a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0),
    );
    const tab = tabs.find((t) => t.id !== undefined);
    if (!tab?.id) return { error: t('setup.noPage', { matches: adapter.matches.join(t('common.listSep')) }) };
    return { tabId: tab.id, windowId: tab.windowId };
  }

  /** Make sure the content script runs in the tab: the page may predate the adapter. */
  async function ensureContentScript(tabId: number): Promise<void> {
    const alive = await browser.tabs.sendMessage(tabId, { type: 'ping' }, { frameId: 0 }).then(
      () => true,
      () => false,
    );
    if (!alive) await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [CONTENT_SCRIPT] });
  }

  async function handle(msg: SetupMessage, sender: Sender): Promise<unknown> {
    switch (msg.type) {
      case 'adapter-for':
        return { adapter: (await catalog.adapterFor(msg.url))?.adapter ?? null };
      case 'access-needed':
        return originsToGrant(browser, (await catalog.current()).adapters);
      case 'try-read':
      case 'pick-field': {
        let parsed = parseSiteAdapter(msg.adapter);
        // An unsaved adapter's patterns may be new to this background, which has no checker: have
        // them judged in a worker (utils/background/judge.ts), then check again.
        if (!parsed.ok && parsed.errors.some((e) => e.endsWith(NOT_CHECKED))) {
          await judgeUnchecked(browser).catch(complain('检查正则表达式失败'));
          parsed = parseSiteAdapter(msg.adapter);
        }
        if (!parsed.ok) return { error: t('setup.badAdapter'), errors: parsed.errors };
        const page = await pageOf(parsed.adapter);
        if ('error' in page) return page;
        if (msg.type === 'try-read') {
          await ensureContentScript(page.tabId);
          const answer: unknown = await browser.tabs.sendMessage(
            page.tabId,
            { type: 'try-read', adapter: parsed.adapter },
            { frameId: 0 },
          );
          const r = TryReadReplySchema.safeParse(answer);
          return r.success ? { reading: r.data } : { error: t('setup.noTryAnswer') };
        }
        // The picker, into the top frame at every pick: a copy already there keeps answering, and the new
        // one does nothing (utils/content/pick-field.ts).
        const injected = await browser.scripting
          .executeScript({ target: { tabId: page.tabId, frameIds: [0] }, files: [PICKER_SCRIPT] })
          .catch(complain('无法在页面上启动点选'));
        if (!injected) return { error: t('setup.noPickAnswer') };
        // The agent clicks on the CRM page, then comes back to the options page with the answer.
        await browser.tabs.update(page.tabId, { active: true });
        await browser.windows.update(page.windowId, { focused: true }).catch(() => {});
        const answer: unknown = await browser.tabs.sendMessage(
          page.tabId,
          { type: 'pick-field', adapter: parsed.adapter, field: msg.field, ...(msg.prompt && { prompt: msg.prompt }) },
          { frameId: 0 },
        );
        if (sender.tab?.id !== undefined) await browser.tabs.update(sender.tab.id, { active: true }).catch(() => {});
        const r = PickReplySchema.safeParse(answer);
        return r.success ? { picked: r.data } : { error: t('setup.noPickAnswer') };
      }
    }
  }
  return { handle };
}
