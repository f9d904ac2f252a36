import type { Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { planReminders } from '../../utils/background/reminder-plan';
import { REMIND_ALARM } from '../../utils/background/reminders';
import { DB_NAME } from '../../utils/db/schema';
import type { StoredTicket } from '../../utils/db/types';
import { demoSession } from './session';
import { expectedVerdict } from './expected';

// The demo CRM renders times relative to this server "now", so the expected verdicts are exact.
const TICKETS = [
  { path: '/legacy/?id=GD100201', id: 'GD100201', key: 'demo-legacy:GD100201' },
  { path: '/spa/ticket/GD100202', id: 'GD100202', key: 'demo-spa:GD100202' },
  { path: '/heavy/?id=GD100203', id: 'GD100203', key: 'demo-heavy:GD100203' },
];

const session = demoSession();
const SERVER_NOW = session.serverNow;
const NOW_Q = session.nowQuery;

const worker = (): Worker => {
  const w = session.b.context
    .serviceWorkers()
    .find((s) => s.url().startsWith(`chrome-extension://${session.b.extensionId}/`));
  if (!w) throw new Error('no extension service worker');
  return w;
};

type Alarm = { name: string; scheduledTime: number };
type Chrome = {
  alarms: {
    getAll(): Promise<Alarm[]>;
    clearAll(): Promise<boolean>;
    create(name: string, info: { when: number }): void;
  };
};
const getAlarms = (w: Worker) => w.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.alarms.getAll());
const badgeText = (w: Worker) =>
  w.evaluate(() =>
    (
      globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }
    ).chrome.action.getBadgeText({}),
  );

/** The tickets the background stored, read from its IndexedDB as they are. */
const storedTickets = (w: Worker) =>
  w.evaluate(
    (name) =>
      new Promise<StoredTicket[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('tickets').objectStore('tickets').getAll();
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            open.result.close();
            resolve(read.result as StoredTicket[]);
          };
        };
      }),
    DB_NAME,
  );

/**
 * Waits until the stored tickets are `keys` and the worker holds exactly one alarm, at the next
 * point those tickets call for; returns that point.
 */
async function settled(w: Worker, keys: string[]): Promise<number> {
  let last = '';
  for (let i = 0; i < 100; i++) {
    const [tickets, alarms] = await Promise.all([storedTickets(w), getAlarms(w)]).catch(() => [[], []] as const);
    const { wake } = planReminders(
      tickets.filter((t) => !t.done),
      Date.now(),
    );
    const stored = tickets
      .map((t) => t.key)
      .sort()
      .join(', ');
    const held = JSON.stringify(alarms.map((a) => [a.name, a.scheduledTime]));
    if (wake !== null && stored === keys.join(', ') && held === JSON.stringify([[REMIND_ALARM, wake]])) return wake;
    last = `stored ${stored}; alarms ${held}; want ${wake}`;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`reminders never settled: ${last}`);
}

describe('reminders in Chromium', () => {
  const keys = TICKETS.map((t) => t.key).sort();
  let wake = 0;

  it('arms one alarm, at the earliest next point of three opened tickets, and counts the overdue', async () => {
    for (const t of TICKETS) {
      const page = await session.b.context.newPage();
      await page.goto(`${session.crm.url}${t.path}${t.path.includes('?') ? '&' : '?'}${NOW_Q}`);
    }
    wake = await settled(worker(), keys);
    expect(wake).toBeGreaterThan(Date.now() - 60_000);
    const clocks = TICKETS.flatMap((t) => expectedVerdict(t.id, SERVER_NOW).clocks).filter((c) => !c.stoppedAt);
    // Nothing acknowledged yet: the next running clock to fall due is a point, so the alarm is no later.
    const nextDue = Math.min(...clocks.map((c) => Date.parse(c.dueAt)).filter((d) => d > Date.now()));
    expect(wake).toBeLessThanOrEqual(nextDue);
    const overdue = clocks.filter((c) => Date.parse(c.dueAt) <= Date.now());
    expect(overdue.length).toBeGreaterThan(0); // GD100202 is past its dispatch limit
    expect(await badgeText(worker())).toBe(String(overdue.length));
  });

  it('re-arms it when it fires', async () => {
    // No CRM page left to send a reading, so only the alarm itself can re-arm it.
    for (const page of session.b.context.pages()) if (page.url().startsWith(session.crm.url)) await page.close();
    const w = worker();
    // Fired now rather than at its time: nothing is due yet, so it comes back where it was.
    await w.evaluate(
      (name) => (globalThis as unknown as { chrome: Chrome }).chrome.alarms.create(name, { when: Date.now() }),
      REMIND_ALARM,
    );
    await expect
      .poll(async () => (await getAlarms(w)).map((a) => a.scheduledTime), { timeout: 15_000 })
      .toEqual([wake]);
    expect(await settled(w, keys)).toBe(wake);
  });

  it('rebuilds it from the store after the extension reloads', async () => {
    const old = worker();
    // Cleared first, so only the rebuild can bring it back (Chrome may or may not keep it).
    await old.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.alarms.clearAll());
    expect(await getAlarms(old)).toEqual([]);
    const next = session.b.context.waitForEvent('serviceworker', { timeout: 15_000 });
    await old
      .evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload())
      .catch(() => {});
    const fresh = await next;
    expect(fresh).not.toBe(old);
    expect(await settled(fresh, keys)).toBe(wake);
  });
});
