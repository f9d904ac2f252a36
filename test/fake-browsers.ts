// Chrome's and Firefox's side of the side panel and the keyboard commands, as small fakes merged
// onto wxt's fakeBrowser (which has neither `sidePanel` nor working `sidebarAction` or `commands`).
import type { browser as wxtBrowser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Browser = typeof wxtBrowser;
type Listener = (...args: never[]) => unknown;

const event = () => {
  const listeners = new Set<Listener>();
  return {
    listeners,
    addListener: (l: Listener) => void listeners.add(l),
    removeListener: (l: Listener) => void listeners.delete(l),
    hasListener: (l: Listener) => listeners.has(l),
  };
};

/** What both fakes share: commands whose listeners a test fires itself, and every tab message, answered by `answer`. */
function common(shortcuts: { name: string; shortcut: string }[], answer: (tabId: number, msg: unknown) => unknown) {
  const onCommand = event();
  const sent: { tabId: number; msg: unknown; options: unknown }[] = [];
  const parts = {
    commands: { onCommand, getAll: async () => shortcuts.map((s) => ({ ...s, description: '' })) },
    tabs: {
      ...fakeBrowser.tabs,
      query: async () => [{ id: 5, windowId: 1, active: true }],
      sendMessage: async (tabId: number, msg: unknown, options?: unknown) => {
        sent.push({ tabId, msg, options });
        return answer(tabId, msg);
      },
    },
    notifications: fakeBrowser.notifications,
    runtime: { ...fakeBrowser.runtime, getURL: (p: string) => `ext://id${p}` },
  };
  /** Press a shortcut: every onCommand listener, as the browser calls them (Chrome 86+ and Firefox 126+ pass the tab). */
  const press = (command: string, tab?: { id?: number; windowId?: number }) =>
    [...onCommand.listeners].map((l) => (l as (c: string, t?: unknown) => unknown)(command, tab));
  return { parts, sent, press };
}

export interface FakeOptions {
  shortcuts?: { name: string; shortcut: string }[];
  answer?: (tabId: number, msg: unknown) => unknown;
}
const DEFAULT_SHORTCUTS = [{ name: 'open-panel', shortcut: 'Alt+Shift+O' }];

/** Chrome or Edge: `sidePanel.open` records where it opened, or fails with `refuse`. */
export function chromeLike(opts: FakeOptions & { refuse?: Error } = {}) {
  const { parts, sent, press } = common(opts.shortcuts ?? DEFAULT_SHORTCUTS, opts.answer ?? (() => undefined));
  const opened: unknown[] = [];
  const { sidebarAction: _absent, ...chrome } = fakeBrowser as unknown as Record<string, unknown>;
  const browser = {
    ...chrome,
    ...parts,
    windows: { ...fakeBrowser.windows, getCurrent: async () => ({ id: 3 }) },
    sidePanel: {
      open: async (where: unknown) => {
        if (opts.refuse) throw opts.refuse;
        opened.push(where);
      },
    },
  } as unknown as Browser;
  return { browser, opened, sent, press };
}

/**
 * Firefox: no `sidePanel`, and `sidebarAction.open()` refused unless called while the browser
 * handles a user action, as Firefox does. `asUserAction` runs a handler as one: the flag holds for
 * its synchronous part only, so a call made after an await is refused, as in Firefox.
 */
export function firefoxLike(opts: FakeOptions & { sidebarOpen?: boolean } = {}) {
  const { parts, sent, press } = common(opts.shortcuts ?? DEFAULT_SHORTCUTS, opts.answer ?? (() => undefined));
  let handlingUserInput = false;
  const sidebar = { open: opts.sidebarOpen ?? false, refused: 0 };
  const browser = {
    ...fakeBrowser,
    ...parts,
    sidebarAction: {
      open: () => {
        if (!handlingUserInput) {
          sidebar.refused++;
          return Promise.reject(new Error('sidebarAction.open may only be called from a user input handler'));
        }
        sidebar.open = true;
        return Promise.resolve();
      },
      isOpen: async () => sidebar.open,
    },
  } as unknown as Browser;
  const asUserAction = <T>(handler: () => T): T => {
    handlingUserInput = true;
    try {
      return handler();
    } finally {
      handlingUserInput = false;
    }
  };
  return {
    browser,
    sidebar,
    sent,
    asUserAction,
    press: (...a: Parameters<typeof press>) => asUserAction(() => press(...a)),
  };
}
