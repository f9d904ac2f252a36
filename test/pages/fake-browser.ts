import type { browser as wxtBrowser } from 'wxt/browser';

type Listener = (...args: never[]) => unknown;
const event = () => {
  const listeners = new Set<Listener>();
  return {
    listeners,
    addListener: (l: Listener) => listeners.add(l),
    removeListener: (l: Listener) => listeners.delete(l),
  };
};

/**
 * The few browser calls the extension pages make, recorded; everything else is absent on purpose.
 * `answer` gives the reply to a runtime message (undefined, as from a background that says nothing,
 * by default); `answerTab` the reply to a message sent to a tab's content script.
 */
export function fakeBrowser(
  local: Record<string, unknown> = {},
  opts: { answer?: (msg: unknown) => unknown; answerTab?: (tabId: number, msg: unknown) => unknown } = {},
) {
  const sent: unknown[] = [];
  const created: { url?: string }[] = [];
  let optionsOpened = 0;
  const onMessage = event();
  const onChanged = event();
  const onActivated = event();
  const tabMessages: { tabId: number; msg: unknown; options?: unknown }[] = [];
  const fake = {
    runtime: {
      sendMessage: async (msg: unknown) => {
        sent.push(msg);
        return opts.answer?.(msg);
      },
      onMessage,
      getURL: (path: string) => `chrome-extension://test${path}`,
      openOptionsPage: async () => void (optionsOpened += 1),
    },
    tabs: {
      create: async (o: { url?: string }) => void created.push(o),
      sendMessage: async (tabId: number, msg: unknown, options?: unknown) => {
        tabMessages.push({ tabId, msg, options });
        return opts.answerTab?.(tabId, msg);
      },
      onActivated,
    },
    storage: {
      local: {
        get: async (keys: string | string[]) =>
          Object.fromEntries(
            [keys]
              .flat()
              .filter((k) => k in local)
              .map((k) => [k, local[k]]),
          ),
        set: async (items: Record<string, unknown>) => void Object.assign(local, items),
      },
      onChanged,
    },
  };
  return {
    browser: fake as unknown as typeof wxtBrowser,
    sent,
    tabMessages,
    created,
    local,
    optionsOpened: () => optionsOpened,
    /** Deliver a message to the page as another context would. */
    deliver: (msg: unknown) => onMessage.listeners.forEach((l) => (l as (m: unknown) => void)(msg)),
  };
}
