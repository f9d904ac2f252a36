import type { browser as wxtBrowser } from 'wxt/browser';
import { urlMatchesPattern } from '@/rules/sites/match';
import type { AdapterEntry } from '@/utils/catalog/adapters';
import { originsOf } from '@/utils/catalog/adapters';
import { complain } from './complain';

type Browser = typeof wxtBrowser;

// The shipped adapters' pages are in the manifest's content_scripts. An adapter added at run time
// (by the agent or the policy) gets the same script registered for its patterns, and it runs where
// the agent granted its origin: `optional_host_permissions`, one origin at a time, never all sites.

const PREFIX = 'adapter:';
/** The content script as built: the manifest's for shipped adapters, and registered or injected for the others. */
export const CONTENT_SCRIPT = '/content-scripts/crm.js';

/** The run-time adapters' registrations, made to match the catalog; returns the ids registered. */
export async function syncContentScripts(browser: Browser, entries: readonly AdapterEntry[]): Promise<string[]> {
  const want = new Map(
    entries
      .filter((e) => e.active && e.adapter && e.source !== 'bundled')
      .map((e) => [PREFIX + e.id, e.adapter!.matches]),
  );
  const have = await browser.scripting.getRegisteredContentScripts();
  const stale = have.filter(
    (s) => s.id.startsWith(PREFIX) && (!want.has(s.id) || String(s.matches) !== String(want.get(s.id))),
  );
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale.map((s) => s.id) });
  const kept = new Set(have.filter((s) => !stale.includes(s)).map((s) => s.id));
  const add = [...want].filter(([id]) => !kept.has(id));
  if (add.length)
    await browser.scripting.registerContentScripts(
      add.map(([id, matches]) => ({
        id,
        matches,
        js: [CONTENT_SCRIPT],
        allFrames: true,
        runAt: 'document_idle' as const,
        persistAcrossSessions: true,
      })),
    );
  return [...want.keys()].map((id) => id.slice(PREFIX.length));
}

/**
 * Run the script at once in the open tabs of these adapters, where access is granted: a new adapter
 * works without reloading the CRM. A tab that already runs it is left alone by the script itself.
 * Access is granted per origin, and one may be granted without another (Chrome's site-access menu
 * grants the site in front): an adapter runs in the tabs of the origins it has.
 */
export async function injectIntoOpenTabs(browser: Browser, entries: readonly AdapterEntry[]): Promise<number> {
  let injected = 0;
  for (const e of entries) {
    if (!e.active || !e.adapter || e.source === 'bundled') continue;
    const granted: string[] = [];
    for (const o of originsOf(e.adapter.matches))
      if (await browser.permissions.contains({ origins: [o] })) granted.push(o);
    if (!granted.length) continue;
    const tabs = await browser.tabs.query({ url: e.adapter.matches });
    for (const tab of tabs) {
      if (tab.id === undefined || !tab.url || !granted.some((o) => urlMatchesPattern(tab.url!, o))) continue;
      await browser.scripting
        .executeScript({ target: { tabId: tab.id, allFrames: true }, files: [CONTENT_SCRIPT] })
        .then(() => injected++, complain(`无法在标签页 ${tab.id} 启用适配器 ${e.id}`));
    }
  }
  return injected;
}

/** Origins the active run-time adapters need and the agent has not granted yet. */
export async function originsToGrant(
  browser: Browser,
  entries: readonly AdapterEntry[],
): Promise<{ origins: string[]; adapters: { id: string; name: string }[] }> {
  const origins = new Set<string>();
  const adapters: { id: string; name: string }[] = [];
  for (const e of entries) {
    if (!e.active || !e.adapter || e.source === 'bundled') continue;
    const missing: string[] = [];
    for (const o of originsOf(e.adapter.matches))
      if (!(await browser.permissions.contains({ origins: [o] }))) missing.push(o);
    if (missing.length) {
      missing.forEach((o) => origins.add(o));
      adapters.push({ id: e.id, name: e.name });
    }
  }
  return { origins: [...origins], adapters };
}
