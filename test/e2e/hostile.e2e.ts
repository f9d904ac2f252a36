import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HOSTILE_ID, HOSTILE_TEXT_LENGTH } from '../demo-crm/hostile';
import { readBadges } from './badge';
import { demoSession } from './session';

// A CRM page that fights back (test/demo-crm/hostile.ts): markup, scripts, right-to-left overrides
// and zero-width characters in the ticket, a 100,000-character description, decoy controls that
// the adapter's write selectors match first, and CSS plus a script aimed at the badge. Nothing
// may execute, nothing may be lost, the CRM keeps working, the badge stays in sight, and
// auto-fill never touches a decoy.

const session = demoSession();

const dialogs: string[] = [];
const pageErrors: string[] = [];
/** Requests for the payloads' `src=x`: any means some markup from the ticket was parsed. */
const payloadRequests: string[] = [];

interface CrmState {
  pwned: string[];
  drafts: number;
  badgeSeen: number;
  shadowReadable: boolean;
  attachShadowRefused: number;
  removed: number;
}
const crmState = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __pwned: string[]; __crm: Omit<CrmState, 'pwned'> };
    return { pwned: w.__pwned, ...w.__crm };
  });

/** The form's controls, decoys (`data-decoy`) and real ones, each with its value and mark. */
const controls = (page: Page) =>
  page.evaluate(() =>
    [
      ...document.forms.namedItem('dealForm')!.querySelectorAll<HTMLInputElement | HTMLSelectElement>('select, input'),
    ].map((el) => ({
      name: el.name,
      decoy: el.dataset.decoy === '1',
      type: el.type,
      value: el instanceof HTMLSelectElement ? (el.options[el.selectedIndex]?.text.trim() ?? '') : el.value,
      marked: el.dataset.sidekickFilled === '1',
    })),
  );
const real = async (page: Page) =>
  Object.fromEntries((await controls(page)).filter((c) => !c.decoy).map((c) => [c.name, c.value]));

