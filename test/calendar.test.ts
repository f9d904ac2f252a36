import { describe, expect, it } from 'vitest';
import cnHolidays from '../rules/calendar/cn-holidays.json';
import { addCivilDays, addHours, addWorkingDays, type DueResult } from '../rules/calendar/deadline';
import { parseCalendar, type Calendar } from '../rules/calendar/schema';
import { compileCalendar } from '../rules/calendar/work-calendar';
import { parseCrmTime } from '../rules/time/parse';
import { dayStart, toIso } from '../rules/time/shanghai';

function load(data: unknown): Calendar {
  const parsed = parseCalendar(data);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.calendar;
}

function at(text: string): number {
  const parsed = parseCrmTime(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.ms;
}

const iso = (result: DueResult) => (result.ok ? toIso(result.ms) : result.reason);

const cn = load(cnHolidays);
const cal = compileCalendar(cn);

describe('isWorkingDay', () => {
  it.each<[string, boolean, string]>([
    // 2026
    ['2026-01-01', false, 'New Year (Thu)'],
    ['2026-01-03', false, 'New Year block (Sat)'],
    ['2026-01-04', true, 'make-up Sunday'],
    ['2026-01-05', true, 'ordinary Monday'],
    ['2026-01-10', false, 'ordinary Saturday'],
    ['2026-02-13', true, 'Friday before Spring Festival'],
    ['2026-02-14', true, 'make-up Saturday'],
    ['2026-02-15', false, 'Spring Festival first day (Sun)'],
    ['2026-02-16', false, 'Spring Festival'],
    ['2026-02-17', false, 'Spring Festival'],
    ['2026-02-18', false, 'Spring Festival'],
    ['2026-02-19', false, 'Spring Festival'],
    ['2026-02-20', false, 'Spring Festival'],
    ['2026-02-21', false, 'Spring Festival (Sat)'],
    ['2026-02-22', false, 'Spring Festival (Sun)'],
    ['2026-02-23', false, 'Spring Festival last day (Mon)'],
    ['2026-02-24', true, 'first working day after Spring Festival'],
    ['2026-02-28', true, 'make-up Saturday'],
    ['2026-03-01', false, 'Sunday after make-up Saturday'],
    ['2026-05-05', false, 'Labour Day block'],
    ['2026-05-09', true, 'make-up Saturday'],
    ['2026-09-20', true, 'make-up Sunday'],
    ['2026-09-25', false, 'Mid-autumn (Fri)'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-02', false, 'National Day'],
    ['2026-10-03', false, 'National Day (Sat)'],
    ['2026-10-04', false, 'National Day (Sun)'],
    ['2026-10-05', false, 'National Day'],
    ['2026-10-06', false, 'National Day'],
    ['2026-10-07', false, 'National Day'],
    ['2026-10-08', true, 'after National Day'],
    ['2026-10-10', true, 'make-up Saturday'],
    ['2026-10-11', false, 'ordinary Sunday'],
    // 2025
    ['2025-01-26', true, 'make-up Sunday'],
    ['2025-01-28', false, 'Spring Festival eve'],
    ['2025-02-04', false, 'Spring Festival last day'],
    ['2025-02-05', true, 'after Spring Festival'],
    ['2025-02-08', true, 'make-up Saturday'],
    ['2025-09-28', true, 'make-up Sunday'],
    ['2025-10-01', false, 'National Day'],
    ['2025-10-06', false, 'Mid-autumn inside National Day'],
    ['2025-10-08', false, 'National Day last day'],
    ['2025-10-09', true, 'after National Day'],
    ['2025-10-11', true, 'make-up Saturday'],
    // 2024
    ['2024-02-04', true, 'make-up Sunday'],
    ['2024-02-10', false, 'Spring Festival'],
    ['2024-02-18', true, 'make-up Sunday'],
    ['2024-05-11', true, 'make-up Saturday'],
    ['2024-06-10', false, 'Dragon Boat'],
    ['2024-10-07', false, 'National Day last day'],
    ['2024-10-12', true, 'make-up Saturday'],
    ['2024-12-31', true, 'ordinary Tuesday'],
  ])('%s → %s (%s)', (key, working) => {
    expect(cal.isWorkingDay(key)).toBe(working);
    expect(cal.isRestDay(key)).toBe(!working);
  });

  it.each(['2027-01-04', '2027-06-01', '2023-12-29'])('%s is in an uncovered year → null', (key) => {
    expect(cal.isWorkingDay(key)).toBeNull();
    expect(cal.isRestDay(key)).toBeNull();
  });

  it('covers exactly the bundled years', () => {
    expect([2023, 2024, 2025, 2026, 2027].map((y) => cal.covers(y))).toEqual([false, true, true, true, false]);
  });
});

describe('addHours', () => {
  it.each([
    ['2026-10-01 08:00', 24, '2026-10-02T08:00:00+08:00'], // holidays count
    ['2026-11-28 16:36', 1, '2026-11-28T17:36:00+08:00'],
    ['2026-11-28 16:36', 0.5, '2026-11-28T17:06:00+08:00'],
    ['2026-12-31 20:00', 12, '2027-01-01T08:00:00+08:00'], // no calendar needed
  ])('%s + %d h = %s', (start, hours, due) => {
    expect(toIso(addHours(at(start), hours))).toBe(due);
  });
});

// Expected dues were counted by hand from the published 2024–2026 notices.
describe('addWorkingDays', () => {
  it.each([
    // 14 Sat make-up is the start day (not counted); 15–23 off; 24, 25, 26 count.
    ['day before Spring Festival', '2026-02-14 10:00', 3, '2026-02-27T00:00:00+08:00'],
    // 14 Sat (make-up) W1; 15–23 off; 24–27 W2–W5; 28 Sat (make-up) W6.
    ['Friday before Spring Festival, appeal reply', '2026-02-13 16:00', 6, '2026-03-01T00:00:00+08:00'],
    // Mar 1 Sun off; Mar 2, 3, 4.
    ['on a make-up Saturday', '2026-02-28 09:00', 3, '2026-03-05T00:00:00+08:00'],
    // Sat 28, Sun 29 off; Mon 30, Tue 1, Wed 2.
    ['Friday evening, reply to user', '2026-11-27 21:30', 3, '2026-12-03T00:00:00+08:00'],
    // 4–7 off; 8, 9, 10 (make-up Sat), 12, 13, 14; 11 Sun off.
    ['inside National Day, appeal reply', '2026-10-03 11:00', 6, '2026-10-15T00:00:00+08:00'],
    // 25–27 Mid-autumn off; 28, 29, 30; Oct 1–7 off; 8, 9, 10, 12, 13, 14, 15.
    ['before Mid-autumn, supervision', '2026-09-24 15:00', 10, '2026-10-16T00:00:00+08:00'],
    // 25 Sat off; 26 Sun make-up, 27; 28–Feb 4 off; 5, 6, 7, 8 (make-up Sat), 10, 11, 12, 13.
    ['2025 Spring Festival, supervision', '2025-01-24 10:00', 10, '2025-02-14T00:00:00+08:00'],
    // 28 Sat off; 29 Sun make-up, 30; Oct 1–7 off; 8.
    ['2024 National Day', '2024-09-27 18:00', 3, '2024-10-09T00:00:00+08:00'],
    ['ordinary week, appeal reply', '2026-03-10 09:00', 6, '2026-03-19T00:00:00+08:00'],
    // 16:30 UTC on the 13th is 00:30 on the 14th in Shanghai, so the 14th is the start day.
    ['start day taken in Shanghai time', '2026-02-13T16:30:00Z', 3, '2026-02-27T00:00:00+08:00'],
    // Ends on Dec 31: 2027 is never examined.
    ['ending on the last covered day', '2026-12-28 09:00', 3, '2027-01-01T00:00:00+08:00'],
  ])('%s: %s + %d working days → %s', (_label, start, n, due) => {
    expect(iso(addWorkingDays(cal, at(start), n))).toBe(due);
  });

  it('refuses to guess across into 2027, whose notice is not loaded', () => {
    expect(addWorkingDays(cal, at('2026-12-28 09:00'), 5)).toEqual({
      ok: false,
      reason: '2027 年节假日安排未载入 / the 2027 holiday calendar is not loaded',
    });
  });

  it.each([0, -1, 2.5, NaN])('refuses a day count of %s', (n) => {
    expect(addWorkingDays(cal, at('2026-03-10 09:00'), n).ok).toBe(false);
  });
});

describe('addCivilDays', () => {
  it.each([
    ['ordinary date', '2026-03-10 10:00', 15, '2026-03-26T00:00:00+08:00'],
    ['started at 23:59, start day still not counted', '2026-03-10 23:59', 15, '2026-03-26T00:00:00+08:00'],
    ['started at 00:00 the next day', '2026-03-11 00:00', 15, '2026-03-27T00:00:00+08:00'],
    // Last day Sat 21 → Sun 22 also off → Mon 23.
    ['ending on a Saturday', '2026-03-06 10:00', 15, '2026-03-24T00:00:00+08:00'],
    // Last day Oct 2 (National Day) → first working day Oct 8.
    ['ending inside National Day', '2026-09-17 10:00', 15, '2026-10-09T00:00:00+08:00'],
    // Oct 10 is a Saturday but a make-up working day, so it is not a rest day.
    ['ending on a make-up Saturday', '2026-09-25 10:00', 15, '2026-10-11T00:00:00+08:00'],
    // Dec 25 is a Friday: 2027 is never examined.
    ['ending before an uncovered year', '2026-12-10 10:00', 15, '2026-12-26T00:00:00+08:00'],
  ])('%s: %s + %d days → %s', (_label, start, n, due) => {
    expect(iso(addCivilDays(cal, at(start), n))).toBe(due);
  });

  it('ends at 24:00 of the last day: 23:59:59 that day is still in time', () => {
    const result = addCivilDays(cal, at('2026-03-10 10:00'), 15);
    expect(result).toEqual({ ok: true, ms: dayStart('2026-03-26') });
    if (!result.ok) return;
    expect(at('2026-03-25 23:59:59')).toBeLessThan(result.ms);
    expect(at('2026-03-26 00:00:00')).toBe(result.ms);
  });

  it('refuses when the last day falls in an uncovered year', () => {
    expect(addCivilDays(cal, at('2026-12-20 10:00'), 15)).toEqual({
      ok: false,
      reason: '2027 年节假日安排未载入 / the 2027 holiday calendar is not loaded',
    });
  });
});

describe('parseCalendar', () => {
  const valid = { name: 'test', source: 'test', years: [2026], holidays: ['2026-10-01'], workdays: ['2026-10-10'] };

  it('accepts well-formed data', () => {
    expect(parseCalendar(valid)).toEqual({ ok: true, calendar: valid });
  });

  it.each<[string, unknown, string]>([
    [
      'impossible date',
      { ...valid, holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-02-30'] },
      'holidays.3: not a real date "2026-02-30"',
    ],
    ['not a date at all', { ...valid, workdays: ['10/10/2026'] }, 'workdays.0: not a real date "10/10/2026"'],
    ['unpadded date', { ...valid, holidays: ['2026-1-1'] }, 'holidays.0: not a real date "2026-1-1"'],
    [
      'both holiday and workday',
      { ...valid, workdays: ['2026-10-10', '2026-10-01'] },
      'workdays.1: date "2026-10-01" is also listed as a holiday',
    ],
    [
      'outside listed years',
      { ...valid, holidays: ['2026-10-01', '2027-01-01'] },
      'holidays.1: date "2027-01-01" is outside the listed years',
    ],
    ['year out of range', { ...valid, years: [2026, 1999] }, 'years.1: '],
    ['no years', { ...valid, years: [] }, 'years: '],
    ['missing field', { name: 'x', source: 'y', years: [2026], holidays: [] }, 'workdays: '],
    ['misspelt key', { ...valid, holiday: [] }, '(root): '],
    ['not an object', 'calendar', '(root): '],
  ])('%s', (_label, data, error) => {
    const result = parseCalendar(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.some((e) => e.startsWith(error))).toBe(true);
  });
});

describe('a user calendar loaded on top of the bundled data', () => {
  // A hypothetical 2027 notice, as a user would load it before the package catches up.
  const notice2027 = load({
    name: '2027 notice (test)',
    source: 'test',
    years: [2027],
    holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
    workdays: [],
  });

  it('makes a 2027 case computable', () => {
    const extended = compileCalendar(cn, notice2027);
    expect(extended.covers(2027)).toBe(true);
    // 29, 30, 31; Jan 1–3 off; Mon 4, Tue 5.
    expect(iso(addWorkingDays(extended, at('2026-12-28 09:00'), 5))).toBe('2027-01-06T00:00:00+08:00');
  });

  it('overrides earlier calendars date by date', () => {
    const correction = load({
      name: 'fix',
      source: 'test',
      years: [2026],
      holidays: ['2026-10-10'],
      workdays: ['2026-10-07'],
    });
    const patched = compileCalendar(cn, correction);
    expect(patched.isWorkingDay('2026-10-10')).toBe(false);
    expect(patched.isWorkingDay('2026-10-07')).toBe(true);
    expect(patched.isWorkingDay('2026-10-06')).toBe(false); // untouched dates keep the bundled verdict
    expect(compileCalendar(correction, cn).isWorkingDay('2026-10-10')).toBe(true);
  });
});
