import type { Pack } from '../pack/schema';
import type { WorkCalendar } from '../calendar/work-calendar';
import { phoneKey } from '../ticket';
import { toIso } from '../time/shanghai';
import { dueOf } from './clocks';
import { categoryOf, ticketFeatures } from './classify';
import { compileClassifier, type Classifier } from '../classifier/compile';
import type { Model } from '../classifier/model';
import { compilePack, type CompiledPack } from './compile';
import { addUnknown, type Facts, type TagResult } from './facts';
import { normalize } from './normalize';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** One earlier ticket, reduced to what the history questions ask. */
export interface PastTicket {
  id?: string;
  customer?: string;
  category: string | null;
  channelLevel: string;
  area?: string;
  vip: boolean | null;
  acceptedAt?: number;
  closedAt?: number;
}

/** Earlier tickets indexed by customer and by class, built once and reused across verdicts. */
export interface HistoryIndex {
  readonly byCustomer: ReadonlyMap<string, PastTicket[]>;
  readonly byCategory: ReadonlyMap<string, PastTicket[]>;
}

export const customerKey = (f: Facts) => phoneKey(f.s.customerPhone);

export function pastTicket(f: Facts, c: CompiledPack, k: Classifier): PastTicket {
  return {
    id: f.s.id,
    customer: customerKey(f),
    category: categoryOf(c, k, f, ticketFeatures(k, f), { autoFillAt: 1 })?.code ?? null,
    channelLevel: f.s.channelLevel ?? 'unknown',
    area: f.s.area,
    vip: f.vip,
    acceptedAt: f.t.acceptedAt,
    closedAt: f.t.closedAt,
  };
}

/** Earlier tickets, each classed as `evaluate` classes a ticket with the same model. */
export function indexHistory(tickets: readonly unknown[], pack: Pack, model: Model | null = null): HistoryIndex {
  const c = compilePack(pack);
  const k = compileClassifier(pack, model);
  const byCustomer = new Map<string, PastTicket[]>();
  const byCategory = new Map<string, PastTicket[]>();
  const push = (m: Map<string, PastTicket[]>, k: string, p: PastTicket) => {
    const list = m.get(k);
    if (list) list.push(p);
    else m.set(k, [p]);
  };
  for (const t of tickets) {
    const p = pastTicket(normalize(t, c), c, k);
    if (p.customer) push(byCustomer, p.customer, p);
    if (p.category) push(byCategory, p.category, p);
  }
  return { byCustomer, byCategory };
}

export const EMPTY_HISTORY: HistoryIndex = { byCustomer: new Map(), byCategory: new Map() };

/**
 * Repeat, group and escalated tags from earlier tickets (天翼空间办法 第八条、第九条; 分公司办法 on
 * the two kinds of repeat). `at` is when this ticket was accepted, or now if that is unknown.
 */
export function historyTags(
  c: CompiledPack,
  f: Facts,
  category: string | null,
  h: HistoryIndex,
  at: number,
  cal: WorkCalendar,
): TagResult[] {
  // Nothing to look back on and no CRM repeat count: the common case, kept cheap.
  if (h.byCustomer.size === 0 && h.byCategory.size === 0 && !f.n.repeatCount) return [];
  const cfg = c.pack.history;
  const tags: TagResult[] = [];
  const me = customerKey(f);
  const id = f.s.id;
  const earlier = (p: PastTicket) =>
    (id === undefined || p.id !== id) && p.acceptedAt !== undefined && p.acceptedAt < at;
  const classLabel = category ? c.classLabel.get(category) : undefined;

  // Repeat: same customer, same class, inside the window; the CRM's own count also says so.
  const mine = me ? (h.byCustomer.get(me) ?? []).filter(earlier) : [];
  const sameClass = category
    ? mine.filter((p) => p.category === category && at - p.acceptedAt! <= cfg.repeat.windowDays * DAY)
    : [];
  const crmCount = f.n.repeatCount ?? 0;
  if (sameClass.length || crmCount > 0) {
    const open = sameClass.filter((p) => p.closedAt === undefined || p.closedAt > at);
    const kind = sameClass.length === 0 ? undefined : open.length ? 'in-progress' : 'after-close';
    const parts: string[] = [];
    if (sameClass.length)
      parts.push(
        `该客户 ${cfg.repeat.windowDays} 天内已有 ${sameClass.length} 张“${classLabel}”工单，${kind === 'in-progress' ? '其中仍有未结单的（应安抚并催办）' : '均已结单而客户仍不满（应新建工单并记录不满原因）'}`,
      );
    if (crmCount > 0) parts.push(`CRM 记录重复次数为 ${crmCount}`);
    tags.push({
      code: 'repeat',
      label: cfg.repeat.label,
      ...(kind ? { kind } : {}),
      because: `${parts.join('；')}：${cfg.repeat.because}（${cfg.repeat.clause}）`,
    });
  }
  if (!me && h.byCustomer.size) addUnknown(f, 'customerPhone', '缺少联系电话，无法按历史工单判断重复或升级投诉');

  // Group: enough different customers with the same class (and area, when both are known) in the window.
  if (category) {
    const since = at - cfg.group.windowHours * HOUR;
    const who = new Set<string>(me ? [me] : []);
    for (const p of h.byCategory.get(category) ?? [])
      if (
        earlier(p) &&
        p.acceptedAt! >= since &&
        p.customer &&
        (!cfg.group.sameArea || !f.s.area || !p.area || p.area === f.s.area)
      )
        who.add(p.customer);
    if (who.size >= cfg.group.minCustomers)
      tags.push({
        code: 'group',
        label: cfg.group.label,
        because: `${cfg.group.windowHours} 小时内有 ${who.size} 位不同客户就“${classLabel}”${cfg.group.sameArea && f.s.area ? `（${f.s.area}）` : ''}投诉：${cfg.group.because}（${cfg.group.clause}）`,
      });
  }

  // Escalated: a group-channel complaint after a provincial one on the same class that was closed,
  // or that was still open past its resolve limit; never while the provincial one is within time.
  if (f.s.channelLevel === 'group' && category) {
    const resolve = c.pack.clocks.find((k) => k.code === 'resolve');
    for (const p of mine) {
      if (p.category !== category || p.channelLevel !== 'province') continue;
      let why: string | null = null;
      if (p.closedAt !== undefined && p.closedAt <= at)
        why = `客户此前在省内渠道的同类投诉${p.id ? `（${p.id}）` : ''}已于 ${toIso(p.closedAt)} 结单`;
      else if (resolve) {
        // Past the limit whatever the VIP status, or within it whatever the status: only then is it decidable.
        const dues = (p.vip === null ? [true, false] : [p.vip]).map((v) => dueOf(resolve, v, p.acceptedAt!, cal));
        const ms = dues.map((d) => (d.ok ? d.ms : NaN));
        if (ms.every((d) => d < at))
          why = `客户此前在省内渠道的同类投诉${p.id ? `（${p.id}）` : ''}超过处理时限仍未结单`;
        else if (!ms.every((d) => d >= at))
          addUnknown(f, 'customerLevel', '无法判断此前省内投诉是否已超时，升级投诉未认定');
      }
      if (why) {
        tags.push({
          code: 'escalated',
          label: cfg.escalated.label,
          because: `${why}：${cfg.escalated.because}（${cfg.escalated.clause}）`,
        });
        break;
      }
    }
  }
  return tags;
}
