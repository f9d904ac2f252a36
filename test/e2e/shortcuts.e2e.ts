// The keyboard shortcuts (utils/shortcuts.ts) pressed as an agent presses them: Chromium runs
// headful on a virtual display (./xvfb.ts) and xdotool types the keys, so Chrome's own command
// handling assigns and fires them (a page-level key event never reaches an extension command).
// Without Xvfb or xdotool the tests are skipped, saying so; CI (which has both) fails instead.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoCrm } from '../demo-crm/serve';
import { SHORTCUTS, type Shortcut } from '../../utils/shortcuts';
import { badgeText } from './badge';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { expectedVerdict } from './expected';
import { startXvfb, xvfbMissing, type VirtualDisplay } from './xvfb';

const missing = xvfbMissing();
const skip = missing !== null && !process.env.CI;
if (skip) console.warn(`shortcuts.e2e.ts skipped: ${missing}; extension shortcuts need a display to press them on`);

const serverNow = Math.floor(Date.now() / 60_000) * 60_000;
const ID = 'GD100201';
let x: VirtualDisplay | undefined;
let crm: DemoCrm | undefined;
let b: ExtensionBrowser | undefined;
let page: Page;

beforeAll(async () => {
  if (skip) return;
  if (missing) throw new Error(`CI is set but ${missing}`);
  process.env.DEMO_API_DELAY_MS = '50';
  x = await startXvfb();
  const { startDemoCrm } = await import('../demo-crm/serve');
  crm = await startDemoCrm(0);
  b = await launchWithExtension({ display: x.display });
  page = await b.context.newPage();
  await page.goto(`${crm.url}/legacy/?id=${ID}&now=${new Date(serverNow).toISOString()}`);
  for (let i = 0; i < 150 && !(await badgeText(page)); i++) await page.waitForTimeout(100);
  if (!(await badgeText(page))) throw new Error(`no badge on ${ID} in 15 s`);
  await page.bringToFront();
  // The keys go to the page: click its body, as the agent working in the CRM has.
  await frame()
    .locator('body')
    .click({ position: { x: 5, y: 5 } });
});

afterAll(async () => {
  try {
    await b?.close();
  } finally {
    try {
      await crm?.close();
    } finally {
      await x?.close();
    }
  }
});

// The legacy CRM shows the ticket and its form in a frame, where the badge sits too.
const frame = () => page.frame({ name: 'mainFrame' })!;
/** Press a command's default key as xdotool names it ("alt+shift+j"). */
const press = (command: Shortcut) => x!.key(SHORTCUTS[command].key.toLowerCase());

describe.skipIf(skip)('shortcuts in Chromium', () => {
  it('has every suggested key assigned (Chrome leaves a key it keeps for itself unassigned)', async () => {
    const worker = b!.context.serviceWorkers()[0]!;
    const assigned = await worker.evaluate(async () => {
      const api = (
        globalThis as unknown as { chrome: { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } } }
      ).chrome;
      return Object.fromEntries((await api.commands.getAll()).map((c) => [c.name, c.shortcut]));
    });
    for (const [name, s] of Object.entries(SHORTCUTS)) expect(assigned[name], name).toBe(s.key);
  });

  it(`${SHORTCUTS['focus-badge'].key} puts the keyboard focus on the badge, in the frame that shows the ticket`, async () => {
    await press('focus-badge');
    await expect
      .poll(() => frame().evaluate(() => [document.hasFocus(), document.activeElement?.localName]))
      .toEqual([true, 'ticket-sidekick-badge']);
  });

  it(`${SHORTCUTS['fill-form'].key} fills the classification into the CRM form, as 「一键填写」 does`, async () => {
    const cls = () =>
      frame().evaluate(() => {
        const f = document.forms.namedItem('dealForm')!;
        return (f.elements.namedItem('tsfl') as HTMLSelectElement).selectedOptions[0]?.text ?? '';
      });
    const v = expectedVerdict(ID, serverNow);
    expect(await cls()).not.toBe(v.category!.label);
    await press('fill-form');
    await expect.poll(cls).toBe(v.category!.label);
  });

  it(`${SHORTCUTS['open-panel'].key} opens the side panel`, async () => {
    const worker = b!.context.serviceWorkers()[0]!;
    await worker.evaluate(() => {
      const g = globalThis as unknown as {
        opened: unknown[];
        chrome: { sidePanel: { onOpened: { addListener(f: (i: unknown) => void): void } } };
      };
      g.opened = [];
      g.chrome.sidePanel.onOpened.addListener((i) => g.opened.push(i));
    });
    await press('open-panel');
    await expect
      .poll(() =>
        worker.evaluate(() => (globalThis as unknown as { opened: { path: string }[] }).opened.map((o) => o.path)),
      )
      .toEqual(['/sidepanel.html']);
  });
});
