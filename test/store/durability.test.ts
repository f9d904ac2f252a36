import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { browser as wxtBrowser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSidekick, type SidekickStore } from '@/utils/background/sidekick';
import { historyRow } from '@/utils/db/history';
import { isQuotaError, StoreFullError, type Store } from '@/utils/db/store';
import type { StoredTicket } from '@/utils/db/types';
import { DAY, fields, freshStore, MINUTE, NOW, pack, seen, storesClosedAfterEach } from './fixtures';

// "Never lose a ticket": a write refused for quota, a write cut short, two tabs on one ticket.

const store = storesClosedAfterEach();
afterEach(() => vi.restoreAllMocks());
const key = (id: string) => `demo-legacy:${id}`;

/** Every stored ticket has exactly its history row, and no history row is left without its ticket. */
async function expectWhole(s: Store) {
  const [tickets, history] = await Promise.all([s.db.tickets.toArray(), s.db.history.toArray()]);
  expect(history.sort((a, b) => a.key.localeCompare(b.key))).toEqual(
    tickets.sort((a, b) => a.key.localeCompare(b.key)).map(historyRow),
  );
}

/** The browser's storage is full while `tickets` holds `cap` rows or more (always, with `cap` 0). */
function fullAt(s: Store, cap: number) {
  const put = s.db.tickets.put.bind(s.db.tickets);
  const full = async (...args: Parameters<typeof put>) => {
    if ((await s.db.tickets.count()) >= cap) throw new Dexie.QuotaExceededError('The quota has been exceeded.');
    return put(...args);
  };
  return vi.spyOn(s.db.tickets, 'put').mockImplementation(full as unknown as typeof put);
}

describe('a write refused for quota', () => {
  it('recognises the quota error however IndexedDB and Dexie wrap it', () => {
    const dom = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(isQuotaError(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaError(dom)).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('aborted', dom))).toBe(true); // the transaction aborted at commit
    expect(isQuotaError(new Dexie.BulkError('bulk', [dom]))).toBe(true);
    expect(isQuotaError(new Dexie.ConstraintError('dup'))).toBe(false);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
  });

  it('purges the oldest done tickets with their rows, stores the newest, and says what it purged', async () => {
    const s = store();
    // 25 done tickets, seen a day apart (D00 longest ago), and 3 open ones seen longest ago of all.
    for (let i = 0; i < 25; i++) {
      const id = `D${String(i).padStart(2, '0')}`;
      await s.recordSeen(seen(fields(id, { status: '已结单' }), NOW - (60 - i) * DAY));
    }
    for (const id of ['O1', 'O2', 'O3']) await s.recordSeen(seen(fields(id), NOW - 90 * DAY));
    await s.db.labels.bulkPut(
      ['D00', 'D24', 'O1'].map((id) => ({
        key: key(id),
        text: '违约金',
        classCode: 'billing-dispute',
        source: 'crm' as const,
        at: NOW,
      })),
    );

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const put = fullAt(s, 28);
    const saved = await s.recordSeen(seen(fields('NEW'), NOW));
    expect(put).toHaveBeenCalledTimes(2); // refused, then stored after one purge step

    const oldest = Array.from({ length: 20 }, (_, i) => key(`D${String(i).padStart(2, '0')}`));
    expect(saved).toMatchObject({ key: key('NEW'), purged: { tickets: oldest } });
    expect(saved?.purged?.message).toMatch(
      /^浏览器存储空间已满：为保存工单 NEW，已删除最早办结的 20 张工单（D00、D01、D02、D03、D04 等）/,
    );
    expect(warn).toHaveBeenCalledWith(`[工单助手] ${saved?.purged?.message}`);
    expect(await s.getTicket(key('NEW'))).not.toHaveProperty('purged'); // the report is not stored
    const left = (await s.db.tickets.toCollection().primaryKeys()).sort();
    expect(left).toEqual([...['D20', 'D21', 'D22', 'D23', 'D24', 'NEW', 'O1', 'O2', 'O3'].map(key)]);
    await expectWhole(s);
    expect((await s.db.labels.toCollection().primaryKeys()).sort()).toEqual([key('D24'), key('O1')]);
    const events = await s.recentEvents(200);
    expect(events.filter((e) => oldest.includes(e.ticketKey))).toEqual([]);
    expect(events.find((e) => e.ticketKey === key('NEW'))).toMatchObject({ type: 'seen', at: NOW });
  });

  it('throws a StoreFullError for the agent when purging cannot make room, and never purges open tickets', async () => {
    const s = store();
    for (const id of ['D1', 'D2']) await s.recordSeen(seen(fields(id, { status: '已结单' }), NOW - DAY));
    await s.recordSeen(seen(fields('OPEN'), NOW - 2 * DAY));
    fullAt(s, 0);
    const e = await s.recordSeen(seen(fields('NEW'), NOW)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StoreFullError);
    expect((e as StoreFullError).message).toBe(
      '浏览器存储空间已满，工单 NEW 未能保存：已删除最早办结的 2 张工单仍不够，请在设置页导出备份后清空旧工单，或释放电脑磁盘空间。',
    );
    expect((e as StoreFullError).purged).toEqual([key('D1'), key('D2')]);
    expect(isQuotaError((e as StoreFullError).cause)).toBe(true);
    expect(await s.db.tickets.toCollection().primaryKeys()).toEqual([key('OPEN')]);
    // Nothing left to purge: it says so at once.
    await expect(s.recordSeen(seen(fields('NEW'), NOW + MINUTE))).rejects.toThrow('已没有可删除的办结工单');
  });

  it('other failures are not taken for a full store', async () => {
    const s = store();
    await s.recordSeen(seen(fields('D1', { status: '已结单' }), NOW - DAY));
    vi.spyOn(s.db.tickets, 'put').mockRejectedValueOnce(new Dexie.ConstraintError('boom'));
    await expect(s.recordSeen(seen(fields('NEW'), NOW))).rejects.toThrow('boom');
    expect(await s.getTicket(key('D1'))).toBeDefined();
  });
});

