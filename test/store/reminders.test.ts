import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { browser as wxtBrowser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseReminderId, reminderId } from '@/utils/background/reminder-plan';
import { BADGE_ALARM, createReminders } from '@/utils/background/reminders';
import type { Store } from '@/utils/db/store';
import { clock, freshStore, HOUR, MINUTE, NOW, withClocks } from './fixtures';

const browser = fakeBrowser as unknown as typeof wxtBrowser;
// Clock: started an hour before NOW, 4 hours allowed → due soon at NOW+2h (75%), due at NOW+3h.
const START = NOW - HOUR;
const SOON = NOW + 2 * HOUR;
const DUE = NOW + 3 * HOUR;
const KEY = 'demo-legacy:GD1';
const ID = reminderId(KEY, 'resolve');

let t = NOW;
let store: Store;
beforeEach(async () => {
  fakeBrowser.reset();
  t = NOW;
  store = freshStore();
  await store.recordSeen(withClocks('GD1', [clock('resolve', '处理时限', START, 4), clock('dispatch', '派单时限', START, 1, START + 10 * MINUTE)], NOW));
});
afterEach(() => {
  store.close();
  vi.restoreAllMocks();
});

/** A worker starting: fresh reminders on the same store, listening. */
async function start() {
  const r = createReminders({ browser, store, now: () => t });
  await r.listen();
  return r;
}
const alarms = async () => Object.fromEntries((await fakeBrowser.alarms.getAll()).map((a) => [a.name, a.scheduledTime]));
const notifications = () => fakeBrowser.notifications.getAll() as Promise<Record<string, { title: string; message: string; buttons?: { title: string }[]; iconUrl?: string; type: string }>>;
const events = async (type: string) => (await store.recentEvents(100)).filter((e) => e.type === type);
/** Let time reach an alarm and fire it, as Chrome would. */
async function fire(name: string, at: number) {
  t = at;
  await fakeBrowser.alarms.onAlarm.trigger({ name, scheduledTime: at });
}

