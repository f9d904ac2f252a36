import { addCivilDays, addHours, addWorkingDays, type DueResult } from '../calendar/deadline';
import { PROVISIONAL_TEXT } from '../calendar/notes';
import type { WorkCalendar } from '../calendar/work-calendar';
import { applyPauses, type AppliedPause } from '../clock/pauses';
import { clockState, DEFAULT_WARN_AT, formatSpan, timeText } from '../clock/vocabulary';
import type { ClockDef } from '../pack/schema';
import { FIELD_LABELS, type TimeField } from '../ticket';
import { toIso } from '../time/shanghai';
import type { ClockResult } from '../verdict';
import type { Test } from './condition';
import { addUnknown, READ_TIME, type Facts, type TimeReader } from './facts';

export function limitText(basis: ClockDef['limit']['basis'], amount: number): string {
  if (basis === 'working-days') return `${amount} 个工作日`;
  if (basis === 'days') return `${amount} 日`;
  return amount < 1 ? `${Math.round(amount * 60)} 分钟` : `${amount} 小时`;
}

const pauseResult = (p: AppliedPause) => ({
  from: toIso(p.from),
  to: p.to === undefined ? undefined : toIso(p.to),
  observed: p.observed,
  gain: p.gain,
});

/** Added to the reason of a paused clock: how often, how long, and whether the sidekick only saw it. */
function pauseNote(pauses: readonly AppliedPause[], now: number): string {
  const gain = pauses.reduce((sum, p) => sum + (p.gain ?? 0), 0);
  const last = pauses[pauses.length - 1]!;
  const open = last.to === undefined || last.to > now;
  const seen = pauses.some((p) => p.observed) ? '（按助手看到的工单状态记录）' : '';
  return (
    `；挂起 ${pauses.length} 次${seen}` +
    (gain > 0 ? `，截止顺延 ${formatSpan(gain)}` : '') +
    (open ? `，自${timeText(last.from, now)}起暂停计时` : '')
  );
}

/** Added to the reason of a clock whose due is provisional. */
const PROVISIONAL_NOTE = `；截止时间${PROVISIONAL_TEXT}`;

/** A clock with the texts the pack fixes written once: its limits in words, and its reason for each start field and VIP status. */
export interface CompiledClock {
  def: ClockDef;
  test: Test | null;
  limitVip: string | undefined;
  limitOrdinary: string | undefined;
  /** Indexed like `def.start`. */
  becauseVip: string[];
  becauseOrdinary: string[];
  /** Readers of the start and stop fields, indexed like `def.start` and `def.stop`. */
  startAt: TimeReader[];
  stopAt: TimeReader[];
}

export function compileClock(def: ClockDef, test: Test | null): CompiledClock {
  const l = def.limit;
  const words = (n: number | undefined) => (n === undefined ? undefined : limitText(l.basis, n));
  const limitVip = words(l.amount ?? l.vip),
    limitOrdinary = words(l.amount ?? l.ordinary);
  const because = (vip: boolean) => {
    const note = l.amount === undefined ? `客户为${vip ? ' VIP' : '普通客户'}，` : '';
    return def.start.map(
      (k) => `${def.because}（${def.clause}）；${note}自${FIELD_LABELS[k]}起算 ${vip ? limitVip : limitOrdinary}`,
    );
  };
  return {
    def,
    test,
    limitVip,
    limitOrdinary,
    becauseVip: because(true),
    becauseOrdinary: because(false),
    startAt: def.start.map((k) => READ_TIME[k]),
    stopAt: def.stop.map((k) => READ_TIME[k]),
  };
}

function firstPresent(f: Facts, read: TimeReader[]): number {
  for (let i = 0; i < read.length; i++) if (read[i]!(f.t) !== undefined) return i;
  return -1;
}
function firstBad(f: Facts, fields: readonly TimeField[]): TimeField | undefined {
  if (f.badTime.length !== 0) for (const k of fields) if (f.badTime.includes(k)) return k;
  return undefined;
}

/** The clock's limit for this customer; undefined when it depends on a VIP status not known. */
const limitAmount = (l: ClockDef['limit'], vip: boolean | null) =>
  l.amount ?? (vip === null ? undefined : vip ? l.vip : l.ordinary);

