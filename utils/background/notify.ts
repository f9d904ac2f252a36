import type { Browser as Types, browser as wxtBrowser } from 'wxt/browser';

type Browser = typeof wxtBrowser;
type Options = Types.notifications.NotificationCreateOptions;

/** Chrome's options Firefox refuses outright (153 ESR throws on either): it has no sticky notifications and no buttons. */
const CHROME_ONLY = ['requireInteraction', 'buttons'] as const;

/**
 * Show a notification; where the browser refuses `requireInteraction` or `buttons` (Firefox, by a
 * synchronous throw), the same notification without them. Rejects only when that fails too.
 */
export function createNotification(browser: Browser, id: string, options: Options): Promise<string> {
  return Promise.resolve()
    .then(() => browser.notifications.create(id, options))
    .catch((e: unknown) => {
      if (!CHROME_ONLY.some((k) => k in options)) throw e;
      const plain: Record<string, unknown> = { ...options };
      for (const k of CHROME_ONLY) delete plain[k];
      return browser.notifications.create(id, plain as Options);
    });
}
