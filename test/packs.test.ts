import { afterEach, describe, expect, it, vi } from 'vitest';
import { parsePack } from '../rules/pack/schema';
import chinaTelecom from '../rules/packs/china-telecom.json';
import tianyiSpace from '../rules/packs/tianyi-space.json';
import { getPack, packs } from '../rules/packs';
import { DEFAULT_PACK } from '../rules/packs/default-pack';

// Mutations deliberately break the pack's shape, so they work on an untyped copy.
type Loose = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const pathsOf = (errors: string[]) => errors.map((e) => e.slice(0, e.indexOf(': ')));

describe('shipped packs', () => {
  it.each([
    ['china-telecom', chinaTelecom],
    ['tianyi-space', tianyiSpace],
  ])('%s parses, and is what getPack returns', (id, data) => {
    const r = parsePack(data);
    expect(r.ok ? r.pack.id : r.errors).toBe(id);
    expect(getPack(id)).toBe(packs[id]);
    expect(getPack(id)).toEqual(r.ok && r.pack);
  });

  it('lists exactly the two packs, and nothing for other names', () => {
    expect(Object.keys(packs).sort()).toEqual(['china-telecom', 'tianyi-space']);
    expect(getPack('nope')).toBeUndefined();
    expect(getPack('toString')).toBeUndefined();
  });
});

describe('a bad pack is refused whole, every problem named by its path', () => {
  const cases: [string, (p: Loose) => void, string[]][] = [
    ['missing clause', (p) => delete p.tags[0].clause, ['tags.0.clause']],
    ['unknown tag in a condition', (p) => (p.priority[1].when = { tag: 'nope' }), ['priority.1.when.tag']],
    [
      'unknown tag nested in all/any/not',
      (p) => (p.scripts[0].when = { all: [{ not: { tag: 'nope:kind' } }] }),
      ['scripts.0.when.all.0.not.tag'],
    ],
    ['bad regex in matches', (p) => (p.tags[1].when.any[1].matches = '赔(偿'), ['tags.1.when.any.1.matches']],
    [
      'two forms in one condition',
      (p) => (p.dispatch[0].when = { fact: 'content', anyOf: ['a'], matches: 'b' }),
      ['dispatch.0.when'],
    ],
    ['unknown script variable', (p) => (p.scripts[2].text = '您好{customer}'), ['scripts.2.text']],
    ['duplicate class code', (p) => (p.classes[3].code = p.classes[0].code), ['classes.3.code']],
    [
      'limit with amount and vip/ordinary',
      (p) => (p.clocks[2].limit = { basis: 'hours', amount: 1, vip: 12, ordinary: 24 }),
      ['clocks.2.limit'],
    ],
    ['limit with vip but no ordinary', (p) => (p.clocks[2].limit = { basis: 'hours', vip: 12 }), ['clocks.2.limit']],
    [
      'non-integer working days',
      (p) => (p.clocks[4].limit = { basis: 'working-days', amount: 2.5 }),
      ['clocks.4.limit.amount'],
    ],
  ];

  it.each(cases)('%s', (_, mutate, paths) => {
    const p = structuredClone(chinaTelecom) as Loose;
    mutate(p);
    const r = parsePack(p);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : pathsOf(r.errors)).toEqual(paths);
  });

  it('names all of them at once, structural and cross-reference problems alike', () => {
    const p = structuredClone(tianyiSpace) as Loose;
    for (const [, mutate] of cases) mutate(p);
    const r = parsePack(p);
    expect(r).not.toHaveProperty('pack');
    // Two cases rewrite the same limit, so the later one's single error stands for both.
    expect(r.ok ? [] : pathsOf(r.errors).sort()).toEqual([...new Set(cases.flatMap(([, , paths]) => paths))].sort());
  });
});

describe('packs/index', () => {
  afterEach(() => {
    vi.doUnmock('../rules/packs/tianyi-space.json');
    vi.resetModules();
  });

  it('throws at import when a shipped pack is invalid, naming pack and path', async () => {
    const bad = structuredClone(tianyiSpace) as Loose;
    delete bad.clocks[0].clause;
    vi.resetModules();
    vi.doMock('../rules/packs/tianyi-space.json', () => ({ default: bad }));
    await expect(import('../rules/packs')).rejects.toThrow('tianyi-space: clocks.0.clause');
  });
});

describe('the default pack the content script uses unchecked', () => {
  it('is the shipped china-telecom pack, and the schema leaves it exactly as written', () => {
    const r = parsePack(DEFAULT_PACK);
    expect(r.ok && r.pack).toEqual(DEFAULT_PACK);
  });
});
