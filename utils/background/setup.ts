import type { browser as wxtBrowser } from 'wxt/browser';
import { NOT_CHECKED } from '@/rules/regex-check';
import { parseSiteAdapter, type SiteAdapter } from '@/rules/sites/schema';
import { originsOf } from '@/utils/catalog/adapters';
import { PickReplySchema, TryReadReplySchema, type ToBackground } from '@/utils/messages';
import type { Catalog } from './catalog';
import { complain } from './complain';
import { CONTENT_SCRIPT, originsToGrant } from './content-scripts';
import { judgeUnchecked } from './judge';

type Browser = typeof wxtBrowser;
type SetupMessage = Extract<ToBackground, { type: 'adapter-for' | 'access-needed' | 'try-read' | 'pick-field' }>;
type Sender = { tab?: { id?: number; windowId?: number } };

/**
 * The background's part in setting adapters up: tell a starting content script its adapter, say
 * which origins wait for the agent's grant, and carry the options page's try-read and field picker
 * to the latest open page the (maybe unsaved) adapter names, after checking the adapter whole.
 */
export function createSetup(browser: Browser, catalog: Catalog) {
  /** The tab an adapter's page is open in (the one used last), with the script running there. */
  async function pageOf(adapter: SiteAdapter): Promise<{ tabId: number; windowId: number } | { error: string }> {
    const origins = originsOf(adapter.matches);
    if (!origins.length || !(await browser.permissions.contains({ origins })))
      return { error: `尚未允许访问 ${origins.join('、') || adapter.matches.join('、')}：请先点「允许访问」` };
    const tabs = (await browser.tabs.query({ url: adapter.matches })).sort(
      (a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0),
    );
    const tab = tabs.find((t) => t.id !== undefined);
    if (!tab?.id) return { error: `没有打开的页面符合 ${adapter.matches.join('、')}：请先在浏览器中打开一张工单` };
    // The page may predate the adapter: then the script is not there yet.
    const alive = await browser.tabs.sendMessage(tab.id, { type: 'ping' }, { frameId: 0 }).then(
      () => true,
      () => false,
    );
    if (!alive)
      await browser.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: [CONTENT_SCRIPT] });
    return { tabId: tab.id, windowId: tab.windowId };
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
        // An unsaved adapter's patterns may be new to this worker, which has no checker: have the
        // offscreen document judge them, then check again.
        if (!parsed.ok && parsed.errors.some((e) => e.endsWith(NOT_CHECKED))) {
          await judgeUnchecked(browser).catch(complain('检查正则表达式失败'));
          parsed = parseSiteAdapter(msg.adapter);
        }
        if (!parsed.ok) return { error: '适配器有误', errors: parsed.errors };
        const page = await pageOf(parsed.adapter);
        if ('error' in page) return page;
        if (msg.type === 'try-read') {
          const answer: unknown = await browser.tabs.sendMessage(
            page.tabId,
            { type: 'try-read', adapter: parsed.adapter },
            { frameId: 0 },
          );
          const r = TryReadReplySchema.safeParse(answer);
          return r.success ? { reading: r.data } : { error: '页面没有回答试读' };
        }
        // The agent clicks on the CRM page, then comes back to the options page with the answer.
        await browser.tabs.update(page.tabId, { active: true });
        await browser.windows.update(page.windowId, { focused: true }).catch(() => {});
        const answer: unknown = await browser.tabs.sendMessage(
          page.tabId,
          { type: 'pick-field', adapter: parsed.adapter, field: msg.field },
          { frameId: 0 },
        );
        if (sender.tab?.id !== undefined) await browser.tabs.update(sender.tab.id, { active: true }).catch(() => {});
        const r = PickReplySchema.safeParse(answer);
        return r.success ? { picked: r.data } : { error: '页面没有回答点选' };
      }
    }
  }
  return { handle };
}
