import { readFileSync } from 'node:fs';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROLS } from '@/components/badge/place';
import { describeLocator } from '@/rules/sites/locate';
import type { Locator } from '@/rules/sites/schema';
import type { DemoCrm } from '../demo-crm/serve';
import { badgeText, readBadges } from './badge';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { expectedVerdict, nearestClock, shownSeconds } from './expected';
import { allowPrompt, startXvfb, xvfbMissing, type VirtualDisplay } from './xvfb';

// An adapter added at run time, as an agent adds one: the demo CRM's /desk/ screen, which no
// shipped adapter names, read once test/demo-crm/adapters/desk.json is pasted on the options page
// and Chrome's prompt for http://127.0.0.1/* is answered 「允许」. Headless Chromium shows that prompt
// where nobody can answer it, so Chromium runs headful on a virtual display (Xvfb) and xdotool
// presses the keys (./xvfb.ts). Without Xvfb or xdotool the tests are skipped, saying so; CI
// installs both (.ci/setup), and with CI set they fail instead of skipping.

const DESK_JSON = readFileSync(new URL('../demo-crm/adapters/desk.json', import.meta.url), 'utf8');
const DESK = JSON.parse(DESK_JSON) as { id: string; badge?: { anchor: string; place: string } };
const ORIGIN = 'http://127.0.0.1/*';
const FIRST = 'GD100201';
const SECOND = 'GD100202';

const missing = xvfbMissing();
const skip = missing !== null && !process.env.CI;
if (skip)
  console.warn(`runtime-adapter.e2e.ts skipped: ${missing}; Chrome's host-access prompt needs a display to answer`);

const serverNow = Math.floor(Date.now() / 60_000) * 60_000;
const nowQuery = `now=${new Date(serverNow).toISOString()}`;
let x: VirtualDisplay | undefined;
let crm: DemoCrm | undefined;
let b: ExtensionBrowser | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (skip) return;
  if (missing) throw new Error(`CI is set but ${missing}`);
  process.env.DEMO_API_DELAY_MS = '50';
  x = await startXvfb();
  const { startDemoCrm } = await import('../demo-crm/serve');
  crm = await startDemoCrm(0);
  b = await launchWithExtension({ display: x.display });
});

afterAll(async () => {
  // Each step whatever the one before did: the display goes last, and always.
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

/** The few extension APIs called from the worker and extension pages (no chrome types in this project). */
interface Chrome {
  runtime: { sendMessage(msg: unknown): Promise<unknown> };
  permissions: { contains(p: { origins: string[] }): Promise<boolean>; onAdded: { addListener(f: () => void): void } };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> };
}
declare const chrome: Chrome;
type Marks = { grantedAt?: number };

const worker = (): Worker => b!.context.serviceWorkers()[0]!;
const granted = () => worker().evaluate((o) => chrome.permissions.contains({ origins: [o] }), ORIGIN);

/** When the badge host first shows (its `hidden` mirror goes), seen by the page itself from document start. */
interface BadgeMark {
  at: number;
  sinceNavigation: number;
}
function markBadge() {
  const w = window as unknown as { __badge: BadgeMark | null };
  w.__badge = null;
  const look = () => {
    const host = document.querySelector('ticket-sidekick-badge');
    if (w.__badge || !host || host.hasAttribute('hidden')) return;
    w.__badge = { at: Date.now(), sinceNavigation: performance.now() };
    observer.disconnect();
  };
  const observer = new MutationObserver(look);
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden'] });
}
const badgeMark = (page: Page) => page.evaluate(() => (window as unknown as { __badge: BadgeMark | null }).__badge);

async function openDesk(id: string): Promise<Page> {
  const page = await b!.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${id}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(`${id}: ${m.text()}`));
  await page.addInitScript(markBadge);
  await page.goto(`${crm!.url}/desk/ticket/${id}?${nowQuery}`);
  return page;
}

async function waitForBadge(page: Page, contains = '', timeout = 15_000): Promise<string> {
  for (const until = Date.now() + timeout; Date.now() < until; await page.waitForTimeout(100)) {
    const t = await badgeText(page);
    if (t && t.includes(contains)) return t;
  }
  throw new Error(`badge with "${contains}" never appeared on ${page.url()}; last: ${await badgeText(page)}`);
}

