// Compiles validated calendar data into hash lookups: a deadline walk asks about every day it
// passes (about 20 for 10 working days over a holiday), and a whole verdict is budgeted at ~20 µs.
import type { Calendar } from './schema';
import { weekday } from '../time/shanghai';

export interface WorkCalendar {
  /** True when the year's days can be told, exactly or provisionally. */
  covers(year: number): boolean;
  /** True when the year is told from the statutory rule alone, its holiday notice not loaded. */
  isProvisional(year: number): boolean;
  /** null when the year can not be told at all. */
  isWorkingDay(key: string): boolean | null;
  isRestDay(key: string): boolean | null;
}

/**
 * The rest days of a year told from a rule rather than a notice (weekends need not be listed,
 * there are no make-up working days), or null for a year the rule cannot tell.
 */
export type ProvisionalYears = (year: number) => readonly string[] | null;

/** Later calendars override earlier ones date by date; covered years are the union. */
export function compileCalendar(...calendars: Calendar[]): WorkCalendar {
  return compileCalendars(calendars);
}

/**
 * The notices as compileCalendar does, and `provisional` for the years no notice covers: such a
 * year is told from it alone (none of its days leaks into a year a notice covers) and reported
 * provisional. A provisional year is worked out the first time it is asked about, then kept, so
 * loading the engine costs nothing for the years no ticket reaches.
 */
export function compileCalendars(notices: readonly Calendar[], provisional?: ProvisionalYears): WorkCalendar {
  const years = new Set<number>();
  const working = new Map<string, boolean>();
  for (const cal of notices) {
    cal.years.forEach((y) => years.add(y));
    cal.holidays.forEach((key) => working.set(key, false));
    cal.workdays.forEach((key) => working.set(key, true));
  }
  const guessed = new Map<number, ReadonlySet<string> | null>();
  const guessedRest = (year: number): ReadonlySet<string> | null => {
    let rest = guessed.get(year);
    if (rest === undefined) {
      const days = provisional?.(year) ?? null;
      guessed.set(year, (rest = days && new Set(days)));
    }
    return rest;
  };

  const covers = (year: number) => years.has(year) || guessedRest(year) !== null;
  const isProvisional = (year: number) => !years.has(year) && guessedRest(year) !== null;
  const isWorkingDay = (key: string): boolean | null => {
    const year = Number(key.slice(0, 4));
    if (years.has(year)) {
      const listed = working.get(key);
      if (listed !== undefined) return listed;
    } else {
      const rest = guessedRest(year);
      if (rest === null) return null;
      if (rest.has(key)) return false;
    }
    const day = weekday(key);
    return day !== 0 && day !== 6;
  };
  const isRestDay = (key: string): boolean | null => {
    const w = isWorkingDay(key);
    return w === null ? null : !w;
  };
  return { covers, isProvisional, isWorkingDay, isRestDay };
}
