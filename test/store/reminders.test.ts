import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { browser as wxtBrowser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  nextReminder,
  parseReminderId,
  planReminders,
  pointAfter,
  reminderId,
  reminderText,
  type RemindBefore,
} from '@/utils/background/reminder-plan';
import { createReminders, REMIND_ALARM, SUMMARY_ID, SUMMARY_OVER } from '@/utils/background/reminders';
import type { ReminderStore } from '@/utils/background/reminders';
import type { Store } from '@/utils/db/store';
import type { StoredTicket } from '@/utils/db/types';
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
  await store.recordSeen(
    withClocks(
      'GD1',
      [clock('resolve', '处理时限', START, 4), clock('dispatch', '派单时限', START, 1, START + 10 * MINUTE)],
      NOW,
    ),
  );
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
const alarms = async () =>
  Object.fromEntries((await fakeBrowser.alarms.getAll()).map((a) => [a.name, a.scheduledTime]));
/** When the one alarm wakes the worker, or null without one; there must be no other alarm. */
async function alarm(): Promise<number | null> {
  const all = await alarms();
  expect(Object.keys(all).filter((n) => n !== REMIND_ALARM)).toEqual([]);
  return all[REMIND_ALARM] ?? null;
}
/** A clock's next reminder point as the stored ticket says: what the alarm is the earliest of. */
async function next(code = 'resolve', key = KEY): Promise<number | null> {
  const ticket = (await store.getTicket(key))!;
  return nextReminder(
    ticket,
    ticket.verdict.clocks.find((c) => c.code === code)!,
  );
}
const notifications = () =>
  fakeBrowser.notifications.getAll() as Promise<
    Record<string, { title: string; message: string; buttons?: { title: string }[]; iconUrl?: string; type: string }>
  >;
const events = async (type: string) => (await store.recentEvents(100)).filter((e) => e.type === type);
/** Let time reach `at` and fire the alarm there, as Chrome would. */
async function fire(at: number) {
  t = at;
  await fakeBrowser.alarms.onAlarm.trigger({ name: REMIND_ALARM, scheduledTime: at });
}

