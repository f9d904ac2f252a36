import type { ScriptVar } from '../pack/schema';
import { toIso } from '../time/shanghai';
import type { CompiledPack } from './compile';
import type { Facts } from './facts';
import type { Verdict } from '../verdict';

/** `11月28日 16:36`; a due at 00:00 reads as 24:00 of the day before, as the rules count it. */
export function formatCn(iso: string): string {
  let [date, time] = [iso.slice(0, 10), iso.slice(11, 16)];
  if (time === '00:00') {
    date = toIso(Date.parse(iso) - 86_400_000).slice(0, 10);
    time = '24:00';
  }
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${time}`;
}

const MISSING: Record<ScriptVar, string> = {
  customerName: '【客户称呼未知】',
  ticketId: '【工单号未知】',
  dueAt: '【时限未知】',
  limit: '【时限未知】',
  target: '【处理部门待定】',
  category: '【分类未知】',
  channel: '【渠道未知】',
  acceptedAt: '【受理时间未知】',
  repeatCount: '【次数未知】',
};

/** Fill each applicable template; a variable the ticket lacks is shown as unknown, never guessed. */
export function runScripts(c: CompiledPack, f: Facts, v: Omit<Verdict, 'scripts'>): Verdict['scripts'] {
  // When the resolve clock applies but could not be computed (e.g. VIP status unknown), say the time is
  // unknown rather than quote another clock's shorter deadline to the customer.
  const resolveDef = c.clocks.find((k) => k.def.code === 'resolve');
  const resolveApplies = resolveDef !== undefined && (resolveDef.test === null || resolveDef.test(f) !== null);
  const main = v.clocks.find((k) => k.code === 'resolve') ?? (resolveApplies ? undefined : v.clocks.find((k) => k.state === 'running' || k.state === 'due-soon'));
  const vars: Record<ScriptVar, string | undefined> = {
    customerName: f.s.customerName,
    ticketId: f.s.id,
    dueAt: main && formatCn(main.dueAt),
    limit: main?.limit,
    target: v.dispatch[0]?.target,
    category: v.category?.label,
    channel: f.s.channel,
    acceptedAt: f.t.acceptedAt === undefined ? undefined : formatCn(toIso(f.t.acceptedAt)),
    repeatCount: f.n.repeatCount === undefined ? undefined : String(f.n.repeatCount),
  };
  const out: Verdict['scripts'] = [];
  for (const s of c.scripts) {
    if (s.test && s.test(f) === null) continue;
    let text = '';
    for (let i = 0; i < s.parts.length; i++) {
      const part = s.parts[i]!;
      text += i % 2 ? (vars[part as ScriptVar] ?? MISSING[part as ScriptVar]) : part;
    }
    out.push({ stage: s.stage, text });
  }
  return out;
}
