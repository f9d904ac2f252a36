// What a clock means, in one place: its state at any moment, the words and colour class for that
// state, its due time and its countdown as text. The engine, the badge, the side panel, the
// worklist, the reminders, the figures and the CSV export all take them from here, so a due at
// midnight reads the same everywhere (24:00 of the day before, as the rules count a period's
// end) and the year shows wherever it is not the current one. Pure and small: the content
// script's badge imports it.
import { cnTime } from '../time/shanghai';
import { intlTime } from './intl-time';
import { CLOCK_WORDS, fill, type Lang } from './words';
import type { BASES } from '../pack/vocabulary';
import type { ClockResult, ClockState } from '../verdict';

/**
 * Warning points of a clock whose pack names none (`warnAt`): one, when 75% of the allowed time
 * is used. A clock is `due-soon` from its first warning point, and each point is a reminder.
 */
export const DEFAULT_WARN_AT: readonly number[] = [0.75];
/** At most this many warning points per clock (the pack schema and the verdict schema hold to it). */
export const MAX_WARN_POINTS = 5;
/** At most this many pauses per ticket and per clock (a boundary bound; a real ticket has a handful). */
export const MAX_PAUSES = 100;

/** A pause as a clock counted it, in ms (rules/clock/pauses.ts): `gain` is how far it moved the due; no `to` while open. */
export interface CountedPause {
  from: number;
  to?: number;
  gain?: number;
}

/** The pause `now` falls in, if any. */
export function pauseAt<P extends CountedPause>(pauses: readonly P[], now: number): P | undefined {
  for (const p of pauses) if (p.from <= now && (p.to === undefined || now < p.to)) return p;
  return undefined;
}

/** The clock's warning points: the verdict's, or the default for a verdict stored before they existed. */
export const warnAtOf = (c: Pick<ClockResult, 'warnAt'>): readonly number[] => c.warnAt ?? DEFAULT_WARN_AT;

const gainOf = (pauses: readonly CountedPause[]) => pauses.reduce((sum, p) => sum + (p.gain ?? 0), 0);

/**
 * The instants of the warning points, earliest first: `start + allowed × share`, rounded up to a
 * whole millisecond (so an alarm set there compares equal on the next rebuild), then moved on by
 * the gain of each pause that began before it: paused time is not used time.
 */
export function warnPoints(
  startMs: number,
  dueMs: number,
  warnAt: readonly number[] = DEFAULT_WARN_AT,
  pauses: readonly CountedPause[] = [],
): number[] {
  const allowed = dueMs - startMs - gainOf(pauses);
  return [...warnAt]
    .sort((a, b) => a - b)
    .map((share) => {
      let t = Math.ceil(startMs + allowed * share);
      for (const p of pauses) if (p.from < t) t += p.gain ?? 0;
      return t;
    });
}

/**
 * A clock's state at `nowMs`: `met` or `late` once stopped (by its due time or after it), else
 * `paused` while `nowMs` falls in a pause, `overdue` from the due time, `due-soon` from the first
 * warning point, `running` before that.
 */
export function clockState(
  startMs: number,
  dueMs: number,
  nowMs: number,
  stopMs?: number,
  warnAt: readonly number[] = DEFAULT_WARN_AT,
  pauses: readonly CountedPause[] = [],
): ClockState {
  if (stopMs !== undefined) return stopMs <= dueMs ? 'met' : 'late';
  if (pauses.length !== 0 && pauseAt(pauses, nowMs)) return 'paused';
  if (nowMs >= dueMs) return 'overdue';
  let first = 1;
  for (const share of warnAt) if (share < first) first = share;
  // Compared as whole milliseconds, like the reminder points: the reminder and the state agree.
  return nowMs >= warnPoints(startMs, dueMs, [first], pauses)[0]! ? 'due-soon' : 'running';
}

const parse = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));

const NO_PAUSES: readonly CountedPause[] = [];
/** A verdict clock's pauses in ms. */
export function pausesOf(c: Pick<ClockResult, 'pauses'>): readonly CountedPause[] {
  if (!c.pauses) return NO_PAUSES;
  return c.pauses.map((p) => ({ from: Date.parse(p.from), to: parse(p.to), gain: p.gain }));
}

/**
 * A verdict's clock at `now`: the verdict's own state is only true at evaluation time. `stopMs`
 * overrides the clock's stop (the figures count a done ticket's open clock as stopped when marked done).
 */
export function liveState(c: ClockResult, now: number, stopMs: number | undefined = parse(c.stoppedAt)): ClockState {
  return clockState(Date.parse(c.startAt), Date.parse(c.dueAt), now, stopMs, warnAtOf(c), pausesOf(c));
}

/** Each state in words, Chinese (the words of every language are in ./words.ts). */
export const STATE_LABELS: Record<ClockState, string> = CLOCK_WORDS.zh_CN.states;

/** Each state's colour: the badge paints with it, and the pages' `.state-*` rules use the same. */
export const STATE_COLORS: Record<ClockState, string> = {
  running: '#276749',
  'due-soon': '#975a16',
  overdue: '#c53030',
  met: '#566272',
  late: '#566272',
  paused: '#4a5a8a',
};