describe('the background when the store is full', () => {
  const browser = fakeBrowser as unknown as typeof wxtBrowser;
  beforeEach(() => fakeBrowser.reset());

  it('shows the store’s message in a notification', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const full = new StoreFullError('浏览器存储空间已满，工单 GD1 未能保存：……', []);
    const fake: SidekickStore = {
      recordSeen: () => Promise.reject(full),
      historyFor: async () => [],
      logEvent: async () => {},
    };
    const sidekick = createSidekick({ browser, pack, now: () => NOW, store: fake });
    const f = fields('GD1');
    await sidekick.handle(
      {
        type: 'ticket',
        adapterId: 'demo-legacy',
        adapterName: '演示',
        url: 'http://127.0.0.1/legacy/?id=GD1',
        fields: f,
        missing: [],
        canFill: true,
        canReply: true,
      },
      { tab: { id: 1 }, frameId: 0 },
    );
    await sidekick.settled();
    await vi.waitFor(async () =>
      expect(await fakeBrowser.notifications.getAll()).toHaveProperty('sidekick-store-full'),
    );
    const shown = (await fakeBrowser.notifications.getAll()) as Record<string, { title: string; message: string }>;
    expect(shown['sidekick-store-full']).toMatchObject({ title: '工单助手：工单未能保存', message: full.message });
  });
});

