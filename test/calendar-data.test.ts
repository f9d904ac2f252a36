import chineseDays from 'chinese-days/dist/chinese-days.json';
import { describe, expect, it } from 'vitest';
import cnHolidays from '../rules/calendar/cn-holidays.json';
import { parseCalendar } from '../rules/calendar/schema';

const inYear = (keys: Iterable<string>, year: number) => [...keys].filter((k) => k.startsWith(`${year}-`)).sort();

describe('bundled cn-holidays.json', () => {
  it('passes the calendar schema', () => {
    expect(parseCalendar(cnHolidays).ok).toBe(true);
  });

  it('covers 2024–2026 and not 2027, which chinese-days has no notice for', () => {
    expect(cnHolidays.years).toEqual([2024, 2025, 2026]);
    expect(inYear(Object.keys(chineseDays.holidays), 2027)).toEqual([]);
    expect(cnHolidays.note).toMatch(/2027/);
  });

  it.each(cnHolidays.years)('%i agrees with chinese-days', (year) => {
    expect(inYear(cnHolidays.holidays, year)).toEqual(inYear(Object.keys(chineseDays.holidays), year));
    expect(inYear(cnHolidays.workdays, year)).toEqual(inYear(Object.keys(chineseDays.workdays), year));
    expect(inYear(cnHolidays.holidays, year).length).toBeGreaterThan(0);
  });

  it('has the announced 2026 make-up working days', () => {
    expect(inYear(cnHolidays.workdays, 2026)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });
});
