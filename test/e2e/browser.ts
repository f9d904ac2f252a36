import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');
/** Fixed by the manifest's key (wxt.config.ts), so a policy can name it. */
export const EXTENSION_ID = 'jallkdcoonhcgpbkmgpkkhoknamnhkap';
/** Where Debian's Chromium reads mandatory policy (Google Chrome: /etc/opt/chrome/policies/managed). */
export const POLICY_DIR = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Every request the browser made that was not to the demo CRM or the extension itself. */
  foreignRequests: string[];
  /** The side panel as a page, pinned to the tab that shows `crmPage`. */
  openPanel(crmPage: Page): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Write the extension's part of a centre's policy where Chromium reads it; returns the remover.
 * The folder is the machine's: every Chromium started (or running) while the file is there reads it,
 * so it is named uniquely and removed on close, on a failed launch and when the process exits.
 */
function writePolicy(policy: Record<string, unknown>): () => void {
  const file = join(POLICY_DIR, `ticket-sidekick-e2e-${process.pid}-${randomUUID().slice(0, 8)}.json`);
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: policy } } }, null, 2));
  const remove = () => rmSync(file, { force: true });
  process.once('exit', remove);
  return remove;
}

export interface LaunchOptions {
  headless?: boolean;
  policy?: Record<string, unknown>;
  /**
   * An X display (":N", e.g. a virtual one from ./xvfb.ts): Chromium runs headful there, so its own
   * prompts (chrome.permissions.request) can be answered; `headless` is then ignored.
   */
  display?: string;
  /**
   * The agent's browser language, `zh-CN` unless a test says otherwise: the extension follows it
   * (utils/i18n), and most tests read the Chinese pages. Debian's Chromium ships only the en-US UI,
   * so this is the preferred language (navigator.language) the agent set, as Chrome's settings would.
   */
  locale?: string;
}

/**
 * Debian's Chromium with the built extension loaded, headless, in a throw-away profile; with
 * `policy`, the extension's managed storage holds it (Chromium's policy folder, README: Settings
 * pushed by IT). Tests run as root, who may write that folder. With `display`, headful on that display.
 */
export async function launchWithExtension(opts: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const removePolicy = opts.policy ? writePolicy(opts.policy) : () => {};
  try {
    return await launch(opts, removePolicy);
  } catch (e) {
    removePolicy();
    throw e;
  }
}

async function launch(opts: LaunchOptions, removePolicy: () => void): Promise<ExtensionBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'sidekick-profile-'));
  // Developer mode, as for anyone loading an unpacked build: without it Chromium disables a
  // command-line extension that reloads itself (chrome.runtime.reload) instead of restarting it.
  mkdirSync(join(profile, 'Default'));
  const locale = opts.locale ?? 'zh-CN';
  writeFileSync(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ extensions: { ui: { developer_mode: true } }, intl: { accept_languages: locale } }),
  );
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    locale,
    headless: opts.display ? false : (opts.headless ?? true),
    ...(opts.display ? { env: { ...process.env, DISPLAY: opts.display } } : {}),
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      `--lang=${locale}`,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const foreignRequests: string[] = [];
  context.on('request', (r) => {
    const url = r.url();
    if (!/^(https?:\/\/127\.0\.0\.1[:/]|chrome-extension:|data:|about:|blob:)/.test(url)) foreignRequests.push(url);
  });
  let [worker] = context.serviceWorkers();
  // A fresh profile on a loaded 2-core machine can take Chromium well over 15 s to start the
  // worker (seen once this round at load 10); a worker that never starts still fails here.
  worker ??= await context.waitForEvent('serviceworker', { timeout: 60_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    foreignRequests,
    async openPanel(crmPage) {
      // Without the "tabs" permission tab URLs are hidden, but tab order follows page order.
      const index = context.pages().indexOf(crmPage);
      const tabId = await worker.evaluate(async (i: number) => {
        const api = (
          globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; index: number }[]> } } }
        ).chrome;
        return (await api.tabs.query({ currentWindow: true })).find((t) => t.index === i)?.id;
      }, index);
      if (tabId === undefined) throw new Error(`no tab at index ${index}`);
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
      return page;
    },
    async close() {
      try {
        await context.close();
      } finally {
        removePolicy();
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}
