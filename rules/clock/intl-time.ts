// An instant in Shanghai as the views write it, through Intl in the agent's language: the day by
// Intl.DateTimeFormat (month and day, the year when it is not `now`'s), then `hh:mm`, where 00:00
// reads as 24:00 of the day before (the rules end a period at 24:00 of its last day). The Shanghai
// day is found by its fixed offset and formatted as a UTC date, so no host time-zone data is needed.
import { SHANGHAI_OFFSET_MS } from '../time/shanghai';
import { CLOCK_WORDS, fill, type Lang } from './words';

const DAY_MS = 86_400_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

// One formatter per language and with or without the year; the last text per (language, day, year).
const formats = new Map<string, Intl.DateTimeFormat>();
const days = new Map<string, string>();

function dayText(day: number, withYear: boolean, lang: Lang): string {
  const key = `${lang} ${day} ${withYear}`;
  let text = days.get(key);
  if (text !== undefined) return text;
  const kind = `${lang} ${withYear}`;
  let format = formats.get(kind);
  if (!format) {
    const { locale } = CLOCK_WORDS[lang];
    const month = lang === 'zh_CN' ? 'long' : 'short';
    format = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      month,
      day: 'numeric',
      ...(withYear && { year: 'numeric' }),
    });
    formats.set(kind, format);
  }
  text = format.format(day * DAY_MS);
  if (days.size > 4096) days.clear();
  days.set(key, text);
  return text;
}

const yearOf = (day: number) => new Date(day * DAY_MS).getUTCFullYear();

/** `Nov 28, 16:36`; `Nov 28, 24:00` for 00:00 of the 29th; `Nov 28, 2025, 16:36` in another year than `now`'s. */
export function intlTime(ms: number, now: number, lang: Lang): string {
  const local = Math.floor(ms / 60_000) + SHANGHAI_OFFSET_MS / 60_000;
  let day = Math.floor(local / 1440);
  const minute = local - day * 1440;
  if (minute === 0) day -= 1;
  const otherYear = yearOf(day) !== yearOf(Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS));
  const time = minute === 0 ? '24:00' : `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`;
  return fill(CLOCK_WORDS[lang].instant, { day: dayText(day, otherYear, lang), time });
}
