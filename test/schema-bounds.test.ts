// Every schema that reads data from outside has bounds, so no file can make the engine slow, its
// arithmetic overflow (a 1e308-hour clock gave dueAt "NaN-NaN-…") or its validator overflow the stack.
import { describe, expect, it } from 'vitest';
import { parseCalendar } from '../rules/calendar/schema';
import calendarData from '../rules/calendar/cn-holidays.json';
import { parseModel } from '../rules/classifier/model';
import { train } from '../rules/classifier/train';
import { evaluate } from '../rules/engine/evaluate';
import { indexHistory } from '../rules/engine/history';
import { conditionTooDeep } from '../rules/pack/condition';
import { parsePack, type Pack } from '../rules/pack/schema';
import chinaTelecom from '../rules/packs/china-telecom.json';
import { parseSiteAdapter } from '../rules/sites/schema';
import { TicketSchema } from '../rules/ticket-schema';
import { parseCrmTime } from '../rules/time/parse';
import { VerdictSchema } from '../rules/verdict';

function parsePackOrThrow(raw: unknown): Pack {
  const r = parsePack(raw);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.pack;
}

type Loose = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const pathsOf = (errors: string[]) => errors.map((e) => e.slice(0, e.indexOf(': ')));
const nested = (depth: number): Loose => {
  let c: Loose = { fact: 'content', anyOf: ['网速'] };
  for (let i = 1; i < depth; i++)
    c = i % 3 === 0 ? { all: [c] } : i % 3 === 1 ? { not: c } : { any: [{ fact: 'title', anyOf: ['慢'] }, c] };
  return c;
};
const many = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));

