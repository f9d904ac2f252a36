import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCrmTime } from '../rules/time/parse';
import { addDaysToKey, dateKey, dayStart, toIso, weekday } from '../rules/time/shanghai';
import { runs } from './runs';

/** Shanghai wall-clock reading → instant, computed independently of the code under test. */
const sh = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) =>
  Date.UTC(y, mo - 1, d, h, mi, s, ms) - 8 * 3_600_000;

const T = sh(2026, 11, 28, 16, 36); // 1795854960000

describe('shanghai helpers', () => {
  it.each([
    [T, '2026-11-28T16:36:00+08:00', '2026-11-28'],
    [sh(2026, 11, 28, 16, 36, 5, 999), '2026-11-28T16:36:05+08:00', '2026-11-28'],
    // 23:30 UTC on the 27th is already the 28th in Shanghai.
    [Date.UTC(2026, 10, 27, 23, 30), '2026-11-28T07:30:00+08:00', '2026-11-28'],
    [sh(2026, 1, 1), '2026-01-01T00:00:00+08:00', '2026-01-01'],
    [sh(2025, 12, 31, 23, 59, 59), '2025-12-31T23:59:59+08:00', '2025-12-31'],
  ])('%d → %s', (ms, iso, key) => {
    expect(toIso(ms)).toBe(iso);
    expect(dateKey(ms)).toBe(key);
  });

  it.each([
    ['2026-11-28', 0, '2026-11-28'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-09-17', 15, '2026-10-02'],
  ])('addDaysToKey(%s, %d) = %s', (key, n, expected) => {
    expect(addDaysToKey(key, n)).toBe(expected);
  });

  it.each([
    ['2026-01-04', 0],
    ['2026-02-14', 6],
    ['2026-10-01', 4],
    ['2026-11-28', 6],
    ['2024-02-29', 4],
  ])('weekday(%s) = %d', (key, day) => {
    expect(weekday(key)).toBe(day);
  });

  it('dayStart is 00:00 Shanghai, i.e. 16:00 UTC the day before', () => {
    expect(dayStart('2026-11-28')).toBe(Date.UTC(2026, 10, 27, 16));
  });
});

describe('parseCrmTime accepts', () => {
  it.each<[string, unknown, number]>([
    ['minutes', '2026-11-28 16:36', T],
    ['seconds', '2026-11-28 16:36:05', sh(2026, 11, 28, 16, 36, 5)],
    ['slashes', '2026/11/28 16:36:05', sh(2026, 11, 28, 16, 36, 5)],
    ['no zero padding', '2026/1/5 9:07', sh(2026, 1, 5, 9, 7)],
    ['date only = 00:00', '2026-11-28', sh(2026, 11, 28)],
    ['dots', '2026.11.28 16:36', T],
    ['Chinese 时分', '2026年11月28日 16时36分', T],
    ['Chinese date, colon time', '2026年11月28日 16:36', T],
    ['Chinese 时分秒 unspaced', '2026年11月28日16时36分05秒', sh(2026, 11, 28, 16, 36, 5)],
    ['Chinese date only', '2026年1月5日', sh(2026, 1, 5)],
    ['ISO Z', '2026-11-28T08:36:00Z', T],
    ['ISO +08:00', '2026-11-28T16:36:00+08:00', T],
    ['ISO +0800', '2026-11-28T16:36:00+0800', T],
    ['ISO other offset', '2026-11-28T03:36:00-05:00', T],
    ['ISO lower-case z', '2026-11-28T08:36:00z', T],
    ['ISO hours-only offset', '2026-11-28T16:36:00+08', T],
    ['ISO half-hour offset, no colon', '2026-11-28T14:06:00+0530', T],
    ['ISO widest offset', '2026-11-28T22:36:00+14:00', T],
    ['ISO without offset = Shanghai', '2026-11-28T16:36:00', T],
    ['fractional seconds', '2026-11-28T08:36:00.123Z', T + 123],
    ['long fraction truncated to ms', '2026-11-28T16:36:00.1239', T + 123],
    ['short fraction', '2026-11-28 16:36:00.5', T + 500],
    ['surrounding whitespace', '  2026-11-28 16:36\t\n', T],
    ['full-width digits and colon', '２０２６-１１-２８ １６：３６', T],
    ['ideographic space', '\u30002026年11月28日\u300016时36分\u3000', T],
    ['epoch ms number', 1795854960000, T],
    ['epoch ms string', '1795854960000', T],
    ['epoch seconds number', 1795854960, T],
    ['epoch seconds string', ' 1795854960 ', T],
    ['first instant of 2000', '2000-01-01 00:00', sh(2000, 1, 1)],
    ['last second of 2100', '2100-12-31 23:59:59', sh(2100, 12, 31, 23, 59, 59)],
    ['leap day', '2024-02-29 12:00', sh(2024, 2, 29, 12)],
  ])('%s: %j', (_label, input, expected) => {
    expect(parseCrmTime(input)).toEqual({ ok: true, ms: expected });
  });
});

describe('parseCrmTime rejects', () => {
  const MISSING = /time is missing/;
  const FORMAT = /^无法识别的时间格式 \/ unrecognised time format: "/;
  const IMPOSSIBLE = /impossible date or time/;
  const YEAR = /year outside 2000–2100/;
  const EPOCH = /unrecognised epoch value/;
  const NOT_FINITE = /not finite/;
  const TYPE = /unsupported time value type/;

  it.each<[unknown, RegExp]>([
    [null, MISSING],
    [undefined, MISSING],
    ['', MISSING],
    ['   ', MISSING],
    ['\u3000', MISSING],
    ['hello', FORMAT],
    ['2026-11', FORMAT],
    ['16:36', FORMAT],
    ['2026-11-28T', FORMAT],
    ['2026-11/28 16:36', FORMAT],
    ['2026-11-28 16:3', FORMAT],
    ['2026-11-2816:36', FORMAT],
    ['2026-11-28 16:36 tomorrow', FORMAT],
    ['2026-02-30', IMPOSSIBLE],
    ['2025-02-29 08:00', IMPOSSIBLE],
    ['2026-13-01', IMPOSSIBLE],
    ['2026-00-10', IMPOSSIBLE],
    ['2026-11-28 25:00', IMPOSSIBLE],
    ['2026-11-28 24:00', IMPOSSIBLE],
    ['2026-11-28 16:60', IMPOSSIBLE],
    ['2026-11-28 16:36:60', IMPOSSIBLE],
    ['2026年11月28日 16时75分', IMPOSSIBLE],
    ['2026-11-28T16:36:00+25:00', IMPOSSIBLE],
    ['2026-11-28T16:36:00+15:00', IMPOSSIBLE],
    ['2026-11-28T16:36:00+08:60', IMPOSSIBLE],
    ['2026-11-28T16:36:00-0860', IMPOSSIBLE],
    ['1999-12-31 23:59', YEAR],
    ['2101-01-01', YEAR],
    ['2100-12-31T20:00:00Z', YEAR], // already 2101 in Shanghai
    [123, EPOCH],
    [20261128, EPOCH],
    ['20261128163600', EPOCH],
    [1e15, EPOCH],
    [-1795854960000, EPOCH],
    [NaN, NOT_FINITE],
    [Infinity, NOT_FINITE],
    [-Infinity, NOT_FINITE],
    [{}, TYPE],
    [[], TYPE],
    [new Date(T), TYPE],
    [true, TYPE],
    [1795854960000n, TYPE],
    [Symbol('t'), TYPE],
  ])('%s', (input, reason) => {
    const result = parseCrmTime(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('quotes the offending text and gives the reason in Chinese and English', () => {
    expect(parseCrmTime('2026-02-30')).toEqual({
      ok: false,
      reason: '不存在的日期或时刻 / impossible date or time: "2026-02-30"',
    });
  });
});

describe('parseCrmTime properties', () => {
  const assertWellFormed = (value: unknown) => {
    const result = parseCrmTime(value);
    if (result.ok) {
      expect(Number.isInteger(result.ms)).toBe(true);
      expect(result.ms).toBeGreaterThanOrEqual(sh(2000, 1, 1));
      expect(result.ms).toBeLessThan(sh(2101, 1, 1));
    } else {
      expect(result.reason).toMatch(/\S+ \/ \S+/);
    }
  };

  it('never throws and always returns a well-formed result', () => {
    fc.assert(fc.property(fc.anything({ withBoxedValues: true, withMap: true, withSet: true }), assertWellFormed));
    fc.assert(fc.property(fc.string({ unit: 'binary' }), assertWellFormed));
    // Date-shaped noise reaches the field validation paths, not just the first regex.
    fc.assert(fc.property(fc.stringMatching(/^[0-9０-９年月日号时点分秒:：\-/. TZ+]{0,30}$/), assertWellFormed));
    fc.assert(fc.property(fc.double(), assertWellFormed));
  });

  it('round-trips any instant written as YYYY-MM-DD HH:mm:ss in Shanghai time', () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(fc.integer({ min: sh(2000, 1, 1), max: sh(2101, 1, 1) - 1 }), (ms) => {
        const w = new Date(ms + 8 * 3_600_000);
        const text =
          `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())} ` +
          `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}`;
        expect(parseCrmTime(text)).toEqual({ ok: true, ms: Math.floor(ms / 1000) * 1000 });
      }),
    );
  });
});

describe('parseCrmTime fixed-position shapes', () => {
  // A leading space sends the same text down the regular-expression path, so the two readers must agree.
  const viaRegex = (text: string) => {
    const r = parseCrmTime(` ${text}`);
    return r.ok ? r : { ok: false, reason: r.reason.replace(`" ${text}`, `"${text}`) };
  };
  const d = fc.constantFrom(...'0123456789');
  const digits = (n: number) => fc.array(d, { minLength: n, maxLength: n }).map((a) => a.join(''));
  const shape = fc
    .tuple(
      fc.constantFrom('19', '20', '21'),
      digits(2),
      fc.constantFrom('-', '/', '.'),
      fc.constantFrom('0', '1'),
      d,
      fc.constantFrom('0', '1', '2', '3'),
      d,
      fc.constantFrom(' ', 'T'),
      fc.constantFrom('0', '1', '2'),
      d,
      fc.constantFrom('0', '5', '6'),
      d,
      fc.constantFrom('', ':00', ':59', ':60', ':5x'),
      fc.constantFrom('', 'Z', 'z', '+08:00', '-05:30', '+15:00', '+08:61', '+0800', '+ab:cd'),
    )
    .map(
      ([c, y, sep, m1, m2, d1, d2, t, h1, h2, mi1, mi2, sec, zone]) =>
        `${c}${y}${sep}${m1}${m2}${sep}${d1}${d2}${t}${h1}${h2}:${mi1}${mi2}${sec}${sec ? zone : ''}`,
    );

  const chinese = fc
    .tuple(
      fc.integer({ min: 1995, max: 2105 }),
      digits(2),
      fc.constantFrom('日', '号', '-'),
      digits(2),
      fc.constantFrom('时', '点'),
      digits(2),
      fc.constantFrom('', '00秒', '59秒', '60秒', '5x秒', '05分'),
      digits(2),
    )
    .map(([y, m, d, day, h, hour, sec, minute]) => `${y}年${m}月${day}${d} ${hour}${h}${minute}分${sec}`);

  it('agree with the general reader on every date-time of those shapes, valid or not', () => {
    fc.assert(
      fc.property(fc.oneof(shape, chinese), (text) => {
        expect(parseCrmTime(text)).toEqual(viaRegex(text));
      }),
      { numRuns: runs(5000) },
    );
  });
});

describe('toIso', () => {
  it('matches the platform formatter for any instant from 2000 to 2100, negative seconds parts included', () => {
    const reference = (ms: number) =>
      `${new Date(Math.floor(ms / 1000) * 1000 + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
        (ms) => toIso(ms) === reference(ms),
      ),
      { numRuns: runs(2000) },
    );
    expect(toIso(Date.UTC(2026, 10, 28, 15, 59, 59, 999))).toBe('2026-11-28T23:59:59+08:00');
    expect(toIso(Date.UTC(2026, 10, 28, 16, 0, 0))).toBe('2026-11-29T00:00:00+08:00');
  });
});