/** The badge shows the nearest open clock of `id`, counting down to within 3 s of its due time. */
async function checkBadge(page: Page, id: string) {
  const clock = nearestClock(expectedVerdict(id, serverNow));
  expect(clock, `ticket ${id} should have an open clock`).toBeDefined();
  const text = await waitForBadge(page, clock!.label);
  expect(Math.abs(shownSeconds(text) - Math.round((Date.parse(clock!.dueAt) - Date.now()) / 1000))).toBeLessThanOrEqual(
    3,
  );
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, c) => a - c);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

describe.skipIf(skip)(
  skip ? `a run-time adapter (skipped: ${missing})` : 'a run-time adapter, added on the options page',
  () => {
    let desk: Page;
    let options: Page;
    let panel: Page;

    it('reads nothing on /desk/ before: no adapter names it', async () => {
      desk = await openDesk(FIRST);
      // The page at rest, the content script had its chance (were it registered) …
      await desk.waitForLoadState('load');
      await desk.waitForTimeout(1500);
      expect(await readBadges(desk)).toEqual([]);
      expect(await granted()).toBe(false);
    });

    it('once saved and allowed, shows the badge on the open desk tab without a reload, and the verdict with its pack in the panel', async () => {
      await worker().evaluate(() =>
        chrome.permissions.onAdded.addListener(() => ((globalThis as Marks).grantedAt = Date.now())),
      );
      options = await b!.context.newPage();
      await options.goto(`chrome-extension://${b!.extensionId}/options.html`);
      await options.getByTestId('adapter-add').click();
      await options.getByTestId('adapter-json').fill(DESK_JSON);
      const saveAt = Date.now();
      // Saving asks for the adapter's origins within the click; the agent answers Chrome's prompt.
      await options.getByTestId('adapter-save').click();
      await allowPrompt(x!, options, granted);
      await waitForBadge(desk);
      const shown = (await badgeMark(desk))!;
      const grantedAt = await worker().evaluate(() => (globalThis as Marks).grantedAt);
      console.log(
        `runtime-adapter: save → badge ${shown.at - saveAt} ms (the click, Chrome's prompt and its answer by xdotool, then the rest); ` +
          `access granted (permissions.onAdded) → badge ${grantedAt === undefined ? '?' : `${shown.at - grantedAt} ms`} (inject into the open tab, ask for the adapter, read, verdict, show)`,
      );
      await checkBadge(desk, FIRST);
      expect((await readBadges(desk)).map((v) => v.shadowMode)).toEqual(['closed']);
      // The options page knows: saved, allowed, in use.
      const item = options.getByTestId(`adapter-${DESK.id}`);
      await expect.poll(() => item.getByTestId('adapter-state').textContent(), { timeout: 10_000 }).toBe('使用中');
      expect(await item.getAttribute('data-source')).toBe('user');
      expect(await options.getByTestId('access-bar').count()).toBe(0);

      await desk.bringToFront();
      panel = await b!.openPanel(desk);
      const v = expectedVerdict(FIRST, serverNow);
      await panel.getByTestId('ticket-id').filter({ hasText: FIRST }).waitFor();
      expect(await panel.getByTestId('category').textContent()).toBe(v.category?.label ?? '分类未知');
      const codes = await panel
        .locator('[data-testid=clocks] li')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
      expect(codes.sort()).toEqual(v.clocks.map((c) => c.code).sort());
      expect(await panel.locator('[data-testid=clocks] li').first().getAttribute('data-code')).toBe(
        nearestClock(v)!.code,
      );
      expect(await panel.getByTestId('risk').getAttribute('class')).toContain(`risk-${v.risk}`);
      const tags = await panel
        .locator('[data-testid=tags] li')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
      expect(tags).toEqual(v.tags.map((t) => t.code));
      // The pack that judged it, by name and version: in the panel and in the background's state.
      expect(v.packName && v.packVersion).toBeTruthy();
      expect(await panel.getByTestId('pack').getAttribute('data-pack')).toBe(v.pack);
      expect(await panel.getByTestId('pack').textContent()).toContain(`${v.packName} ${v.packVersion}`);
      const tabId = Number(new URL(panel.url()).searchParams.get('tab'));
      const state = await panel.evaluate(
        async (t) =>
          (
            (await chrome.runtime.sendMessage({ type: 'get-state', tabId: t })) as {
              state: { adapterId?: string; verdict: Record<string, unknown> } | null;
            }
          ).state,
        tabId,
      );
      expect(state?.verdict).toMatchObject({
        id: FIRST,
        pack: v.pack,
        packName: v.packName,
        packVersion: v.packVersion,
      });
    });

    it('comes back on a reload (the registered content script) and on another desk ticket in a new tab', async () => {
      const registered = await worker().evaluate(() => chrome.scripting.getRegisteredContentScripts());
      expect(registered.find((s) => s.id === `adapter:${DESK.id}`)?.matches).toEqual(
        (JSON.parse(DESK_JSON) as { matches: string[] }).matches,
      );
      await desk.bringToFront();
      await desk.reload();
      await checkBadge(desk, FIRST);
      const second = await openDesk(SECOND);
      await second.bringToFront();
      await checkBadge(second, SECOND);
      await second.close();
    });

    it('一键填写 writes the desk form, the ticket type through the adapter’s map (投诉, not 投诉单), and 撤销 puts it back', async () => {
      const css = {
        type: '#dealForm select[name=type]',
        cls: '#dealForm input[name=category]',
        line: '#dealForm select[name=line]',
        tags: '#dealForm input[name=tags]',
      };
      const values = () =>
        desk.evaluate((c) => {
          const sel = (q: string) => {
            const el = document.querySelector(q) as HTMLSelectElement;
            return el.options[el.selectedIndex]?.text.trim() ?? '';
          };
          const val = (q: string) => (document.querySelector(q) as HTMLInputElement).value;
          return { type: sel(c.type), cls: val(c.cls), line: sel(c.line), tags: val(c.tags) };
        }, css);
      const v = expectedVerdict(FIRST, serverNow);
      // The reload made the tab's reading anew: the panel follows it.
      await panel.getByTestId('ticket-id').filter({ hasText: FIRST }).waitFor();
      const before = await values();
      await panel.getByTestId('fill').click();
      await expect.poll(async () => (await values()).type).toBe('投诉');
      expect(v.nature).toBe('complaint'); // 投诉单 in the verdict's words
      expect(await values()).toEqual({
        type: '投诉',
        cls: v.category!.label,
        line: v.dispatch[0]!.target,
        tags: v.tags.map((t) => t.label).join('，'),
      });
      // The page's own change listener saw real events.
      expect(await desk.locator('#formState').getAttribute('data-changed')).toContain('type');
      await panel.getByTestId('filled').waitFor();
      expect(await panel.locator('[data-testid=filled] li.bad').count()).toBe(0);
      await panel.getByTestId('undo').click();
      await expect.poll(values).toEqual(before);
    });

    it('the field picker: a value clicked on the desk page becomes a locator, and 在当前页试读 reads the value with it', async () => {
      // 工单类型, whose label carries a help icon; its locator broken first, so only the picked one can read it.
      const field = 'ticketType';
      const value = desk.locator('#ticket dt:has-text("工单类型") + dd');
      const shownText = (await value.textContent())!.trim();
      expect(shownText).toBe('投诉单');
      // The picker works on the desk tab the agent used last.
      await desk.bringToFront();
      await options.bringToFront();
      // The desk adapter in the editor, as stored.
      if (await options.getByTestId('adapter-editor').count()) await options.getByTestId('adapter-close').click();
      await options.getByTestId(`adapter-edit-${DESK.id}`).click();
      const json = options.getByTestId('adapter-json');
      const stored = JSON.parse(await json.inputValue()) as { fields: Record<string, { locators: Locator[] }> };
      expect(stored).toEqual(JSON.parse(DESK_JSON));
      const broken: Locator = { label: '工单分类' };
      stored.fields[field]!.locators = [broken];
      await json.fill(JSON.stringify(stored, null, 2));
      const result = options.locator('[data-testid=adapter-try-result][data-ok=true]');
      const row = result.locator(`tr[data-field=${field}]`);
      await options.getByTestId('adapter-try').click();
      await result.waitFor({ timeout: 10_000 });
      expect(await row.getAttribute('class')).toBe('missing');

      await options.getByTestId(`pick-${field}`).click();
      // The background brings the desk tab forward and the page waits for a click.
      await desk.locator('ticket-sidekick-picker').waitFor({ state: 'attached', timeout: 10_000 });
      await value.click();
      await expect.poll(() => desk.locator('ticket-sidekick-picker').count()).toBe(0);
      // The picker's answer: suggestions, or the notice says why there are none.
      const notice = options.getByTestId('adapter-notice');
      await expect.poll(() => notice.textContent(), { timeout: 10_000 }).not.toContain('请到 CRM 页面上点选');
      const suggestions = options.getByTestId('pick-suggestion');
      expect(await suggestions.count(), (await notice.textContent()) ?? '').toBeGreaterThan(0);
      const offered = (await suggestions.allTextContents()).map((t) => JSON.parse(t) as Locator);
      const reads = await options.locator('[data-testid=pick-suggestions] .reads').allTextContents();
      expect(reads.every((r) => r === `读到：${shownText}`)).toBe(true);
      await suggestions.first().click();
      const edited = JSON.parse(await json.inputValue()) as typeof stored;
      expect(edited.fields[field]!.locators).toEqual([offered[0], broken]);

      await options.getByTestId('adapter-try').click();
      await expect.poll(() => row.getAttribute('class'), { timeout: 10_000 }).toBeNull();
      expect((await row.locator('td.value').textContent())?.trim()).toBe(shownText);
      expect(await row.locator('code').textContent()).toBe(describeLocator(offered[0]!));

      // The next 点选 injects the picker again: the copy already on the page answers alone (one
      // outline, one answer), and Escape gives up.
      await options.getByTestId(`pick-${field}`).click();
      await desk.locator('ticket-sidekick-picker').waitFor({ state: 'attached', timeout: 10_000 });
      expect(await desk.locator('ticket-sidekick-picker').count()).toBe(1);
      await desk.keyboard.press('Escape');
      await expect.poll(() => desk.locator('ticket-sidekick-picker').count()).toBe(0);
      await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain('没有为「工单类型」找到稳定的定位');
      // Tried, not saved: the stored adapter is still the pasted one.
      await options.getByTestId('adapter-close').click();
    });

    it('sits beside its anchor (#ticketHeader) and covers no control of the desk page', async () => {
      await desk.bringToFront();
      await waitForBadge(desk);
      await desk.waitForTimeout(1200); // a late placement pass would have run
      const g = await desk.evaluate(
        ({ controls, anchor }) => {
          const host = document.querySelector('ticket-sidekick-badge')!;
          const r = host.getBoundingClientRect();
          const a = document.querySelector(anchor)!.getBoundingClientRect();
          const prev = host.previousElementSibling?.getBoundingClientRect();
          const covered = [...document.querySelectorAll(controls)]
            .filter((el) => {
              const c = el.getBoundingClientRect();
              return (
                c.width > 0 &&
                c.height > 0 &&
                c.left < r.right &&
                r.left < c.right &&
                c.top < r.bottom &&
                r.top < c.bottom
              );
            })
            .map((el) => el.outerHTML.slice(0, el.outerHTML.indexOf('>') + 1));
          return {
            parent: host.parentElement?.id ?? '',
            last: host.parentElement?.lastElementChild === host,
            position: getComputedStyle(host).position,
            size: { w: r.width, h: r.height },
            inAnchor: r.left >= a.left && r.right <= a.right && r.top >= a.top && r.bottom <= a.bottom,
            // Beside what precedes it in the header: to its right, on the same line.
            beside: prev ? r.left >= prev.right && r.top < prev.bottom && prev.top < r.bottom : false,
            covered,
            onTop: document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2) === host,
          };
        },
        { controls: CONTROLS, anchor: DESK.badge!.anchor },
      );
      expect(DESK.badge).toEqual({ anchor: '#ticketHeader', place: 'append' });
      expect(g).toMatchObject({
        parent: 'ticketHeader',
        last: true,
        inAnchor: true,
        beside: true,
        covered: [],
        onTop: true,
      });
      expect(g.position).not.toBe('fixed');
      expect(g.size.w).toBeGreaterThan(20);
    });

    it('reads the desk page quickly: page load → badge, median of 5 reloads (printed, not asserted)', async () => {
      await desk.bringToFront();
      const badge: number[] = [];
      const dcl: number[] = [];
      for (let i = 0; i < 5; i++) {
        await desk.reload();
        await waitForBadge(desk);
        await expect.poll(() => badgeMark(desk)).not.toBeNull();
        badge.push((await badgeMark(desk))!.sinceNavigation);
        dcl.push(
          await desk.evaluate(
            () =>
              (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
          ),
        );
      }
      const r = (n: number) => Math.round(n);
      console.log(
        `runtime-adapter: desk page navigation start → badge shown, median ${r(median(badge))} ms of 5 reloads [${badge.map(r).join(', ')}] ` +
          `(DOMContentLoaded at ${r(median(dcl))} ms; the rest: document_idle, the registered content script starting, asking the background for its adapter, ` +
          `reading the page, the background's verdict with the local history, the badge drawn)`,
      );
      expect(badge.every((t) => t > 0)).toBe(true);
    });

    it('leaves no errors in the desk pages’ consoles and makes no network request of its own', () => {
      expect(pageErrors).toEqual([]);
      expect(b!.foreignRequests).toEqual([]);
    });
  },
);
