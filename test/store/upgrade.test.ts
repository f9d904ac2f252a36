import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { historyRow } from '@/utils/db/history';
import { declareV1, declareV2, declareV3 } from '@/utils/db/schema';
import { createStore } from '@/utils/db/store';
import { clock, crmTime, DAY, fields, HOUR, NOW, pack, seen } from './fixtures';

const dbName = () => `upgrade-${Math.random().toString(36).slice(2)}`;

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

/** A ticket as version 2 stored it, with `day` and `remindedAt`. */
function v2Ticket(id: string, acceptedAt: number, over: Parameters<typeof fields>[1] = {}) {
  const f = fields(id, { acceptedAt: crmTime(acceptedAt), ...over });
  return {
    ...v1Ticket(id, acceptedAt),
    fields: f,
    customer: f.customerPhone,
    area: f.area,
    day: '2026-11-28',
    remindedAt: { resolve: acceptedAt + 2 * HOUR },
  };
}

describe('database upgrade 1 → 4', () => {
  it('keeps every ticket and event and backfills the Shanghai day', async () => {
    const name = dbName();
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
      expect(store.db.verno).toBe(4);
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
      expect(
        await store.db.events
          .where('[ticketKey+at]')
          .between(['demo-legacy:A', 0], ['demo-legacy:A', Infinity])
          .count(),
      ).toBe(1);
      expect(await store.db.history.count()).toBe(3);
    } finally {
      store.close();
    }
  });
});

describe('database upgrade 2 → 4', () => {
  it('keeps every ticket and event and backfills a history row for each ticket', async () => {
    const name = dbName();
    const old = new Dexie(name);
    declareV2(old);
    // More than one backfill step's worth, so the backfill must go on past its first.
    const many = Array.from({ length: 2500 }, (_, i) =>
      v2Ticket(`OLD${i}`, NOW - 10 * DAY - i * 1000, { customerPhone: `1890000${String(i).padStart(4, '0')}` }),
    );
    const tickets = [
      ...many,
      v2Ticket('A', NOW - 2 * HOUR),
      v2Ticket('B', NOW - HOUR, { customerPhone: '18900001111', area: ' 南京市-鼓楼区 ' }),
      v2Ticket('C', NOW - HOUR, { customerPhone: '18900002222', area: '南京市-玄武区' }),
    ];
    await old.table('tickets').bulkAdd(tickets);
    await old.table('events').bulkAdd([{ ticketKey: 'demo-legacy:A', at: NOW - HOUR, type: 'seen' }]);
    expect(old.verno).toBe(2);
    old.close();

    const store = createStore(name);
    try {
      await store.db.open();
      expect(store.db.verno).toBe(4);
      expect(await store.db.tickets.toArray()).toEqual([...tickets].sort((a, b) => (a.key < b.key ? -1 : 1)));
      expect((await store.recentEvents(10)).map((e) => [e.seq, e.ticketKey, e.type])).toEqual([
        [1, 'demo-legacy:A', 'seen'],
      ]);
      expect(await store.db.history.toArray()).toEqual((await store.db.tickets.toArray()).map(historyRow));
      expect((await store.db.history.get('demo-legacy:B'))?.area).toBe('南京市-鼓楼区');
      // The new indexes answer: A is the same customer, B the same class and area; C is elsewhere.
      const found = await store.historyFor(fields('NOW', { acceptedAt: crmTime(NOW) }), 'billing-dispute', pack, NOW);
      expect(found.map((f) => f.id).sort()).toEqual(['A', 'B']);
      // Only the history lookups asked the tickets' customer and class indexes.
      expect(store.db.tickets.schema.indexes.map((i) => i.name).sort()).toEqual([
        '[done+lastSeen]',
        'acceptedAt',
        'day',
        'done',
        'lastSeen',
      ]);
    } finally {
      store.close();
    }
    // 2,500 tickets through two upgrades on fake-indexeddb: seconds on a busy machine.
  }, 30_000);
});

describe('database upgrade 3 → 4', () => {
  it('backfills a CRM label for exactly the stored tickets whose category path names a class of the pack', async () => {
    const name = dbName();
    const old = new Dexie(name);
    declareV3(old);
    const billing = v2Ticket('A', NOW - 2 * HOUR); // 服务请求->投诉单->费用争议类->…
    const network = v2Ticket('B', NOW - HOUR, {
      categoryPath: '服务请求->投诉单->网络质量类->移动网络->信号弱',
      title: '家中手机信号差经常断线',
      text: '客户反映近一个月在家里手机信号只有一格，通话经常中断，要求尽快处理。',
      handlingLine: '网运条线',
    });
    const noPath = v2Ticket('C', NOW - HOUR, { categoryPath: undefined });
    const noClass = v2Ticket('D', NOW - HOUR, { categoryPath: '咨询->业务咨询->套餐介绍' });
    const tickets = [billing, network, noPath, noClass];
    await old.table('tickets').bulkAdd(tickets);
    await old.table('history').bulkAdd(tickets.map(historyRow));
    expect(old.verno).toBe(3);
    old.close();

    const store = createStore(name);
    try {
      await store.db.open();
      expect(store.db.verno).toBe(4);
      expect(await store.db.tickets.count()).toBe(4);
      const labels = await store.db.labels.toArray();
      expect(labels.map((l) => [l.key, l.classCode, l.source])).toEqual([
        ['demo-legacy:A', 'billing-dispute', 'crm'],
        ['demo-legacy:B', 'network-quality', 'crm'],
      ]);
      expect(labels[0]).toMatchObject({ text: '客户对违约金不认可', at: billing.lastSeen });
      expect(labels[1]?.text).toContain('手机信号只有一格');
      expect(labels[1]?.line).toBe('网运');
      // Nothing is learned yet: the model is built from these labels on first use.
      expect(await store.db.models.count()).toBe(0);
    } finally {
      store.close();
    }
  });
});
