import type { browser as wxtBrowser } from 'wxt/browser';
import { complain } from '@/utils/background/complain';
import { currentLang } from '@/utils/i18n/current';
import { translate } from '@/utils/i18n/translate';
import type { Shortcut } from '@/utils/shortcuts';

type Browser = typeof wxtBrowser;

/** Firefox's sidebar, which Chrome's types (and Chrome) lack. */
interface SidebarAction {
  open(): Promise<void>;
  isOpen(details: { windowId?: number }): Promise<boolean>;
}
const sidebarOf = (browser: Browser) => (browser as { sidebarAction?: SidebarAction }).sidebarAction;

/** Where the agent acted: a tab (the badge, a command) or a window (the popup); neither is the current window. */
export interface PanelTarget {
  tabId?: number;
  windowId?: number;
}

/**
 * Open the side panel (Chrome, Edge: `sidePanel`, 116+) or the sidebar (Firefox: `sidebarAction`,
 * which WXT declares for the same page); false when the browser refused or has neither. Call it in
 * the user action's own handler, before any await: Firefox opens the sidebar only while it handles a
 * user action (a command, a click in an extension page), so its call is made here synchronously.
 */
export function openSidePanel(browser: Browser, where: PanelTarget = {}): Promise<boolean> {
  const refused = (e: unknown) => {
    complain('打开侧边栏失败')(e);
    return false;
  };
  // Absent in Firefox, and in Chrome without the permission.
  if ((browser as Partial<Browser>).sidePanel) return chromePanel(browser, where).then(() => true, refused);
  const sidebar = sidebarOf(browser);
  if (!sidebar) return Promise.resolve(false);
  try {
    return sidebar.open().then(
      () => true,
      // Refused outside a user action, even when already open: then the agent sees it anyway.
      (e: unknown) => sidebar.isOpen({}).then((open) => open || refused(e), refused),
    );
  } catch (e) {
    return Promise.resolve(refused(e));
  }
}

async function chromePanel(browser: Browser, { tabId, windowId }: PanelTarget): Promise<void> {
  if (tabId !== undefined) return browser.sidePanel.open({ tabId });
  const id = windowId ?? (await browser.windows.getCurrent()).id;
  if (id === undefined) throw new Error('no current window');
  await browser.sidePanel.open({ windowId: id });
}

/**
 * A click on the badge reaches the background as a message, which Firefox does not count as a user
 * action (only extension pages, commands and the toolbar button do): when the sidebar stays shut,
 * a notification names the ways that work there.
 */
export async function openSidePanelFromPage(browser: Browser, tabId: number): Promise<boolean> {
  const opened = await openSidePanel(browser, { tabId });
  if (!opened && sidebarOf(browser)) await explainSidebar(browser);
  return opened;
}

export const SIDEBAR_HINT_ID = 'sidekick-sidebar-hint';

async function explainSidebar(browser: Browser): Promise<void> {
  const commands = await Promise.resolve()
    .then(() => browser.commands.getAll())
    .catch(() => []);
  const open: Shortcut = 'open-panel';
  const key = commands.find((c) => c.name === open)?.shortcut;
  const lang = await currentLang(browser);
  const how = key ? translate(lang, 'notify.sidebarKey', { key }) : translate(lang, 'notify.sidebarNoKey');
  await Promise.resolve()
    .then(() =>
      browser.notifications.create(SIDEBAR_HINT_ID, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon-128.png'),
        title: translate(lang, 'notify.sidebarTitle'),
        message: translate(lang, 'notify.sidebarMessage', { how }),
      }),
    )
    .catch(complain('无法显示侧边栏提示'));
}
