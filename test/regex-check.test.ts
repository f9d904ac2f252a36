// Patterns from data (adapters' `regex` transforms, packs' `matches`) are refused at load when they
// can backtrack catastrophically, and every pattern from data runs on bounded text.
import { readdirSync, readFileSync } from 'node:fs';
import recheck from 'recheck/lib/browser.js';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../rules/engine/evaluate';
import { indexHistory } from '../rules/engine/history';
import { parsePack } from '../rules/pack/schema';
import chinaTelecom from '../rules/packs/china-telecom.json';
import tianyiSpace from '../rules/packs/tianyi-space.json';
import { MAX_MATCH_INPUT } from '../rules/regex';
import { MAX_PATTERN_LENGTH, patternProblem } from '../rules/regex-check';
import { countsUnbounded } from '../rules/regex-judge';
import { compileDatePattern } from '../rules/sites/date-pattern';
import { wildcardMatch } from '../rules/sites/match';
import { parseSiteAdapter } from '../rules/sites/schema';
import { applyTransforms } from '../rules/sites/transforms';

type Loose = any; // eslint-disable-line @typescript-eslint/no-explicit-any
// The checker needs up to ~1.5 s for the hardest patterns (and its first call warms it up).
const SLOW = { timeout: 60_000 };

// Known evil: each backtracks exponentially or polynomially in V8 on a crafted text.
const EVIL = [
  '^(a+)+$',
  '(a|a)*b',
  '(.*a){12}',
  '(\\w+\\s?)+$',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
  '(a|aa)+$',
  '(x+x+)+y',
  '^(a*)*$',
  '(\\d+)*$',
  '^(\\w+)*@',
  '^(\\d|\\d\\d)+$',
  '(ab|a|b)*c',
  '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$',
  // polynomial: \s*#?\s*$ took 290 s on 10,001 characters
  '\\s*#?\\s*$',
  '^\\s*\\d+\\s*\\d+\\s*$',
  'a*a*a*$',
  '.*.*=.*',
  '(.*,){11}x',
  '(a|b)*c',
  '(\\d+-)+\\d+$',
  // bounded, yet exponential in practice: V8 spends 84 s on (a{1,20}){1,20}b against 30 a's
  '(a{1,20}){1,20}b',
  '(\\w{1,20}\\s?){1,50}$',
];

// Known safe, including ones a star-height heuristic refuses (bounded or non-overlapping repetition).
const SAFE = [
  '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}(:\\d{2})?',
  '(?:\\d{1,3}\\.){3}\\d{1,3}',
  '^\\d{4}(?:-\\d{2}){2}$',
  '^(?:[a-z]+ )*[a-z]+$',
  '^(\\w+\\s)*$',
  '^(a|b)*c',
  'a{1,30}b',
  '\\p{L}{2,8}[0-9]{1,3}',
  '[{}]\\{1,2\\}',
  '^[a-z0-9-]+$',
  '(退费|退款|赔偿)',
  '投诉.{0,20}工信部',
  '\\d{3}\\*{4}\\d{4}|1\\d{10}',
  '(?<!不)满意',
  '^(ab)+$',
  '(ab)*(cd)*',
];

