import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeText } from './badge';
import { axeDocument, axeShadowHost, describeViolations, injectAxe, type Violation } from './axe';
import { demoSession } from './session';

// axe-core on every page the extension draws, in the light and the dark scheme: the side panel
// (one per demo ticket, so every clock state and risk shows), the worklist popup, the options page
// (with the clear-all confirmation open), the figures and the badge on the demo CRM, that one
// scoped to the badge so the demo page's own faults do not count. Zero violations, printed in
// full when there are some.

const session = demoSession();
const PAGES = { GD100201: '/legacy/?id=GD100201', GD100202: '/legacy/?id=GD100202', GD100203: '/heavy/?id=GD100203' };
const SCHEMES = ['light', 'dark'] as const;
const crm: Record<string, Page> = {};
const opened: Page[] = [];

beforeAll(async () => {
  for (const [id, path] of Object.entries(PAGES)) {
    const page = await session.b.context.newPage();
    await page.goto(`${session.crm.url}${path}&${session.nowQuery}`);
    for (let i = 0; i < 150 && !(await badgeText(page)); i++) await page.waitForTimeout(100);
    crm[id] = page;
  }
});
afterAll(async () => {
  for (const p of opened) await p.close().catch(() => {});
});

async function extensionPage(path: string, scheme: (typeof SCHEMES)[number], width = 1000): Promise<Page> {
  const page = await session.b.context.newPage();
  opened.push(page);
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize({ width, height: 800 });
  await page.goto(`chrome-extension://${session.b.extensionId}/${path}`);
  return page;
}

/** The page's own background, light or dark: the scheme took, and axe judges the colours of that one. */
const BACKGROUND = { light: 'rgb(247, 249, 251)', dark: 'rgb(17, 22, 28)' };
async function expectScheme(page: Page, scheme: (typeof SCHEMES)[number]) {
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(BACKGROUND[scheme]);
}

function expectClean(where: string, violations: Violation[]) {
  expect(violations, describeViolations(where, violations)).toEqual([]);
}

/** The shown badge's host and its closed shadow root, as protocol objects in the badge's frame. */
async function badgeObjects(page: Page): Promise<{ s: CDPSession; host: string; root: string }> {
  const s = await page.context().newCDPSession(page);
  await s.send('DOM.getDocument', { depth: 0 });
  const { searchId, resultCount } = await s.send('DOM.performSearch', { query: 'ticket-sidekick-badge' });
  try {
    const { nodeIds } = await s.send('DOM.getSearchResults', { searchId, fromIndex: 0, toIndex: resultCount });
    for (const nodeId of nodeIds) {
      const { node } = await s.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
      const root = node.shadowRoots?.[0];
      if (node.nodeName !== 'TICKET-SIDEKICK-BADGE' || !root || node.attributes?.includes('hidden')) continue;
      const host = (await s.send('DOM.resolveNode', { backendNodeId: node.backendNodeId })).object.objectId!;
      const shadow = (await s.send('DOM.resolveNode', { backendNodeId: root.backendNodeId })).object.objectId!;
      return { s, host, root: shadow };
    }
  } finally {
    await s.send('DOM.discardSearchResults', { searchId }).catch(() => {});
  }
  throw new Error('no shown badge');
}

describe.each(SCHEMES)('axe, %s scheme', (scheme) => {
  it('side panel, for each demo ticket', async () => {
    for (const [id, page] of Object.entries(crm)) {
      const panel = await session.b.openPanel(page);
      opened.push(panel);
      await panel.emulateMedia({ colorScheme: scheme });
      await panel.getByTestId('ticket-id').filter({ hasText: id }).waitFor();
      await panel.getByTestId('clocks').waitFor();
      await expectScheme(panel, scheme);
      expectClean(`side panel ${id}`, await axeDocument(panel));
    }
  });

  it('worklist popup', async () => {
    const popup = await extensionPage('popup.html', scheme, 360);
    await expect.poll(() => popup.getByTestId('ticket').count(), { timeout: 15_000 }).toBe(3);
    await expectScheme(popup, scheme);
    expectClean('worklist', await axeDocument(popup));
  });

  it('options, with the clear-all confirmation open', async () => {
    const options = await extensionPage('options.html', scheme);
    await options.getByTestId('adapter-list').waitFor();
    await options.getByTestId('pack-list').waitFor();
    await options.getByTestId('clear').click();
    await options.getByTestId('confirm').waitFor();
    await expectScheme(options, scheme);
    expectClean('options', await axeDocument(options));
    // Escape closes it, and the focus is back on the button that opened it.
    await options.keyboard.press('Escape');
    await options.getByTestId('confirm').waitFor({ state: 'detached' });
    expect(await options.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('clear');
  });

  it('figures', async () => {
    const figures = await extensionPage('figures.html', scheme);
    await figures.getByTestId('cards').waitFor();
    await expectScheme(figures, scheme);
    expectClean('figures', await axeDocument(figures));
  });

  it('the badge on the demo CRM (scoped to the badge)', async () => {
    const page = crm.GD100201!;
    await page.emulateMedia({ colorScheme: scheme });
    // The legacy page is a frameset: the badge is in the ticket's frame, and axe must be there too.
    await injectAxe(page.frame({ name: 'mainFrame' })!);
    const { s, host, root } = await badgeObjects(page);
    const { violations, passed } = await axeShadowHost(s, host, root);
    expectClean('badge', violations);
    // Axe did look inside the closed root: its button has a name and its text its contrast.
    expect(passed).toEqual(expect.arrayContaining(['button-name', 'color-contrast', 'label-content-name-mismatch']));
  });
});

describe('the badge from the keyboard', () => {
  it('is a focusable button with a visible focus ring, named by its state, due time and risk', async () => {
    const { s, root } = await badgeObjects(crm.GD100201!);
    const r = await s.send('Runtime.callFunctionOn', {
      objectId: root,
      functionDeclaration: `function () {
        const b = this.querySelector('button');
        b.focus({ focusVisible: true });
        const cs = getComputedStyle(b);
        return {
          focused: this.activeElement === b,
          ring: b.matches(':focus-visible'),
          outline: cs.outlineStyle + ' ' + cs.outlineWidth,
          name: b.getAttribute('aria-label'),
          label: b.children[1].textContent,
        };
      }`,
      returnByValue: true,
    });
    const got = r.result.value as { focused: boolean; ring: boolean; outline: string; name: string; label: string };
    expect(got).toMatchObject({ focused: true, ring: true, outline: 'solid 3px' });
    // The name starts with what the badge shows (its clock and state), then says more: due time and risk.
    expect(got.name.startsWith(got.label)).toBe(true);
    expect(got.name.length).toBeGreaterThan(got.label.length + 4);
  });
});