describe('reminder schedule', () => {
  it('reminds at due-soon, at due, then every 30 minutes while overdue', async () => {
    await start();
    expect(await alarms()).toEqual({ [ID]: SOON, [BADGE_ALARM]: DUE }); // the stopped dispatch clock gets none
    expect(await notifications()).toEqual({});

    await fire(ID, SOON);
    const soon = (await notifications())[ID]!;
    expect(soon).toMatchObject({ type: 'basic', title: 'GD1 处理时限 · 剩 01:00:00（截止 11月28日 13:00）', iconUrl: 'chrome-extension://test-extension-id/icon-128.png' });
    expect(soon.message).toContain('即将到期 · 费用争议类');
    expect(soon.buttons?.map((b) => b.title)).toEqual(['15 分钟后提醒', '1 小时后提醒']);
    expect((await alarms())[ID]).toBe(DUE);

    await fire(ID, DUE + MINUTE); // alarms run a little late
    expect((await notifications())[ID]?.title).toBe('GD1 处理时限 · 超 00:01:00（截止 11月28日 13:00）');
    expect((await alarms())[ID]).toBe(DUE + 30 * MINUTE);
    for (const k of [1, 2, 3]) {
      await fire(ID, DUE + k * 30 * MINUTE);
      expect((await alarms())[ID]).toBe(DUE + (k + 1) * 30 * MINUTE);
    }
    expect((await events('reminder-shown')).map((e) => e.at)).toEqual([DUE + 90 * MINUTE, DUE + 60 * MINUTE, DUE + 30 * MINUTE, DUE + MINUTE, SOON]);
  });

  it('skips reminder points that passed before the agent first opened the ticket', async () => {
    await store.recordSeen(withClocks('GD2', [clock('resolve', '处理时限', START, 1)], NOW + 10 * MINUTE));
    t = NOW + 10 * MINUTE;
    await start();
    expect(await notifications()).toEqual({});
    expect((await alarms())[reminderId('demo-legacy:GD2', 'resolve')]).toBe(NOW + 30 * MINUTE);
  });

  it('snoozes 15 minutes or an hour from the notification buttons', async () => {
    const r = await start();
    await fire(ID, SOON);
    t = SOON + MINUTE;
    await r.onButtonClicked(ID, 0);
    expect(await notifications()).toEqual({});
    expect((await alarms())[ID]).toBe(SOON + 16 * MINUTE);
    expect((await events('snoozed'))[0]?.detail).toBe('resolve 至 2026-11-28T12:16:00+08:00');
    await fire(ID, SOON + 16 * MINUTE);
    expect((await notifications())[ID]?.title).toContain('剩 00:44:00');
    expect((await alarms())[ID]).toBe(DUE);

    t = DUE - 30 * MINUTE;
    await r.onButtonClicked(ID, 1); // an hour: the due point falls inside and is not shown separately
    expect((await alarms())[ID]).toBe(DUE + 30 * MINUTE);
    await fire(ID, DUE + 30 * MINUTE);
    expect((await alarms())[ID]).toBe(DUE + 60 * MINUTE);
    expect(await events('reminder-shown')).toHaveLength(3);
  });

  it('stops when the agent closes the notification, not when we do', async () => {
    const r = await start();
    await fire(ID, SOON);
    await r.onClosed(ID, false); // replaced or cleared by us
    expect((await alarms())[ID]).toBe(DUE);
    t = SOON + MINUTE;
    await r.onClosed(ID, true);
    expect(await alarms()).toEqual({ [BADGE_ALARM]: DUE });
    expect((await store.getTicket(KEY))?.acknowledged.resolve).toBe(SOON + MINUTE);
    expect((await events('acknowledged'))[0]?.detail).toBe('resolve');
    await fire(BADGE_ALARM, DUE);
    expect(await notifications()).toEqual({ [ID]: expect.anything() }); // only the old one, nothing new
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1'); // still overdue, though acknowledged
  });

  it('stops when the ticket is done', async () => {
    const r = await start();
    await fire(ID, DUE + MINUTE);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    await store.markDone(KEY, 'agent', DUE + 2 * MINUTE);
    await r.reschedule();
    expect(await alarms()).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('opens the ticket’s CRM page when the notification is clicked', async () => {
    const r = await start();
    await fire(ID, SOON);
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await r.onClicked(ID);
    expect(create).toHaveBeenCalledWith({ url: 'http://127.0.0.1/legacy/?id=GD1' });
    expect(await notifications()).toEqual({});
    expect((await alarms())[ID]).toBe(DUE); // clicking is not acknowledging
  });
});

describe('worker and browser restarts', () => {
  it('rebuilds the alarms from the store when the worker starts again', async () => {
    await start();
    const before = await alarms();
    fakeBrowser.reset(); // alarms and listeners gone
    await start();
    expect(await alarms()).toEqual(before);
  });

  it('shows a reminder point that passed while the browser was closed at once, and only once', async () => {
    await start();
    fakeBrowser.reset();
    t = DUE + 40 * MINUTE; // due soon, due and due+30 all passed meanwhile
    await start();
    const shown = await notifications();
    expect(Object.keys(shown)).toEqual([ID]);
    expect(shown[ID]?.title).toContain('超 00:40:00');
    expect(await events('reminder-shown')).toHaveLength(1);
    expect((await alarms())[ID]).toBe(DUE + 60 * MINUTE);

    fakeBrowser.reset();
    t += MINUTE;
    await start();
    expect(await notifications()).toEqual({});
    expect(await events('reminder-shown')).toHaveLength(1);
    expect((await alarms())[ID]).toBe(DUE + 60 * MINUTE);
  });

  it('waits for a snooze across a restart, and shows it at once if it passed', async () => {
    const r = await start();
    await fire(ID, SOON);
    await r.onButtonClicked(ID, 1);
    fakeBrowser.reset();
    await start();
    expect((await alarms())[ID]).toBe(SOON + HOUR);
    fakeBrowser.reset();
    t = SOON + 2 * HOUR;
    await start();
    expect(Object.keys(await notifications())).toEqual([ID]);
  });
});

describe('toolbar badge', () => {
  it('counts overdue clocks of open tickets, and wakes when the next one falls due', async () => {
    const over = (code: string, hoursAgo: number) => clock(code, code, NOW - (hoursAgo + 1) * HOUR, 1);
    await store.recordSeen(withClocks('TWO', [over('a', 1), over('b', 2)], NOW));
    await store.recordSeen(withClocks('ONE', [over('a', 1), clock('b', 'b', NOW, 5)], NOW));
    await store.recordSeen(withClocks('DONE', [over('a', 1)], NOW, { status: '已结单' }));
    await store.recordSeen(withClocks('STOPPED', [clock('a', 'a', NOW - 3 * HOUR, 1, NOW - HOUR)], NOW));
    await start();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('3');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xc5, 0x22, 0x1f, 255]);
    expect((await alarms())[BADGE_ALARM]).toBe(DUE); // GD1's resolve, before ONE's b at NOW+5h
    await fire(BADGE_ALARM, DUE);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('4');
    expect((await alarms())[BADGE_ALARM]).toBe(NOW + 5 * HOUR);
  });
});

describe('reminder ids', () => {
  it('carry ticket key and clock code, whatever characters they hold', () => {
    const id = reminderId('demo:GD:1/2', 'appeal-reply');
    expect(parseReminderId(id)).toEqual({ key: 'demo:GD:1/2', code: 'appeal-reply' });
    expect(parseReminderId(BADGE_ALARM)).toBeNull();
    expect(parseReminderId('remind:a:b:c')).toBeNull();
    expect(parseReminderId('remind:%E0%A4%A:x')).toBeNull();
  });
});