describe('pack bounds', () => {
  // [case, mutation, paths refused, or [] when the pack stays valid]
  const cases: [string, (p: Loose) => void, string[]][] = [
    [
      'a clock of 1e308 hours',
      (p) => (p.clocks[0].limit = { basis: 'hours', amount: 1e308 }),
      ['clocks.0.limit.amount'],
    ],
    ['9,601 hours', (p) => (p.clocks[0].limit = { basis: 'hours', amount: 9_601 }), ['clocks.0.limit.amount']],
    ['9,600 hours', (p) => (p.clocks[0].limit = { basis: 'hours', amount: 9_600 }), []],
    [
      'vip 9,601 hours',
      (p) => (p.clocks[2].limit = { basis: 'hours', vip: 9_601, ordinary: 24 }),
      ['clocks.2.limit.vip'],
    ],
    [
      '401 working days',
      (p) => (p.clocks[4].limit = { basis: 'working-days', amount: 401 }),
      ['clocks.4.limit.amount'],
    ],
    ['400 working days', (p) => (p.clocks[4].limit = { basis: 'working-days', amount: 400 }), []],
    ['401 days', (p) => (p.clocks[5].limit = { basis: 'days', amount: 401 }), ['clocks.5.limit.amount']],
    ['400 days', (p) => (p.clocks[5].limit = { basis: 'days', amount: 400 }), []],
    ['warning points at 50% and 80%', (p) => (p.clocks[0].warnAt = [0.5, 0.8]), []],
    ['five warning points', (p) => (p.clocks[0].warnAt = [0.1, 0.3, 0.5, 0.7, 0.9]), []],
    ['six warning points', (p) => (p.clocks[0].warnAt = [0.1, 0.2, 0.3, 0.5, 0.7, 0.9]), ['clocks.0.warnAt']],
    ['no warning points', (p) => (p.clocks[0].warnAt = []), ['clocks.0.warnAt']],
    ['a warning point at 0', (p) => (p.clocks[0].warnAt = [0, 0.5]), ['clocks.0.warnAt.0']],
    ['a warning point at the due time', (p) => (p.clocks[0].warnAt = [0.5, 1]), ['clocks.0.warnAt.1']],
    ['a warning point over 100%', (p) => (p.clocks[0].warnAt = [1.5]), ['clocks.0.warnAt.0']],
    ['warning points out of order', (p) => (p.clocks[0].warnAt = [0.8, 0.5]), ['clocks.0.warnAt']],
    ['a warning point twice', (p) => (p.clocks[0].warnAt = [0.5, 0.5]), ['clocks.0.warnAt']],
    ['a warning point as text', (p) => (p.clocks[0].warnAt = ['75%']), ['clocks.0.warnAt.0']],
    ['retention of a million days', (p) => (p.retentionDays = 1e6), ['retentionDays']],
    ['repeat window of 1e308 days', (p) => (p.history.repeat.windowDays = 1e308), ['history.repeat.windowDays']],
    ['conditions 32 deep', (p) => (p.priority[0].when = nested(32)), []],
    [
      'conditions 33 deep',
      (p) => (p.priority[0].when = nested(33)),
      [`priority.0.when.${conditionTooDeep(nested(33))!.join('.')}`],
    ],
    [
      '201 branches in an any',
      (p) => (p.dispatch[0].when = { any: many(201, () => ({ fact: 'title', anyOf: ['慢'] })) }),
      ['dispatch.0.when.any'],
    ],
    [
      '2,001 words in an anyOf',
      (p) => (p.tags[1].when.any[0].anyOf = many(2_001, (i) => `词${i}`)),
      ['tags.1.when.any.0.anyOf'],
    ],
    ['a 201-character word', (p) => (p.tags[1].when.any[0].anyOf = ['字'.repeat(201)]), ['tags.1.when.any.0.anyOf.0']],
    [
      '2,001 path keywords',
      (p) => (p.classes[0].pathKeywords = many(2_001, (i) => `词${i}`)),
      ['classes.0.pathKeywords'],
    ],
    ['501 dispatch rules', (p) => (p.dispatch = many(501, () => p.dispatch[0])), ['dispatch']],
    ['a 2,001-character reason', (p) => (p.tags[0].because = '因'.repeat(2_001)), ['tags.0.because']],
    [
      'a 501-character pattern',
      (p) => (p.tags[1].when.any[1].matches = 'a'.repeat(501)),
      ['tags.1.when.any.1.matches'],
    ],
  ];

  it.each(cases)('%s', (_, mutate, paths) => {
    const p = structuredClone(chinaTelecom) as Loose;
    mutate(p);
    const r = parsePack(p);
    expect(r.ok ? [] : pathsOf(r.errors)).toEqual(paths);
  });

  it('refuses 20,000 nested `not` at once, naming where depth 33 starts, without overflowing the stack', () => {
    let deep: Loose = { fact: 'content', anyOf: ['x'] };
    for (let i = 0; i < 20_000; i++) deep = { not: deep };
    const p = structuredClone(chinaTelecom) as Loose;
    p.tags[0].when = deep;
    const start = performance.now();
    const r = parsePack(p);
    expect(r.ok ? [] : r.errors).toEqual([
      `tags.0.when${'.not'.repeat(32)}: conditions nest deeper than 32 levels of all/any/not`,
    ]);
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  it('the depth check counts all, any and not alike and tolerates junk', () => {
    expect(conditionTooDeep(nested(32))).toBeNull();
    // 32 wrappers around the leaf: 11 `not` (one step each), 21 `all`/`any` (a key and an index each).
    expect(conditionTooDeep(nested(33))).toHaveLength(11 + 2 * 21);
    expect(conditionTooDeep(null)).toBeNull();
    expect(conditionTooDeep({ not: 'x', all: 5, any: [null] })).toBeNull();
  });
});

describe('a clock at the bounds gives a real due time', () => {
  it.each([
    ['hours', 9_600],
    ['days', 400],
  ] as const)('%s %d from the last accepted time', (basis, amount) => {
    const data = structuredClone(chinaTelecom) as Loose;
    data.clocks[0].limit = { basis, amount };
    const r = parsePack(data);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const pack: Pack = r.pack;
    const v = evaluate(
      { id: 'A', acceptedAt: '2100-12-31 23:59', title: '网速慢' },
      pack,
      indexHistory([], pack, null),
      Date.UTC(2100, 11, 31, 16),
      {},
    );
    expect(JSON.stringify(v)).not.toMatch(/NaN|Invalid/);
    // Natural hours run through any year; a day period needs the 2102 calendar (not loaded) to move a rest day.
    const dueAt = v.clocks.find((c) => c.code === 'dispatch')?.dueAt;
    if (basis === 'hours') expect(dueAt).toMatch(/^2102-/);
    else expect(v.unknown.map((u) => u.because).join('\n')).toMatch(/2102/);
  });
});

describe("a verdict's warning points are bounded like the pack's", () => {
  const v = evaluate(
    { id: 'A', acceptedAt: '2026-11-28 09:00', title: '网速慢' },
    parsePackOrThrow(chinaTelecom),
    [],
    Date.parse('2026-11-28T10:00:00+08:00'),
  );
  const withWarn = (warnAt: unknown) => ({ ...v, clocks: v.clocks.map((c) => ({ ...c, warnAt })) });
  it.each([
    [[0.5, 0.8], true],
    [undefined, true], // stored before there were any: the default applies
    [[], false],
    [[0, 0.5], false],
    [[1], false],
    [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6], false],
    [['0.5'], false],
  ])('%j', (warnAt, ok) => {
    expect(VerdictSchema.safeParse(withWarn(warnAt)).success).toBe(ok);
  });
});

describe('times outside 2000–2100 are refused with a reason, and the field is unknown', () => {
  const pack = parsePack(chinaTelecom);
  if (!pack.ok) throw new Error(pack.errors.join('\n'));
  const history = indexHistory([], pack.pack, null);

  it.each<[string, unknown, RegExp]>([
    ['past the last date JavaScript holds (ms)', 8.64e15 + 1, /epoch value/],
    ['the last date JavaScript holds (ms)', 8.64e15, /epoch value/],
    ['1e308', 1e308, /epoch value/],
    ['a 400-digit number as text', '9'.repeat(400), /not finite/],
    ['year 275760', '275760-09-13 00:00', /unrecognised time format/],
    ['ISO extended year', '+275760-09-13T00:00:00Z', /unrecognised time format/],
    ['year 9999', '9999-12-31 23:59', /year outside 2000–2100/],
    ['year 2101', '2101-01-01 00:00', /year outside 2000–2100/],
    ['year 1999', '1999-12-31 23:59', /year outside 2000–2100/],
    ['negative', -1e308, /epoch value/],
  ])('%s', (_, value, reason) => {
    const p = parseCrmTime(value);
    expect(p.ok ? p.ms : p.reason).toMatch(reason);
    const v = evaluate(
      { id: 'A', acceptedAt: value as string, title: '网速慢' },
      pack.pack,
      history,
      Date.UTC(2026, 10, 28),
      {},
    );
    expect(v.unknown.some((u) => u.field === 'acceptedAt')).toBe(true);
    expect(JSON.stringify(v)).not.toMatch(/NaN|Invalid Date/);
  });
});

describe('adapter bounds', () => {
  const base = () => ({
    id: 'x',
    name: 'x',
    matches: ['<all_urls>'],
    fields: { title: { locators: [{ css: 'h1' }] as Loose[], transform: [] as Loose[] } } as Loose,
  });
  it.each<[string, (a: Loose) => void, string]>([
    ['21 locators', (a) => (a.fields.title.locators = many(21, () => ({ css: 'h1' }))), 'fields.title.locators'],
    ['21 transforms', (a) => (a.fields.title.transform = many(21, () => ({ trim: true }))), 'fields.title.transform'],
    [
      '51 labels',
      (a) => (a.fields.title.locators = [{ label: many(51, (i) => `标签${i}`) }]),
      'fields.title.locators.0.label',
    ],
    [
      'a 1,001-character selector',
      (a) => (a.fields.title.locators = [{ css: 'a'.repeat(1_001) }]),
      'fields.title.locators.0.css',
    ],
    [
      '1,001 map entries',
      (a) => (a.fields.title.transform = [{ map: Object.fromEntries(many(1_001, (i) => [`k${i}`, 'v'])) }]),
      'fields.title.transform.0.map',
    ],
    ['51 URL patterns', (a) => (a.matches = many(51, () => '<all_urls>')), 'matches'],
    ['11 frames', (a) => (a.fields.title.frame = many(11, () => 'f')), 'fields.title.frame'],
  ])('%s', (_, mutate, path) => {
    const a = base();
    expect(parseSiteAdapter(a).ok).toBe(true);
    mutate(a);
    const r = parseSiteAdapter(a);
    expect(r.ok ? [] : pathsOf(r.errors)).toContain(path);
  });
});

describe('calendar, model and ticket bounds', () => {
  it('calendar: years and dates', () => {
    expect(parseCalendar(calendarData).ok).toBe(true);
    const r = parseCalendar({ ...calendarData, years: many(102, () => 2026) });
    expect(r.ok ? [] : pathsOf(r.errors)).toContain('years');
    const big = parseCalendar({ ...calendarData, name: 'n'.repeat(1_001) });
    expect(big.ok ? [] : pathsOf(big.errors)).toContain('name');
  });

  it('model: labels and features', () => {
    const pack = parsePack(chinaTelecom);
    if (!pack.ok) throw new Error('pack');
    const model = JSON.parse(JSON.stringify(train(pack.pack, []))) as Loose;
    expect(parseModel(model).ok).toBe(true);
    const r = parseModel({ ...model, classes: many(501, (i) => `c${i}`) });
    expect(r.ok ? [] : pathsOf(r.errors)).toContain('classes');
    const f = parseModel({ ...model, class: { ...model.class, counts: { ['特'.repeat(201)]: [0, 1] } } });
    expect(f.ok ? [] : f.errors.join('\n')).toMatch(/class\.counts/);
  });

  it('ticket: field length and finite numbers', () => {
    expect(TicketSchema.safeParse({ text: '字'.repeat(100_000) }).success).toBe(true);
    expect(TicketSchema.safeParse({ text: '字'.repeat(100_001) }).success).toBe(false);
    expect(TicketSchema.safeParse({ repeatCount: Infinity }).success).toBe(false);
    expect(TicketSchema.safeParse(JSON.parse('{"acceptedAt": 1e400}')).success).toBe(false);
  });
});
