// One clock vocabulary (rules/clock/vocabulary.ts): every view says a clock's state, due time and
// countdown the same way. A due at midnight reads as 24:00 of the day before everywhere, and the
// year shows only when the day shown is not in the current year.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badgeText } from '@/components/badge/text';
import { createPanelState } from '@/components/panel/state';
import { atTime, byDue } from '@/components/worklist/order';
import {
  BASIS_LABELS,
  clockState,
  countdownText,
  DEFAULT_WARN_AT,
  dueLine,
  dueText,
  formatSpan,
  liveState,
  nearestOpen,
  STATE_COLORS,
  STATE_LABELS,
  stateClass,
  timeText,
  usedText,
  warnPoints,
} from '@/rules/clock/vocabulary';
import { evaluate } from '@/rules/engine/evaluate';
import { BASES } from '@/rules/pack/vocabulary';
import { packs } from '@/rules/packs';
import { toIso } from '@/rules/time/shanghai';
import { CLOCK_STATES, type ClockResult, type ClockState, type Verdict } from '@/rules/verdict';
import { reminderText } from '@/utils/background/reminder-plan';
import { ticketRow } from '@/utils/db/csv';
import { computeFigures } from '@/utils/db/figures';
import type { StoredTicket } from '@/utils/db/types';
import { fakeBrowser } from './pages/fake-browser';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-11-28T10:00:00+08:00');

describe('timeText and dueText: one convention for an instant', () => {
  // [instant, now, text]
  it.each([
    ['2026-11-28T16:36:05+08:00', NOW, '11月28日 16:36'],
    ['2026-11-28T08:36:00Z', NOW, '11月28日 16:36'],
    ['2026-11-28T00:01:00+08:00', NOW, '11月28日 00:01'],
    // Midnight is the end of the day before: 「在第 N 个工作日的 24:00 到期」.
    ['2026-11-29T00:00:00+08:00', NOW, '11月28日 24:00'],
    ['2026-12-01T00:00:00+08:00', NOW, '11月30日 24:00'],
    // 24:00 of 31 December is still this year's day; after it, last year's.
    ['2027-01-01T00:00:00+08:00', NOW, '12月31日 24:00'],
    ['2027-01-01T00:00:00+08:00', at('2027-01-01T10:00:00+08:00'), '2026年12月31日 24:00'],
    ['2027-01-01T00:01:00+08:00', NOW, '2027年1月1日 00:01'],
    // A 2024 ticket's due does not read like this year's.
    ['2024-11-28T21:12:00+08:00', NOW, '2024年11月28日 21:12'],
    ['2024-11-29T00:00:00+08:00', NOW, '2024年11月28日 24:00'],
    // The year is Shanghai's: 16:00 UTC on 31 December is already next year there.
    ['2026-12-31T17:00:00Z', NOW, '2027年1月1日 01:00'],
    ['2026-11-28T10:00:00+08:00', at('2026-12-31T16:30:00Z'), '2026年11月28日 10:00'],
    ['不是时间', NOW, '不是时间'], // shown as given rather than guessed
  ])('%s at %s → %s', (iso, now, text) => {
    expect(timeText(iso, now)).toBe(text);
    expect(dueText(iso, now)).toBe(text);
    if (Number.isFinite(at(iso))) expect(timeText(at(iso), now)).toBe(text);
  });
});

