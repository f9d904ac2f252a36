import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { emptyModel } from '@/rules/classifier/compile';
import { maskPhone } from '@/utils/db/mask';
import type { Store } from '@/utils/db/store';
import {
  clock,
  crmTime,
  DAY,
  fields,
  HOUR,
  MINUTE,
  NOW,
  pack,
  seen,
  storesClosedAfterEach,
  withClocks,
} from './fixtures';

const store = storesClosedAfterEach();

describe('recordSeen', () => {
  it('does not store a reading without a ticket number', async () => {
    const s = store();
    const { id: _id, ...noId } = fields('x');
    expect(await s.recordSeen(seen(noId))).toBeNull();
    expect(await s.openTickets()).toEqual([]);
  });

  it('upserts: keeps first seen, updates last seen, verdict and indexed copies', async () => {
    const s = store();
    const first = await s.recordSeen(seen(fields('GD1', { customerPhone: '133 1234-5678' })));
    expect(first).toMatchObject({
      key: 'demo-legacy:GD1',
      id: 'GD1',
      customer: '13312345678',
      category: 'billing-dispute',
      area: '南京市-鼓楼区',
      acceptedAt: NOW - HOUR,
      day: '2026-11-28',
      firstSeen: NOW,
      lastSeen: NOW,
      done: 0,
      acknowledged: {},
      snoozedUntil: {},
      remindedAt: {},
    });
    await s.acknowledge('demo-legacy:GD1', 'dispatch', NOW + MINUTE);
    const again = await s.recordSeen(
      seen(fields('GD1', { customerPhone: '133****5678', status: '处理中（已催）' }), NOW + 5 * MINUTE),
    );
    expect(again).toMatchObject({
      firstSeen: NOW,
      lastSeen: NOW + 5 * MINUTE,
      customer: '133****5678',
      acknowledged: { dispatch: NOW + MINUTE },
    });
    expect((await s.getTicket('demo-legacy:GD1'))?.fields.status).toBe('处理中（已催）');
  });

  it('logs `seen` at most once per ticket per 10 minutes', async () => {
    const s = store();
    for (const m of [0, 3, 9, 10, 15, 21]) await s.recordSeen(seen(fields('GD1'), NOW + m * MINUTE));
    await s.recordSeen(seen(fields('GD2'), NOW + MINUTE));
    const events = await s.recentEvents(50);
    expect(events.filter((e) => e.ticketKey === 'demo-legacy:GD1').map((e) => (e.at - NOW) / MINUTE)).toEqual([
      21, 10, 0,
    ]);
    expect(events.filter((e) => e.ticketKey === 'demo-legacy:GD2')).toHaveLength(1);
  });

  it('takes the accepted time from the CRM, else the earliest clock, else when first seen', async () => {
    const s = store();
    const { acceptedAt: _a, ...noAccepted } = fields('GD2');
    expect(
      (
        await s.recordSeen(
          withClocks('GD1', [clock('dispatch', '派单时限', NOW - 3 * HOUR, 1)], NOW, { acceptedAt: '' }),
        )
      )?.acceptedAt,
    ).toBe(NOW - 3 * HOUR);
    expect((await s.recordSeen(seen(noAccepted)))?.acceptedAt).toBe(NOW);
    expect((await s.recordSeen(seen(noAccepted, NOW + HOUR)))?.acceptedAt).toBe(NOW);
  });

  it('marks done when the CRM closes the ticket, and reopens only what it closed', async () => {
    const s = store();
    for (const [id, over] of [
      ['A', { status: '已结单' }],
      ['B', { status: '已办结' }],
      ['C', { status: '已关闭' }],
      ['D', { status: '已归档' }],
      ['E', { status: '结案' }],
      ['F', { closedAt: crmTime(NOW) }],
      ['G', { status: '未结案' }],
      ['H', { status: '处理中' }],
    ] as const)
      await s.recordSeen(seen(fields(id, over)));
    const t = async (id: string) => (await s.getTicket(`demo-legacy:${id}`))!;
    for (const id of 'ABCDEF') expect(await t(id)).toMatchObject({ done: 1, doneAt: NOW, doneBy: 'crm-status' });
    expect((await t('G')).done).toBe(0);
    expect((await s.openTickets()).map((x) => x.id).sort()).toEqual(['G', 'H']);
    expect((await s.recentEvents(50)).filter((e) => e.type === 'done')).toHaveLength(6);

    await s.recordSeen(seen(fields('A', { status: '处理中' }), NOW + HOUR)); // reopened in the CRM
    expect((await t('A')).done).toBe(0);
    await s.markDone('demo-legacy:H', 'agent', NOW + HOUR);
    await s.recordSeen(seen(fields('H', { status: '处理中' }), NOW + 2 * HOUR)); // the agent's word stands
    expect(await t('H')).toMatchObject({ done: 1, doneBy: 'agent', doneAt: NOW + HOUR });
  });
});

