// Normalises the time values legacy CRMs put in their fields. Loose formats are matched with
// regular expressions and validated field by field, because Date.parse is engine-dependent.
// A value without an offset is Shanghai wall-clock time.
import { daysInMonth, SHANGHAI_OFFSET_MS } from './shanghai';

export type ParsedTime = { ok: true; ms: number } | { ok: false; reason: string };

// Accepted instants: 2000-01-01T00:00+08:00 up to (not including) 2101-01-01T00:00+08:00.
const MIN_MS = Date.UTC(2000, 0, 1) - SHANGHAI_OFFSET_MS;
const END_MS = Date.UTC(2101, 0, 1) - SHANGHAI_OFFSET_MS;

const NUMERIC_DATE = /^(?<y>\d{4})(?<sep>[-/.])(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})(?:(?:T|\s+)(?<rest>.+))?$/i;
const CHINESE_DATE = /^(?<y>\d{4})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*[日号]\s*(?<rest>.*)$/;
const COLON_TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const CHINESE_TIME = /^(\d{1,2})\s*[时点]\s*(\d{1,2})\s*分(?:\s*(\d{1,2})\s*秒)?$/;
const EPOCH_TEXT = /^\d+(?:\.\d+)?$/;
const WIDE = /[\uFF01-\uFF5E\u3000]/;

const MISSING = '缺少时间 / time is missing';

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

const unrecognised = (text: string): ParsedTime => ({
  ok: false,
  reason: `无法识别的时间格式 / unrecognised time format: ${quote(text)}`,
});
const impossible = (text: string): ParsedTime => ({
  ok: false,
  reason: `不存在的日期或时刻 / impossible date or time: ${quote(text)}`,
});
const outOfRange = (shown: string): ParsedTime => ({
  ok: false,
  reason: `年份超出 2000–2100 / year outside 2000–2100: ${shown}`,
});

export function parseCrmTime(value: unknown): ParsedTime {
  if (value === null || value === undefined) return { ok: false, reason: MISSING };
  if (typeof value === 'number') return parseEpoch(value, value);
  if (typeof value !== 'string') {
    return { ok: false, reason: `不支持的时间类型 / unsupported time value type: ${typeof value}` };
  }
  const fixed = parseFixed(value);
  if (fixed !== undefined) return fixed;
  const text = normalise(value);
  if (text === '') return { ok: false, reason: MISSING };
  if (EPOCH_TEXT.test(text)) return parseEpoch(Number(text), value);
  return parseText(text, value);
}

