import {
  countdownText,
  dueLine,
  liveState,
  pauseAt,
  pausesOf,
  usedText,
  warnAtOf,
  warnPoints,
} from '@/rules/clock/vocabulary';
import { CLOCK_WORDS, type Lang } from '@/rules/clock/words';
import type { ClockResult } from '@/rules/verdict';
import { translate } from '@/utils/i18n/translate';
import type { StoredTicket } from '@/utils/db/types';

const MINUTE = 60_000;
/** While a clock is overdue it is brought up again this often. */
const OVERDUE_EVERY = 30 * MINUTE;
const PREFIX = 'remind:';

// Notification ids carry the ticket key and clock code, encoded so a ':' in a CRM's
// ticket number cannot split them wrongly.
export const reminderId = (key: string, code: string) =>
  `${PREFIX}${encodeURIComponent(key)}:${encodeURIComponent(code)}`;

export function parseReminderId(id: string): { key: string; code: string } | null {
  if (!id.startsWith(PREFIX)) return null;
  const [key, code, extra] = id.slice(PREFIX.length).split(':');
  if (key === undefined || code === undefined || extra !== undefined) return null;
  try {
    return { key: decodeURIComponent(key), code: decodeURIComponent(code) };
  } catch {
    return null;
  }
}

export const isReminderId = (id: string) => id.startsWith(PREFIX);

/**
 * Minutes before a due time to remind at, as the centre's policy sets them (`remindBefore`, largest
 * first). When set, they replace every clock's warning points as reminders (the policy wins over
 * the pack); the clock's state still turns due soon at its first warning point. Undefined: one
 * reminder at each of the clock's warning points (the pack's `warnAt`, default 75% of its time).
 */
export type RemindBefore = readonly number[] | undefined;

/** The reminder points before the due time, earliest first; none before the clock started. */
function pointsBefore(clock: ClockResult, start: number, due: number, before: RemindBefore): number[] {
  // Whole milliseconds, so the alarm's scheduled time compares equal on the next rebuild.
  if (before === undefined) return warnPoints(start, due, warnAtOf(clock), pausesOf(clock));
  return before
    .map((m) => due - m * MINUTE)
    .filter((p) => p > start)
    .sort((a, b) => a - b);
}

/**
 * The first reminder point after `after`: each point before due (the clock's warning points, or
 * the policy's minutes before), due, then every 30 minutes.
 */
export function pointAfter(clock: ClockResult, after: number, before?: RemindBefore): number {
  const start = Date.parse(clock.startAt);
  const due = Date.parse(clock.dueAt);
  for (const p of pointsBefore(clock, start, due, before)) if (after < p) return p;
  if (after < due) return due;
  return due + (Math.floor((after - due) / OVERDUE_EVERY) + 1) * OVERDUE_EVERY;
}

/**
 * When this clock's next reminder is due, or null when it gets none (stopped, acknowledged, ticket
 * done). Points before the agent first opened the ticket are skipped: the page told them already.
 * A pending snooze replaces every point before it.
 */
export function nextReminder(t: StoredTicket, clock: ClockResult, before?: RemindBefore): number | null {
  if (t.done || clock.stoppedAt !== undefined || t.acknowledged[clock.code] !== undefined) return null;
  const last = t.remindedAt[clock.code] ?? t.firstSeen;
  const snooze = t.snoozedUntil[clock.code];
  if (snooze !== undefined && snooze > last) return snooze;
  return pointAfter(clock, last, before);
}

/** What a rebuild at some moment does, from the open tickets alone. */
export interface ReminderPlan {
  /** Clocks whose reminder point has come: each is shown once, now. */
  due: { ticket: StoredTicket; clock: ClockResult }[];
  /** Running clocks past their due time, for the toolbar badge. */
  overdue: number;
  /** The earliest reminder point or due time still ahead (the badge changes then too); null when none. */
  wake: number | null;
  /** Tickets left out: their stored verdict could not be planned. */
  failed: { key: string; error: unknown }[];
}

function timeOf(ms: number, clock: ClockResult): number {
  // NaN would pass every comparison silently and poison the earliest wake.
  if (!Number.isFinite(ms)) throw new Error(`时限 ${clock.code} 的时间无效`);
  return ms;
}

/** One ticket's part of the plan, whole or not at all. A paused clock gets no reminder, and counts as overdue nowhere, until it resumes. */
function planTicket(t: StoredTicket, at: number, before: RemindBefore) {
  const due: ClockResult[] = [];
  let overdue = 0;
  let wake = Infinity;
  for (const c of t.verdict.clocks) {
    const paused = c.pauses && c.stoppedAt === undefined ? pauseAt(pausesOf(c), at) : undefined;
    if (paused) {
      // A pause with a planned end wakes the plan then; an open one waits for the ticket to be read again.
      if (paused.to !== undefined) wake = Math.min(wake, timeOf(paused.to, c));
      continue;
    }
    if (c.stoppedAt === undefined) {
      const dueAt = timeOf(Date.parse(c.dueAt), c);
      if (dueAt <= at) overdue += 1;
      else wake = Math.min(wake, dueAt);
    }
    let when = nextReminder(t, c, before);
    if (when !== null && timeOf(when, c) <= at) {
      due.push(c);
      // Shown at `at`, so every point up to then is spent.
      when = nextReminder({ ...t, remindedAt: { ...t.remindedAt, [c.code]: at } }, c, before);
    }
    if (when !== null) wake = Math.min(wake, timeOf(when, c));
  }
  return { due, overdue, wake };
}

/** The reminders due at `at` across all open tickets, the overdue count, and when to look again. */
export function planReminders(tickets: readonly StoredTicket[], at: number, before?: RemindBefore): ReminderPlan {
  const plan: ReminderPlan = { due: [], overdue: 0, wake: null, failed: [] };
  let wake = Infinity;
  for (const ticket of tickets) {
    try {
      const p = planTicket(ticket, at, before);
      for (const clock of p.due) plan.due.push({ ticket, clock });
      plan.overdue += p.overdue;
      wake = Math.min(wake, p.wake);
    } catch (error) {
      plan.failed.push({ key: ticket.key, error });
    }
  }
  if (wake !== Infinity) plan.wake = wake;
  return plan;
}

/**
 * `GD100201 处理时限 · 剩 02:59:00（截止 11月28日 21:12）`, and what to do about it: its state, class
 * and, before the due time, how much of the time is used (which warning point this is).
 */
export function reminderText(
  t: StoredTicket,
  clock: ClockResult,
  now: number,
  lang: Lang = 'zh_CN',
): { title: string; message: string } {
  const state = liveState(clock, now);
  const used = state === 'running' || state === 'due-soon' ? ` · ${usedText(clock, now, lang)}` : '';
  const c = t.verdict.category;
  const label = c ? (lang === 'en' && c.labelEn ? c.labelEn : c.label) : translate(lang, 'notify.unknownClass');
  return {
    title: translate(lang, 'notify.reminderTitle', {
      id: t.id,
      clock: clock.label,
      countdown: countdownText(clock, now, lang),
      due: dueLine(clock, now, lang),
    }),
    message: translate(lang, 'notify.reminderMessage', { state: CLOCK_WORDS[lang].states[state], class: label, used }),
  };
}