describe('historyFor', () => {
  async function history(s: Store, f: ReturnType<typeof fields>, at = NOW) {
    return (await s.historyFor(f, 'billing-dispute', pack, at)).map((h) => h.id).sort();
  }

  it('returns the same customer within the repeat window and the same class within the group window', async () => {
    const s = store();
    const put = (id: string, acceptedAgo: number, over = {}) =>
      s.recordSeen(seen(fields(id, { acceptedAt: crmTime(NOW - acceptedAgo), ...over }), NOW - acceptedAgo));
    await put('MINE-10D', 10 * DAY, { categoryPath: '宽带网络->频繁掉线' }); // other class, same customer: still asked (escalation)
    await put('MINE-29D', 29 * DAY);
    await put('MINE-31D', 31 * DAY); // outside the 30-day repeat window
    await put('OTHER-48H', 48 * HOUR, { customerPhone: '18900001111' });
    await put('OTHER-80H', 80 * HOUR, { customerPhone: '18900002222' }); // outside the 72-hour group window
    await put('OTHER-CLASS', 2 * HOUR, { customerPhone: '18900003333', categoryPath: '宽带网络->频繁掉线' });
    await put('LATER', -HOUR, { customerPhone: '18900004444' }); // accepted after this one
    expect(await history(s, fields('NOW', { acceptedAt: crmTime(NOW) }))).toEqual([
      'MINE-10D',
      'MINE-29D',
      'OTHER-48H',
    ]);
  });

  it('leaves out the ticket itself and works without phone or class', async () => {
    const s = store();
    await s.recordSeen(seen(fields('GD1', { acceptedAt: crmTime(NOW - HOUR) })));
    await s.recordSeen(seen(fields('GD2', { acceptedAt: crmTime(NOW - HOUR) })));
    expect(await history(s, fields('GD1', { acceptedAt: crmTime(NOW) }))).toEqual(['GD2']);
    const { customerPhone: _p, ...noPhone } = fields('GD3', { acceptedAt: crmTime(NOW) });
    expect((await s.historyFor(noPhone, null, pack, NOW)).length).toBe(0);
  });

  it('asks only the same area and the unknown one when the area is known', async () => {
    const s = store();
    const put = (id: string, phone: string, area?: string) =>
      s.recordSeen(seen(fields(id, { acceptedAt: crmTime(NOW - HOUR), customerPhone: phone, area })));
    await put('SAME', '18900001111', '南京市-鼓楼区');
    await put('SPACED', '18900002222', ' 南京市-鼓楼区 ');
    await put('NONE', '18900003333');
    await put('OTHER', '18900004444', '南京市-玄武区');
    await put('MINE-OTHER', '13312345678', '南京市-玄武区'); // the same customer counts wherever it was
    expect(await history(s, fields('NOW', { acceptedAt: crmTime(NOW) }))).toEqual([
      'MINE-OTHER',
      'NONE',
      'SAME',
      'SPACED',
    ]);
    expect(await history(s, fields('NOW', { acceptedAt: crmTime(NOW), area: ' ' }))).toEqual([
      'MINE-OTHER',
      'NONE',
      'OTHER',
      'SAME',
      'SPACED',
    ]);
  });

  it('asks the history indexes, never the tickets, never a scan', async () => {
    const s = store();
    await s.recordSeen(seen(fields('GD1')));
    const tickets = [vi.spyOn(s.db.tickets, 'where'), vi.spyOn(s.db.tickets, 'get'), vi.spyOn(s.db.tickets, 'toArray')];
    const where = vi.spyOn(s.db.history, 'where');
    const scans = [
      vi.spyOn(s.db.history, 'toArray'),
      vi.spyOn(s.db.history, 'filter'),
      vi.spyOn(s.db.history, 'toCollection'),
      vi.spyOn(s.db.history, 'each'),
    ];
    await s.historyFor(fields('GD2', { acceptedAt: crmTime(NOW) }), 'billing-dispute', pack, NOW);
    await s.historyFor(fields('GD2', { acceptedAt: crmTime(NOW), area: '' }), 'billing-dispute', pack, NOW);
    expect(where.mock.calls.map((c) => c[0])).toEqual([
      '[customer+acceptedAt]',
      '[category+area+acceptedAt]',
      '[category+area+acceptedAt]',
      '[customer+acceptedAt]',
      '[category+acceptedAt]',
    ]);
    for (const spy of [...tickets, ...scans]) expect(spy).not.toHaveBeenCalled();
  });
});

