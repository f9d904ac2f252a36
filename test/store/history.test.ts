import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '@/rules/engine/evaluate';
import type { Condition } from '@/rules/pack/condition';
import { packs } from '@/rules/packs';
import { parseCrmTime } from '@/rules/time/parse';
import { HISTORY_FIELDS, historyRow } from '@/utils/db/history';
import type { Store } from '@/utils/db/store';
import { crmTime, DAY, fields, freshStore, HOUR, NOW, seen, storesClosedAfterEach, type Fields } from './fixtures';
import { DEEP } from '../runs';

// Each case fills a fresh database: the slowest property of the suite.
const RUNS = DEEP ? 100 : 40;

const store = storesClosedAfterEach();

const HISTORY_TAGS = new Set(['repeat', 'group', 'escalated']);

/** The history rows hold exactly what the tickets would give. */
async function inStep(s: Store) {
  const [tickets, history] = await Promise.all([s.db.tickets.toArray(), s.db.history.toArray()]);
  expect(history).toEqual(tickets.map(historyRow));
}

describe('history rows', () => {
  it('keep every field the bundled packs classify by', () => {
    const facts = (c: Condition | undefined): string[] =>
      c ? [...(c.fact ? [c.fact] : []), ...[...(c.all ?? []), ...(c.any ?? []), c.not].flatMap(facts)] : [];
    // `content` is title, text, categoryPath and business; class paths read categoryPath.
    const kept = new Set<string>([...HISTORY_FIELDS, 'content']);
    for (const p of Object.values(packs))
      expect(p.classes.flatMap((k) => facts(k.when)).filter((f) => !kept.has(f))).toEqual([]);
  });

  it('follow the tickets through recordSeen, import, purge and clearAll', async () => {
    const s = store();
    await s.recordSeen(seen(fields('GD1', { area: ' 南京市-鼓楼区 ' }), NOW - 400 * DAY));
    await s.recordSeen(seen(fields('GD2', { area: '' })));
    await s.recordSeen(seen(fields('GD2', { area: '', customerPhone: '18900001111' }), NOW + HOUR));
    await inStep(s);
    const row = await s.db.history.get('demo-legacy:GD1');
    expect(row).toMatchObject({
      customer: '13312345678',
      category: 'billing-dispute',
      area: '南京市-鼓楼区',
      acceptedAt: NOW - HOUR,
    });
    expect(Object.keys(row!.fields).sort()).toEqual(
      Object.keys(fields('x'))
        .filter((k) => (HISTORY_FIELDS as readonly string[]).includes(k))
        .sort(),
    );
    expect((await s.db.history.get('demo-legacy:GD2'))?.area).toBe('');

    const json = await s.exportJson();
    const b = store();
    await b.importJson(json);
    await inStep(b);
    expect(await s.purge(NOW, 365)).toBe(1);
    await inStep(s);
    await s.clearAll();
    expect(await s.db.history.count()).toBe(0);
  });
});

// Small pools, so customers, classes and areas meet often enough for every tag to fire.
const phone = fc.constantFrom(
  '13312345678',
  '133 1234-5678',
  '18900001111',
  '18900002222',
  '18900003333',
  '133****5678',
  undefined,
);
const path = fc.constantFrom(
  '服务请求->投诉单->费用争议类->违约金',
  '服务请求->投诉单->网络质量类->移动网络->信号弱',
  '服务请求->其他->未分类',
  undefined,
);
const title = fc.constantFrom('客户对违约金不认可', '宽带经常掉线', '包月扣费', '客户端闪退', '其他', undefined);
const area = fc.constantFrom('南京市-鼓楼区', '南京市-玄武区', ' 南京市-鼓楼区 ', '', undefined);
const channel = fc.constantFrom('10000号', '营业厅', '集团热线4008810000', '工信部申诉', undefined);
const level = fc.constantFrom('VIP', '2星', '6星', '未评级', undefined);
// Mostly within the group window, some within the repeat window, a few past it, a few later than the query.
const offset = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 96 * HOUR }) },
  { weight: 3, arbitrary: fc.integer({ min: 4 * DAY, max: 35 * DAY }) },
  { weight: 1, arbitrary: fc.integer({ min: -6 * HOUR, max: 0 }) },
);
const ticket = (id: fc.Arbitrary<string>) =>
  fc
    .record({
      id,
      customerPhone: phone,
      categoryPath: path,
      title,
      area,
      channel,
      customerLevel: level,
      accepted: fc.option(offset, { nil: undefined, freq: 8 }),
      closedAfter: fc.option(fc.integer({ min: HOUR, max: 3 * DAY }), { nil: undefined }),
    })
    .map(({ accepted, closedAfter, ...f }): Fields => {
      const at = accepted === undefined ? undefined : NOW - accepted;
      const out: Fields = {
        ...fields(f.id, f),
        acceptedAt: at === undefined ? undefined : crmTime(at),
        closedAt: at === undefined || closedAfter === undefined ? undefined : crmTime(at + closedAfter),
      };
      for (const k of Object.keys(out) as (keyof Fields)[]) if (out[k] === undefined) delete out[k];
      return out;
    });

const historyTags = (v: ReturnType<typeof evaluate>) => v.tags.filter((t) => HISTORY_TAGS.has(t.code));

describe('historyFor against a scan of every stored ticket', () => {
  it.each(Object.values(packs))(
    'gives the engine the same repeat, group and escalated tags ($id)',
    async (pack) => {
      const fired = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.array(ticket(fc.integer({ min: 1, max: 60 }).map((n) => `GD${n}`)), { minLength: 10, maxLength: 40 }),
          fc.array(ticket(fc.integer({ min: 50, max: 70 }).map((n) => `GD${n}`)), { minLength: 1, maxLength: 6 }),
          async (stored, queries) => {
            const s = freshStore();
            try {
              for (const f of stored)
                await s.recordSeen({ ...seen(f, NOW - DAY), verdict: evaluate(f, pack, [], NOW - DAY) });
              const all = await s.db.tickets.toArray();
              for (const q of queries) {
                const first = evaluate(q, pack, [], NOW);
                const found = await s.historyFor(q, first.category?.code ?? null, pack, NOW);
                const read = parseCrmTime(q.acceptedAt);
                const at = read.ok ? read.ms : NOW;
                // The store has always looked back over the repeat window, which bounds escalation too;
                // in acceptance order, as the index gives them, since escalation names the first it finds.
                const scanned = all
                  .filter((t) => t.acceptedAt >= at - pack.history.repeat.windowDays * DAY)
                  .sort((a, b) => a.acceptedAt - b.acceptedAt || (a.key < b.key ? -1 : 1))
                  .map((t) => t.fields);
                const tags = historyTags(evaluate(q, pack, scanned, NOW));
                expect(historyTags(evaluate(q, pack, found, NOW))).toEqual(tags);
                for (const t of tags) fired.set(t.code, (fired.get(t.code) ?? 0) + 1);
              }
            } finally {
              s.close();
            }
          },
        ),
        { numRuns: RUNS, seed: 20261128 },
      );
      // A property that never sees a tag fire proves nothing.
      for (const code of HISTORY_TAGS) expect(fired.get(code), code).toBeGreaterThanOrEqual(DEEP ? 3 : 1);
      // 100 fresh databases of up to 40 tickets on fake-indexeddb: 5–10 s on a busy two-core machine.
    },
    60_000,
  );
});
