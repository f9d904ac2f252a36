// Due instants for the time limits. Day-based periods follow 民法典 第二百零一条 (the start day
// is not counted) and 第二百零三条 (a period ends at 24:00 of its last day, moved past statutory
// rest days). 24:00 of a day is represented as 00:00 of the next calendar day.
import { addDaysToKey, dateKey, dayStart } from '../time/shanghai';
import type { WorkCalendar } from './work-calendar';

export type DueResult = { ok: true; ms: number } | { ok: false; reason: string };

const HOUR_MS = 3_600_000;

/** Natural clock hours; nights, weekends and holidays all count. */
export function addHours(startMs: number, hours: number): number {
  return startMs + hours * HOUR_MS;
}

const notLoaded = (key: string): DueResult => {
  const year = key.slice(0, 4);
  return { ok: false, reason: `${year} 年节假日安排未载入 / the ${year} holiday calendar is not loaded` };
};

const badCount = (n: number): DueResult => ({
  ok: false,
  reason: `天数须为正整数 / day count must be a positive integer: ${n}`,
});

const endOfDay = (key: string): DueResult => ({ ok: true, ms: dayStart(addDaysToKey(key, 1)) });

/** Due at 24:00 of the n-th working day after the start day. */
export function addWorkingDays(cal: WorkCalendar, startMs: number, n: number): DueResult {
  if (!Number.isInteger(n) || n < 1) return badCount(n);
  let key = dateKey(startMs);
  for (let counted = 0; counted < n; ) {
    key = addDaysToKey(key, 1);
    const working = cal.isWorkingDay(key);
    if (working === null) return notLoaded(key);
    if (working) counted++;
  }
  return endOfDay(key);
}

/** Due at 24:00 of the n-th calendar day after the start day, or of the first working day after it if that day is a rest day. */
export function addCivilDays(cal: WorkCalendar, startMs: number, n: number): DueResult {
  if (!Number.isInteger(n) || n < 1) return badCount(n);
  let key = addDaysToKey(dateKey(startMs), n);
  for (;;) {
    const rest = cal.isRestDay(key);
    if (rest === null) return notLoaded(key);
    if (!rest) return endOfDay(key);
    key = addDaysToKey(key, 1);
  }
}
