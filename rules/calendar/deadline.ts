// Due instants for the time limits. Day-based periods follow 民法典 第二百零一条 (the start day
// is not counted) and 第二百零三条 (a period ends at 24:00 of its last day, moved past statutory
// rest days). 24:00 of a day is represented as 00:00 of the next calendar day.
import { addDaysToKey, dateKey, dayStart, SHANGHAI_OFFSET_MS } from '../time/shanghai';
import type { WorkCalendar } from './work-calendar';

/** `provisional` when a day the walk looked at lies in a year told from the statutory rule only. */
export type DueResult = { ok: true; ms: number; provisional?: true } | { ok: false; reason: string };

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

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

/** Due at 24:00 of `last`; provisional when any year from `first` to `last` (the days the walk looked at) is. */
function endOfDay(cal: WorkCalendar, first: string, last: string): DueResult {
  const ms = dayStart(addDaysToKey(last, 1));
  for (let y = Number(first.slice(0, 4)), to = Number(last.slice(0, 4)); y <= to; y++) {
    if (cal.isProvisional(y)) return { ok: true, ms, provisional: true };
  }
  return { ok: true, ms };
}

// A due depends only on the calendar (fixed once compiled), the start date and n, and tickets
// cluster on a few start dates: remembering each walk saves 1–4 µs per day-based clock. Each
// calendar keeps a fixed table, one slot per (start day, n, kind) key hashed, so a long-lived
// background page never grows it.
const MAX_REMEMBERED_N = 1024;
const SLOTS = 1024;
interface Walks {
  keys: Float64Array;
  dues: DueResult[];
}
const walked = new WeakMap<WorkCalendar, Walks>();
let lastCalendar: WorkCalendar | null = null;
let lastWalks: Walks | null = null;

function walksOf(cal: WorkCalendar): Walks {
  if (cal === lastCalendar) return lastWalks!;
  let w = walked.get(cal);
  if (!w) walked.set(cal, (w = { keys: new Float64Array(SLOTS).fill(NaN), dues: new Array<DueResult>(SLOTS) }));
  lastCalendar = cal;
  return (lastWalks = w);
}

type Walk = (cal: WorkCalendar, startMs: number, n: number) => DueResult;

function remembered(cal: WorkCalendar, working: boolean, startMs: number, n: number, walk: Walk): DueResult {
  if (!Number.isInteger(n) || n < 1 || n >= MAX_REMEMBERED_N) return walk(cal, startMs, n);
  const w = walksOf(cal);
  const day = Math.floor((startMs + SHANGHAI_OFFSET_MS) / DAY_MS); // the Shanghai date of dateKey(startMs)
  const key = (day * MAX_REMEMBERED_N + n) * 2 + (working ? 1 : 0);
  const slot = Math.imul(key, 0x9e3779b1) >>> 22; // the product's top 10 bits: SLOTS is 2 ** 10
  if (w.keys[slot] === key) return w.dues[slot]!;
  w.keys[slot] = key;
  return (w.dues[slot] = walk(cal, startMs, n));
}

/** Due at 24:00 of the n-th working day after the start day. */
export function addWorkingDays(cal: WorkCalendar, startMs: number, n: number): DueResult {
  return remembered(cal, true, startMs, n, walkWorkingDays);
}

/** Due at 24:00 of the n-th calendar day after the start day, or of the first working day after it if that day is a rest day. */
export function addCivilDays(cal: WorkCalendar, startMs: number, n: number): DueResult {
  return remembered(cal, false, startMs, n, walkCivilDays);
}

function walkWorkingDays(cal: WorkCalendar, startMs: number, n: number): DueResult {
  if (!Number.isInteger(n) || n < 1) return badCount(n);
  const first = addDaysToKey(dateKey(startMs), 1);
  let key = first;
  for (let counted = 0; ; key = addDaysToKey(key, 1)) {
    const working = cal.isWorkingDay(key);
    if (working === null) return notLoaded(key);
    if (working && ++counted === n) break;
  }
  return endOfDay(cal, first, key);
}

function walkCivilDays(cal: WorkCalendar, startMs: number, n: number): DueResult {
  if (!Number.isInteger(n) || n < 1) return badCount(n);
  const first = addDaysToKey(dateKey(startMs), n);
  for (let key = first; ; key = addDaysToKey(key, 1)) {
    const rest = cal.isRestDay(key);
    if (rest === null) return notLoaded(key);
    if (!rest) return endOfDay(cal, first, key);
  }
}
