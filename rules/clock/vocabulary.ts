// What a clock means, in one place: its state at any moment, the words and colour class for that
// state, its due time and its countdown as text. The engine, the badge, the side panel, the
// worklist, the reminders, the figures and the CSV export all take them from here, so a due at
// midnight reads the same everywhere (24:00 of the day before, as the rules count a period's
// end) and the year shows wherever it is not the current one. Pure and small: the content
// script's badge imports it.
import { cnTime } from '../time/shanghai';
import type { BASES } from '../pack/vocabulary';
import type { ClockResult, ClockState } from '../verdict';

/**
 * Warning points of a clock whose pack names none (`warnAt`): one, when 75% of the allowed time
 * is used. A clock is `due-soon` from its first warning point, and each point is a reminder.
 */
export const DEFAULT_WARN_AT: readonly number[] = [0.75];
/** At most this many warning points per clock (the pack schema and the verdict schema hold to it). */
export const MAX_WARN_POINTS = 5;

/** The clock's warning points: the verdict's, or the default for a verdict stored before they existed. */
export const warnAtOf = (c: Pick<ClockResult, 'warnAt'>): readonly number[] => c.warnAt ?? DEFAULT_WARN_AT;

/**
 * The instants of the warning points, earliest first: `start + (due - start) × share`, rounded up
 * to a whole millisecond (so an alarm set there compares equal on the next rebuild).
 */
export function warnPoints(startMs: number, dueMs: number, warnAt: readonly number[] = DEFAULT_WARN_AT): number[] {
  return [...warnAt].sort((a, b) => a - b).map((share) => Math.ceil(startMs + (dueMs - startMs) * share));
}

/**
 * A clock's state at `nowMs`: `met` or `late` once stopped (by its due time or after it), else
 * `overdue` from the due time, `due-soon` from the first warning point, `running` before that.
 */
export function clockState(
  startMs: number,
  dueMs: number,
  nowMs: number,
  stopMs?: number,
  warnAt: readonly number[] = DEFAULT_WARN_AT,
): ClockState {
  if (stopMs !== undefined) return stopMs <= dueMs ? 'met' : 'late';
  if (nowMs >= dueMs) return 'overdue';
  let first = 1;
  for (const share of warnAt) if (share < first) first = share;
  // Compared as whole milliseconds, like the reminder points: the reminder and the state agree.
  return nowMs >= Math.ceil(startMs + (dueMs - startMs) * first) ? 'due-soon' : 'running';
}

const parse = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));

/**
 * A verdict's clock at `now`: the verdict's own state is only true at evaluation time. `stopMs`
 * overrides the clock's stop (the figures count a done ticket's open clock as stopped when marked done).
 */
export function liveState(c: ClockResult, now: number, stopMs: number | undefined = parse(c.stoppedAt)): ClockState {
  return clockState(Date.parse(c.startAt), Date.parse(c.dueAt), now, stopMs, warnAtOf(c));
}

export const STATE_LABELS: Record<ClockState, string> = {
  running: '进行中',
  'due-soon': '即将到期',
  overdue: '已超时',
  met: '按时完成',
  late: '超时完成',
};

/** Each state's colour: the badge paints with it, and the pages' `.state-*` rules use the same. */
export const STATE_COLORS: Record<ClockState, string> = {
  running: '#2f855a',
  'due-soon': '#b7791f',
  overdue: '#c53030',
  met: '#718096',
  late: '#718096',
};

/** The class the pages' stylesheets colour a clock by: `state-due-soon`. */
export const stateClass = (s: ClockState) => `state-${s}` as const;

/** How a clock's time is counted, in words. */
export const BASIS_LABELS: Record<(typeof BASES)[number], string> = {
  hours: '自然小时',
  'working-days': '工作日',
  days: '日历日',
};

/**
 * An instant as every view writes it, in Shanghai: `11月28日 16:36`; `11月28日 24:00` for 00:00
 * of the 29th (the rules end a period at 24:00 of its last day: 「在第 N 个工作日的 24:00 到期」);
 * `2025年11月28日 16:36` when that day is not in `now`'s year. Text that is no time is shown as given.
 */
export function timeText(at: string | number, now: number): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return Number.isFinite(ms) ? cnTime(ms, now) : String(at);
}

/** A clock's due time as text (see `timeText`). */
export const dueText = (dueAt: string | number, now: number) => timeText(dueAt, now);

/** `截止 11月28日 24:00`: the due time as the badge, panel, worklist and reminders label it. */
export const dueLine = (c: Pick<ClockResult, 'dueAt'>, now: number) => `截止 ${dueText(c.dueAt, now)}`;

/** `2天03:12:05` style: days spelled out, the rest as a clock, so it reads at a glance. */
export function formatSpan(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const hh = String(Math.floor((s % 86400) / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${d ? `${d}天` : ''}${hh}:${mm}:${ss}`;
}

/** "剩 01:12:05" before the due time, "超 00:03:10" after it; "完成于 11月28日 16:36" once stopped. */
export function countdownText(c: ClockResult, now: number): string {
  if (c.stoppedAt !== undefined) return `完成于 ${timeText(c.stoppedAt, now)}`;
  const left = Date.parse(c.dueAt) - now;
  return left >= 0 ? `剩 ${formatSpan(left)}` : `超 ${formatSpan(left)}`;
}

/** `已用时限 80%`: the share of the allowed time used at `now`, rounded down (so a warning point reads as itself). */
export function usedText(c: Pick<ClockResult, 'startAt' | 'dueAt'>, now: number): string {
  const start = Date.parse(c.startAt);
  const span = Date.parse(c.dueAt) - start;
  const share = span > 0 ? Math.min(1, Math.max(0, (now - start) / span)) : 1;
  return `已用时限 ${Math.floor(share * 100 + 1e-9)}%`;
}

/** The clock the agent must watch: the nearest due among those still open. */
export function nearestOpen(clocks: readonly ClockResult[]): ClockResult | undefined {
  let best: ClockResult | undefined;
  for (const c of clocks) if (c.stoppedAt === undefined && (!best || c.dueAt < best.dueAt)) best = c;
  return best;
}