describe('states', () => {
  const start = NOW;
  const due = NOW + 100 * MIN;
  // [case, now, stop, warnAt, state]
  it.each<[string, number, number | undefined, readonly number[] | undefined, ClockState]>([
    ['at the start', start, undefined, undefined, 'running'],
    ['just before 75%', start + 75 * MIN - 1, undefined, undefined, 'running'],
    ['at 75% (the default warning point)', start + 75 * MIN, undefined, undefined, 'due-soon'],
    ['just before due', due - 1, undefined, undefined, 'due-soon'],
    ['at due', due, undefined, undefined, 'overdue'],
    ['a day after', due + 24 * HOUR, undefined, undefined, 'overdue'],
    ['stopped at due', due + HOUR, due, undefined, 'met'],
    ['stopped after due', due + HOUR, due + 1000, undefined, 'late'], // a verdict's times are whole seconds
    ['stopped early, asked before', start, start + MIN, undefined, 'met'],
    ['warnAt [0.5, 0.8]: before 50%', start + 50 * MIN - 1, undefined, [0.5, 0.8], 'running'],
    ['warnAt [0.5, 0.8]: due soon from the first point', start + 50 * MIN, undefined, [0.5, 0.8], 'due-soon'],
    ['warnAt [0.5, 0.8]: still due soon after the second', start + 90 * MIN, undefined, [0.5, 0.8], 'due-soon'],
    ['warnAt [0.9]', start + 89 * MIN, undefined, [0.9], 'running'],
    ['no warning points: never due soon', due - 1, undefined, [], 'running'],
  ])('%s', (_, now, stop, warnAt, state) => {
    expect(clockState(start, due, now, stop, warnAt)).toBe(state);
    const c: ClockResult = {
      code: 'x',
      label: '时限',
      startAt: toIso(start),
      dueAt: toIso(due),
      basis: 'hours',
      limit: '100 分钟',
      state: 'running',
      because: '测试',
      ...(stop === undefined ? {} : { stoppedAt: toIso(stop) }),
      ...(warnAt === undefined ? {} : { warnAt: [...warnAt] }),
    };
    expect(liveState(c, now)).toBe(state);
  });

  it('every state has a label, a colour and a colour class', () => {
    for (const s of CLOCK_STATES) {
      expect(STATE_LABELS[s]).toMatch(/\S/);
      expect(STATE_COLORS[s]).toMatch(/^#[0-9a-f]{6}$/);
      expect(stateClass(s)).toBe(`state-${s}`);
    }
    expect(Object.keys(STATE_LABELS).sort()).toEqual([...CLOCK_STATES].sort());
    expect(BASES.map((b) => BASIS_LABELS[b])).toEqual(['自然小时', '工作日', '日历日']);
  });

  it('the pages colour each state class with the badge colour of that state (the light theme)', () => {
    const dir = join(import.meta.dirname, '..', 'components');
    // The shared palette: the light theme is the first `:root` block, the dark one follows under a media query.
    const theme = readFileSync(join(dir, 'theme.css'), 'utf8');
    const light = theme.slice(theme.indexOf(':root {'), theme.indexOf('}', theme.indexOf(':root {')));
    const dark = theme.slice(theme.indexOf('@media (prefers-color-scheme: dark)'));
    for (const s of CLOCK_STATES) {
      expect(light, `${s} light`).toMatch(new RegExp(`--state-${s}: ${STATE_COLORS[s]};`, 'i'));
      expect(dark, `${s} dark`).toMatch(new RegExp(`--state-${s}: #[0-9a-f]{6};`, 'i'));
      expect(theme).toMatch(new RegExp(`\\.${stateClass(s)} \\{\\s*--state: var\\(--state-${s}\\);`));
    }
    // The pages paint a state only through the palette, never with a colour of their own.
    const sheets = ['panel/panel.css', 'worklist/worklist.css'].map((f) => readFileSync(join(dir, f), 'utf8'));
    for (const css of sheets)
      for (const s of ['due-soon', 'overdue'] as const) {
        const rules = [...css.matchAll(new RegExp(`\\.${stateClass(s)}[^{]*\\{([^}]*)\\}`, 'g'))].map((m) => m[1]!);
        expect(rules.length, `${s} has a rule`).toBeGreaterThan(0);
        expect(rules.join('\n')).not.toMatch(/#[0-9a-f]{3,6}\b/i);
      }
    expect(readdirSync(dir)).not.toContain('countdown.ts');
  });

  it('utils/ takes clock meaning from rules/, not from components/ (only the content script mounts the badge)', () => {
    const utils = join(import.meta.dirname, '..', 'utils');
    const files = readdirSync(utils, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    const importing = files.filter((f) =>
      /from\s+['"](?:@\/|(?:\.\.\/)+)components\//.test(readFileSync(join(utils, f), 'utf8')),
    );
    expect(importing).toEqual([join('content', 'sidekick.ts')]);
    expect(
      readFileSync(join(utils, 'content', 'sidekick.ts'), 'utf8').match(/from\s+['"]@\/components\/[^'"]+/g),
    ).toEqual(["from '@/components/badge/badge"]);
  });

  it('the verdict carries its warning points; due soon and the reminders follow them', () => {
    expect(warnPoints(0, 1000)).toEqual([750]);
    expect(warnPoints(0, 1000, [0.8, 0.5])).toEqual([500, 800]);
    expect(warnPoints(0, 999, [0.5])).toEqual([500]); // whole milliseconds, rounded up
    expect(DEFAULT_WARN_AT).toEqual([0.75]);
  });
});

describe('countdown and span texts', () => {
  const c = (dueIn: number, stoppedAt?: number): ClockResult => ({
    code: 'resolve',
    label: '处理时限',
    startAt: toIso(NOW - 24 * HOUR),
    dueAt: toIso(NOW + dueIn),
    basis: 'hours',
    limit: '24 小时',
    state: 'running',
    because: '测试',
    ...(stoppedAt === undefined ? {} : { stoppedAt: toIso(stoppedAt) }),
  });
  it.each([
    ['left', c(HOUR + 12 * MIN + 5000), '剩 01:12:05'],
    ['over', c(-(3 * MIN + 10_000)), '超 00:03:10'],
    ['days', c(2 * 24 * HOUR + 3 * HOUR), '剩 2天03:00:00'],
    ['stopped', c(HOUR, at('2026-11-28T00:00:00+08:00')), '完成于 11月27日 24:00'],
    ['stopped last year', c(HOUR, at('2025-12-31T08:00:00+08:00')), '完成于 2025年12月31日 08:00'],
  ])('%s', (_, clock, text) => {
    expect(countdownText(clock, NOW)).toBe(text);
  });
  it('formatSpan, usedText, nearestOpen', () => {
    expect(formatSpan(-59_999)).toBe('00:00:59');
    expect(usedText({ startAt: toIso(NOW), dueAt: toIso(NOW + 100 * MIN) }, NOW + 80 * MIN)).toBe('已用时限 80%');
    expect(usedText({ startAt: toIso(NOW), dueAt: toIso(NOW + 3 * MIN) }, Math.ceil(NOW + 3 * MIN * 0.5))).toBe(
      '已用时限 50%',
    );
    const open = c(HOUR);
    expect(nearestOpen([c(-HOUR, NOW), c(2 * HOUR), open])).toBe(open);
    expect(nearestOpen([c(-HOUR, NOW)])).toBeUndefined();
  });
});

// Each consumer's own text function, for one clock; every one must show `dueText` for it.
const clockDue = (dueAt: string, startAt = toIso(at(dueAt) - 24 * HOUR)): ClockResult => ({
  code: 'resolve',
  label: '处理时限',
  startAt,
  dueAt,
  basis: 'hours',
  limit: '24 小时',
  state: 'running',
  because: '测试',
});
const verdictWith = (clock: ClockResult): Verdict => ({
  ...evaluate({ id: 'GD1', ticketType: '投诉单', acceptedAt: '2026-11-28 09:00' }, packs['china-telecom']!, [], NOW),
  clocks: [clock],
  unknown: [],
});
const storedWith = (clock: ClockResult): StoredTicket => ({
  key: 'demo:GD1',
  id: 'GD1',
  adapterId: 'demo',
  url: '',
  fields: {},
  acceptedAt: at(clock.startAt),
  day: clock.startAt.slice(0, 10),
  verdict: verdictWith(clock),
  firstSeen: NOW,
  lastSeen: NOW,
  done: 0,
  acknowledged: {},
  snoozedUntil: {},
  remindedAt: {},
});
function panelDue(clock: ClockResult, now: number): string {
  const state = createPanelState(fakeBrowser().browser, { now: () => now });
  state.tab.value = {
    tabId: 1,
    frameId: 0,
    read: {
      type: 'ticket',
      adapterId: 'demo',
      adapterName: '演示',
      url: '',
      fields: {},
      missing: [],
      canFill: false,
      canReply: false,
    },
    verdict: verdictWith(clock),
    evaluatedAt: now,
    autofill: null,
  };
  return state.clocks.value[0]!.due;
}
const CONSUMERS: [string, (c: ClockResult, now: number) => string][] = [
  ['badge', (c, now) => badgeText(verdictWith(c), now).title],
  ['notification', (c, now) => reminderText(storedWith(c), c, now).title],
  ['CSV row', (c, now) => ticketRow(storedWith(c), now)[7]!],
  ['worklist', (c, now) => atTime(byDue([storedWith(c)])[0]!, now).due!],
  ['side panel', panelDue],
];

describe('a due reads the same in every view', () => {
  // [case, due, now, text every view shows]
  const DUES: [string, string, number, string][] = [
    ['midnight', '2026-11-29T00:00:00+08:00', NOW, '11月28日 24:00'],
    ['midnight at the year end', '2027-01-01T00:00:00+08:00', NOW, '12月31日 24:00'],
    [
      'midnight at the year end, seen next year',
      '2027-01-01T00:00:00+08:00',
      at('2027-01-02T09:00:00+08:00'),
      '2026年12月31日 24:00',
    ],
    ['an afternoon', '2026-11-28T21:12:00+08:00', NOW, '11月28日 21:12'],
    ['a 2024 ticket', '2024-11-29T00:00:00+08:00', NOW, '2024年11月28日 24:00'],
    ['next year', '2027-01-05T09:00:00+08:00', NOW, '2027年1月5日 09:00'],
  ];
  const cases = DUES.flatMap(([what, due, now, text]) =>
    CONSUMERS.map(([who, f]) => [`${what} in the ${who}`, f, due, now, text] as const),
  );

  it.each(cases)('%s', (_, show, due, now, text) => {
    const shown = show(clockDue(due), now);
    expect(shown).toContain(text);
    // Never the other midnight convention, nor a year where none belongs.
    expect(shown).not.toMatch(/日 00:00/);
    if (!text.includes('年')) expect(shown).not.toContain('年');
  });

  it('the worklist, panel, badge and notification label it alike', () => {
    const c = clockDue('2026-11-29T00:00:00+08:00');
    expect(dueLine(c, NOW)).toBe('截止 11月28日 24:00');
    expect(panelDue(c, NOW)).toBe(dueLine(c, NOW));
    expect(atTime(byDue([storedWith(c)])[0]!, NOW).due).toBe(dueLine(c, NOW));
    expect(badgeText(verdictWith(c), NOW).title).toContain(`${dueLine(c, NOW)}；`);
    expect(reminderText(storedWith(c), c, NOW).title).toBe(`GD1 处理时限 · 剩 14:00:00（${dueLine(c, NOW)}）`);
  });

  it("a script quotes the due the same way, the year when it is not the evaluation's", () => {
    const pack = packs['china-telecom']!;
    const quoted = (acceptedAt: string, now: number) =>
      evaluate({ id: 'GD1', ticketType: '投诉单', customerLevel: '普通', acceptedAt }, pack, [], now).scripts.find(
        (s) => s.stage === '受理',
      )!.text;
    // Ordinary resolve: 24 hours from 00:00 of the 28th is 24:00 of the 28th.
    expect(quoted('2026-11-28 00:00', NOW)).toContain('在11月28日 24:00前');
    expect(quoted('2026-12-31 12:00', at('2026-12-31T12:00:00+08:00'))).toContain('在2027年1月1日 12:00前');
  });
});

describe('badge, CSV and figures take the state from the vocabulary', () => {
  it.each(CLOCK_STATES)('%s', (state) => {
    const start = NOW - 10 * HOUR;
    const due = {
      running: NOW + 10 * HOUR,
      'due-soon': NOW + HOUR,
      overdue: NOW - HOUR,
      met: NOW + HOUR,
      late: NOW - 2 * HOUR,
      paused: NOW + HOUR,
    }[state];
    const stop = state === 'met' ? NOW - HOUR : state === 'late' ? NOW - HOUR : undefined;
    const c = {
      ...clockDue(toIso(due), toIso(start)),
      ...(stop === undefined ? {} : { stoppedAt: toIso(stop) }),
      ...(state === 'paused' ? { pauses: [{ from: toIso(NOW - HOUR) }] } : {}),
    };
    expect(liveState(c, NOW)).toBe(state);
    const open = stop === undefined;
    const b = badgeText(verdictWith(c), NOW);
    expect([b.state, b.label]).toEqual(open ? [state, `处理时限 · ${STATE_LABELS[state]}`] : [null, '时限均已完成']);
    expect(ticketRow(storedWith(c), NOW)[8]).toBe(open ? STATE_LABELS[state] : '');
    const fig = computeFigures([storedWith(c)], NOW, '2026-11-01', '2026-11-30', 30).clocks[0]!;
    expect([fig.met, fig.late, fig.overdue]).toEqual([
      Number(state === 'met'),
      Number(state === 'late'),
      Number(state === 'overdue'),
    ]);
  });
});
