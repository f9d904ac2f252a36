import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CONTROLS } from '@/components/badge/place';
import { badgeText } from './badge';
import { demoSession } from './session';

// Where the badge sits on each bundled demo page (components/badge/place.ts): fixed in the first
// corner where it covers none of the page's controls, and, once the agent drags it, where it was
// dropped, across a reload (utils/content/sidekick.ts keeps the place per adapter).

const session = demoSession();

const PAGES = [
  { name: 'legacy (frameset, GBK)', path: '/legacy/?id=GD100201' },
  { name: 'spa', path: '/spa/ticket/GD100202' },
  { name: 'heavy', path: '/heavy/?id=GD100203' },
  { name: 'hostile', path: '/hostile/' },
] as const;

interface Geometry {
  /** The host's box in its frame's viewport. */
  rect: { left: number; top: number; right: number; bottom: number };
  position: string;
  /** The page's controls that share area with the badge (their start tags). */
  covered: string[];
  inView: boolean;
  /** The topmost element at the badge's centre is the badge. */
  onTop: boolean;
}

/** The badge's geometry in `frame`, or null when it has no shown badge. */
const geometry = (frame: Frame) =>
  frame.evaluate((controls): Geometry | null => {
    const host = document.querySelector('ticket-sidekick-badge');
    if (!host) return null;
    const r = host.getBoundingClientRect();
    if (r.width < 5 || r.height < 5) return null;
    const covered = [...document.querySelectorAll(controls)]
      .filter((el) => {
        const c = el.getBoundingClientRect();
        return (
          c.width > 0 && c.height > 0 && c.left < r.right && r.left < c.right && c.top < r.bottom && r.top < c.bottom
        );
      })
      .map((el) => el.outerHTML.slice(0, el.outerHTML.indexOf('>') + 1));
    const se = document.scrollingElement ?? document.documentElement;
    return {
      rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
      position: getComputedStyle(host).position,
      covered,
      inView: r.left >= 0 && r.top >= 0 && r.right <= se.clientWidth && r.bottom <= se.clientHeight,
      onTop: document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2) === host,
    };
  }, CONTROLS);

/** The frame that shows the badge (the legacy page's is `mainFrame`), once it shows a countdown. */
async function badgeFrame(page: Page): Promise<{ frame: Frame; g: Geometry }> {
  for (let i = 0; i < 150; i++) {
    if (await badgeText(page)) {
      for (const frame of page.frames()) {
        const g = await geometry(frame).catch(() => null);
        if (g) return { frame, g };
      }
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no badge on ${page.url()}`);
}

/** The badge's box in page coordinates (what the mouse uses). */
async function pageBox(frame: Frame) {
  const b = await frame.locator('ticket-sidekick-badge').boundingBox();
  if (!b) throw new Error('badge has no box');
  return b;
}

async function open(path: string): Promise<Page> {
  const page = await session.b.context.newPage();
  await page.goto(`${session.crm.url}${path}${path.includes('?') ? '&' : '?'}${session.nowQuery}`);
  return page;
}

describe('the badge covers no control of the page', () => {
  it.each(PAGES)('$name', async ({ path }) => {
    const page = await open(path);
    const { frame } = await badgeFrame(page);
    // Give a late render (the SPA's queue, the hostile page's sweeps) its moment, then look again.
    await page.waitForTimeout(1200);
    const g = (await geometry(frame))!;
    expect(g.position).toBe('fixed');
    expect(g.covered).toEqual([]);
    expect(g.inView).toBe(true);
    expect(g.onTop).toBe(true);
    await page.close();
  });

  it('finds another corner when the window changes and a control now sits under it', async () => {
    const page = await open('/heavy/?id=GD100203');
    const { frame, g } = await badgeFrame(page);
    // A toolbar appears exactly where the badge is; a resize makes the badge look again.
    await frame.evaluate((r) => {
      const bar = document.createElement('button');
      bar.textContent = '工具栏';
      bar.style.cssText = `position:fixed;left:${r.left - 20}px;top:${r.top - 4}px;width:${r.right - r.left + 40}px;height:${r.bottom - r.top + 8}px`;
      document.body.append(bar);
    }, g.rect);
    expect((await geometry(frame))!.covered).not.toEqual([]);
    await page.setViewportSize({ width: 1200, height: 760 });
    await expect.poll(async () => (await geometry(frame))!.covered, { timeout: 5_000 }).toEqual([]);
    await page.close();
  });
});

describe('the agent drags the badge and it stays there', () => {
  it.each(PAGES)('$name', async ({ path }) => {
    const page = await open(path);
    const { frame } = await badgeFrame(page);
    const start = await pageBox(frame);
    const from = { x: start.x + start.width / 2, y: start.y + start.height / 2 };
    const by = { x: -320, y: 260 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + by.x, from.y + by.y, { steps: 10 });
    await page.mouse.up();
    const dropped = await pageBox(frame);
    expect(Math.abs(dropped.x - (start.x + by.x))).toBeLessThanOrEqual(1);
    expect(Math.abs(dropped.y - (start.y + by.y))).toBeLessThanOrEqual(1);
    // Stored per adapter (asynchronously), then the page comes back with the badge where it was dropped.
    await page.waitForTimeout(500);
    await page.reload();
    const again = await badgeFrame(page);
    const back = await pageBox(again.frame);
    expect(Math.abs(back.x - dropped.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(back.y - dropped.y)).toBeLessThanOrEqual(1);
    // No corner search moves it away, and it stays on top.
    await page.waitForTimeout(1200);
    expect(await pageBox(again.frame)).toEqual(back);
    expect((await geometry(again.frame))!.onTop).toBe(true);
    await page.close();
  });

  it('a drag opens nothing; a press that wobbles under 4 px is a click that opens the side panel', async () => {
    const worker = session.b.context.serviceWorkers()[0]!;
    await worker.evaluate(() => {
      const g = globalThis as unknown as {
        opened: unknown[];
        chrome: { sidePanel: { onOpened: { addListener(f: (i: unknown) => void): void } } };
      };
      g.opened = [];
      g.chrome.sidePanel.onOpened.addListener((i) => g.opened.push(i));
    });
    const opened = () => worker.evaluate(() => (globalThis as unknown as { opened: unknown[] }).opened.length);
    const page = await open('/heavy/?id=GD100204');
    const { frame } = await badgeFrame(page);
    let b = await pageBox(frame);
    await page.mouse.move(b.x + 10, b.y + b.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x - 90, b.y + 100, { steps: 5 });
    await page.mouse.up();
    await page.waitForTimeout(500);
    expect(await opened()).toBe(0);
    b = await pageBox(frame);
    await page.mouse.move(b.x + 10, b.y + b.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + 12, b.y + b.height / 2 + 2, { steps: 2 });
    await page.mouse.up();
    await expect.poll(opened).toBe(1);
    expect(await pageBox(frame)).toEqual(b);
    await page.close();
  });
});
