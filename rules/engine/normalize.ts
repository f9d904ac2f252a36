import { COUNT_FIELDS, FIELD_LABELS, TIME_FIELDS, type TextField, type TicketField } from '../ticket';
import { parseCrmTime } from '../time/parse';
import type { CompiledPack } from './compile';
import { addUnknown, type Facts } from './facts';

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7 };

function text(f: Facts, v: unknown, k: TextField): string | undefined {
  const t = asText(v);
  if (t === undefined && v !== undefined && v !== null && v !== '') addUnknown(f, k, `${FIELD_LABELS[k]}不是文本，已忽略`);
  return t;
}

function asText(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

type Cells = Record<TicketField, unknown>;

/**
 * The ticket's canonical fields in one object shape. Tickets arrive parsed from JSON (messages, the
 * CLI), each with its own set of keys: named reads across so many shapes cost ~2 µs a ticket, while
 * walking the keys a ticket has, one case per field, costs ~0.15 µs (measured over the bench's tickets).
 */
function cellsOf(raw: unknown): Cells {
  const cells: Cells = {
    id: undefined, channel: undefined, source: undefined, ticketType: undefined, categoryPath: undefined,
    customerLevel: undefined, customerName: undefined, customerPhone: undefined, business: undefined,
    area: undefined, title: undefined, text: undefined, status: undefined,
    acceptedAt: undefined, dispatchedAt: undefined, respondedAt: undefined, preRepliedAt: undefined,
    repliedAt: undefined, closedAt: undefined, appealReceivedAt: undefined, supervisedAt: undefined,
    repeatCount: undefined, urgeCount: undefined,
  };
  if (raw === null || typeof raw !== 'object') return cells;
  const r = raw as Record<string, unknown>;
  for (const k in r)
    switch (k) {
      case 'id': cells.id = r[k]; break; case 'channel': cells.channel = r[k]; break; case 'source': cells.source = r[k]; break;
      case 'ticketType': cells.ticketType = r[k]; break; case 'categoryPath': cells.categoryPath = r[k]; break; case 'customerLevel': cells.customerLevel = r[k]; break;
      case 'customerName': cells.customerName = r[k]; break; case 'customerPhone': cells.customerPhone = r[k]; break; case 'business': cells.business = r[k]; break;
      case 'area': cells.area = r[k]; break; case 'title': cells.title = r[k]; break; case 'text': cells.text = r[k]; break;
      case 'status': cells.status = r[k]; break; case 'acceptedAt': cells.acceptedAt = r[k]; break; case 'dispatchedAt': cells.dispatchedAt = r[k]; break;
      case 'respondedAt': cells.respondedAt = r[k]; break; case 'preRepliedAt': cells.preRepliedAt = r[k]; break; case 'repliedAt': cells.repliedAt = r[k]; break;
      case 'closedAt': cells.closedAt = r[k]; break; case 'appealReceivedAt': cells.appealReceivedAt = r[k]; break; case 'supervisedAt': cells.supervisedAt = r[k]; break;
      case 'repeatCount': cells.repeatCount = r[k]; break; case 'urgeCount': cells.urgeCount = r[k]; break;
    }
  return cells;
}

// Fact objects, like the cells, have every slot from the start in one order (keep in step with
// rules/ticket.ts): objects of one shape keep V8's property access fast.
const emptyTimes = (): Facts['t'] => ({
  acceptedAt: undefined, dispatchedAt: undefined, respondedAt: undefined, preRepliedAt: undefined,
  repliedAt: undefined, closedAt: undefined, appealReceivedAt: undefined, supervisedAt: undefined,
});

/**
 * Turn whatever the CRM gave into facts. Never throws: a value that cannot be read becomes an
 * "unknown" with its reason and is left out, so nothing downstream guesses from it.
 */
export function normalize(raw: unknown, c: CompiledPack): Facts {
  const r = cellsOf(raw);
  const f: Facts = { s: undefined!, n: { repeatCount: undefined, urgeCount: undefined }, t: emptyTimes(), badTime: [], vip: null, tags: new Map(), unknown: [] };
  f.s = {
    id: text(f, r.id, 'id'), channel: text(f, r.channel, 'channel'), source: text(f, r.source, 'source'),
    ticketType: text(f, r.ticketType, 'ticketType'), categoryPath: text(f, r.categoryPath, 'categoryPath'),
    customerLevel: text(f, r.customerLevel, 'customerLevel'), customerName: text(f, r.customerName, 'customerName'),
    customerPhone: text(f, r.customerPhone, 'customerPhone'), business: text(f, r.business, 'business'),
    area: text(f, r.area, 'area'), title: text(f, r.title, 'title'), text: text(f, r.text, 'text'), status: text(f, r.status, 'status'),
    content: undefined, nature: undefined, category: undefined, channelLevel: undefined,
  };
  for (const k of COUNT_FIELDS) {
    const raw = r[k];
    if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) {
      f.n[k] = raw;
      continue;
    }
    const v = asText(raw);
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
      f.badTime.push(k);
      addUnknown(f, k, `${FIELD_LABELS[k]}无法识别（${p.reason}），相关时钟不计算`);
    }
  }
  f.s.content = joinPresent(joinPresent(joinPresent(f.s.title, f.s.text), f.s.categoryPath), f.s.business);
  readVip(f, c.vip);
  readChannel(f, c.channels);
  return f;
}

const joinPresent = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined ? a : `${a} ${b}`);

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
  f.s.channelLevel = ch.regulator(text) !== null ? 'regulator' : ch.group(text) !== null ? 'group' : ch.province(text) !== null ? 'province' : 'unknown';
  if (f.s.channelLevel === 'unknown') addUnknown(f, 'channel', `渠道“${text}”不在规则包的渠道清单中，渠道层级未知`);
}
