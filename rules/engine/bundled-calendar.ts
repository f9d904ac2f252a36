import type { Calendar } from '../calendar/schema';
import { provisionalYear } from '../calendar/statutory';
import { compileCalendars } from '../calendar/work-calendar';
import data from '../calendar/cn-holidays.json';

/**
 * China's public holidays and make-up working days as shipped; users may add newer notices.
 * Checked against the schema by the tests (test/calendar-data.test.ts), not on every load, so
 * the engine need not carry the validator.
 */
export const bundledNotices = data as Calendar;

/**
 * The bundled notices, and for the years of the statutory-date table they do not cover (2027–2060
 * as shipped) the provisional calendar of rules/calendar/statutory.ts: dues there are marked
 * provisional. Each such year is worked out once, when a ticket first reaches it.
 */
export const bundledCalendar = compileCalendars([bundledNotices], provisionalYear);

/** The bundled notices, then `notices` (e.g. next year's), with the provisional fallback for the table years none covers. */
export function calendarWith(...notices: Calendar[]) {
  return compileCalendars([bundledNotices, ...notices], provisionalYear);
}