describe('agent actions and events', () => {
  it('marks done, reopens, acknowledges, snoozes, and logs each', async () => {
    const s = store();
    await s.recordSeen(seen(fields('GD1'), NOW));
    await s.recordSeen(seen(fields('GD2'), NOW + MINUTE));
    expect((await s.openTickets()).map((t) => t.id)).toEqual(['GD2', 'GD1']); // newest seen first
    expect(await s.markDone('demo-legacy:GD2', 'agent', NOW + 2 * MINUTE)).toBe(true);
    expect(await s.markDone('demo-legacy:nope', 'agent', NOW)).toBe(false);
    expect((await s.openTickets()).map((t) => t.id)).toEqual(['GD1']);
    await s.reopen('demo-legacy:GD2');
    const reopened = await s.getTicket('demo-legacy:GD2');
    expect(reopened?.done).toBe(0);
    expect(reopened).not.toHaveProperty('doneBy');
    await s.acknowledge('demo-legacy:GD1', 'dispatch', NOW + 3 * MINUTE);
    await s.snooze('demo-legacy:GD1', 'resolve', NOW + HOUR, NOW + 4 * MINUTE);
    await s.logEvent('demo-legacy:GD1', 'script-copied', undefined, NOW + 5 * MINUTE);
    expect(await s.getTicket('demo-legacy:GD1')).toMatchObject({
      acknowledged: { dispatch: NOW + 3 * MINUTE },
      snoozedUntil: { resolve: NOW + HOUR },
    });
    const recent = await s.recentEvents(3);
    expect(recent.map((e) => [e.type, e.detail])).toEqual([
      ['script-copied', undefined],
      ['snoozed', 'resolve 至 2026-11-28T11:00:00+08:00'],
      ['acknowledged', 'dispatch'],
    ]);
  });
});

describe('purge', () => {
  it('removes tickets not seen within the retention days, with their events', async () => {
    const s = store();
    await s.recordSeen(seen(fields('OLD'), NOW - 400 * DAY));
    await s.logEvent('demo-legacy:OLD', 'script-copied', undefined, NOW - 399 * DAY);
    await s.recordSeen(seen(fields('KEPT'), NOW - 400 * DAY));
    await s.recordSeen(seen(fields('KEPT'), NOW - DAY));
    expect(await s.purge(NOW, 365)).toBe(1);
    expect(await s.getTicket('demo-legacy:OLD')).toBeUndefined();
    expect(await s.getTicket('demo-legacy:KEPT')).toBeDefined();
    const events = await s.recentEvents(50);
    expect(events.map((e) => e.ticketKey)).toEqual(['demo-legacy:KEPT']); // KEPT's 400-day-old `seen` is past retention too
    expect(await s.purge(NOW, 365)).toBe(0);
  });

  it('removes labelled examples (they hold the ticket text) past the retention days', async () => {
    const s = store();
    const label = (key: string, at: number) => ({
      key,
      text: '宽带拆机押金未退',
      classCode: 'cancellation',
      source: 'crm' as const,
      at,
    });
    await s.db.labels.bulkPut([label('demo-legacy:OLD', NOW - 400 * DAY), label('demo-legacy:NEW', NOW - DAY)]);
    await s.purge(NOW, 365);
    expect((await s.db.labels.toArray()).map((l) => l.key)).toEqual(['demo-legacy:NEW']);
  });
});

