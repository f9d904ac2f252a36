// Pause and resume past the engine: the sidekick's own record of the statuses it saw, kept in the
// store across worker restarts; the page's 挂起/解挂 rows winning over it; no reminder while paused;
// figures that count a paused clock neither on time nor overdue.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { browser as wxtBrowser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { toIso } from '@/rules/time/shanghai';
import type { ClockResult, Verdict } from '@/rules/verdict';
import { planReminders } from '@/utils/background/reminder-plan';
import { createSidekick } from '@/utils/background/sidekick';
import { computeFigures } from '@/utils/db/figures';
import { observePauses, type PauseSeen } from '@/utils/db/pauses-seen';
import type { Store } from '@/utils/db/store';
import { parseExport } from '@/utils/db/transfer';
import type { StoredTicket } from '@/utils/db/types';
import { clock, crmTime, fields, freshStore, HOUR, NOW, pack, type Fields } from './fixtures';

const browser = fakeBrowser as unknown as typeof wxtBrowser;
const reading = (f: Fields, pauseLog?: { log: { event: 'pause' | 'resume'; at: string }[]; incomplete: boolean }) => ({
  type: 'ticket',
  adapterId: 'demo-legacy',
  adapterName: '演示旧版 CRM',
  url: `http://127.0.0.1/legacy/?id=${f.id}`,
  fields: f,
  missing: [],
  canFill: true,
  canReply: true,
  ...(pauseLog ? { pauseLog } : {}),
});
const tab = { tab: { id: 1 }, frameId: 0 };
const resolveOf = (reply: unknown) => (reply as { verdict: Verdict }).verdict.clocks.find((c) => c.code === 'resolve')!;

describe('observePauses: what one reading adds to the record', () => {
  const closed: PauseSeen = { from: 1, to: 2 };
  it.each([
    ['first seen suspended opens a pause', [], true, [{ from: 10 }]],
    ['still suspended changes nothing', [{ from: 5 }], true, [{ from: 5 }]],
    ['seen over closes it at this reading', [{ from: 5 }], false, [{ from: 5, to: 10 }]],
    ['suspended again opens another', [closed], true, [closed, { from: 10 }]],
    ['not suspended, none open: nothing', [closed], false, [closed]],
    ['no status: nothing learned', [{ from: 5 }], null, [{ from: 5 }]],
  ] as const)('%s', (_, prev, suspended, want) => expect(observePauses(prev, suspended, 10)).toEqual(want));

  it('keeps the newest 50', () => {
    let seen: readonly PauseSeen[] = [];
    for (let i = 0; i < 120; i++) seen = observePauses(seen, i % 2 === 0, i);
    expect(seen).toHaveLength(50);
    expect(seen[49]).toEqual({ from: 118, to: 119 });
  });
});

let store: Store;
let t = NOW;
beforeEach(() => {
  fakeBrowser.reset();
  store = freshStore();
  t = NOW;
});
afterEach(() => store.close());