describe('reminder schedule', () => {
  it('reminds at due-soon, at due, then every 30 minutes while overdue', async () => {
    await start();
    expect(await next()).toBe(SOON);
    expect(await next('dispatch')).toBeNull(); // stopped
    expect(await alarm()).toBe(SOON);
    expect(await notifications()).toEqual({});

    await fire(SOON);
    const soon = (await notifications())[ID]!;
    expect(soon).toMatchObject({
      type: 'basic',
      title: 'GD1 处理时限 · 剩 01:00:00（截止 11月28日 13:00）',
      iconUrl: 'chrome-extension://test-extension-id/icon-128.png',
    });
    expect(soon.message).toContain('即将到期 · 费用争议类');
    expect(soon.buttons?.map((b) => b.title)).toEqual(['15 分钟后提醒', '1 小时后提醒']);
    expect(await next()).toBe(DUE);
    expect(await alarm()).toBe(DUE);

    await fire(DUE + MINUTE); // alarms run a little late
    expect((await notifications())[ID]?.title).toBe('GD1 处理时限 · 超 00:01:00（截止 11月28日 13:00）');
    expect(await next()).toBe(DUE + 30 * MINUTE);
    expect(await alarm()).toBe(DUE + 30 * MINUTE);
    for (const k of [1, 2, 3]) {
      await fire(DUE + k * 30 * MINUTE);
      expect(await alarm()).toBe(DUE + (k + 1) * 30 * MINUTE);
    }
    expect((await events('reminder-shown')).map((e) => e.at)).toEqual([
      DUE + 90 * MINUTE,
      DUE + 60 * MINUTE,
      DUE + 30 * MINUTE,
      DUE + MINUTE,
      SOON,
    ]);
  });

  it('skips reminder points that passed before the agent first opened the ticket', async () => {
    await store.recordSeen(withClocks('GD2', [clock('resolve', '处理时限', START, 1)], NOW + 10 * MINUTE));
    t = NOW + 10 * MINUTE;
    await start();
    expect(await notifications()).toEqual({});
    expect(await next('resolve', 'demo-legacy:GD2')).toBe(NOW + 30 * MINUTE);
    expect(await alarm()).toBe(NOW + 30 * MINUTE); // GD2's, before GD1's due-soon
    await fire(NOW + 30 * MINUTE);
    expect(Object.keys(await notifications())).toEqual([reminderId('demo-legacy:GD2', 'resolve')]);
    expect(await alarm()).toBe(NOW + 60 * MINUTE);
  });

  it('snoozes 15 minutes or an hour from the notification buttons', async () => {
    const r = await start();
    await fire(SOON);
    t = SOON + MINUTE;
    await r.onButtonClicked(ID, 0);
    expect(await notifications()).toEqual({});
    expect(await next()).toBe(SOON + 16 * MINUTE);
    expect(await alarm()).toBe(SOON + 16 * MINUTE);
    expect((await events('snoozed'))[0]?.detail).toBe('resolve 至 2026-11-28T12:16:00+08:00');
    await fire(SOON + 16 * MINUTE);
    expect((await notifications())[ID]?.title).toContain('剩 00:44:00');
    expect(await alarm()).toBe(DUE);

    t = DUE - 30 * MINUTE;
    await r.onButtonClicked(ID, 1); // an hour: the due point falls inside and is not shown separately
    expect(await next()).toBe(DUE + 30 * MINUTE);
    expect(await alarm()).toBe(DUE); // still woken when the clock falls due, for the badge
    await fire(DUE);
    expect(await notifications()).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect(await alarm()).toBe(DUE + 30 * MINUTE);
    await fire(DUE + 30 * MINUTE);
    expect(await alarm()).toBe(DUE + 60 * MINUTE);
    expect(await events('reminder-shown')).toHaveLength(3);
  });

  it('stops when the agent closes the notification, not when we do', async () => {
    const r = await start();
    await fire(SOON);
    await r.onClosed(ID, false); // replaced or cleared by us
    expect(await next()).toBe(DUE);
    expect(await alarm()).toBe(DUE);
    t = SOON + MINUTE;
    await r.onClosed(ID, true);
    expect(await next()).toBeNull();
    expect(await alarm()).toBe(DUE); // no reminder left, but the badge changes then
    expect((await store.getTicket(KEY))?.acknowledged.resolve).toBe(SOON + MINUTE);
    expect((await events('acknowledged'))[0]?.detail).toBe('resolve');
    await fire(DUE);
    expect(await notifications()).toEqual({ [ID]: expect.anything() }); // only the old one, nothing new
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1'); // still overdue, though acknowledged
    expect(await alarm()).toBeNull();
  });

  it('stops when the ticket is done', async () => {
    const r = await start();
    await fire(DUE + MINUTE);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    await store.markDone(KEY, 'agent', DUE + 2 * MINUTE);
    await r.reschedule();
    expect(await alarms()).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('opens the ticket’s CRM page when the notification is clicked', async () => {
    const r = await start();
    await fire(SOON);
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await r.onClicked(ID);
    expect(create).toHaveBeenCalledWith({ url: 'http://127.0.0.1/legacy/?id=GD1' });
    expect(await notifications()).toEqual({});
    expect(await next()).toBe(DUE); // clicking is not acknowledging
    expect(await alarm()).toBe(DUE);
  });
});

describe('worker and browser restarts', () => {
  it('rebuilds the alarm from the store when the worker starts again', async () => {
    await start();
    const before = await alarms();
    expect(before).toEqual({ [REMIND_ALARM]: SOON });
    fakeBrowser.reset(); // alarms and listeners gone
    await start();
    expect(await alarms()).toEqual(before);
  });

  it('clears the per-clock alarms an earlier version left behind', async () => {
    await fakeBrowser.alarms.create(ID, { when: SOON });
    await fakeBrowser.alarms.create('badge', { when: DUE });
    await start();
    expect(await alarms()).toEqual({ [REMIND_ALARM]: SOON });
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
    expect(await alarm()).toBe(DUE + 60 * MINUTE);

    fakeBrowser.reset();
    t += MINUTE;
    await start();
    expect(await notifications()).toEqual({});
    expect(await events('reminder-shown')).toHaveLength(1);
    expect(await alarm()).toBe(DUE + 60 * MINUTE);
  });

  it('waits for a snooze across a restart, and shows it at once if it passed', async () => {
    const r = await start();
    await fire(SOON);
    await r.onButtonClicked(ID, 1);
    fakeBrowser.reset();
    await start();
    expect(await next()).toBe(SOON + HOUR);
    expect(await alarm()).toBe(SOON + HOUR);
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
    const r = await start();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('3');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xc5, 0x22, 0x1f, 255]);
    // With every reminder acknowledged, only clocks falling due wake the worker.
    for (const o of await store.openTickets())
      for (const c of o.verdict.clocks) await store.acknowledge(o.key, c.code, NOW);
    await r.reschedule();
    expect(await alarm()).toBe(DUE); // GD1's resolve, before ONE's b at NOW+5h
    await fire(DUE);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('4');
    expect(await alarm()).toBe(NOW + 5 * HOUR);
    await fire(NOW + 5 * HOUR);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('5');
    expect(await alarm()).toBeNull();
  });
});

