// `npm run demo`: the demo CRM with the built extension in Chromium, on a demo ticket.
// With a display it stays open for you to use; without one it runs headless, saves
// screenshots of the CRM page with the badge and of the side panel, then of every page the
// extension draws (side panel, worklist popup, options, figures, the CRM page with its badge) in
// each language and each colour scheme (`panel-en-dark.png` …), and prints their paths and the
// side panel's height.
// Then it adds a CRM page at run time, as an agent would: the /desk/ screen, which no shipped
// adapter names, gets its adapter (adapters/desk.json) pasted on the options page and saved, and
// Chrome asks for access to http://127.0.0.1/*. With a display you answer 「允许」 yourself; without
// one the demo runs Chromium on a virtual display (Xvfb) and answers with xdotool, or, when those
// are not installed, says so. Once allowed, the desk page shows its badge.
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { badgeText } from '../e2e/badge';
import { launchWithExtension, type ExtensionBrowser } from '../e2e/browser';
import { allowPrompt, startXvfb, xvfbMissing, type VirtualDisplay } from '../e2e/xvfb';
import { startDemoCrm, type DemoCrm } from './serve';

const OUT = resolve(import.meta.dirname, '../artifacts');
const TICKET = process.env.DEMO_TICKET ?? 'GD100201';
const DESK_JSON = readFileSync(resolve(import.meta.dirname, 'adapters/desk.json'), 'utf8');
const DESK_ORIGIN = 'http://127.0.0.1/*';
/** Tickets of several kinds and days (a missed dispatch, a repeat, an appeal, a supervised one, a closed one). */
const SEEN = ['GD100202', 'GD100203', 'GD100204', 'GD100205', 'GD100210'];
const LANGS = ['zh_CN', 'en'] as const;
const SCHEMES = ['light', 'dark'] as const;
/** The side panel's width in the screenshots and the height measure: about Chrome's side panel. */
const PANEL_WIDTH = 400;
const headless = !process.env.DISPLAY || process.env.HEADLESS === '1';
// No display of one's own: a virtual one, if installed, so the demo can answer Chrome's prompt.
const noXvfb = headless ? xvfbMissing() : null;

const crm = await startDemoCrm(Number(process.env.PORT ?? 8787));
const xvfb: VirtualDisplay | null = headless && !noXvfb ? await startXvfb() : null;
const browser = await launchWithExtension(xvfb ? { display: xvfb.display } : { headless });
const page = await browser.context.newPage();
/** Show a ticket on the legacy page and wait for its badge: the extension has read and stored it. */
async function showTicket(id: string) {
  await page.goto(`${crm.url}/legacy/?id=${id}`);
  await page
    .frame({ name: 'mainFrame' })!
    .waitForSelector('ticket-sidekick-badge:not([hidden])', { state: 'attached', timeout: 15_000 });
}
// Headless, a few other tickets first, so the worklist and the figures have something to show.
if (headless) for (const id of SEEN) if (id !== TICKET) await showTicket(id);
await showTicket(TICKET);
const panel = await browser.openPanel(page);
await panel.getByTestId('ticket-id').waitFor();
console.log(`demo CRM: ${crm.url}  (ticket ${TICKET}; other tickets in the list on the left)`);

/** Whether the desk adapter's origin is granted, as the extension (its options page) sees it. */
const deskGranted = (options: Page) =>
  options
    .evaluate(
      (o) =>
        (
          globalThis as unknown as { chrome: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } } }
        ).chrome.permissions.contains({ origins: [o] }),
      DESK_ORIGIN,
    )
    .catch(() => false);

/** Open a desk ticket, then add its adapter on the options page and save it (which asks for access). */
async function addDeskAdapter(b: ExtensionBrowser, server: DemoCrm): Promise<{ desk: Page; options: Page }> {
  const desk = await b.context.newPage();
  await desk.goto(`${server.url}/desk/ticket/${TICKET}`);
  const options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  await options.bringToFront();
  await options.getByTestId('adapter-add').click();
  await options.getByTestId('adapter-json').fill(DESK_JSON);
  await options.getByTestId('adapter-save').click();
  await options.getByTestId('adapter-notice').filter({ hasText: '已保存' }).waitFor({ timeout: 15_000 });
  return { desk, options };
}

