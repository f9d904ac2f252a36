import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { declareV1 } from '@/utils/db/schema';
import { createStore } from '@/utils/db/store';
import { clock, DAY, fields, HOUR, NOW, seen } from './fixtures';

/** A ticket as version 1 stored it: no `day`, no `remindedAt`. */
function v1Ticket(id: string, acceptedAt: number, done: 0 | 1 = 0) {
  const s = seen(fields(id), acceptedAt + HOUR);
  return {
    key: `demo-legacy:${id}`,
    id,
    adapterId: 'demo-legacy',
    url: s.url,
    fields: s.fields,
    customer: '13312345678',
    category: 'billing-dispute',
    area: '南京市-鼓楼区',
    acceptedAt,
    verdict: { ...s.verdict, clocks: [clock('resolve', '处理时限', acceptedAt, 24)] },
    firstSeen: acceptedAt + HOUR,
    lastSeen: acceptedAt + 2 * HOUR,
    done,
    acknowledged: { dispatch: acceptedAt + HOUR },
    snoozedUntil: {},
  };
}

describe('database upgrade 1 → 2', () => {
  it('keeps every ticket and event and backfills the Shanghai day', async () => {
    const name = `upgrade-${Math.random().toString(36).slice(2)}`;
    const old = new Dexie(name);
    declareV1(old);
    // 2026-11-27 16:30 UTC is already the 28th in Shanghai: the day must not come from UTC.
    const lateEvening = Date.parse('2026-11-27T16:30:00Z');
    const tickets = [v1Ticket('A', lateEvening), v1Ticket('B', NOW - 3 * DAY, 1), v1Ticket('C', NOW - HOUR)];
    await old.table('tickets').bulkAdd(tickets);
    await old.table('events').bulkAdd([
      { ticketKey: 'demo-legacy:A', at: lateEvening + HOUR, type: 'seen' },
      { ticketKey: 'demo-legacy:B', at: NOW - 3 * DAY, type: 'done', detail: 'agent' },
      { ticketKey: 'demo-legacy:C', at: NOW - HOUR, type: 'script-copied' },
    ]);
    expect(old.verno).toBe(1);
    old.close();

    const store = createStore(name);
    try {
      await store.db.open();
      expect(store.db.verno).toBe(2);
      for (const t of tickets) {
        const now = await store.getTicket(t.key);
        expect(now).toEqual({ ...t, day: expect.any(String), remindedAt: {} });
      }
      expect((await store.getTicket('demo-legacy:A'))?.day).toBe('2026-11-28');
      expect((await store.getTicket('demo-legacy:B'))?.day).toBe('2026-11-25');
      expect((await store.recentEvents(10)).map((e) => [e.seq, e.ticketKey, e.type])).toEqual([
        [3, 'demo-legacy:C', 'script-copied'],
        [2, 'demo-legacy:B', 'done'],
        [1, 'demo-legacy:A', 'seen'],
      ]);
      // The new indexes answer.
      expect((await store.openTickets()).map((t) => t.id).sort()).toEqual(['A', 'C']);
      expect((await store.figures(NOW, 1)).handled).toBe(2);
      expect(await store.db.events.where('[ticketKey+at]').between(['demo-legacy:A', 0], ['demo-legacy:A', Infinity]).count()).toBe(1);
    } finally {
      store.close();
    }
  });
});
