import { parseCalendar } from '../calendar/schema';
import { compileCalendar } from '../calendar/work-calendar';
import data from '../calendar/cn-holidays.json';

const parsed = parseCalendar(data);
if (!parsed.ok) throw new Error(`bundled calendar is invalid: ${parsed.errors.join('; ')}`);

/** China's public holidays and make-up working days as shipped; users may add newer notices. */
export const bundledCalendar = compileCalendar(parsed.calendar);
