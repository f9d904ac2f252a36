// Pause and resume (挂起/解挂). A pausable clock stops counting while the ticket is suspended and
// gets the paused time back when it resumes, counted the way its basis counts time: natural
// hours add the span; working days add the part of it that fell on working days, counted on over
// working days; calendar days add the span to the period's unmoved end and then move that end
// past rest days again, as the base rule does. Time before a clock starts counting (its start;
// for day bases, the start day, which is not counted) gives nothing back, and a pause that
// begins once the clock is already overdue or stopped gives nothing back either.
import type { WorkCalendar } from '../calendar/work-calendar';
import type { BASES } from '../pack/vocabulary';
import type { PauseInput } from '../ticket';
import { parseCrmTime } from '../time/parse';
import { addDaysToKey, dateKey, dayStart, toIso } from '../time/shanghai';

/** One suspension, in ms; no `to`: suspended now. `observed`: told by the statuses the sidekick saw, not by the CRM's records. */
export interface Pause {
  from: number;
  to?: number;
  observed?: true;
}

/** A pause as the clock applied it: `gain` is how far it moved the due (absent while it is still open). */
export interface AppliedPause extends Pause {
  gain?: number;
}

/** A single pause longer than this is a misreading, not a suspension (the clocks' own bound is 400 days). */
export const MAX_PAUSE_MS = 400 * 86_400_000;

export interface PauseEvent {
  event: 'pause' | 'resume';
  at: string;
}

/**
 * The CRM's 挂起/解挂 rows, in any order, as the ticket's `pauses` in time order: a pause opens one
 * (a second pause while open is the same suspension), a resume closes it (a resume with none open
 * is a row whose pause lies beyond what the page shows, and is dropped). A row whose time cannot be
 * read is passed on alone, unpaired, and so is a row the page showed without a time (`incomplete`):
 * the engine then names it and leaves the pausable clocks unknown, since a pause left out would be
 * a wrong countdown.
 */
export function pairPauseLog(log: readonly PauseEvent[], incomplete = false): PauseInput[] {
  if (incomplete) return [{ from: '' }];
  const timed: { event: PauseEvent['event']; ms: number }[] = [];
  for (const e of log) {
    const p = parseCrmTime(e.at);
    if (!p.ok) return [{ from: e.at }];
    timed.push({ event: e.event, ms: p.ms });
  }
  timed.sort((a, b) => a.ms - b.ms); // stable: rows at the same minute keep the page's order
  const pauses: PauseInput[] = [];
  let open: number | undefined;
  for (const e of timed) {
    if (e.event === 'pause') open ??= e.ms;
    else if (open !== undefined) {
      pauses.push({ from: toIso(open), to: toIso(e.ms) });
      open = undefined;
    }
  }
  if (open !== undefined) pauses.push({ from: toIso(open) });
  return pauses;
}

type Basis = (typeof BASES)[number];
export type PausedDue =
  { ok: true; due: number; applied: AppliedPause[]; provisional?: true } | { ok: false; reason: string };

const notLoaded = (key: string) => ({
  ok: false as const,
  reason: `${key.slice(0, 4)} 年节假日安排未载入，挂起顺延无法计算`,
});

/**
 * The due of a clock after its pauses (sorted, not overlapping, an open one last), and the pauses
 * that counted. `due` is the due without pauses; `amount` the limit, which calendar days need to
 * find the period's unmoved end. `stop` ends the counting: a pause after it gives nothing.
 */
export function applyPauses(
  basis: Basis,
  amount: number,
  cal: WorkCalendar,
  start: number,
  due: number,
  pauses: readonly Pause[],
  stop?: number,
): PausedDue {
  const counting = basis === 'hours' ? start : dayStart(addDaysToKey(dateKey(start), 1));
  // Calendar days: the n-th day's 24:00 before any move past rest days.
  let rawEnd = basis === 'days' ? dayStart(addDaysToKey(dateKey(start), amount + 1)) : due;
  let provisional = false;
  const applied: AppliedPause[] = [];
  for (const p of pauses) {
    if (p.from >= due || (stop !== undefined && p.from >= stop)) break;
    const end = stop !== undefined && (p.to === undefined || p.to > stop) ? stop : p.to;
    if (end === undefined) {
      applied.push({ ...p });
      break;
    }
    const from = Math.max(p.from, counting);
    let next = due;
    if (end > from) {
      if (basis === 'hours') next = due + (end - from);
      else if (basis === 'working-days') {
        const moved = addWorkingTime(cal, due, workingTime(cal, from, end));
        if (!moved.ok) return moved;
        if (moved.provisional) provisional = true;
        next = moved.ms;
      } else {
        rawEnd += end - from;
        const moved = pastRestDays(cal, rawEnd);
        if (!moved.ok) return moved;
        if (moved.provisional) provisional = true;
        next = Math.max(due, moved.ms);
      }
    }
    applied.push({ ...p, gain: next - due });
    due = next;
  }
  return provisional ? { ok: true, due, applied, provisional: true } : { ok: true, due, applied };
}

type Moved = { ok: true; ms: number; provisional?: boolean } | { ok: false; reason: string };

/** The part of [from, to) that lies on working days, in ms (each working day counts whole, 00:00–24:00). */
function workingTime(cal: WorkCalendar, from: number, to: number): number {
  let sum = 0;
  for (let key = dateKey(from); ; key = addDaysToKey(key, 1)) {
    const a = Math.max(from, dayStart(key));
    const b = Math.min(to, dayStart(addDaysToKey(key, 1)));
    if (a >= to) return sum;
    // A day no calendar can tell counts as working: then addWorkingTime reports the year as not loaded.
    if (cal.isWorkingDay(key) !== false) sum += b - a;
  }
}

/** `ms` of working time on from `t`, skipping rest days. */
function addWorkingTime(cal: WorkCalendar, t: number, ms: number): Moved {
  let provisional = false;
  while (ms > 0) {
    const key = dateKey(t);
    const working = cal.isWorkingDay(key);
    if (working === null) return notLoaded(key);
    if (cal.isProvisional(Number(key.slice(0, 4)))) provisional = true;
    const dayEnd = dayStart(addDaysToKey(key, 1));
    if (working) {
      const take = Math.min(ms, dayEnd - t);
      ms -= take;
      t += take;
    } else t = dayEnd;
  }
  return { ok: true, ms: t, provisional };
}

/** A period's end moved past rest days: if the day it falls in is one, 24:00 of the next working day (民法典 第二百零三条). */
function pastRestDays(cal: WorkCalendar, end: number): Moved {
  // An end at 00:00 is 24:00 of the day before.
  let key = dateKey(end - 1);
  let provisional = false;
  for (let moved = false; ; key = addDaysToKey(key, 1), moved = true) {
    const rest = cal.isRestDay(key);
    if (rest === null) return notLoaded(key);
    if (cal.isProvisional(Number(key.slice(0, 4)))) provisional = true;
    if (!rest) return { ok: true, ms: moved ? dayStart(addDaysToKey(key, 1)) : end, provisional };
  }
}