function watch(page: Page, name: string) {
  page.on('dialog', (d) => {
    dialogs.push(`${name}: ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => pageErrors.push(`${name}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(`${name}: ${m.text()}`));
}

describe('hostile CRM page', () => {
  let page: Page;
  let panel: Page;

  it('reads the ticket, 100,000-character text and all, into the panel and the store', async () => {
    session.b.context.on('request', (r: Request) => {
      if (/\/x$/.test(new URL(r.url()).pathname)) payloadRequests.push(r.url());
    });
    page = await session.b.context.newPage();
    watch(page, 'crm');
    await page.goto(`${session.crm.url}/hostile/?${session.nowQuery}`);
    expect(await page.locator('#longText').evaluate((el) => el.textContent!.length)).toBe(HOSTILE_TEXT_LENGTH);
    panel = await session.b.openPanel(page);
    watch(panel, 'panel');
    await panel.getByTestId('ticket-id').filter({ hasText: HOSTILE_ID }).waitFor({ timeout: 15_000 });
    expect(await panel.getByTestId('refused').count()).toBe(0);
    expect(await panel.getByTestId('category').textContent()).toBe('网络质量类');
    expect(
      await panel.locator('[data-testid=tags] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-code'))),
    ).toContain('repeat');
    // The over-long description is kept (cut, with a mark) rather than the ticket refused.
    expect(await panel.locator('[data-testid=truncated] [data-field=text]').count()).toBe(1);

    // Stored: the worklist, which reads the extension's database, lists it.
    const popup = await session.b.context.newPage();
    watch(popup, 'popup');
    await popup.goto(`chrome-extension://${session.b.extensionId}/popup.html`);
    await expect
      .poll(() => popup.locator('[data-testid=ticket-id]').allTextContents(), { timeout: 15_000 })
      .toContain(HOSTILE_ID);
    await popup.close();
  });

  it('keeps the badge in sight and its verdict out of the page’s reach', async () => {
    // The page's script removes the host once and keeps setting `hidden` and an inline
    // `display:none!important`; its CSS hides, shrinks, clips and fades every trace of it.
    const box = async () => {
      const host = page.locator('ticket-sidekick-badge');
      if ((await host.count()) !== 1) return null;
      const b = await host.boundingBox();
      if (!b || b.width < 20 || b.height < 10) return null;
      const hit = await page.evaluate(
        ([x, y]) => document.elementFromPoint(x!, y!)?.tagName ?? null,
        [b.x + b.width / 2, b.y + b.height / 2],
      );
      return hit === 'TICKET-SIDEKICK-BADGE' ? b : null;
    };
    await expect.poll(box, { timeout: 10_000 }).not.toBeNull();
    // Seen for a while, through the page's sweeps every 100 ms, not just once.
    for (let i = 0; i < 10; i++) {
      await page.waitForTimeout(150);
      expect(await box()).not.toBeNull();
    }
    const style = await page.locator('ticket-sidekick-badge').evaluate((h) => {
      const s = getComputedStyle(h);
      return { display: s.display, visibility: s.visibility, opacity: s.opacity, position: s.position };
    });
    expect(style).toEqual({ display: 'block', visibility: 'visible', opacity: '1', position: 'fixed' });
    const state = await crmState(page);
    expect(state.badgeSeen).toBeGreaterThan(0);
    expect(state.removed).toBe(1);
    expect(state.shadowReadable).toBe(false);
    expect(state.attachShadowRefused).toBeGreaterThan(0);
    // Read through the DevTools protocol: one closed badge, showing a countdown.
    const badges = await readBadges(page);
    expect(badges.map((b) => b.shadowMode)).toEqual(['closed']);
    expect(badges[0]!.text).toMatch(/\d\d:\d\d:\d\d/);
  });

  it('auto-fill writes only the real controls, never a decoy, and undo puts them back', async () => {
    const before = await controls(page);
    const decoysBefore = before.filter((c) => c.decoy);
    expect(decoysBefore.map((c) => `${c.name}:${c.type}`)).toEqual([
      'gdlx:select-one',
      'tsfl:select-one',
      'bq:file',
      'bq:password',
      'bq:hidden',
      'bq:text',
    ]);
    const realBefore = await real(page);
    await panel.getByTestId('fill').click();
    await expect.poll(async () => (await real(page)).tsfl).toBe('网络质量类');
    const after = await real(page);
    expect(after.gdlx).toBe('投诉单');
    expect(after.bq).toContain('重复投诉');
    expect((await controls(page)).filter((c) => c.decoy)).toEqual(decoysBefore);
    await panel.getByTestId('filled').waitFor();
    expect(await panel.locator('[data-testid=filled] li.bad').count()).toBe(0);
    await panel.getByTestId('undo').click();
    await expect.poll(() => real(page)).toEqual(realBefore);
    expect(await controls(page)).toEqual(before);
  });

  it('the CRM keeps working: its own button and handler still run', async () => {
    await page.click('#saveDraft');
    await expect.poll(() => page.locator('#draftStatus').textContent()).toBe('草稿已保存（1）');
    expect((await crmState(page)).drafts).toBe(1);
  });

  it('nothing from the ticket ever executes or loads, anywhere', async () => {
    // Give any deferred handler (an image error, a mouse-over) its chance.
    await page.mouse.move(200, 120);
    await page.waitForTimeout(500);
    expect((await crmState(page)).pwned).toEqual([]);
    for (const p of [page, panel]) {
      expect(await p.locator('[onerror], [onload], [onmouseover], img[src="x"]').count()).toBe(0);
      expect(await p.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null)).toEqual(
        p === page ? [] : null,
      );
    }
    // The panel shows the ticket's text as text: the markup is there, as characters.
    expect(await panel.locator('body').textContent()).not.toContain('undefined');
    expect(dialogs).toEqual([]);
    expect(payloadRequests).toEqual([]);
  });

  it('leaves no errors in any console, submits nothing, requests nothing outside', async () => {
    expect(pageErrors).toEqual([]);
    const r = (await (await fetch(`${session.crm.url}/__submits`)).json()) as { count: number };
    expect(r.count).toBe(0);
    expect(session.b.foreignRequests).toEqual([]);
  });
});
