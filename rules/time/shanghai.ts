// Asia/Shanghai has been a fixed UTC+08:00 since 1991 (no DST), so plain offset arithmetic
// is exact and avoids depending on the host's Intl time-zone data.
// A "key" is a Shanghai calendar date written YYYY-MM-DD; callers pass real dates only.

/** Subtract from a Shanghai wall-clock reading computed as if it were UTC to get the instant. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** `2026-11-28T16:36:00+08:00`; sub-second part is dropped, not rounded. */
export function toIso(ms: number): string {
  return isoOfSecond(Math.floor(ms / 1000));
}

// A verdict formats the same few instants again and again (a start or a stop shared by several
// clocks, working-day dues at the same midnight for tickets of the same day), so recent answers
// are kept in a small table indexed by a hash of the second. Otherwise the date part is
// remembered per day, and the time of day is two table lookups.
const RECENT = 256;
const recentSecond = new Float64Array(RECENT).fill(NaN);
const recentText: string[] = new Array<string>(RECENT).fill('');

function isoOfSecond(second: number): string {
  const slot = Math.imul(second, 0x9e3779b1) >>> 24;
  if (recentSecond[slot] === second) return recentText[slot]!;
  const local = second + SHANGHAI_OFFSET_MS / 1000;
  const day = Math.floor(local / 86_400);
  const sec = local - day * 86_400;
  recentSecond[slot] = second;
  return (recentText[slot] = `${isoDayT(day)}${HH_MM[Math.floor(sec / 60)]}${SS_ZONE[sec % 60]}`);
}

/** A per-day text, remembered by day number (days since 1970-01-01) in a slot per day of a 1,024-day window. */
function perDay(format: (day: number) => string): (day: number) => string {
  const days = new Float64Array(1024).fill(NaN);
  const texts: string[] = new Array<string>(1024).fill('');
  return (day) => {
    const slot = day & 1023;
    if (days[slot] === day) return texts[slot]!;
    days[slot] = day;
    return (texts[slot] = format(day));
  };
}
const isoDayT = perDay((day) => `${utcKey(day * DAY_MS)}T`);
const cnDay = perDay((day) => {
  const d = new Date(day * DAY_MS);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
});
const cnYear = perDay((day) => `${new Date(day * DAY_MS).getUTCFullYear()}年`);

/**
 * `11月28日 16:36` in Shanghai; 00:00 reads as 24:00 of the day before, as the rules count a
 * period's end; the year is written (`2025年11月28日 16:36`) when the day shown is not in `now`'s
 * year. Views take it from rules/clock/vocabulary.ts (`timeText`, `dueText`).
 */
export function cnTime(ms: number, now: number): string {
  const local = Math.floor(ms / 60_000) + SHANGHAI_OFFSET_MS / 60_000;
  let day = Math.floor(local / 1440);
  const minute = local - day * 1440;
  if (minute === 0) day -= 1;
  const otherYear = cnYear(day) !== cnYear(Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS));
  return `${otherYear ? cnYear(day) : ''}${cnDay(day)} ${minute === 0 ? '24:00' : HH_MM[minute]}`;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const HH_MM = Array.from({ length: 1440 }, (_, m) => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`);
const SS_ZONE = Array.from({ length: 60 }, (_, s) => `:${pad2(s)}+08:00`);

// Formatting by hand is ~2.5x faster than toISOString, and deadline walks call this per day.
function utcKey(utcMs: number): string {
  const d = new Date(utcMs);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** The Shanghai calendar date of an instant. */
export function dateKey(ms: number): string {
  return utcKey(ms + SHANGHAI_OFFSET_MS);
}

function keyToUtcMidnight(key: string): number {
  return Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10)));
}

/** The instant of 00:00 in Shanghai on that date. */
export function dayStart(key: string): number {
  return keyToUtcMidnight(key) - SHANGHAI_OFFSET_MS;
}

export function addDaysToKey(key: string, n: number): string {
  return utcKey(keyToUtcMidnight(key) + n * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(key: string): number {
  // Day 0 of the epoch, 1970-01-01, was a Thursday.
  return (((keyToUtcMidnight(key) / DAY_MS + 4) % 7) + 7) % 7;
}

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a well-formed YYYY-MM-DD that names a date that exists. */
export function isValidDateKey(key: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}
