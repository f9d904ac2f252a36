// The provisional calendar (issue 12 item 2): a year whose State Council notice is not loaded is
// told from 《全国年节及纪念日放假办法》 alone, and the clocks that reach into it say so.
import { getSolarDateFromLunar, getSolarTermsInRange } from 'chinese-days';
import { LunarDay, SolarTerm } from 'tyme4ts';
import { describe, expect, it } from 'vitest';
import cnHolidays from '../rules/calendar/cn-holidays.json';
import table from '../rules/calendar/cn-statutory-dates.json';
import { addCivilDays, addWorkingDays } from '../rules/calendar/deadline';
import { PROVISIONAL_TEXT } from '../rules/calendar/notes';
import { parseCalendar, type Calendar } from '../rules/calendar/schema';
import {
  provisionalRestDays,
  provisionalYear,
  statutoryCalendar,
  statutoryHolidays,
} from '../rules/calendar/statutory';
import { compileCalendar, compileCalendars } from '../rules/calendar/work-calendar';
import { bundledCalendar, calendarWith } from '../rules/engine/bundled-calendar';
import { evaluate } from '../rules/engine/evaluate';
import { getPack } from '../rules/packs';
import type { Ticket } from '../rules/ticket';
import { addDaysToKey, toIso, weekday } from '../rules/time/shanghai';
import { VerdictSchema, type Verdict } from '../rules/verdict';

const YEARS = Object.keys(table.days).map(Number);
const pad = (n: number) => String(n).padStart(2, '0');

describe('the statutory-date table (rules/calendar/cn-statutory-dates.json)', () => {
  it('has every year from 2024 to 2060, in order', () => {
    expect([table.from, table.to]).toEqual([2024, 2060]);
    expect(YEARS).toEqual(Array.from({ length: 2060 - 2024 + 1 }, (_, i) => 2024 + i));
  });

  // The generator took these from tyme4ts; asking it again catches a hand edit or a stale table.
  it.each(YEARS)('%i agrees with tyme4ts', (year) => {
    const md = (d: { getMonth(): number; getDay(): number }) => `${pad(d.getMonth())}-${pad(d.getDay())}`;
    expect(table.days[String(year) as keyof typeof table.days]).toEqual([
      md(LunarDay.fromYmd(year, 1, 1).getSolarDay()),
      md(SolarTerm.fromName(year, '清明').getSolarDay()),
      md(LunarDay.fromYmd(year, 5, 5).getSolarDay()),
      md(LunarDay.fromYmd(year, 8, 15).getSolarDay()),
    ]);
  });

  // A second, independent opinion from the package the notices come from.
  it.each(YEARS)('%i agrees with chinese-days', (year) => {
    const lunar = (md: string) => getSolarDateFromLunar(`${year}-${md}`).date.slice(5);
    const qingming = getSolarTermsInRange(`${year}-04-01`, `${year}-04-10`).find(
      (t) => t.term === 'pure_brightness' && t.index === 1,
    );
    expect(table.days[String(year) as keyof typeof table.days]).toEqual([
      lunar('01-01'),
      qingming?.date.slice(5),
      lunar('05-05'),
      lunar('08-15'),
    ]);
  });
});