describe('failures', () => {
  // GD3 and GD4 were first read at NOW-90m, their clock due at NOW-1h: a reminder is due at NOW.
  const late = (id: string) => withClocks(id, [clock('resolve', '处理时限', NOW - 2 * HOUR, 1)], NOW - 90 * MINUTE);
  /** GD3 as stored, under another key and with other clocks. */
  const broken = async (key: string, clocks: unknown) => {
    const t = (await store.getTicket('demo-legacy:GD3'))!;
    return { ...t, key, verdict: { ...t.verdict, clocks } } as StoredTicket;
  };
  let warn: MockInstance<typeof console.warn>;
  beforeEach(async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await store.recordSeen(late('GD3'));
    await store.recordSeen(late('GD4'));
  });
  const warned = () => warn.mock.calls.map((c) => String(c[0]));

  it('leaves out a ticket whose plan fails, and plans the others and the badge', async () => {
    const over = clock('resolve', '处理时限', NOW - 2 * HOUR, 1);
    const faulty: ReminderStore = {
      ...store,
      // A clock with an unreadable due time spoils its ticket, overdue clock and all; another has no clocks.
      openTickets: async () => [
        await broken('demo-legacy:BAD1', [over, { ...over, code: 'x', dueAt: '不是时间' }]),
        ...(await store.openTickets()),
        await broken('demo-legacy:BAD2', null),
      ],
    };
    await createReminders({ browser, store: faulty, now: () => t }).listen();
    expect(warned()).toEqual([
      '[工单助手] 无法安排工单 demo-legacy:BAD1 的提醒',
      '[工单助手] 无法安排工单 demo-legacy:BAD2 的提醒',
    ]);
    expect(String(warn.mock.calls[0]?.[1])).toBe('Error: 时限 x 的时间无效');
    expect(Object.keys(await notifications()).sort()).toEqual([
      reminderId('demo-legacy:GD3', 'resolve'),
      reminderId('demo-legacy:GD4', 'resolve'),
    ]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await alarm()).toBe(NOW + 30 * MINUTE);
  });

  it('shows the reminders and updates the badge when the alarm is refused, and the other way round', async () => {
    vi.spyOn(fakeBrowser.alarms, 'create').mockRejectedValueOnce(
      new Error('An extension cannot have more than 500 active alarms'),
    );
    const r = await start();
    expect(warned()).toEqual(['[工单助手] 无法设置提醒闹钟']);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(Object.keys(await notifications())).toHaveLength(2);
    expect(await alarm()).toBeNull();

    vi.spyOn(fakeBrowser.action, 'setBadgeText').mockRejectedValueOnce(new Error('no badge'));
    t = NOW + 30 * MINUTE;
    await r.reschedule();
    expect(warned().slice(1)).toEqual(['[工单助手] 无法更新工具栏计数']);
    expect(await alarm()).toBe(NOW + HOUR);
    expect(await events('reminder-shown')).toHaveLength(4);
  });

  it('goes on with the other reminders when one cannot be recorded', async () => {
    const faulty: ReminderStore = {
      ...store,
      markReminded: (key, ...rest) =>
        key === 'demo-legacy:GD3' ? Promise.reject(new Error('quota')) : store.markReminded(key, ...rest),
    };
    await createReminders({ browser, store: faulty, now: () => t }).listen();
    expect(warned()).toEqual(['[工单助手] 无法记录工单 demo-legacy:GD3 的提醒']);
    expect(Object.keys(await notifications()).sort()).toEqual([
      reminderId('demo-legacy:GD3', 'resolve'),
      reminderId('demo-legacy:GD4', 'resolve'),
    ]);
    expect((await events('reminder-shown')).map((e) => e.ticketKey)).toEqual(['demo-legacy:GD4']);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
  });
});