/** Due instant of a clock started at `start`, or the reason it cannot be told. */
export function dueOf(
  def: ClockDef,
  vip: boolean | null,
  start: number,
  cal: WorkCalendar,
): DueResult | { ok: false; reason: 'vip' } {
  const l = def.limit;
  const amount = limitAmount(l, vip);
  if (amount === undefined) return { ok: false as const, reason: 'vip' as const };
  return l.basis === 'hours'
    ? { ok: true, ms: addHours(start, amount) }
    : l.basis === 'working-days'
      ? addWorkingDays(cal, start, amount)
      : addCivilDays(cal, start, amount);
}

/**
 * Every clock that applies; a clock whose start, limit or stop cannot be read is left out with an unknown.
 * `dueMs` receives each result's due instant, so the scripts can quote one without reading its ISO text back.
 */
export function runClocks(
  clocks: CompiledClock[],
  f: Facts,
  now: number,
  cal: WorkCalendar,
  dueMs: number[],
): ClockResult[] {
  const out: ClockResult[] = [];
  for (const k of clocks) {
    const why = k.test ? k.test(f) : '';
    if (why === null) continue;
    const def = k.def;
    const startIndex = firstPresent(f, k.startAt);
    if (startIndex < 0) {
      const bad = firstBad(f, def.start);
      if (bad) addUnknown(f, bad, `${FIELD_LABELS[bad]}无法识别，“${def.label}”不计算`);
      else if (def.startRequired)
        addUnknown(f, def.start[0]!, `缺少${FIELD_LABELS[def.start[0]!]}，“${def.label}”无法计算`);
      continue;
    }
    const start = k.startAt[startIndex]!(f.t)!;
    const due = dueOf(def, f.vip, start, cal);
    if (!due.ok) {
      if (due.reason === 'vip')
        addUnknown(
          f,
          'customerLevel',
          `VIP 身份未知，“${def.label}”时限（VIP ${k.limitVip}，普通 ${k.limitOrdinary}）无法确定`,
        );
      else addUnknown(f, 'calendar', `“${def.label}”无法计算：${due.reason}`);
      continue;
    }
    const stopIndex = firstPresent(f, k.stopAt);
    if (stopIndex < 0) {
      const bad = firstBad(f, def.stop);
      if (bad) {
        addUnknown(f, bad, `无法判断“${def.label}”是否已完成`);
        continue;
      }
    }
    const stop = stopIndex < 0 ? undefined : k.stopAt[stopIndex]!(f.t);
    let dueAt = due.ms;
    let provisional = due.provisional;
    let pauses: AppliedPause[] = [];
    if (def.pausable) {
      // Unreadable pauses were reported once, for every pausable clock.
      if (f.pauses === null) continue;
      if (f.pauses.length !== 0) {
        // The due was told, so the limit is known.
        const amount = limitAmount(def.limit, f.vip)!;
        const paused = applyPauses(def.limit.basis, amount, cal, start, due.ms, f.pauses, stop);
        if (!paused.ok) {
          addUnknown(f, 'calendar', `“${def.label}”无法计算：${paused.reason}`);
          continue;
        }
        ({ due: dueAt, applied: pauses } = paused);
        if (paused.provisional) provisional = true;
      }
    }
    const because = (f.vip ? k.becauseVip : k.becauseOrdinary)[startIndex]!;
    dueMs.push(dueAt);
    // One shape for every clock (stoppedAt present even when undefined, which JSON leaves out).
    out.push({
      code: def.code,
      label: def.label,
      startAt: toIso(start),
      dueAt: toIso(dueAt),
      basis: def.limit.basis,
      limit: f.vip ? k.limitVip! : k.limitOrdinary!,
      state: clockState(start, dueAt, now, stop, def.warnAt ?? DEFAULT_WARN_AT, pauses),
      stoppedAt: stop === undefined ? undefined : toIso(stop),
      provisional,
      because:
        (why ? `${because}；适用因为${why}` : because) +
        (pauses.length ? pauseNote(pauses, now) : '') +
        (provisional ? PROVISIONAL_NOTE : ''),
      warnAt: def.warnAt ?? [...DEFAULT_WARN_AT],
      pauses: pauses.length ? pauses.map(pauseResult) : undefined,
    });
  }
  return out;
}
