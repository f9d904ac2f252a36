import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fields, MINUTE, NOW, seen, storesClosedAfterEach } from './fixtures';

// An import file comes from another machine or a hand edit: one ticket twice is one ticket, and a
// time no real ticket has is refused by name rather than stored (and exported) as NaN.

const store = storesClosedAfterEach();
type File = { tickets: Record<string, unknown>[]; events: Record<string, unknown>[] };

async function exported() {
  const s = store();
  await s.recordSeen(seen(fields('GD1'), NOW));
  await s.recordSeen(seen(fields('GD2'), NOW + MINUTE));
  return JSON.parse(await s.exportJson()) as File;
}

describe('JSON import checks', () => {
  it('imports a ticket twice in the file once, the most recently seen copy, and names each duplicate', async () => {
    const file = await exported();
    const gd1 = file.tickets.find((t) => t.id === 'GD1')!;
    const fieldsOf = (status: string) => ({ ...(gd1.fields as object), status });
    file.tickets.push(
      { ...gd1, lastSeen: NOW + 10 * MINUTE, fields: fieldsOf('处理中（新）') }, // line 3: newer, kept
      { ...gd1, lastSeen: NOW - MINUTE, fields: fieldsOf('处理中（旧）') }, // line 4: older, left out
    );
    const s = store();
    const r = await s.importJson(JSON.stringify(file));
    expect(r).toEqual({
      imported: 2,
      duplicates: 2,
      errors: [
        '第 3 张工单：与第 1 张重复（工单 GD1），只导入最近查看的第 3 张，第 1 张略过',
        '第 4 张工单：与第 3 张重复（工单 GD1），只导入最近查看的第 3 张，第 4 张略过',
      ],
    });
    expect(await s.db.tickets.count()).toBe(2);
    expect(await s.db.history.count()).toBe(2);
    expect(await s.getTicket('demo-legacy:GD1')).toMatchObject({
      lastSeen: NOW + 10 * MINUTE,
      fields: { status: '处理中（新）' },
    });
  });

  it('refuses times outside 2000–2100 or past what a JavaScript date holds, naming line and path', async () => {
    const file = await exported();
    const [gd1, gd2] = file.tickets as [Record<string, unknown>, Record<string, unknown>];
    const verdict = gd2.verdict as { clocks: Record<string, unknown>[] };
    expect(verdict.clocks.length).toBeGreaterThan(0);
    file.tickets = [
      { ...gd1, lastSeen: 9e15 }, // a safe integer, past the last JS date (8.64e15): was stored, exported as NaN
      { ...gd1, acceptedAt: Date.parse('1999-12-31T23:59:59+08:00') },
      { ...gd1, snoozedUntil: { resolve: 1e300 } },
      { ...gd2, verdict: { ...verdict, clocks: [{ ...verdict.clocks[0], dueAt: '2150-01-01T00:00:00+08:00' }] } },
      { ...gd2, verdict: { ...verdict, clocks: [{ ...verdict.clocks[0], startAt: '2026-13-45T00:00:00+08:00' }] } },
      gd2,
    ];
    file.events.push({ ...file.events[0], at: 8.64e15 + 1 });
    const s = store();
    const r = await s.importJson(JSON.stringify(file));
    expect(r.imported).toBe(1);
    expect(r.errors).toEqual([
      '第 1 张工单：lastSeen：时间应在 2000-01-01 至 2100-01-01 之间',
      '第 2 张工单：acceptedAt：时间应在 2000-01-01 至 2100-01-01 之间',
      '第 3 张工单：snoozedUntil.resolve：时间应在 2000-01-01 至 2100-01-01 之间',
      '第 4 张工单：verdict.clocks.0.dueAt：时间应在 2000-01-01 至 2100-01-01 之间',
      '第 5 张工单：verdict.clocks.0.startAt：时间应在 2000-01-01 至 2100-01-01 之间',
      `第 ${file.events.length} 条记录：at：时间应在 2000-01-01 至 2100-01-01 之间`,
    ]);
    expect(await s.getTicket('demo-legacy:GD1')).toBeUndefined();
    const out = await s.exportJson();
    expect(out).not.toContain('NaN');
    expect((JSON.parse(out) as File).tickets.map((t) => t.day)).toEqual(['2026-11-28']);
  });
});
