// The provisional calendar: for a year whose State Council notice is not loaded, the rest days
// worked out from 《全国年节及纪念日放假办法》 itself. The lunar and solar-term dates come from a
// small table (cn-statutory-dates.json, generated from the tyme4ts library by
// test/tools/make-statutory-dates.ts and checked against it year by year in the tests), so
// the extension carries about 2 KB instead of a lunar library.
import { addDaysToKey, weekday } from '../time/shanghai';
import type { Calendar } from './schema';
import table from './cn-statutory-dates.json';

export interface StatutoryDates {
  from: number;
  to: number;
  /** Per Gregorian year: [正月初一, 清明, 端午, 中秋] as MM-DD. */
  days: Record<string, readonly string[]>;
}

export const STATUTORY_DATES: StatutoryDates = table;

const isWeekend = (key: string) => {
  const day = weekday(key);
  return day === 0 || day === 6;
};

/**
 * The 法定假日 of one year under the law in force that year, one entry per statutory day (a day
 * two festivals share, as 中秋 on 10-01 to 10-03 in 2028, is listed twice). Empty when the year
 * is outside the table.
 */
export function statutoryHolidays(year: number, dates: StatutoryDates = STATUTORY_DATES): string[] {
  const d = dates.days[year];
  if (!d || d.length !== 4) return [];
  const [springFestival, qingming, duanwu, midAutumn] = d.map((mmdd) => `${year}-${mmdd}`) as [
    string,
    string,
    string,
    string,
  ];
  // The 2024 amendment (in force from 2025-01-01) added 除夕 and 5 月 2 日.
  const amended = year >= 2025;
  const days = [`${year}-01-01`];
  if (amended) days.push(addDaysToKey(springFestival, -1));
  days.push(springFestival, addDaysToKey(springFestival, 1), addDaysToKey(springFestival, 2));
  days.push(qingming, `${year}-05-01`);
  if (amended) days.push(`${year}-05-02`);
  days.push(duanwu, midAutumn, `${year}-10-01`, `${year}-10-02`, `${year}-10-03`);
  return days.sort();
}

/**
 * Rest days of one year by the statutory rule alone: every 法定假日 is a rest day, and each one
 * that falls on a Saturday or Sunday (or on another 法定假日) is owed a day off, given on the
 * first working weekdays after its block of rest days. This is the law's 补休 rule (第六条: a
 * holiday on a weekend is made up on a working day), not the notice's 调休 arrangement, which
 * swaps weekends to make longer breaks and cannot be predicted: no make-up working weekend is
 * ever listed here, those come only with the notice.
 */
export function provisionalRestDays(year: number, dates: StatutoryDates = STATUTORY_DATES): string[] {
  const owed = statutoryHolidays(year, dates);
  const rest = new Set(owed);
  const isRest = (key: string) => rest.has(key) || isWeekend(key);
  // Blocks in date order: a block runs through consecutive rest days (weekends included).
  for (let i = 0; i < owed.length;) {
    let makeUp = 0;
    let last = owed[i]!;
    for (;;) {
      const key = owed[i]!;
      if (isWeekend(key) || (i > 0 && owed[i - 1] === key)) makeUp++;
      last = key;
      i++;
      if (i >= owed.length) break;
      // The next statutory day joins the block when only rest days lie between.
      let k = addDaysToKey(last, 1);
      while (k < owed[i]! && isRest(k)) k = addDaysToKey(k, 1);
      if (k < owed[i]!) break;
    }
    // After the block: skip its trailing weekend, then give each owed day on a working weekday.
    let k = addDaysToKey(last, 1);
    while (makeUp > 0) {
      if (!isRest(k)) {
        rest.add(k);
        makeUp--;
      }
      k = addDaysToKey(k, 1);
    }
  }
  return [...rest].sort();
}

/** Rest days of a year of the table by the statutory rule, null outside it: the provisional fallback of compileCalendars. */
export function provisionalYear(year: number): string[] | null {
  return year >= STATUTORY_DATES.from && year <= STATUTORY_DATES.to ? provisionalRestDays(year) : null;
}

/** The provisional calendar for every year of the table, as calendar data (to check or export it). */
export function statutoryCalendar(dates: StatutoryDates = STATUTORY_DATES): Calendar {
  const years: number[] = [];
  const holidays: string[] = [];
  for (let y = dates.from; y <= dates.to; y++) {
    years.push(y);
    holidays.push(...provisionalRestDays(y, dates));
  }
  return {
    name: '法定假日推算 / statutory holidays (provisional)',
    source: '《全国年节及纪念日放假办法》 with the dates of cn-statutory-dates.json',
    note: 'Provisional: weekend holidays are made up on the next working weekday; the notice’s 调休 is not predicted.',
    years,
    holidays,
    workdays: [],
  };
}