describe('CSV export', () => {
  it('is UTF-8 with BOM, CRLF, every cell quoted, Chinese headers, phone masked', async () => {
    const s = store();
    await s.recordSeen(seen(fields('GD"1,2', { customerPhone: '13312345678' })));
    await s.recordSeen(seen(fields('=HYPERLINK("x")', { status: '已结单' }), NOW + MINUTE));
    const csv = await s.exportCsv(NOW + HOUR);
    expect(
      csv.startsWith(
        '\uFEFF"工单编号","客服系统","分类","接触类型","风险","标签","最近时限","时限截止","时限状态","受理时间","首次查看","最近查看","已办结","办结时间","联系电话"\r\n',
      ),
    ).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4); // header, two rows, and the final CRLF
    expect(lines[3]).toBe('');
    expect(lines[2]).toBe(
      '"GD""1,2","demo-legacy","费用争议类","投诉","无风险标记","","派单时限","11月28日 10:00","已超时","2026-11-28 09:00","2026-11-28 10:00","2026-11-28 10:00","否","","133****5678"',
    );
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""x""\)",/); // a spreadsheet must not run it
    expect(lines[1]).toContain('"是","2026-11-28 10:01"');
    expect(csv).not.toContain('13312345678');
  });
});

describe('JSON export and import', () => {
  async function populated() {
    const s = store();
    await s.recordSeen(seen(fields('GD1'), NOW));
    await s.recordSeen(seen(fields('GD2', { customerPhone: '18912345678', status: '已结单' }), NOW + MINUTE));
    await s.acknowledge('demo-legacy:GD1', 'dispatch', NOW + 2 * MINUTE);
    await s.snooze('demo-legacy:GD1', 'resolve', NOW + HOUR, NOW + 3 * MINUTE);
    await s.markReminded('demo-legacy:GD1', 'resolve', NOW + 4 * MINUTE, 'GD1 处理时限');
    return s;
  }

  it('round-trips without loss', async () => {
    const a = await populated();
    const json = await a.exportJson();
    const b = store();
    expect(await b.importJson(json)).toEqual({ imported: 2, errors: [] });
    expect(JSON.parse(await b.exportJson())).toEqual(JSON.parse(json));
    expect(await b.getTicket('demo-legacy:GD1')).toEqual(await a.getTicket('demo-legacy:GD1'));
    expect((await b.recentEvents(50)).map(({ seq: _s, ...e }) => e)).toEqual(
      (await a.recentEvents(50)).map(({ seq: _s, ...e }) => e),
    );
  });

  it('does not double events when the same file is imported again', async () => {
    const a = await populated();
    const json = await a.exportJson();
    await a.importJson(json);
    expect(JSON.parse(await a.exportJson())).toEqual(JSON.parse(json));
  });

  it('names bad records and imports the good ones', async () => {
    const a = await populated();
    const file = JSON.parse(await a.exportJson()) as {
      tickets: Record<string, unknown>[];
      events: Record<string, unknown>[];
    };
    file.tickets[0]!.lastSeen = 'yesterday';
    file.tickets.push(
      { ...file.tickets[1], key: 'forged:key' },
      { ...file.tickets[1], id: 'GD9', key: 'demo-legacy:GD9', url: 'javascript:alert(1)' },
    );
    file.events[0]!.type = 'hacked';
    const b = store();
    const r = await b.importJson(JSON.stringify(file));
    expect(r.imported).toBe(1);
    expect(r.errors).toHaveLength(4);
    expect(r.errors[0]).toMatch(/^第 1 张工单：lastSeen/);
    expect(r.errors[1]).toMatch(/^第 3 张工单：key/);
    expect(r.errors[2]).toMatch(/^第 4 张工单：url/);
    expect(r.errors[3]).toMatch(/^第 1 条记录：type/);
    expect(await b.getTicket('demo-legacy:GD1')).toBeUndefined();
    expect(await b.getTicket('demo-legacy:GD2')).toBeDefined();
  });

  it('refuses what is not an export file', async () => {
    const s = store();
    expect(await s.importJson('not json')).toEqual({ imported: 0, errors: ['文件不是有效的 JSON'] });
    expect((await s.importJson('{"tickets":[]}')).errors[0]).toMatch(/^不是工单助手的导出文件/);
  });
});

describe('clearAll', () => {
  it('empties tickets, events, labelled examples and the class model', async () => {
    const s = store();
    await s.recordSeen(seen(fields('GD1')));
    await s.db.labels.put({
      key: 'demo-legacy:GD1',
      text: '网速慢',
      classCode: 'network-quality',
      source: 'crm',
      at: NOW,
    });
    await s.db.models.put({ id: 'current', model: emptyModel(pack), calibratedAt: 0, updatedAt: NOW });
    await s.clearAll();
    expect(await s.db.labels.count()).toBe(0);
    expect(await s.db.models.count()).toBe(0);
    expect(await s.openTickets()).toEqual([]);
    expect(await s.recentEvents(10)).toEqual([]);
    expect(JSON.parse(await s.exportJson())).toMatchObject({ tickets: [], events: [] });
  });
});

