import type { browser as wxtBrowser } from 'wxt/browser';
import { AutofillReplySchema, FocusReplySchema, type TabState, type ToContent } from '@/utils/messages';
import type { Shortcut } from '@/utils/shortcuts';
import { openSidePanel } from '@/utils/side-panel';
import { complain } from './complain';

type Browser = typeof wxtBrowser;
type Tab = { id?: number; windowId?: number };

/**
 * Carry out the keyboard commands (utils/shortcuts.ts) for the tab they were pressed in. `tabs` is
 * the background's state per CRM tab (the sidekick's): fill and focus go to the frame that showed
 * the ticket, fill with the verdict the panel shows, as its 「一键填写」 does.
 */
export function listenForCommands(browser: Browser, tabs: ReadonlyMap<number, TabState>): void {
  browser.commands.onCommand.addListener((command, tab) => {
    void runCommand(browser, tabs, command, tab).catch(complain(`快捷键 ${command} 失败`));
  });
}

/** What a command did: the panel opened, the fill's report, the badge focused (false: nothing to act on). */
export function runCommand(
  browser: Browser,
  tabs: ReadonlyMap<number, TabState>,
  command: string,
  tab?: Tab,
): Promise<unknown> {
  const name = command as Shortcut;
  switch (name) {
    // First and without an await: Firefox opens its sidebar only while it handles the command.
    case 'open-panel':
      return openSidePanel(browser, tab?.id === undefined ? {} : { tabId: tab.id });
    case 'fill-form':
      return toTicketFrame(browser, tabs, tab, (s) => ({ type: 'autofill', verdict: s.verdict })).then((r) => {
        const reply = AutofillReplySchema.safeParse(r);
        return reply.success ? reply.data.report : null;
      });
    case 'focus-badge':
      return toTicketFrame(browser, tabs, tab, () => ({ type: 'focus-badge' })).then(
        (r) => FocusReplySchema.safeParse(r).data?.focused ?? false,
      );
  }
  return Promise.resolve(false);
}

/** Send to the content script in the frame whose ticket the background holds for the tab (undefined: none). */
async function toTicketFrame(
  browser: Browser,
  tabs: ReadonlyMap<number, TabState>,
  tab: Tab | undefined,
  message: (state: TabState) => ToContent,
): Promise<unknown> {
  const id = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  const state = id === undefined ? undefined : tabs.get(id);
  if (!state) return undefined;
  return browser.tabs.sendMessage(state.tabId, message(state), { frameId: state.frameId }).catch(() => undefined);
}
