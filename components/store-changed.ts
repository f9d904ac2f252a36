import type { browser as wxtBrowser } from 'wxt/browser';

/**
 * Tell the background the store changed so it reschedules reminders. Nobody listening (the
 * worker asleep or a test page) is not an error, so failures are swallowed.
 */
export async function notifyStoreChanged(browser: typeof wxtBrowser): Promise<void> {
  try {
    await browser.runtime.sendMessage({ type: 'store-changed' });
  } catch {
    // no receiver
  }
}
