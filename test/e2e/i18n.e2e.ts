import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoCrm } from '../demo-crm/serve';
import { badgeText } from './badge';
import { launchWithExtension, type ExtensionBrowser } from './browser';

// The extension speaks the agent's language (utils/i18n): an English browser gets English pages, a
// badge in English and the manifest's English name; a Chinese one gets Chinese until the agent
// chooses English on the options page, which every open page and the badge follow at once. (The
// manifest's name follows Chrome's UI language, which Debian's Chromium has only in en-US.)

let crm: DemoCrm;
beforeAll(async () => {
  process.env.DEMO_API_DELAY_MS = '50';
  const { startDemoCrm } = await import('../demo-crm/serve');
  crm = await startDemoCrm(0);
});
afterAll(async () => {
  await crm?.close();
});

const headings = (page: Page) => page.locator('h1, h2').allTextContents();

async function ticketPage(b: ExtensionBrowser): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`${crm.url}/legacy/?id=GD100201`);
  await expect.poll(() => badgeText(page), { timeout: 15_000 }).not.toBeNull();
  return page;
}

describe('the extension in the browser’s language', () => {
  let b: ExtensionBrowser;
  beforeAll(async () => {
    b = await launchWithExtension({ locale: 'en-US' });
  });
  afterAll(async () => {
    await b?.close();
  });

  it('an English browser gets the English badge, panel and options, and the English manifest name', async () => {
    const page = await ticketPage(b);
    await expect.poll(() => badgeText(page)).toMatch(/ (left|over)$/);
    const panel = await b.openPanel(page);
    await expect
      .poll(() => headings(panel), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['Time limits', 'Scripts']));
    expect(await panel.title()).toBe('Ticket Sidekick');
    expect(await panel.evaluate(() => document.documentElement.lang)).toBe('en');
    const name = await panel.evaluate(() =>
      (globalThis as unknown as { chrome: { i18n: { getMessage(k: string): string } } }).chrome.i18n.getMessage(
        'extName',
      ),
    );
    expect(name).toBe('Ticket Sidekick 工单助手');
    const options = await b.context.newPage();
    await options.goto(`chrome-extension://${b.extensionId}/options.html`);
    await expect.poll(() => options.locator('h1').textContent()).toBe('Ticket Sidekick · Settings');
    expect(await options.getByTestId('language').inputValue()).toBe('auto');
  });
});

describe('a Chinese browser, English chosen on the options page', () => {
  let b: ExtensionBrowser;
  beforeAll(async () => {
    b = await launchWithExtension();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('switches the options page, the open side panel and the badge, and keeps the choice', async () => {
    const page = await ticketPage(b);
    await expect.poll(() => badgeText(page)).toMatch(/[剩超] /);
    const panel = await b.openPanel(page);
    await expect.poll(() => headings(panel), { timeout: 10_000 }).toEqual(expect.arrayContaining(['时限', '话术']));
    const options = await b.context.newPage();
    await options.goto(`chrome-extension://${b.extensionId}/options.html`);
    await expect.poll(() => options.locator('h1').textContent()).toBe('工单助手 · 设置');

    await options.getByTestId('language').selectOption('en');
    await expect.poll(() => options.locator('h1').textContent()).toBe('Ticket Sidekick · Settings');
    await expect.poll(() => options.getByTestId('notice').textContent()).toBe('Saved: the language is English');
    await expect
      .poll(() => headings(panel), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['Time limits', 'Scripts']));
    await expect.poll(() => badgeText(page), { timeout: 10_000 }).toMatch(/ (left|over)$/);

    // Kept: a page opened later reads it.
    const popup = await b.context.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
    await expect.poll(() => popup.locator('h1').textContent()).toBe('Open tickets');
    expect(await popup.title()).toBe('Ticket Sidekick · Open tickets');
  });
});
