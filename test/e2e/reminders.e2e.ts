import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReminderId } from '../../utils/background/reminder-plan';
import type { DemoCrm } from '../demo-crm/serve';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { expectedVerdict } from './expected';

// The demo CRM renders times relative to this server "now", so the expected verdicts are exact.
const SERVER_NOW = Date.now();
const NOW_Q = `now=${new Date(SERVER_NOW).toISOString()}`;
const TICKETS = [
  { path: '/legacy/?id=GD100201', id: 'GD100201', key: 'demo-legacy:GD100201' },
  { path: '/spa/ticket/GD100202', id: 'GD100202', key: 'demo-spa:GD100202' },
  { path: '/heavy/?id=GD100203', id: 'GD100203', key: 'demo-heavy:GD100203' },
];

let crm: DemoCrm;
let b: ExtensionBrowser;

beforeAll(async () => {
  process.env.DEMO_API_DELAY_MS = '50';
  const { startDemoCrm } = await import('../demo-crm/serve');
  crm = await startDemoCrm(0);
  b = await launchWithExtension();
});
afterAll(async () => {
  await b?.close();
  await crm?.close();
});

const worker = (): Worker => {
  const w = b.context.serviceWorkers().find((s) => s.url().startsWith(`chrome-extension://${b.extensionId}/`));
  if (!w) throw new Error('no extension service worker');
  return w;
};

type Alarm = { name: string; scheduledTime: number };
const getAlarms = (w: Worker) =>
  w.evaluate(() => (globalThis as unknown as { chrome: { alarms: { getAll(): Promise<Alarm[]> } } }).chrome.alarms.getAll());
const badgeText = (w: Worker) =>
  w.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({}));

/** Ticket keys that have at least one reminder alarm. */
async function remindedKeys(w: Worker): Promise<string[]> {
  const keys = (await getAlarms(w)).map((a) => parseReminderId(a.name)?.key).filter((k): k is string => k !== undefined);
  return [...new Set(keys)].sort();
}

async function waitForKeys(w: Worker, keys: string[]): Promise<string[]> {
  let last: string[] = [];
  for (let i = 0; i < 100; i++) {
    last = await remindedKeys(w).catch(() => []);
    if (keys.every((k) => last.includes(k))) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`reminders never covered ${keys.join(', ')}; have ${last.join(', ')}`);
}

describe('reminders in Chromium', () => {
  const keys = TICKETS.map((t) => t.key).sort();

  it('schedules alarms for the open clocks of three opened tickets', async () => {
    for (const t of TICKETS) {
      const page = await b.context.newPage();
      await page.goto(`${crm.url}${t.path}${t.path.includes('?') ? '&' : '?'}${NOW_Q}`);
    }
    expect(await waitForKeys(worker(), keys)).toEqual(keys);
    const alarms = await getAlarms(worker());
    for (const a of alarms) expect(a.scheduledTime).toBeGreaterThan(Date.now() - 60_000);
    const overdue = TICKETS.flatMap((t) => expectedVerdict(t.id, SERVER_NOW).clocks).filter((c) => !c.stoppedAt && Date.parse(c.dueAt) <= Date.now());
    expect(overdue.length).toBeGreaterThan(0); // GD100202 is past its dispatch limit
    expect(await badgeText(worker())).toBe(String(overdue.length));
  });

  it('rebuilds them from the store after the extension reloads', async () => {
    const old = worker();
    // Cleared first, so only the rebuild can bring them back (Chrome may or may not keep them).
    await old.evaluate(() => (globalThis as unknown as { chrome: { alarms: { clearAll(): Promise<boolean> } } }).chrome.alarms.clearAll());
    expect(await remindedKeys(old)).toEqual([]);
    const next = b.context.waitForEvent('serviceworker', { timeout: 15_000 });
    await old.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => {});
    const fresh = await next;
    expect(fresh).not.toBe(old);
    expect(await waitForKeys(fresh, keys)).toEqual(keys);
  });
});