/** The class the pages' stylesheets colour a clock by: `state-due-soon`. */
export const stateClass = (s: ClockState) => `state-${s}` as const;

/** How a clock's time is counted, in words, Chinese (./words.ts has each language's). */
export const BASIS_LABELS: Record<(typeof BASES)[number], string> = CLOCK_WORDS.zh_CN.bases;

/**
 * An instant as every view writes it, in Shanghai: `11月28日 16:36`; `11月28日 24:00` for 00:00
 * of the 29th (the rules end a period at 24:00 of its last day: 「在第 N 个工作日的 24:00 到期」);
 * `2025年11月28日 16:36` when that day is not in `now`'s year. Text that is no time is shown as given.
 * Every text here is in `lang` (zh_CN unless a view passes the agent's): `Nov 28, 24:00` in English.
 */
export function timeText(at: string | number, now: number, lang: Lang = 'zh_CN'): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) return String(at);
  return lang === 'zh_CN' ? cnTime(ms, now) : intlTime(ms, now, lang);
}

/** A clock's due time as text (see `timeText`). */
export const dueText = (dueAt: string | number, now: number, lang: Lang = 'zh_CN') => timeText(dueAt, now, lang);

/** `截止 11月28日 24:00`: the due time as the badge, panel, worklist and reminders label it. */
export const dueLine = (c: Pick<ClockResult, 'dueAt'>, now: number, lang: Lang = 'zh_CN') =>
  fill(CLOCK_WORDS[lang].due, { time: dueText(c.dueAt, now, lang) });

/** `2天03:12:05` style: days spelled out, the rest as a clock, so it reads at a glance. */
export function formatSpan(ms: number, lang: Lang = 'zh_CN'): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const hh = String(Math.floor((s % 86400) / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${d ? fill(CLOCK_WORDS[lang].days, { d }) : ''}${hh}:${mm}:${ss}`;
}

/**
 * The time left of a clock paused at `now`, frozen: what was left when the pause began (or, for a
 * pause with a planned end, what will be left when it ends). Undefined when not paused.
 */
export function frozenLeft(c: ClockResult, now: number): number | undefined {
  if (c.stoppedAt !== undefined) return undefined;
  const p = pauseAt(pausesOf(c), now);
  return p && Date.parse(c.dueAt) - (p.to ?? p.from);
}

/** "剩 01:12:05" before the due time, "超 00:03:10" after it; "已暂停 剩 …" frozen while paused; "完成于 11月28日 16:36" once stopped. */
export function countdownText(c: ClockResult, now: number, lang: Lang = 'zh_CN'): string {
  const w = CLOCK_WORDS[lang];
  if (c.stoppedAt !== undefined) return fill(w.stopped, { time: timeText(c.stoppedAt, now, lang) });
  const span = (ms: number) => fill(ms >= 0 ? w.left : w.over, { span: formatSpan(ms, lang) });
  const frozen = c.pauses ? frozenLeft(c, now) : undefined;
  if (frozen !== undefined) return fill(w.paused, { state: w.states.paused, countdown: span(frozen) });
  return span(Date.parse(c.dueAt) - now);
}

/** `已用时限 80%`: the share of the allowed time used at `now`, paused time left out, rounded down (so a warning point reads as itself). */
export function usedText(
  c: Pick<ClockResult, 'startAt' | 'dueAt' | 'pauses'>,
  now: number,
  lang: Lang = 'zh_CN',
): string {
  const start = Date.parse(c.startAt);
  const pauses = pausesOf(c);
  const span = Date.parse(c.dueAt) - start - gainOf(pauses);
  let paused = 0;
  for (const p of pauses) {
    const a = Math.max(p.from, start);
    const b = Math.min(p.to ?? now, now);
    if (b > a) paused += b - a;
  }
  const share = span > 0 ? Math.min(1, Math.max(0, (now - start - paused) / span)) : 1;
  return fill(CLOCK_WORDS[lang].used, { pct: Math.floor(share * 100 + 1e-9) });
}

/** Is the clock paused at `now`? Without `now`, whether it was left in an open pause. */
function isPaused(c: ClockResult, now?: number): boolean {
  if (!c.pauses?.length) return false;
  return now === undefined ? c.pauses[c.pauses.length - 1]!.to === undefined : pauseAt(pausesOf(c), now) !== undefined;
}

/**
 * The clock the agent must watch: the nearest due among those still open and counting; a paused one
 * only when every open clock is paused (its frozen due must not hide another clock running late).
 */
export function nearestOpen(clocks: readonly ClockResult[], now?: number): ClockResult | undefined {
  let best: ClockResult | undefined;
  let paused: ClockResult | undefined;
  for (const c of clocks) {
    if (c.stoppedAt !== undefined) continue;
    if (isPaused(c, now)) {
      if (!paused || c.dueAt < paused.dueAt) paused = c;
    } else if (!best || c.dueAt < best.dueAt) best = c;
  }
  return best ?? paused;
}