describe('a write cut short', () => {
  /** The next call of `table.put`/`add` aborts the transaction it runs in, as a worker stopped mid-write would. */
  function cutAt(table: Dexie.Table, method: 'put' | 'add') {
    const cut = () => {
      Dexie.currentTransaction?.abort();
      return Promise.reject(new Dexie.AbortError('worker stopped'));
    };
    vi.spyOn(table, method).mockImplementationOnce(cut as never);
  }

  it('leaves the previous ticket and its history row whole, and the next reading stores it', async () => {
    const s = store();
    const v1 = (await s.recordSeen(seen(fields('GD1'), NOW)))!;
    const reading = seen(fields('GD1', { status: '已结单', customerPhone: '18900001111' }), NOW + 20 * MINUTE);

    cutAt(s.db.history, 'put'); // after the ticket was written
    await expect(s.recordSeen(reading)).rejects.toThrow();
    expect(await s.getTicket(key('GD1'))).toEqual(v1);
    await expectWhole(s);
    cutAt(s.db.events, 'add'); // after ticket and history
    await expect(s.recordSeen(reading)).rejects.toThrow();
    expect(await s.getTicket(key('GD1'))).toEqual(v1);
    await expectWhole(s);
    expect((await s.recentEvents(10)).map((e) => e.type)).toEqual(['seen']);

    const v2 = await s.recordSeen(reading);
    expect(await s.getTicket(key('GD1'))).toEqual(v2);
    expect(v2).toMatchObject({ firstSeen: NOW, lastSeen: NOW + 20 * MINUTE, done: 1, customer: '18900001111' });
    await expectWhole(s);
    expect((await s.recentEvents(10)).map((e) => e.type)).toEqual(['done', 'seen', 'seen']);
  });

  it('keeps a ticket whole or absent whatever write is cut, over random readings (property)', async () => {
    const step = fc.record({
      id: fc.constantFrom('A', 'B'),
      minutes: fc.integer({ min: 1, max: 30 }),
      closed: fc.boolean(),
      phone: fc.constantFrom('13312345678', '18900001111'),
      cut: fc.constantFrom('none', 'tickets.put', 'history.put', 'events.add'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 5 }), async (steps) => {
        const s = freshStore();
        try {
          let at = NOW;
          const expected = new Map<string, StoredTicket>();
          for (const x of steps) {
            at += x.minutes * MINUTE;
            const reading = seen(fields(x.id, { customerPhone: x.phone, status: x.closed ? '已结单' : '处理中' }), at);
            if (x.cut !== 'none') {
              const [table, method] = x.cut.split('.') as ['tickets' | 'history' | 'events', 'put' | 'add'];
              cutAt(s.db[table] as unknown as Dexie.Table, method);
            }
            const saved = await s.recordSeen(reading).catch(() => null);
            if (x.cut === 'none') expect(saved).not.toBeNull();
            // A cut the write never reached (no `seen` event within ten minutes of the last) saves it.
            if (saved) expected.set(x.id, saved);
            vi.restoreAllMocks();
            for (const id of ['A', 'B']) expect(await s.getTicket(key(id))).toEqual(expected.get(id));
            await expectWhole(s);
          }
        } finally {
          vi.restoreAllMocks();
          s.close();
        }
      }),
      { numRuns: 8 },
    );
  });
});

describe('two tabs showing one ticket', () => {
  it('keep one record with the earlier first sighting and the newer reading, whatever order they are saved in', async () => {
    const s = store();
    const older = seen(fields('GD1', { status: '处理中' }), NOW);
    const newer = seen(fields('GD1', { status: '已结单', title: '客户再次来电' }), NOW + 5 * MINUTE);
    await Promise.all([s.recordSeen(newer), s.recordSeen(older)]);
    expect(await s.db.tickets.count()).toBe(1);
    const t = (await s.getTicket(key('GD1')))!;
    expect(t).toMatchObject({ firstSeen: NOW, lastSeen: NOW + 5 * MINUTE, done: 1, doneAt: NOW + 5 * MINUTE });
    expect(t.fields.title).toBe('客户再次来电');
    await expectWhole(s);
    // One `seen` for the visit, one `done` for the closing.
    expect((await s.recentEvents(10)).map((e) => e.type).sort()).toEqual(['done', 'seen']);
  });

  it('store one seen and one done for the same reading saved twice at once', async () => {
    const s = store();
    const reading = seen(fields('GD1', { status: '已结单' }), NOW);
    await Promise.all([s.recordSeen(reading), s.recordSeen(reading), s.recordSeen({ ...reading, now: NOW + MINUTE })]);
    expect(await s.db.tickets.count()).toBe(1);
    expect(await s.getTicket(key('GD1'))).toMatchObject({ firstSeen: NOW, lastSeen: NOW + MINUTE, doneAt: NOW });
    await expectWhole(s);
    expect((await s.recentEvents(10)).map((e) => e.type).sort()).toEqual(['done', 'seen']);
  });
});
