import type { Calendar } from '../calendar/schema';
import { compileCalendar } from '../calendar/work-calendar';
import data from '../calendar/cn-holidays.json';

/**
 * China's public holidays and make-up working days as shipped; users may add newer notices.
 * Checked against the schema by the tests (test/calendar-data.test.ts), not on every load, so
 * the content script can evaluate without carrying the validator.
 */
export const bundledCalendar = compileCalendar(data as Calendar);