/** The desk page once its badge shows (the script was started in the open tab when access came). */
async function deskWithBadge(desk: Page): Promise<void> {
  await desk.bringToFront();
  await desk.waitForSelector('ticket-sidekick-badge:not([hidden])', { state: 'attached', timeout: 15_000 });
  await desk.waitForTimeout(1200); // one tick of the countdown
}

/**
 * A screenshot of the whole page at its viewport's width: the viewport made as tall as the page
 * first, since a full-page shot in headful Chromium (on Xvfb) is cut by the width of the scrollbar
 * the page had before.
 */
async function wholePage(p: Page, path: string): Promise<void> {
  const size = p.viewportSize()!;
  // Measured in a short viewport, so a page shorter than the one it had (the popup) is shot at its own height.
  await p.setViewportSize({ width: size.width, height: 100 });
  await p.setViewportSize({ width: size.width, height: await p.evaluate(() => document.documentElement.scrollHeight) });
  await p.screenshot({ path });
  await p.setViewportSize(size);
}

/** The extension's page `path` (`popup.html` …) in a tab of `width`. */
async function extensionPage(b: ExtensionBrowser, path: string, width: number): Promise<Page> {
  const p = await b.context.newPage();
  await p.setViewportSize({ width, height: 700 });
  await p.goto(`chrome-extension://${b.extensionId}/${path}`);
  return p;
}

/**
 * Every page the extension draws, in each language (chosen on the options page, as an agent
 * would: every open page and the badge follow) and each colour scheme: `test/artifacts/<page>-<lang>-<scheme>.png`.
 * Then the language is the browser's again and the scheme the system's, for what the demo does next.
 */
async function everyPage(b: ExtensionBrowser, crmPage: Page, panelPage: Page): Promise<void> {
  await panelPage.setViewportSize({ width: PANEL_WIDTH, height: 800 });
  const popup = await extensionPage(b, 'popup.html', 380);
  const options = await extensionPage(b, 'options.html', 1000);
  const figures = await extensionPage(b, 'figures.html', 800);
  await popup.getByTestId('ticket').first().waitFor();
  await figures.getByTestId('cards').waitFor();
  const pages = { crm: crmPage, panel: panelPage, worklist: popup, options, figures };
  const saved: string[] = [];
  for (const lang of LANGS) {
    await options.getByTestId('language').selectOption(lang);
    const locale = lang === 'zh_CN' ? 'zh-CN' : 'en';
    for (const p of [panelPage, popup, options, figures])
      await p.waitForFunction((l) => document.documentElement.lang === l, locale);
    // The badge speaks it too: 「剩 …」 or "… left".
    const words = lang === 'zh_CN' ? /[剩超]/ : / (left|over)$/;
    for (let i = 0; i < 100 && !words.test((await badgeText(crmPage)) ?? ''); i++) await crmPage.waitForTimeout(100);
    const height = await panelPage.evaluate(() => document.documentElement.scrollHeight);
    console.log(`side panel for ${TICKET}, ${lang}, ${PANEL_WIDTH} px wide: ${height} px tall`);
    for (const scheme of SCHEMES)
      for (const [name, p] of Object.entries(pages)) {
        await p.emulateMedia({ colorScheme: scheme });
        await p.bringToFront();
        await p.waitForTimeout(150);
        const path = resolve(OUT, `${name}-${lang}-${scheme}.png`);
        await (name === 'crm' ? p.screenshot({ path }) : wholePage(p, path));
        saved.push(path);
      }
  }
  await options.getByTestId('language').selectOption('auto');
  for (const p of Object.values(pages)) await p.emulateMedia({ colorScheme: null });
  for (const p of [popup, options, figures]) await p.close();
  console.log(`screenshots of every page, in each language and scheme:\n  ${saved.join('\n  ')}`);
}