describe('statutory holidays', () => {
  it('2024, before the 2024 amendment: 11 days (春节 初一–初三, 劳动节 05-01 only)', () => {
    expect(statutoryHolidays(2024)).toEqual([
      '2024-01-01',
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-04-04',
      '2024-05-01',
      '2024-06-10',
      '2024-09-17',
      '2024-10-01',
      '2024-10-02',
      '2024-10-03',
    ]);
  });

  it('2026, under the amended law: 13 days (除夕 and 05-02 added)', () => {
    expect(statutoryHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-04-05',
      '2026-05-01',
      '2026-05-02',
      '2026-06-19',
      '2026-09-25',
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
    ]);
  });

  it('outside the table there are none', () => {
    expect(statutoryHolidays(2023)).toEqual([]);
    expect(statutoryHolidays(2061)).toEqual([]);
  });

  it('2027: a weekend holiday is made up on the first working weekdays after its block', () => {
    // New Year Fri; 除夕 Fri 02-05, 初一 Sat, 初二 Sun, 初三 Mon → 补休 Tue 09, Wed 10 (two weekend days);
    // Labour Day Sat, Sun → Mon 03, Tue 04; National Day Fri, Sat, Sun → Mon 04, Tue 05.
    expect(provisionalRestDays(2027).filter((k) => !statutoryHolidays(2027).includes(k))).toEqual([
      '2027-02-09',
      '2027-02-10',
      '2027-05-03',
      '2027-05-04',
      '2027-10-04',
      '2027-10-05',
    ]);
  });

  it('2028: 中秋 on 10-03 shares a day with 国庆 and is made up too', () => {
    // 01-01 Sat → Mon 01-03; 端午 Sun 05-28 → Mon 05-29; 10-01 Sun and 中秋 = 10-03 → Wed 04, Thu 05.
    expect(provisionalRestDays(2028).filter((k) => !statutoryHolidays(2028).includes(k))).toEqual([
      '2028-01-03',
      '2028-05-29',
      '2028-10-04',
      '2028-10-05',
    ]);
  });

  it('the provisional calendar is valid calendar data, covering 2024–2060 with no make-up working day', () => {
    const cal = statutoryCalendar();
    expect(parseCalendar(cal).ok).toBe(true);
    expect(cal.years).toEqual(YEARS);
    expect(cal.workdays).toEqual([]);
  });

  it('the data form and the lazy fallback the engine uses agree on every day of 2024–2060', () => {
    const data = compileCalendar(statutoryCalendar());
    const lazy = compileCalendars([], provisionalYear);
    const disagree: string[] = [];
    for (let key = '2024-01-01'; key < '2061-01-01'; key = addDaysToKey(key, 1)) {
      if (data.isWorkingDay(key) !== lazy.isWorkingDay(key)) disagree.push(key);
    }
    expect(disagree).toEqual([]);
    expect(lazy.isWorkingDay('2061-01-01')).toBeNull();
  });
});

// Each year's days where the provisional rule and the real notice disagree. Every difference is
// the notice's 调休 (weekends swapped to make longer breaks), which the law does not fix and the
// rule does not guess: a `works` day is a make-up working weekend, a `rests` day a weekday the
// notice gives off in return. A change to the rule that moves any other day fails here.
const KNOWN_DIFFERENCES: Record<number, Record<string, 'works' | 'rests'>> = {
  2024: {
    '2024-02-04': 'works', // Sun: 调休 for the Spring Festival break 02-10–17
    '2024-02-15': 'rests', // Thu: break 02-10–17; the law gives 初一–初三 (02-10–12) and 补休 02-13, 02-14 for Sat/Sun
    '2024-02-16': 'rests', // Fri: the same break
    '2024-02-18': 'works', // Sun: 调休 for the same break
    '2024-04-05': 'rests', // Fri: Qingming (Thu 04-04) bridged to the weekend, 04-04–06
    '2024-04-07': 'works', // Sun: 调休 for 04-05
    '2024-04-28': 'works', // Sun: 调休 for Labour Day 05-01–05 (one statutory day before 2025)
    '2024-05-02': 'rests', // Thu: Labour Day break
    '2024-05-03': 'rests', // Fri: Labour Day break
    '2024-05-11': 'works', // Sat: 调休 for Labour Day
    '2024-09-14': 'works', // Sat: 调休 for Mid-autumn 09-15–17
    '2024-09-16': 'rests', // Mon: Mid-autumn (Tue 09-17) bridged to the weekend
    '2024-09-29': 'works', // Sun: 调休 for National Day 10-01–07
    '2024-10-04': 'rests', // Fri: National Day break
    '2024-10-07': 'rests', // Mon: National Day break
    '2024-10-12': 'works', // Sat: 调休 for National Day
  },
  2025: {
    '2025-01-26': 'works', // Sun: 调休 for the Spring Festival break 01-28–02-04
    '2025-02-03': 'rests', // Mon: that break (statutory 除夕–初三 is 01-28–31)
    '2025-02-04': 'rests', // Tue: that break
    '2025-02-08': 'works', // Sat: 调休 for that break
    '2025-04-27': 'works', // Sun: 调休 for Labour Day 05-01–05
    '2025-05-05': 'rests', // Mon: Labour Day break (statutory 05-01, 05-02)
    '2025-09-28': 'works', // Sun: 调休 for National Day and Mid-autumn 10-01–08
    '2025-10-07': 'rests', // Tue: that break (statutory 10-01–03 and 中秋 Mon 10-06)
    '2025-10-08': 'rests', // Wed: that break
    '2025-10-11': 'works', // Sat: 调休 for that break
  },
  2026: {
    '2026-01-02': 'rests', // Fri: New Year (Thu) bridged to the weekend, 01-01–03
    '2026-01-04': 'works', // Sun: 调休 for 01-02
    '2026-02-14': 'works', // Sat: 调休 for the Spring Festival break 02-15–23
    '2026-02-20': 'rests', // Fri: that break (statutory 除夕–初三 is 02-16–19)
    '2026-02-23': 'rests', // Mon: that break
    '2026-02-28': 'works', // Sat: 调休 for that break
    '2026-05-05': 'rests', // Tue: Labour Day break 05-01–05 (the law's 补休 for Sat 05-02 is Mon 05-04, as the notice has)
    '2026-05-09': 'works', // Sat: 调休 for 05-05
    '2026-09-20': 'works', // Sun: 调休 for National Day 10-01–07
    '2026-10-06': 'rests', // Tue: National Day break (the law's 补休 for Sat 10-03 is Mon 10-05, as the notice has)
    '2026-10-07': 'rests', // Wed: National Day break
    '2026-10-10': 'works', // Sat: 调休 for National Day
  },
};

