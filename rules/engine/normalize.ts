import type { Pack } from '../pack/schema';
import { COUNT_FIELDS, FIELD_LABELS, TEXT_FIELDS, TIME_FIELDS } from '../ticket';
import { parseCrmTime } from '../time/parse';
import { addUnknown, type Facts } from './facts';

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7 };

function asText(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

// Every fact slot exists from the start, in one order (keep in step with rules/ticket.ts): objects
// of one shape keep V8's property access fast, where adding keys ticket by ticket made every
// lookup a dictionary search.
const emptyText = (): Facts['s'] => ({
  id: undefined, channel: undefined, source: undefined, ticketType: undefined, categoryPath: undefined,
  customerLevel: undefined, customerName: undefined, customerPhone: undefined, business: undefined,
  area: undefined, title: undefined, text: undefined, status: undefined,
  content: undefined, nature: undefined, category: undefined, channelLevel: undefined,
});
const emptyTimes = (): Facts['t'] => ({
  acceptedAt: undefined, dispatchedAt: undefined, respondedAt: undefined, preRepliedAt: undefined,
  repliedAt: undefined, closedAt: undefined, appealReceivedAt: undefined, supervisedAt: undefined,
});

/**
 * Turn whatever the CRM gave into facts. Never throws: a value that cannot be read becomes an
 * "unknown" with its reason and is left out, so nothing downstream guesses from it.
 */
export function normalize(raw: unknown, pack: Pack): Facts {
  const r = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const f: Facts = { s: emptyText(), n: { repeatCount: undefined, urgeCount: undefined }, t: emptyTimes(), badTime: new Set(), vip: null, tags: new Map(), unknown: [] };
  for (const k of TEXT_FIELDS) {
    const v = asText(r[k]);
    if (v !== undefined) f.s[k] = v;
    else if (r[k] !== undefined && r[k] !== null && r[k] !== '') addUnknown(f, k, `${FIELD_LABELS[k]}不是文本，已忽略`);
  }
  for (const k of COUNT_FIELDS) {
    const v = asText(r[k]);
    if (v === undefined) continue;
    const n = Number(v.replace(/次$/, ''));
    if (Number.isInteger(n) && n >= 0) f.n[k] = n;
    else addUnknown(f, k, `${FIELD_LABELS[k]}“${v}”不是次数，已忽略`);
  }
  for (const k of TIME_FIELDS) {
    const v = r[k];
    if (v === undefined || v === null || v === '') continue;
    const p = parseCrmTime(v);
    if (p.ok) f.t[k] = p.ms;
    else {
      f.badTime.add(k);
      addUnknown(f, k, `${FIELD_LABELS[k]}无法识别（${p.reason}），相关时钟不计算`);
    }
  }
  const content = [f.s.title, f.s.text, f.s.categoryPath, f.s.business].filter(Boolean).join(' ');
  if (content) f.s.content = content;
  readVip(f, pack);
  readChannel(f, pack);
  return f;
}

/** VIP by the pack's lists and star threshold; an unlisted level is unknown, not ordinary. */
function readVip(f: Facts, pack: Pack) {
  const level = f.s.customerLevel;
  const cfg = pack.vip;
  if (level === undefined) {
    addUnknown(f, 'customerLevel', '缺少客户级别，无法判断是否 VIP，按级别区分的时限不计算');
    return;
  }
  const lower = level.toLowerCase();
  const has = (list: string[]) => list.some((w) => lower.includes(w.toLowerCase()));
  const star = /([0-7零一二三四五六七])\s*星/.exec(level);
  if (has(cfg.ordinaryLevels)) f.vip = false;
  else if (star && cfg.minStars !== null) f.vip = (CN_DIGITS[star[1]!] ?? Number(star[1])) >= cfg.minStars;
  else if (has(cfg.levels)) f.vip = true;
  else addUnknown(f, 'customerLevel', `客户级别“${level}”不在规则包的级别清单中，无法判断是否 VIP`);
}

function readChannel(f: Facts, pack: Pack) {
  const text = [f.s.channel, f.s.source].filter(Boolean).join(' ');
  if (!text) {
    f.s.channelLevel = 'unknown';
    addUnknown(f, 'channel', '缺少受理渠道和工单来源，无法判断省内/集团/监管渠道');
    return;
  }
  const c = pack.channels;
  const hit = (list: string[]) => list.some((w) => text.includes(w));
  f.s.channelLevel = hit(c.regulator) ? 'regulator' : hit(c.group) ? 'group' : hit(c.province) ? 'province' : 'unknown';
  if (f.s.channelLevel === 'unknown') addUnknown(f, 'channel', `渠道“${text}”不在规则包的渠道清单中，渠道层级未知`);
}
