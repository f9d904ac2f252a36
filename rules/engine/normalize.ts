import { STRING_FACTS } from '../pack/condition';
import {
  COUNT_FIELDS,
  FIELD_LABELS,
  TEXT_FIELDS,
  TIME_FIELDS,
  type CountField,
  type TextField,
  type TimeField,
} from '../ticket';
import { parseCrmTime } from '../time/parse';
import type { CompiledPack } from './compile';
import { addUnknown, type Facts } from './facts';

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7 };

/** An empty CRM cell: no value, and nothing to report. Most fields of a ticket are. */
export const absent = (v: unknown) => v === undefined || v === null || v === '';

function text(f: Facts, v: unknown, k: TextField): string | undefined {
  if (absent(v)) return undefined;
  const t = asText(v);
  if (t === undefined) addUnknown(f, k, `${FIELD_LABELS[k]}不是文本，已忽略`);
  return t;
}

/** A count such as 2 or "3次"; anything else is an unknown. */
function count(f: Facts, v: unknown, k: CountField): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  const t = asText(v);
  if (t === undefined) return undefined;
  const n = Number(t.replace(/次$/, ''));
  if (Number.isInteger(n) && n >= 0) return n;
  addUnknown(f, k, `${FIELD_LABELS[k]}“${t}”不是次数，已忽略`);
  return undefined;
}

/** A time field in epoch ms; unreadable is an unknown (and marked, so no clock treats it as absent). */
function time(f: Facts, v: unknown, k: TimeField): number | undefined {
  if (absent(v)) return undefined;
  const p = parseCrmTime(v);
  if (p.ok) return p.ms;
  f.badTime.push(k);
  addUnknown(f, k, `${FIELD_LABELS[k]}无法识别（${p.reason}），相关时钟不计算`);
  return undefined;
}

/** Could this UTF-16 unit be white space to `trim()`? Nearly every CRM value starts and ends with none. */
const maybeSpace = (c: number) =>
  c <= 32 ||
  (c >= 0xa0 &&
    (c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000 ||
      c === 0xfeff));

function asText(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const t = v.length > 0 && !maybeSpace(v.charCodeAt(0)) && !maybeSpace(v.charCodeAt(v.length - 1)) ? v : v.trim();
    return t === '' ? undefined : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Each field's reader, by the name a ticket gives it (rules/ticket.ts): one lookup per key the ticket has. */
const READERS = new Map<string, (f: Facts, v: unknown) => void>();
for (const k of TEXT_FIELDS) READERS.set(k, (f, v) => void (f.s[k] = text(f, v, k)));
for (const k of TIME_FIELDS) READERS.set(k, (f, v) => void (f.t[k] = time(f, v, k)));
for (const k of COUNT_FIELDS) READERS.set(k, (f, v) => void (f.n[k] = count(f, v, k)));

/** An object with every key of `keys`, undefined, added in one order: all facts share one shape, so reads of them stay fast. */
function blank<K extends string>(keys: readonly K[]): Partial<Record<K, never>> {
  const o: Partial<Record<K, never>> = {};
  for (const k of keys) o[k] = undefined;
  return o;
}

/**
 * Turn whatever the CRM gave into facts. Never throws: a value that cannot be read becomes an
 * "unknown" with its reason (in the order of the ticket's keys) and is left out, so nothing
 * downstream guesses from it.
 *
 * Tickets arrive parsed from JSON (messages, the CLI), each with its own set of keys: named reads
 * across so many shapes cost ~2 µs a ticket, while walking the keys a ticket has, one reader per
 * field, costs a fraction of that. Each fact object is made whole first, so all facts share one shape.
 */
export function normalize(raw: unknown, c: CompiledPack): Facts {
  const f: Facts = {
    s: blank(STRING_FACTS),
    n: blank(COUNT_FIELDS),
    t: blank(TIME_FIELDS),
    badTime: [],
    vip: null,
    pauses: [],
    tags: [],
    unknown: [],
  };
  if (raw !== null && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    for (const k in r) READERS.get(k)?.(f, r[k]);
  }
  const s = f.s;
  s.content = joinPresent(joinPresent(joinPresent(s.title, s.text), s.categoryPath), s.business);
  readVip(f, c.vip);
  readChannel(f, c.channels);
  return f;
}

const joinPresent = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined ? a : `${a} ${b}`;

/** VIP by the pack's lists and star threshold; an unlisted level is unknown, not ordinary. */
function readVip(f: Facts, vip: CompiledPack['vip']) {
  const level = f.s.customerLevel;
  if (level === undefined) {
    addUnknown(f, 'customerLevel', '缺少客户级别，无法判断是否 VIP，按级别区分的时限不计算');
    return;
  }
  const star = /([0-7零一二三四五六七])\s*星/.exec(level);
  if (vip.ordinary(level) !== null) f.vip = false;
  else if (star && vip.minStars !== null) f.vip = (CN_DIGITS[star[1]!] ?? Number(star[1])) >= vip.minStars;
  else if (vip.levels(level) !== null) f.vip = true;
  else addUnknown(f, 'customerLevel', `客户级别“${level}”不在规则包的级别清单中，无法判断是否 VIP`);
}

function readChannel(f: Facts, ch: CompiledPack['channels']) {
  const text = joinPresent(f.s.channel, f.s.source);
  if (text === undefined) {
    f.s.channelLevel = 'unknown';
    addUnknown(f, 'channel', '缺少受理渠道和工单来源，无法判断省内/集团/监管渠道');
    return;
  }
  f.s.channelLevel =
    ch.regulator(text) !== null
      ? 'regulator'
      : ch.group(text) !== null
        ? 'group'
        : ch.province(text) !== null
          ? 'province'
          : 'unknown';
  if (f.s.channelLevel === 'unknown') addUnknown(f, 'channel', `渠道“${text}”不在规则包的渠道清单中，渠道层级未知`);
}