describe('the provisional rule against the real notices', () => {
  const notices = compileCalendar(cnHolidays as Calendar);
  const guessed = compileCalendars([], provisionalYear);

  it.each([2024, 2025, 2026])('%i differs from its notice only on the known 调休 days', (year) => {
    const differ: Record<string, 'works' | 'rests'> = {};
    let noticeRest = 0;
    let guessedRest = 0;
    expect(guessed.isProvisional(year)).toBe(true);
    for (let key = `${year}-01-01`; key.startsWith(String(year)); key = addDaysToKey(key, 1)) {
      const real = notices.isWorkingDay(key)!;
      const rule = guessed.isWorkingDay(key)!;
      if (!real) noticeRest++;
      if (!rule) guessedRest++;
      if (real !== rule) differ[key] = real ? 'works' : 'rests';
    }
    const W = '日一二三四五六';
    console.log(
      `${year}: ${Object.entries(differ)
        .map(([k, v]) => `${k.slice(5)}(${W[weekday(k)]}) ${v}`)
        .join(', ')}`,
    );
    expect(differ).toEqual(KNOWN_DIFFERENCES[year]);
    // 调休 moves days off, it does not add any: the rule gives the year's count of rest days exactly.
    expect(guessedRest).toBe(noticeRest);
    // Only weekends are worked and only weekdays given off: every weekday the rule gives off (a
    // 法定假日 or a 补休) is off in the notice too.
    const weekend = (k: string) => weekday(k) === 0 || weekday(k) === 6;
    for (const [k, v] of Object.entries(differ)) expect([k, weekend(k)]).toEqual([k, v === 'works']);
  });
});

describe('compileCalendars: a notice replaces its provisional year whole', () => {
  const notice2027 = {
    name: '2027 notice (hypothetical, test)',
    source: 'test',
    years: [2027],
    holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
    workdays: ['2027-01-09'],
  };
  const cal = compileCalendars([cnHolidays as Calendar, notice2027], provisionalYear);

  it('notice years are exact, table years without a notice provisional, other years unknown', () => {
    expect([2023, 2026, 2027, 2028, 2060, 2061].map((y) => [cal.covers(y), cal.isProvisional(y)])).toEqual([
      [false, false],
      [true, false],
      [true, false],
      [true, true],
      [true, true],
      [false, false],
    ]);
    expect(cal.isWorkingDay('2061-03-01')).toBeNull();
  });

  it('no provisional day leaks into a notice year', () => {
    expect(cal.isWorkingDay('2027-02-08')).toBe(true); // 初三 by the rule, but the (hypothetical) notice does not list it
    expect(cal.isWorkingDay('2027-01-09')).toBe(true); // the notice's make-up Saturday
    expect(bundledCalendar.isWorkingDay('2027-02-08')).toBe(false);
    expect(bundledCalendar.isWorkingDay('2027-01-09')).toBe(false);
  });

  it('a walk is provisional only when it looks at a provisional day', () => {
    const at = (iso: string) => Date.parse(iso);
    // Ends on 2026-12-31: 2027 is never looked at.
    expect(addWorkingDays(bundledCalendar, at('2026-12-28T09:00:00+08:00'), 3)).toEqual({
      ok: true,
      ms: at('2027-01-01T00:00:00+08:00'),
    });
    // 29, 30, 31; 2027-01-01 (Fri) off, 02–03 weekend; Mon 04, Tue 05.
    expect(addWorkingDays(bundledCalendar, at('2026-12-28T09:00:00+08:00'), 5)).toEqual({
      ok: true,
      ms: at('2027-01-06T00:00:00+08:00'),
      provisional: true,
    });
    expect(addWorkingDays(cal, at('2026-12-28T09:00:00+08:00'), 5)).toEqual({
      ok: true,
      ms: at('2027-01-06T00:00:00+08:00'),
    });
    // 15 days from 12-20 is Mon 2027-01-04, a working day by the rule.
    expect(addCivilDays(bundledCalendar, at('2026-12-20T10:00:00+08:00'), 15)).toEqual({
      ok: true,
      ms: at('2027-01-05T00:00:00+08:00'),
      provisional: true,
    });
    // The table ends with 2060: 2061 stays unknown.
    expect(addWorkingDays(bundledCalendar, at('2060-12-28T09:00:00+08:00'), 5)).toEqual({
      ok: false,
      reason: '2061 年节假日安排未载入 / the 2061 holiday calendar is not loaded',
    });
  });
});