describe('a team lead’s worklist: 1,000 open tickets', () => {
  const TICKETS = 1000;
  const END = NOW + 2 * HOUR;
  // Staggered starts, three running clocks and a stopped one per ticket; a few tickets done.
  const startOf = (i: number) => NOW - (i % 40) * 3 * MINUTE;
  const RUNNING = [
    ['accept', 1],
    ['dispatch', 2],
    ['resolve', 4],
  ] as const;

  /** Every reminder point after the ticket was first read (NOW), up to END: due soon, due, every 30 minutes. */
  function expectedPoints(i: number, hours: number): number[] {
    const start = startOf(i);
    const due = start + hours * HOUR;
    const points = [start + 0.75 * hours * HOUR, due];
    for (let p = due + 30 * MINUTE; p <= END; p += 30 * MINUTE) points.push(p);
    return points.filter((p) => p > NOW && p <= END);
  }

  it(
    'holds one alarm, shows every reminder once when its point passes, and counts every overdue clock',
    { timeout: 60_000 },
    async () => {
      const done = new Set<number>();
      for (let i = 0; i < TICKETS; i++) {
        const clocks = [
          ...RUNNING.map(([code, h]) => clock(code, code, startOf(i), h)),
          clock('stopped', 'stopped', startOf(i), 1, startOf(i)),
        ];
        const closed = i % 100 === 99;
        if (closed) done.add(i);
        await store.recordSeen(withClocks(`T${i}`, clocks, NOW, closed ? { status: '已结单' } : {}));
      }
      const expected = new Set<string>();
      for (let i = 0; i < TICKETS; i++)
        if (!done.has(i))
          for (const [code, h] of RUNNING)
            for (const p of expectedPoints(i, h)) expected.add(`${reminderId(`demo-legacy:T${i}`, code)}@${p}`);
      const overdueAt = (at: number) =>
        [...Array(TICKETS).keys()]
          .filter((i) => !done.has(i))
          .flatMap((i) => RUNNING.filter(([, h]) => startOf(i) + h * HOUR <= at)).length + (at >= DUE ? 1 : 0); // GD1's resolve
      const badge = (n: number) => (n === 0 ? '' : n > 99 ? '99+' : String(n));

      // Shown alone or inside a summary, every reminder is recorded once: count the records.
      const shown: string[] = [];
      const record = store.markReminded.bind(store);
      vi.spyOn(store, 'markReminded').mockImplementation(async (key, code, at, detail) => {
        shown.push(`${reminderId(key, code)}@${t}`);
        return record(key, code, at, detail);
      });
      const summaries = vi.spyOn(fakeBrowser.notifications, 'create');
      const created = vi.spyOn(fakeBrowser.alarms, 'create');
      await start();
      expect(await fakeBrowser.action.getBadgeText({})).toBe(badge(overdueAt(NOW)));
      let fires = 0;
      for (let at = await alarm(); at !== null && at <= END; at = await alarm()) {
        await fire(at);
        fires++;
        // The badge shows 99+ beyond 99; the plan behind it has the exact count.
        expect(await fakeBrowser.action.getBadgeText({})).toBe(badge(overdueAt(at)));
        expect(planReminders(await store.openTickets(), at).overdue).toBe(overdueAt(at));
      }
      expect(new Set(created.mock.calls.map(([name]) => name))).toEqual(new Set([REMIND_ALARM]));
      const mine = shown.filter((s) => s.includes('%3AT'));
      expect(mine.length).toBe(new Set(mine).size); // none twice
      expect(new Set(mine)).toEqual(expected);
      expect(shown.filter((s) => !s.includes('%3AT'))).toEqual([`${ID}@${SOON}`]);
      expect(fires).toBeGreaterThan(10);
      // Crowds of due reminders came as summaries, never as one notification per clock.
      expect(summaries.mock.calls.length).toBeLessThanOrEqual(fires + 1);
      expect(summaries.mock.calls.some((args) => (args as unknown[])[0] === SUMMARY_ID)).toBe(true);
    },
  );
});

describe('many reminders at once', () => {
  it(`come as one summary beyond ${SUMMARY_OVER}, recorded per clock, and a click opens the worklist`, async () => {
    for (let i = 0; i < SUMMARY_OVER + 2; i++)
      await store.recordSeen(withClocks(`S${i}`, [clock('resolve', '处理时限', START, 4)], NOW));
    await start();
    await fire(DUE + 2 * MINUTE); // the browser was closed past every point: all due at once
    const shown = await notifications();
    expect(Object.keys(shown)).toEqual([SUMMARY_ID]);
    expect(shown[SUMMARY_ID]!.title).toBe(`${SUMMARY_OVER + 3} 个时限需要处理`);
    expect((await events('reminder-shown')).length).toBe(SUMMARY_OVER + 3);
    await fire(DUE + 3 * MINUTE);
    expect((await events('reminder-shown')).length).toBe(SUMMARY_OVER + 3); // not again
    const r = await start();
    const opened = vi.spyOn(fakeBrowser.tabs, 'create');
    await r.onClicked(SUMMARY_ID);
    expect(opened).toHaveBeenCalledWith({ url: 'chrome-extension://test-extension-id/popup.html' });
  });
});