/** Every pattern a shipped pack or adapter carries. */
function shippedPatterns(): [string, string, string][] {
  const out: [string, string, string][] = [];
  const walk = (where: string, key: string, flags: string, o: unknown): void => {
    if (Array.isArray(o)) o.forEach((x) => walk(where, key, flags, x));
    else if (o && typeof o === 'object')
      for (const [k, v] of Object.entries(o))
        k === key && typeof v === 'string' ? out.push([where, v, flags]) : walk(where, key, flags, v);
  };
  walk('china-telecom', 'matches', 'iu', chinaTelecom.tags);
  for (const p of [chinaTelecom, tianyiSpace])
    for (const [k, v] of Object.entries(p)) if (k !== 'id') walk(p.id, 'matches', 'iu', v);
  const dir = new URL('../rules/sites/', import.meta.url);
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')))
    walk(f, 'regex', '', JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
  return out;
}

const adapterWith = (regex: string) => ({
  id: 'x',
  name: 'x',
  matches: ['<all_urls>'],
  fields: { title: { locators: [{ css: 'h1' }], transform: [{ trim: true }, { regex }] } },
});
const packWith = (matches: string): Loose => {
  const p = structuredClone(chinaTelecom) as Loose;
  p.tags[1].when.any[1].matches = matches;
  return p;
};

describe('patterns with catastrophic backtracking are refused at load', SLOW, () => {
  it.each(EVIL)('%s', (source) => {
    expect(patternProblem(source, '')).toMatch(
      /^catastrophic backtracking: matching can take (exponential|polynomial \(degree \d+\)) time/,
    );
    const adapter = parseSiteAdapter(adapterWith(source));
    expect(adapter.ok ? [] : adapter.errors).toEqual([
      expect.stringMatching(/^fields\.title\.transform\.1\.regex: catastrophic backtracking: /),
    ]);
    const pack = parsePack(packWith(source));
    expect(pack.ok ? [] : pack.errors).toEqual([
      expect.stringMatching(/^tags\.1\.when\.any\.1\.matches: catastrophic backtracking: /),
    ]);
  });
});

describe('safe patterns are accepted', SLOW, () => {
  it.each(SAFE)('%s', (source) => {
    expect(patternProblem(source, '')).toBeNull();
    expect(patternProblem(source, 'iu')).toBeNull();
    expect(parseSiteAdapter(adapterWith(source)).ok).toBe(true);
    expect(parsePack(packWith(source)).ok).toBe(true);
  });

  it.each(shippedPatterns())('shipped: %s %s', (_, source, flags) => {
    expect(patternProblem(source, flags)).toBeNull();
  });

  it('finds the shipped patterns it checks', () => {
    expect(shippedPatterns().length).toBeGreaterThanOrEqual(5);
  });
});

describe('counted repetitions are judged as if unbounded too', () => {
  it.each([
    ['(a{1,20}){1,20}b', '(a{1,}){1,}b'],
    ['\\d{4}-\\d{2}(:\\d{2})?', '\\d{4,}-\\d{2,}(:\\d{2,})?'],
    ['a{0,1}b{1}c{2,}', 'a{0,1}b{1}c{2,}'],
    ['[{]{2}\\{3}\\p{L}{2}\\u{41}{3}', '[{]{2,}\\{3}\\p{L}{2,}\\u{41}{3,}'],
    ['a{1001}', null],
    ['a{1,1001}', null],
  ])('%s → %s', (source, want) => {
    expect(countsUnbounded(source)).toBe(want);
  });
});

describe('what the checker cannot prove safe is refused too', SLOW, () => {
  it.each([
    ['(?=a)b+', /look-ahead assertion is not supported/],
    ['(\\w+)\\1+$', /back-reference is not supported/],
    ['a'.repeat(MAX_PATTERN_LENGTH + 1), /longer than 500 characters/],
    ['赔(偿', /^invalid regular expression: /],
  ])('%s', (source, message) => {
    expect(patternProblem(source, 'iu')).toMatch(message);
  });
});

describe('date transforms build only linear expressions', SLOW, () => {
  it.each([
    'YYYY年MM月DD日 HH时mm分',
    'YYYY-MM-DD HH:mm:ss',
    'DD/MM/YYYY',
    'YYYY   MM   DD  HH mm',
    ' YYYY.MM.DD ',
    '受理 YYYY MM DD',
    'YYYY年 MM月 DD日',
  ])('%s', (pattern) => {
    const compiled = compileDatePattern(pattern);
    expect(compiled.ok).toBe(true);
    // As written (its counts are 1–2 digits, so the as-if-unbounded reading does not apply).
    expect(compiled.ok && recheck.checkSync(compiled.source, '', { checker: 'automaton' }).status).toBe('safe');
  });
});

describe('patterns from data run on the first 10,000 characters only', () => {
  const filler = 'x'.repeat(MAX_MATCH_INPUT);

  it('in adapter transforms', () => {
    expect(applyTransforms(`编号 A123`, [{ regex: 'A\\d+' }])).toBe('A123');
    expect(applyTransforms(`${filler}A123`, [{ regex: 'A\\d+' }])).toBe('');
    expect(applyTransforms(`${filler.slice(2)}A123`, [{ regex: 'A\\d+' }])).toBe('A1');
    expect(applyTransforms(`${filler}2026年11月28日`, [{ date: 'YYYY年MM月DD日' }])).toBe('');
  });

  it('in pack conditions', () => {
    const pack = parsePack(chinaTelecom);
    if (!pack.ok) throw new Error(pack.errors.join('\n'));
    const history = indexHistory([], pack.pack, null);
    // The `malicious` tag's `matches` is its only test that can see "赔偿 5 万" (the anyOf words are others).
    const tagged = (text: string) =>
      evaluate(
        { id: 'A', acceptedAt: '2026-11-28 09:00', title: '投诉', text },
        pack.pack,
        history,
        Date.UTC(2026, 10, 28, 3),
        {},
      ).tags.some((t) => t.code === 'malicious');
    expect(tagged('要求赔偿 5 万元')).toBe(true);
    expect(tagged(`${filler}要求赔偿 5 万元`)).toBe(false);
  });

  it('a long whitespace run costs the trim transform nothing', () => {
    const start = performance.now();
    expect(applyTransforms(`：${' '.repeat(200_000)}x${' '.repeat(200_000)}：`, [{ trim: true }])).toBe('x');
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('URL match patterns are matched without a RegExp', () => {
  it.each([
    ['/legacy/*', '/legacy/ticket.asp?id=1', true],
    ['/legacy/*', '/legacy', false],
    ['/a*b*c', '/axxbyyc', true],
    ['/a*b*c', '/axxbyy', false],
    ['*', '', true],
    ['/x', '/x', true],
    ['/x', '/xy', false],
    ['/*/*/*/*/*/*/*/*/*/*z', `/${'/'.repeat(5_000)}`, false],
  ])('%s ~ %s → %s', (pattern, text, want) => {
    const start = performance.now();
    expect(wildcardMatch(pattern, text)).toBe(want);
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});
