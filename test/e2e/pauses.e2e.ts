import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatShanghai } from '../demo-crm/tickets';
import { badgeText } from './badge';
import { shownSeconds } from './expected';
import { demoSession } from './session';

// The 挂起/解挂 rows of the legacy page's 流转记录 table, read by the content script in Chromium
// through the frameset, reach the background with the reading, and a row the CRM adds later is
// read again without a reload.

const session = demoSession();
const SERVER_NOW = session.serverNow;
const at = (msAgo: number) => formatShanghai(SERVER_NOW - msAgo, 'dash-seconds');
const MIN = 60_000;

async function open(path: string): Promise<Page> {
  const page = await session.b.context.newPage();
  await page.goto(`${session.crm.url}${path}&${session.nowQuery}`);
  await expect.poll(() => badgeText(page), { timeout: 15_000 }).toBeTruthy();
  return page;
}

/**
 * The ticket id and pause log of the latest reading the background took, asked from an extension
 * page as the side panel asks (without a tab id: the tab that last sent one; tab URLs are not
 * visible to the extension without the tabs permission).
 */
async function latestReading(): Promise<unknown> {
  const ext = await session.b.context.newPage();
  await ext.goto(`chrome-extension://${session.b.extensionId}/popup.html`);
  try {
    return await ext.evaluate(async () => {
      type Read = { fields: { id?: string }; pauseLog?: unknown };
      type Chrome = { runtime: { sendMessage(m: object): Promise<{ state: { read: Read } | null }> } };
      const reply = await (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage({
        type: 'get-state',
      });
      return reply.state && { id: reply.state.read.fields.id, pauseLog: reply.state.read.pauseLog ?? 'none' };
    });
  } finally {
    await ext.close();
  }
}

describe('pause rows on the legacy page, in Chromium', () => {
  it('sends a suspended ticket’s 挂起 row, then the 解挂 row the CRM adds, without a reload', async () => {
    const page = await open('/legacy/?id=GD100217');
    const suspended = { event: 'pause', at: at(23 * 60 * MIN + 10 * MIN) };
    await expect
      .poll(latestReading, { timeout: 15_000 })
      .toEqual({ id: 'GD100217', pauseLog: { log: [suspended], incomplete: false } });

    const resumedAt = at(MIN);
    await page.frame({ name: 'mainFrame' })!.evaluate((time) => {
      const row = document.createElement('tr');
      for (const text of [time, '处理部门', 'clbm0415', '解挂', '客户提前返回'])
        row.appendChild(document.createElement('td')).textContent = text;
      document.querySelector('#flowTable tbody')!.appendChild(row);
    }, resumedAt);
    await expect.poll(latestReading, { timeout: 15_000 }).toEqual({
      id: 'GD100217',
      pauseLog: { log: [suspended, { event: 'resume', at: resumedAt }], incomplete: false },
    });
  });

  it('sends an empty log for a ticket never suspended, and a resumed one’s rows in page order', async () => {
    await open('/legacy/?id=GD100201');
    await expect
      .poll(latestReading, { timeout: 15_000 })
      .toEqual({ id: 'GD100201', pauseLog: { log: [], incomplete: false } });
    await open('/legacy/?id=GD100218');
    await expect.poll(latestReading, { timeout: 15_000 }).toEqual({
      id: 'GD100218',
      pauseLog: {
        log: [
          { event: 'pause', at: at(22 * 60 * MIN + 50 * MIN) },
          { event: 'resume', at: at(2 * 60 * MIN + 15 * MIN) },
        ],
        incomplete: false,
      },
    });
  });

  it('shows the suspended ticket’s own clocks 已暂停 with their time frozen, the regulator’s running, and the resumed ticket’s due moved', async () => {
    const page = await open('/legacy/?id=GD100217');
    const panel = await session.b.openPanel(page);
    const clock = (code: string) => panel.locator(`[data-testid=clocks] li[data-code=${code}]`);
    await expect.poll(() => clock('resolve').getAttribute('data-state'), { timeout: 15_000 }).toBe('paused');
    expect(await clock('reply-user').getAttribute('data-state')).toBe('paused');
    expect(await clock('operator-reply').getAttribute('data-state')).toBe('running');
    const frozen = await clock('resolve').locator('.clock-time').textContent();
    expect(frozen).toContain('已暂停');
    // Frozen: the same a few seconds later, while the regulator's clock ticks on.
    const ticking = await clock('operator-reply').locator('.clock-time').textContent();
    await new Promise((r) => setTimeout(r, 2_100));
    expect(await clock('resolve').locator('.clock-time').textContent()).toBe(frozen);
    expect(await clock('operator-reply').locator('.clock-time').textContent()).not.toBe(ticking);
    // Accepted 26 h ago, suspended 23 h 10 min ago: 2 h 50 min of a 24 h clock (3 stars: ordinary) used.
    expect(shownSeconds(frozen!)).toBe(21 * 3600 + 10 * 60);
    await panel.close();

    const resumed = await open('/legacy/?id=GD100218');
    const panel2 = await session.b.openPanel(resumed);
    const due = panel2.locator('[data-testid=clocks] li[data-code=resolve]');
    await expect.poll(() => due.getAttribute('data-state'), { timeout: 15_000 }).toMatch(/running|due-soon/);
    // Accepted 24 h ago, paused for 20 h 35 min: that much is left.
    const left = shownSeconds((await due.locator('.clock-time').textContent())!);
    expect(Math.abs(left - (20 * 3600 + 35 * 60))).toBeLessThan(120);
    await panel2.close();
  });
});