// Full-width ASCII variants (２０２６, ：, －, Ｔ …) and the ideographic space come from IME input.
// Most values have neither, so one test spares the two replaces.
function normalise(raw: string): string {
  if (!WIDE.test(raw)) return raw.trim();
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

// Epoch milliseconds and epoch seconds for 2000–2100 lie in disjoint ranges
// (~9.5e11–4.1e12 vs ~9.5e8–4.1e9), so the magnitude tells them apart without guessing.
// `raw` is shown only in an error, so a valid number is never turned into text.
function parseEpoch(n: number, raw: number | string): ParsedTime {
  if (n >= MIN_MS && n < END_MS) return { ok: true, ms: Math.floor(n) };
  if (n >= MIN_MS / 1000 && n < END_MS / 1000) return { ok: true, ms: Math.round(n * 1000) };
  const shown = typeof raw === 'number' ? String(raw) : quote(raw);
  if (!Number.isFinite(n)) return { ok: false, reason: `时间数值无效 / time number is not finite: ${shown}` };
  return {
    ok: false,
    reason: `无法识别的时间戳 / unrecognised epoch value (expected ms or s within 2000–2100): ${shown}`,
  };
}

const digit = (s: string, i: number) => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

/**
 * The shapes nearly every CRM writes, read by position: `2026-11-28 16:36`, `2026/11/28 16:36:05`,
 * `2026-11-28T16:36:05+08:00` (or `Z`), `2026年11月28日 16时36分`. Anything else (or a non-digit where a digit belongs, which
 * makes a field NaN) is left to the regular expressions, which accept the same and much more.
 */
function parseFixed(s: string): ParsedTime | undefined {
  const n = s.length;
  if (n === 18 || n === 21) return parseFixedChinese(s);
  if (n !== 16 && n !== 19 && n !== 20 && n !== 25) return undefined;
  const sep = s[4];
  if ((sep !== '-' && sep !== '/' && sep !== '.') || s[7] !== sep || (s[10] !== ' ' && s[10] !== 'T') || s[13] !== ':')
    return undefined;
  const year = two(s, 0) * 100 + two(s, 2),
    month = two(s, 5),
    day = two(s, 8),
    hour = two(s, 11),
    minute = two(s, 14);
  let second = 0,
    offsetMs = SHANGHAI_OFFSET_MS,
    zoneDigits = 0;
  if (n > 16) {
    if (s[16] !== ':') return undefined;
    second = two(s, 17);
    if (n === 20) {
      if (s[19] !== 'Z' && s[19] !== 'z') return undefined;
      offsetMs = 0;
    } else if (n === 25) {
      if ((s[19] !== '+' && s[19] !== '-') || s[22] !== ':') return undefined;
      zoneDigits = two(s, 20) + two(s, 23);
    }
  }
  if (Number.isNaN(year + month + day + hour + minute + second + zoneDigits)) return undefined;
  if (n === 25) {
    const offset = parseOffset(s, 19);
    if (offset === null) return impossible(s);
    offsetMs = offset;
  }
  return instant(s, year, month, day, hour, minute, second, 0, offsetMs);
}

/** `2026年11月28日 16时36分`, optionally with `05秒`; other spacings go to the regular expressions. */
function parseFixedChinese(s: string): ParsedTime | undefined {
  const d = s[10],
    h = s[14];
  if (
    s[4] !== '年' ||
    s[7] !== '月' ||
    (d !== '日' && d !== '号') ||
    s[11] !== ' ' ||
    (h !== '时' && h !== '点') ||
    s[17] !== '分'
  )
    return undefined;
  if (s.length === 21 && s[20] !== '秒') return undefined;
  const year = two(s, 0) * 100 + two(s, 2),
    month = two(s, 5),
    day = two(s, 8),
    hour = two(s, 12),
    minute = two(s, 15);
  const second = s.length === 21 ? two(s, 18) : 0;
  if (Number.isNaN(year + month + day + hour + minute + second)) return undefined;
  return instant(s, year, month, day, hour, minute, second, 0, SHANGHAI_OFFSET_MS);
}

function parseText(text: string, raw: string): ParsedTime {
  const date = (NUMERIC_DATE.exec(text) ?? CHINESE_DATE.exec(text))?.groups;
  if (!date) return unrecognised(raw);
  const year = Number(date.y),
    month = Number(date.m),
    day = Number(date.d);
  const rest = date.rest ?? '';

  let hour = 0,
    minute = 0,
    second = 0,
    milli = 0,
    offsetMs = SHANGHAI_OFFSET_MS;
  if (rest !== '') {
    const colon = COLON_TIME.exec(rest);
    const time = colon ?? CHINESE_TIME.exec(rest);
    if (!time) return unrecognised(raw);
    hour = Number(time[1]);
    minute = Number(time[2]);
    second = Number(time[3] ?? 0);
    if (colon) {
      if (colon[4] !== undefined) milli = Number(colon[4].slice(0, 3).padEnd(3, '0'));
      if (colon[5] !== undefined) {
        const offset = parseOffset(colon[5], 0);
        if (offset === null) return impossible(raw);
        offsetMs = offset;
      }
    }
  }

  return instant(raw, year, month, day, hour, minute, second, milli, offsetMs);
}

function instant(
  raw: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  milli: number,
  offsetMs: number,
): ParsedTime {
  // Every month has 28 days; only a later day needs the month's length.
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    (day <= 28 || day <= daysInMonth(year, month)) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59;
  if (!valid) return impossible(raw);

  const ms = ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + milli - offsetMs;
  return ms >= MIN_MS && ms < END_MS ? { ok: true, ms } : outOfRange(quote(raw));
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm; Date.UTC costs more and maps years 0–99 to 1900–1999). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return (
    era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468
  );
}

/**
 * The zone that ends `s` from index `at`, `Z`, `+08`, `+0800` or `+08:00` (its shape already checked),
 * as an offset in ms; null when no real zone could have it.
 */
function parseOffset(s: string, at: number): number | null {
  const sign = s[at];
  if (sign === 'Z' || sign === 'z') return 0;
  const hours = two(s, at + 1);
  const minutes = s.length - at === 3 ? 0 : two(s, s.length - 2);
  if (hours > 14 || minutes > 59) return null;
  return (sign === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}
