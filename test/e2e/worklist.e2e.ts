import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { liveState } from '../../rules/clock/vocabulary';
import { demoSession } from './session';
import { expectedVerdict, nearestClock, shownSeconds } from './expected';

// The demo CRM renders times relative to a fixed server "now", so the expected order is exact.
// On a whole minute, because the legacy page shows times to the minute only.
const PAGES = { GD100201: '/legacy/?id=GD100201', GD100202: '/legacy/?id=GD100202', GD100203: '/heavy/?id=GD100203' };
const IDS = Object.keys(PAGES);

let popup: Page;
const pageErrors: string[] = [];

const session = demoSession();
const SERVER_NOW = session.serverNow;
const NOW_Q = session.nowQuery;

/** Nearest due first, tickets with no open clock last: what the popup must show. */
function expectedOrder(now = Date.now()) {
  return IDS.map((id) => ({ id, clock: nearestClock(expectedVerdict(id, SERVER_NOW, now)) }))
    .map((t) => ({
      ...t,
      due: t.clock ? Date.parse(t.clock.dueAt) : Infinity,
      state: t.clock && liveState(t.clock, now),
    }))
    .sort((a, b) => a.due - b.due);
}

const rowIds = () => popup.locator('[data-testid=ticket-id]').allTextContents();

describe('popup worklist over the demo CRM', () => {
  it('lists the opened tickets nearest due first with live countdowns', async () => {
    for (const path of Object.values(PAGES)) {
      const page = await session.b.context.newPage();
      page.on('pageerror', (e) => pageErrors.push(`${path}: ${e.message}`));
      await page.goto(`${session.crm.url}${path}&${NOW_Q}`);
    }
    popup = await session.b.context.newPage();
    popup.on('pageerror', (e) => pageErrors.push(`popup: ${e.message}`));
    popup.on('console', (m) => m.type() === 'error' && pageErrors.push(`popup: ${m.text()}`));
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(`chrome-extension://${session.b.extensionId}/popup.html`);
    // Each CRM page is read and stored by the background in its own time; the popup re-reads on each.
    await expect.poll(async () => (await rowIds()).sort(), { timeout: 15_000 }).toEqual([...IDS].sort());

    const expected = expectedOrder();
    expect(await rowIds()).toEqual(expected.map((t) => t.id));
    const rows = popup.getByTestId('ticket');
    for (const [i, t] of expected.entries()) {
      const row = rows.nth(i);
      if (!t.clock) {
        expect(await row.locator('.due').textContent()).toBe('没有进行中的时限');
        continue;
      }
      expect(await row.locator('.clock-label').textContent()).toBe(t.clock.label);
      const shown = shownSeconds((await row.getByTestId('countdown').textContent()) ?? '');
      expect(Math.abs(shown - Math.round((t.due - Date.now()) / 1000))).toBeLessThanOrEqual(3);
    }
    // The shared clock ticks: the first countdown moves within two seconds.
    const first = await rows.first().getByTestId('countdown').textContent();
    await expect.poll(() => rows.first().getByTestId('countdown').textContent(), { timeout: 3000 }).not.toBe(first);
  });

  it('filters by 超时 and 即将到期 with the right counts', async () => {
    const expected = expectedOrder();
    const of = (state: string) => expected.filter((t) => t.state === state).map((t) => t.id);
    expect(await popup.locator('.filter .count').allTextContents()).toEqual([
      String(of('overdue').length),
      String(of('due-soon').length),
      '3',
    ]);
    for (const filter of ['overdue', 'due-soon'] as const) {
      await popup.locator(`[data-filter=${filter}]`).click();
      const ids = of(filter);
      if (ids.length) await expect.poll(rowIds).toEqual(ids);
      else await popup.getByTestId('empty').waitFor();
    }
    await popup.locator('[data-filter=all]').click();
    await expect.poll(rowIds).toEqual(expected.map((t) => t.id));
  });

  it('「完成」 removes a ticket for good, and 撤销 brings it back', async () => {
    const order = expectedOrder().map((t) => t.id);
    await popup.getByTestId('done').first().click();
    await expect.poll(rowIds).toEqual(order.slice(1));
    await popup.reload();
    await expect.poll(rowIds).toEqual(order.slice(1));

    await popup.getByTestId('done').first().click();
    await popup.getByTestId('undo').click();
    await expect.poll(rowIds).toEqual(order.slice(1));
  });

  it('survives a JSON backup, a confirmed wipe and the import from the options page', async () => {
    const before = await rowIds();
    const options = await session.b.context.newPage();
    options.on('pageerror', (e) => pageErrors.push(`options: ${e.message}`));
    await options.goto(`chrome-extension://${session.b.extensionId}/options.html`);
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.getByTestId('export-json').click(),
    ]);
    const backup = await download.path();
    expect(download.suggestedFilename()).toMatch(/^工单助手-\d{8}\.json$/);

    await options.getByTestId('clear').click();
    await options.getByTestId('confirm-text').fill('确认');
    await options.getByTestId('confirm-clear').click();
    await expect.poll(() => options.getByTestId('notice').textContent()).toBe('已清除全部数据');
    await popup.reload();
    await popup.getByTestId('empty').waitFor();

    await options.getByTestId('import').setInputFiles(backup);
    await expect.poll(() => options.getByTestId('notice').textContent()).toBe('已导入 3 张工单');
    await popup.reload();
    await expect.poll(rowIds).toEqual(before);
  });

  it('leaves no errors in the popup or the CRM pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