if (headless) {
  mkdirSync(OUT, { recursive: true });
  await page.bringToFront();
  await page.waitForTimeout(1200); // let the countdown tick once so the screenshot shows it live
  const shots = {
    page: resolve(OUT, 'demo-crm-with-badge.png'),
    panel: resolve(OUT, 'demo-side-panel.png'),
    options: resolve(OUT, 'demo-options-desk-adapter.png'),
    desk: resolve(OUT, 'demo-desk-with-badge.png'),
  };
  await page.screenshot({ path: shots.page });
  await panel.bringToFront();
  await panel.setViewportSize({ width: 360, height: 900 });
  await wholePage(panel, shots.panel);
  console.log(`screenshot of the CRM page with the badge: ${shots.page}`);
  console.log(`screenshot of the side panel:               ${shots.panel}`);
  await everyPage(browser, page, panel);

  try {
    console.log(
      `\nadding a CRM page at run time: ${crm.url}/desk/ticket/${TICKET} with test/demo-crm/adapters/desk.json, on the options page`,
    );
    const { desk, options } = await addDeskAdapter(browser, crm);
    if (xvfb) {
      // What an agent does with the mouse: 「允许」 in Chrome's prompt.
      await allowPrompt(xvfb, options, () => deskGranted(options));
      await options
        .getByTestId(`adapter-${JSON.parse(DESK_JSON).id as string}`)
        .getByTestId('adapter-state')
        .filter({ hasText: '使用中' })
        .waitFor({ timeout: 15_000 });
      await options.locator('section.adapters').screenshot({ path: shots.options });
      await deskWithBadge(desk);
      await desk.screenshot({ path: shots.desk });
      console.log(
        `Chrome's prompt for ${DESK_ORIGIN} answered 「允许」 (Chromium on a virtual display, keys by xdotool)`,
      );
      console.log(`screenshot of the options page, adapter added: ${shots.options}`);
      console.log(`screenshot of the desk page with the badge:  ${shots.desk}`);
    } else {
      await options.locator('section.adapters').screenshot({ path: shots.options });
      console.log(`screenshot of the options page, adapter saved, waiting for access: ${shots.options}`);
      console.log(
        `Chrome's prompt for ${DESK_ORIGIN} needs a display to be answered, and headless Chromium has none (${noXvfb}).\n` +
          'Run `npm run demo` with a display and click 「允许」, or install Xvfb and xdotool (bash .ci/setup) and run it again.',
      );
    }
  } finally {
    await browser.close();
    await crm.close();
    await xvfb?.close();
  }
} else {
  console.log('Chromium is open with the extension; close it or press Ctrl-C to stop.');
  browser.context.on('close', () => void crm.close().then(() => process.exit(0)));
  process.on(
    'SIGINT',
    () =>
      void browser
        .close()
        .then(() => crm.close())
        .then(() => process.exit(0)),
  );
  // The run-time adapter: the prompt is yours to answer (or later, 「允许访问」 on the options page).
  try {
    const { desk, options } = await addDeskAdapter(browser, crm);
    console.log(
      `\nthe options page added the desk CRM (test/demo-crm/adapters/desk.json): click 「允许」 in Chrome's prompt for ${DESK_ORIGIN}`,
    );
    while (!(await deskGranted(options))) {
      if (options.isClosed()) throw new Error('the options page was closed before access was allowed');
      await new Promise((r) => setTimeout(r, 500));
    }
    await deskWithBadge(desk);
    mkdirSync(OUT, { recursive: true });
    const shot = resolve(OUT, 'demo-desk-with-badge.png');
    await desk.screenshot({ path: shot });
    console.log(`access allowed: ${desk.url()} shows its badge; screenshot: ${shot}`);
  } catch (e) {
    // The agent closed a page or the browser meanwhile: the demo goes on (or has ended).
    if (browser.context.pages().length)
      console.log(`the desk CRM part stopped: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}