describe('figures', () => {
  it('counts handled, on-time per clock, repeat and escalated rates, per class and per day', async () => {
    const s = store();
    const dispatch = (start: number, stop?: number) => clock('dispatch', '派单时限', start, 1, stop);
    const at = (id: string, start: number, clocks: ReturnType<typeof clock>[], over = {}) =>
      s.recordSeen(withClocks(id, clocks, start, { acceptedAt: crmTime(start), ...over }));
    await at('MET', NOW - 2 * DAY, [dispatch(NOW - 2 * DAY, NOW - 2 * DAY + 30 * MINUTE)]);
    await at('LATE', NOW - DAY, [dispatch(NOW - DAY, NOW - DAY + 2 * HOUR)]);
    await at('OVERDUE', NOW - 3 * HOUR, [dispatch(NOW - 3 * HOUR)], { categoryPath: '宽带网络->频繁掉线' });
    await at('DONE-IN-TIME', NOW - 2 * HOUR, [dispatch(NOW - 2 * HOUR)]);
    await s.markDone('demo-legacy:DONE-IN-TIME', 'agent', NOW - 90 * MINUTE);
    await at('RUNNING', NOW - 10 * MINUTE, [dispatch(NOW - 10 * MINUTE)]);
    await at('TOO-OLD', NOW - 40 * DAY, [dispatch(NOW - 40 * DAY, NOW - 40 * DAY + 2 * HOUR)]);
    // A second billing complaint from the same customer: the engine tags it repeat.
    const h = await s.historyFor(
      fields('REPEAT', { acceptedAt: crmTime(NOW - 5 * MINUTE) }),
      'billing-dispute',
      pack,
      NOW,
    );
    await s.recordSeen(seen(fields('REPEAT', { acceptedAt: crmTime(NOW - 5 * MINUTE) }), NOW, h));

    const f = await s.figures(NOW, 7);
    expect(f).toMatchObject({ from: '2026-11-22', to: '2026-11-28', days: 7, handled: 6, done: 1 });
    const d = f.clocks.find((c) => c.code === 'dispatch')!;
    expect(d).toMatchObject({ label: '派单时限', met: 2, late: 1, overdue: 1 });
    expect(d.onTimeRate).toBeCloseTo(0.5);
    expect(f.repeatRate).toBeCloseTo(1 / 6);
    expect(f.escalatedRate).toBe(0);
    expect(f.byClass).toEqual([
      {
        code: 'billing-dispute',
        label: '费用争议类',
        labelEn: 'Charge disputes',
        tickets: 5,
        repeat: 1,
        escalated: 0,
        appeal: 0,
        repeatRate: 0.2,
        escalatedRate: 0,
      },
      {
        code: 'network-quality',
        label: '网络质量类',
        labelEn: 'Network quality',
        tickets: 1,
        repeat: 0,
        escalated: 0,
        appeal: 0,
        repeatRate: 0,
        escalatedRate: 0,
      },
    ]);
    expect(f.byDay.map((x) => x.day)).toEqual([
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
    ]);
    expect(f.byDay.map((x) => x.tickets)).toEqual([0, 0, 0, 0, 1, 1, 4]);
  });

  it('has no rates without tickets', async () => {
    const f = await store().figures(NOW);
    expect(f).toMatchObject({ handled: 0, repeatRate: null, escalatedRate: null, clocks: [], byClass: [] });
    expect(f.byDay).toHaveLength(30);
  });
});

describe('maskPhone', () => {
  it.each([
    ['13312345678', '133****5678'],
    ['133 1234 5678', '133****5678'],
    ['133****5678', '133****5678'],
    ['025-84561234', '*******1234'],
    ['', ''],
  ])('%s → %s', (phone, shown) => expect(maskPhone(phone)).toBe(shown));

  it('shows the number when the agent asks', () => {
    expect(maskPhone('133-1234-5678', true)).toBe('13312345678');
    expect(maskPhone(undefined)).toBe('');
  });
});
