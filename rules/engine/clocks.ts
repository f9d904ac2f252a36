import { addCivilDays, addHours, addWorkingDays } from '../calendar/deadline';
import type { WorkCalendar } from '../calendar/work-calendar';
import type { ClockDef } from '../pack/schema';
import { FIELD_LABELS, type TimeField } from '../ticket';
import { toIso } from '../time/shanghai';
import type { ClockResult } from '../verdict';
import { clockState } from './clock-state';
import type { CompiledClock } from './compile';
import { addUnknown, type Facts } from './facts';

export function limitText(basis: ClockDef['limit']['basis'], amount: number): string {
  if (basis === 'working-days') return `${amount} 个工作日`;
  if (basis === 'days') return `${amount} 日`;
  return amount < 1 ? `${Math.round(amount * 60)} 分钟` : `${amount} 小时`;
}

const firstPresent = (f: Facts, fields: readonly TimeField[]) => fields.find((k) => f.t[k] !== undefined);

/** Due instant of a clock started at `start`, or the reason it cannot be told. */
export function dueOf(def: ClockDef, vip: boolean | null, start: number, cal: WorkCalendar) {
  const l = def.limit;
  const amount = l.amount ?? (vip === null ? undefined : vip ? l.vip : l.ordinary);
  if (amount === undefined) return { ok: false as const, reason: 'vip' as const };
  const due =
    l.basis === 'hours' ? { ok: true as const, ms: addHours(start, amount) } : l.basis === 'working-days' ? addWorkingDays(cal, start, amount) : addCivilDays(cal, start, amount);
  return due.ok ? { ok: true as const, ms: due.ms, amount } : { ok: false as const, reason: due.reason };
}

/** Every clock that applies; a clock whose start, limit or stop cannot be read is left out with an unknown. */
export function runClocks(clocks: CompiledClock[], f: Facts, now: number, cal: WorkCalendar): ClockResult[] {
  const out: ClockResult[] = [];
  for (const { def, test } of clocks) {
    const why = test ? test(f) : '';
    if (why === null) continue;
    const startField = firstPresent(f, def.start);
    if (startField === undefined) {
      const bad = def.start.find((k) => f.badTime.has(k));
      if (bad) addUnknown(f, bad, `${FIELD_LABELS[bad]}无法识别，“${def.label}”不计算`);
      else if (def.startRequired) addUnknown(f, def.start[0]!, `缺少${FIELD_LABELS[def.start[0]!]}，“${def.label}”无法计算`);
      continue;
    }
    const start = f.t[startField]!;
    const due = dueOf(def, f.vip, start, cal);
    if (!due.ok) {
      if (due.reason === 'vip')
        addUnknown(f, 'customerLevel', `VIP 身份未知，“${def.label}”时限（VIP ${limitText(def.limit.basis, def.limit.vip!)}，普通 ${limitText(def.limit.basis, def.limit.ordinary!)}）无法确定`);
      else addUnknown(f, 'calendar', `“${def.label}”无法计算：${due.reason}`);
      continue;
    }
    const stopField = firstPresent(f, def.stop);
    if (stopField === undefined && def.stop.some((k) => f.badTime.has(k))) {
      addUnknown(f, def.stop.find((k) => f.badTime.has(k))!, `无法判断“${def.label}”是否已完成`);
      continue;
    }
    const stop = stopField === undefined ? undefined : f.t[stopField];
    const vipNote = def.limit.amount === undefined ? `客户为${f.vip ? ' VIP' : '普通客户'}，` : '';
    const limit = limitText(def.limit.basis, due.amount);
    const clock: ClockResult = {
      code: def.code,
      label: def.label,
      startAt: toIso(start),
      dueAt: toIso(due.ms),
      basis: def.limit.basis,
      limit,
      state: clockState(start, due.ms, now, stop),
      because: `${def.because}（${def.clause}）；${vipNote}自${FIELD_LABELS[startField]}起算 ${limit}${why ? `；适用因为${why}` : ''}`,
    };
    if (stop !== undefined) clock.stoppedAt = toIso(stop);
    out.push(clock);
  }
  return out;
}