describe('clocks reaching into a year without a notice', () => {
  const ct = getPack('china-telecom')!;
  const ticket: Ticket = {
    id: 'P1',
    channel: '10000号',
    ticketType: '投诉单',
    customerLevel: '普通',
    customerPhone: '13300000001',
    title: '宽带经常掉线',
    acceptedAt: '2027-02-04 10:00', // Thursday before the 2027 Spring Festival
  };
  const now = Date.parse('2027-02-04T11:00:00+08:00');
  const clock = (v: Verdict, code: string) => v.clocks.find((c) => c.code === code);

  it('are provisional, with a due from the statutory holidays, and said so', () => {
    const v = evaluate(ticket, ct, [], now);
    expect(VerdictSchema.safeParse(v).success).toBe(true);
    // 除夕 Fri 05, 初一–初三 06–08 (Sat, Sun, Mon), 补休 Tue 09, Wed 10; Thu 11, Fri 12, Mon 15 → 24:00 of 02-15.
    expect(clock(v, 'reply-user')).toMatchObject({
      dueAt: '2027-02-16T00:00:00+08:00',
      provisional: true,
      state: 'running',
    });
    expect(clock(v, 'reply-user')!.because).toContain(PROVISIONAL_TEXT);
    expect(
      JSON.parse(JSON.stringify(v)).clocks.find((c: { code: string }) => c.code === 'reply-user').provisional,
    ).toBe(true);
    // No calendar unknown: the clock is told, only provisionally.
    expect(v.unknown.map((u) => u.field)).not.toContain('calendar');
    // Natural-hour clocks need no calendar and are never provisional.
    expect(clock(v, 'resolve')).toMatchObject({ dueAt: '2027-02-05T10:00:00+08:00' });
    expect(clock(v, 'resolve')!.provisional).toBeUndefined();
  });

  it('are exact, with no flag, once the year’s notice is given', () => {
    // A hypothetical 2027 notice that, unlike the rule, gives only 02-06–08 off around the Spring Festival.
    const notice2027: Calendar = {
      name: '2027 notice (hypothetical, test)',
      source: 'test',
      years: [2027],
      holidays: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08'],
      workdays: [],
    };
    const v = evaluate(ticket, ct, [], now, { calendar: calendarWith(notice2027) });
    // Fri 05, Tue 09, Wed 10 → 24:00 of 02-10.
    expect(clock(v, 'reply-user')).toMatchObject({ dueAt: '2027-02-11T00:00:00+08:00' });
    expect(clock(v, 'reply-user')!.provisional).toBeUndefined();
    expect(clock(v, 'reply-user')!.because).not.toContain(PROVISIONAL_TEXT);
    expect(JSON.stringify(v)).not.toContain('provisional');
  });

  it('a clock that stays within a notice year is exact under the bundled calendar', () => {
    const v = evaluate({ ...ticket, acceptedAt: '2026-03-10 09:00' }, ct, [], Date.parse('2026-03-10T10:00:00+08:00'));
    expect(clock(v, 'reply-user')).toMatchObject({ dueAt: '2026-03-14T00:00:00+08:00' });
    expect(clock(v, 'reply-user')!.provisional).toBeUndefined();
  });

  it('a year past the table is still unknown', () => {
    const v = evaluate({ ...ticket, acceptedAt: '2061-02-04 10:00' }, ct, [], Date.parse('2061-02-04T11:00:00+08:00'));
    expect(clock(v, 'reply-user')).toBeUndefined();
    expect(v.unknown.find((u) => u.field === 'calendar')?.because).toMatch(/2061/);
    expect(toIso(Date.parse(clock(v, 'resolve')!.dueAt))).toBe('2061-02-05T10:00:00+08:00');
  });
});