describe('the background with the store: pauses from the statuses it saw', () => {
  const accepted = crmTime(NOW - HOUR); // ordinary customer: resolve due 24 h on, NOW + 23 h
  const ticket = (status: string) => fields('GD7', { status, acceptedAt: accepted });

  it('suspended → paused from first seen, kept across a restart, resumed with the time given back', async () => {
    let sidekick = createSidekick({ browser, pack, now: () => t, store });
    const first = resolveOf(await sidekick.handle(reading(ticket('挂起')), tab));
    expect(first.state).toBe('paused');
    expect(first.pauses).toEqual([{ from: toIso(NOW), observed: true }]);
    await sidekick.settled();
    expect((await store.getTicket('demo-legacy:GD7'))?.pausesSeen).toEqual([{ from: NOW }]);

    // The worker restarts two hours later: the pause still began when first seen.
    t = NOW + 2 * HOUR;
    sidekick = createSidekick({ browser, pack, now: () => t, store });
    const later = resolveOf(await sidekick.handle(reading(ticket('挂起')), tab));
    expect(later.pauses).toEqual([{ from: toIso(NOW), observed: true }]);
    await sidekick.settled();

    t = NOW + 3 * HOUR;
    const resumed = resolveOf(await sidekick.handle(reading(ticket('处理中')), tab));
    expect(resumed.state).toBe('running');
    expect(resumed.dueAt).toBe(toIso(NOW + 26 * HOUR));
    expect(resumed.pauses).toEqual([{ from: toIso(NOW), to: toIso(NOW + 3 * HOUR), observed: true, gain: 3 * HOUR }]);
    await sidekick.settled();
    expect((await store.getTicket('demo-legacy:GD7'))?.pausesSeen).toEqual([{ from: NOW, to: NOW + 3 * HOUR }]);
  });

  it('the page’s 挂起/解挂 rows win over what was seen', async () => {
    const sidekick = createSidekick({ browser, pack, now: () => t, store });
    await sidekick.handle(reading(ticket('挂起')), tab);
    await sidekick.settled();
    t = NOW + 3 * HOUR;
    const log = [
      { event: 'resume' as const, at: crmTime(NOW + 2 * HOUR) },
      { event: 'pause' as const, at: crmTime(NOW - 30 * 60_000) },
    ];
    const c = resolveOf(await sidekick.handle(reading(ticket('处理中'), { log, incomplete: false }), tab));
    expect(c.pauses).toEqual([{ from: toIso(NOW - 30 * 60_000), to: toIso(NOW + 2 * HOUR), gain: 2.5 * HOUR }]);
    expect(c.dueAt).toBe(toIso(NOW + 25.5 * HOUR));
  });

  it('a history row without a time: the pausable clocks are unknown, the others stand', async () => {
    const sidekick = createSidekick({ browser, pack, now: () => t, store });
    const reply = (await sidekick.handle(reading(ticket('处理中'), { log: [], incomplete: true }), tab)) as {
      verdict: Verdict;
    };
    expect(reply.verdict.clocks.map((c) => c.code)).not.toContain('resolve');
    expect(reply.verdict.clocks.map((c) => c.code)).toContain('operator-reply');
    expect(reply.verdict.unknown.map((u) => u.field)).toContain('pauses');
  });
});

describe('reminders and figures leave a paused clock alone', () => {
  const paused = (to?: number): ClockResult => ({
    ...clock('resolve', '处理时限', NOW - 20 * HOUR, 24),
    pauses: [{ from: toIso(NOW - HOUR), ...(to === undefined ? {} : { to: toIso(to), gain: to - (NOW - HOUR) }) }],
  });
  const stored = (c: ClockResult): StoredTicket => ({
    key: 'demo:P',
    id: 'P',
    adapterId: 'demo',
    url: 'http://127.0.0.1/',
    fields: {},
    acceptedAt: NOW - 20 * HOUR,
    day: '2026-11-27',
    verdict: { ...(null as unknown as Verdict), clocks: [c], tags: [], category: null },
    firstSeen: NOW - 20 * HOUR,
    lastSeen: NOW,
    done: 0,
    acknowledged: {},
    snoozedUntil: {},
    remindedAt: {},
  });

  it('no reminder and no overdue while paused, even past the due it had', () => {
    const plan = planReminders([stored(paused())], NOW + 10 * HOUR);
    expect(plan).toMatchObject({ due: [], overdue: 0, wake: null });
    // The same clock not paused is overdue and reminded.
    const running = planReminders([stored(clock('resolve', '处理时限', NOW - 20 * HOUR, 24))], NOW + 10 * HOUR);
    expect(running.overdue).toBe(1);
    expect(running.due).toHaveLength(1);
  });

  it('a planned resume wakes the plan then, and the reminders go on from the moved due', () => {
    const c = paused(NOW + 5 * HOUR); // due moved 6 h: NOW + 10 h
    expect(planReminders([stored(c)], NOW + HOUR).wake).toBe(NOW + 5 * HOUR);
    const after = planReminders([stored(c)], NOW + 5 * HOUR);
    expect(after.due).toHaveLength(1); // the 75% point (18 h used) came while paused: shown on resume
    expect(planReminders([stored(c)], NOW + 10 * HOUR).overdue).toBe(1);
  });

  it('figures: paused is neither on time nor overdue', () => {
    const f = computeFigures([stored(paused())], NOW + 10 * HOUR, '2026-11-27', '2026-11-28', 2);
    expect(f.clocks[0]).toMatchObject({ met: 0, late: 0, overdue: 0, onTimeRate: null });
  });
});

it('an export keeps the record of pauses seen', async () => {
  const sidekick = createSidekick({ browser, pack, now: () => t, store });
  await sidekick.handle(reading(fields('GD8', { status: '挂起' })), tab);
  await sidekick.settled();
  const parsed = parseExport(await store.exportJson());
  expect(parsed.errors).toEqual([]);
  expect(parsed.tickets.find((x) => x.id === 'GD8')?.pausesSeen).toEqual([{ from: NOW }]);
});