describe('reminder ids', () => {
  it('carry ticket key and clock code, whatever characters they hold', () => {
    const id = reminderId('demo:GD:1/2', 'appeal-reply');
    expect(parseReminderId(id)).toEqual({ key: 'demo:GD:1/2', code: 'appeal-reply' });
    expect(parseReminderId(REMIND_ALARM)).toBeNull();
    expect(parseReminderId('remind:a:b:c')).toBeNull();
    expect(parseReminderId('remind:%E0%A4%A:x')).toBeNull();
  });
});

describe('warning points: one reminder each, then due, then every 30 minutes', () => {
  // A clock of 100 minutes from NOW: a share of its time is that many minutes.
  const HUNDRED = NOW + 100 * MINUTE;
  const warned = (warnAt: number[] | undefined) => ({
    ...clock('resolve', '处理时限', NOW, 100 / 60),
    ...(warnAt ? { warnAt } : {}),
  });
  const m = (n: number) => NOW + n * MINUTE;
  /** Every reminder point from the start until an hour past due. */
  const points = (warnAt: number[] | undefined, before?: RemindBefore) => {
    const out: number[] = [];
    for (
      let p = pointAfter(warned(warnAt), NOW - 1, before);
      p <= HUNDRED + 60 * MINUTE;
      p = pointAfter(warned(warnAt), p, before)
    )
      out.push(p);
    return out;
  };
  const after = [m(100), m(130), m(160)];

  // [case, the clock's warnAt, the policy's remindBefore, the points before due]
  it.each<[string, number[] | undefined, RemindBefore, number[]]>([
    ['a verdict without warnAt: 75%', undefined, undefined, [m(75)]],
    ['the default, carried', [0.75], undefined, [m(75)]],
    ['50% and 80%', [0.5, 0.8], undefined, [m(50), m(80)]],
    ['five points', [0.1, 0.25, 0.5, 0.75, 0.9], undefined, [m(10), m(25), m(50), m(75), m(90)]],
    ['one late point', [0.95], undefined, [m(95)]],
    // The centre's policy wins: its minutes before due replace the clock's warning points.
    ['policy [60, 10] over 50% and 80%', [0.5, 0.8], [60, 10], [m(40), m(90)]],
    ['policy [] over 50% and 80%: none before due', [0.5, 0.8], [], []],
    ['policy points before the start are dropped', [0.5, 0.8], [120, 30], [m(70)]],
  ])('%s', (_, warnAt, before, expected) => {
    expect(points(warnAt, before)).toEqual([...expected, ...after]);
  });

  it('the plan shows each warning point once, as it comes, and says how much time is used', () => {
    const ticket = (remindedAt?: number): StoredTicket => ({
      key: 'demo:W',
      id: 'W',
      adapterId: 'demo',
      url: '',
      fields: {},
      acceptedAt: NOW,
      day: '2026-11-28',
      verdict: { ...withClocks('W', [warned([0.5, 0.8])]).verdict },
      firstSeen: NOW,
      lastSeen: NOW,
      done: 0,
      acknowledged: {},
      snoozedUntil: {},
      remindedAt: remindedAt === undefined ? {} : { resolve: remindedAt },
    });
    const shown: string[] = [];
    let last: number | undefined;
    for (const at of [m(49), m(50), m(51), m(79), m(80), m(100)]) {
      const plan = planReminders([ticket(last)], at);
      for (const { clock: c, ticket: t } of plan.due) {
        shown.push(`${(at - NOW) / MINUTE}: ${reminderText(t, c, at).message.split('\n')[0]}`);
        last = at;
      }
    }
    expect(shown).toEqual([
      '50: 即将到期 · 费用争议类 · 已用时限 50%',
      '80: 即将到期 · 费用争议类 · 已用时限 80%',
      '100: 已超时 · 费用争议类',
    ]);
    expect(planReminders([ticket(m(50))], m(50)).wake).toBe(m(80));
    // With the policy's points, the pack's are not reminders.
    expect(planReminders([ticket()], m(50), [30]).due).toEqual([]);
    expect(planReminders([ticket()], m(70), [30]).due).toHaveLength(1);
  });
});
