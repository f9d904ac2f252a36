// Holiday calendars are data so that next year's State Council notice (published around
// November) can be loaded without a release; this schema is the gate for that data.
import { z } from 'zod';
import { isValidDateKey } from '../time/shanghai';

const DateKey = z
  .string()
  .refine(isValidDateKey, { error: (issue) => `not a real date ${JSON.stringify(issue.input)}` });

// Bounds: 101 possible years, and no more dates than those years have days.
const MAX_DAYS = 101 * 366;

export const CalendarSchema = z
  .strictObject({
    name: z.string().min(1).max(1_000),
    source: z.string().min(1).max(1_000),
    note: z.string().max(10_000).optional(),
    /** Years whose holiday notice is fully included; other years are unknown, not ordinary. */
    years: z.array(z.number().int().min(2000).max(2100)).min(1).max(101),
    /** Days off, including the weekend days inside a holiday block. */
    holidays: z.array(DateKey).max(MAX_DAYS),
    /** Make-up working days (调休上班), usually a Saturday or Sunday. */
    workdays: z.array(DateKey).max(MAX_DAYS),
  })
  .superRefine((cal, ctx) => {
    const years = new Set(cal.years);
    const holidays = new Set(cal.holidays);
    const checkYears = (list: 'holidays' | 'workdays') =>
      cal[list].forEach((key, i) => {
        if (!years.has(Number(key.slice(0, 4)))) {
          ctx.addIssue({ code: 'custom', path: [list, i], message: `date "${key}" is outside the listed years` });
        }
      });
    checkYears('holidays');
    checkYears('workdays');
    cal.workdays.forEach((key, i) => {
      if (holidays.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `date "${key}" is also listed as a holiday` });
      }
    });
  });

export type Calendar = z.infer<typeof CalendarSchema>;

export type ParsedCalendar = { ok: true; calendar: Calendar } | { ok: false; errors: string[] };

/** Validates calendar data; each error starts with its path, e.g. `holidays.3: …`. */
export function parseCalendar(data: unknown): ParsedCalendar {
  const result = CalendarSchema.safeParse(data);
  if (result.success) return { ok: true, calendar: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  };
}
