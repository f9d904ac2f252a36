// Compiles validated calendar data into hash lookups: a deadline walk asks about every day it
// passes (about 20 for 10 working days over a holiday), and a whole verdict is budgeted at ~20 µs.
import type { Calendar } from './schema';
import { weekday } from '../time/shanghai';

export interface WorkCalendar {
  covers(year: number): boolean;
  /** null when the year's holiday notice is not loaded: such a day cannot be told. */
  isWorkingDay(key: string): boolean | null;
  isRestDay(key: string): boolean | null;
}

/** Later calendars override earlier ones date by date; covered years are the union. */
export function compileCalendar(...calendars: Calendar[]): WorkCalendar {
  const years = new Set<number>();
  const working = new Map<string, boolean>();
  for (const cal of calendars) {
    cal.years.forEach((y) => years.add(y));
    cal.holidays.forEach((key) => working.set(key, false));
    cal.workdays.forEach((key) => working.set(key, true));
  }

  const covers = (year: number) => years.has(year);
  const isWorkingDay = (key: string): boolean | null => {
    if (!covers(Number(key.slice(0, 4)))) return null;
    const listed = working.get(key);
    if (listed !== undefined) return listed;
    const day = weekday(key);
    return day !== 0 && day !== 6;
  };
  const isRestDay = (key: string): boolean | null => {
    const w = isWorkingDay(key);
    return w === null ? null : !w;
  };
  return { covers, isWorkingDay, isRestDay };
}
