import { clockState } from '@/rules/engine/clock-state';
import type { ClockResult, ClockState } from '@/rules/verdict';

export const STATE_LABELS: Record<ClockState, string> = {
  running: '进行中',
  'due-soon': '即将到期',
  overdue: '已超时',
  met: '按时完成',
  late: '超时完成',
};

export const RISK_LABELS = { red: '红色风险', orange: '橙色风险', yellow: '黄色风险', none: '无风险标记' } as const;

/** A clock's state at `now`: the verdict's state is only true at evaluation time. */
export function liveState(c: ClockResult, now: number): ClockState {
  return clockState(Date.parse(c.startAt), Date.parse(c.dueAt), now, c.stoppedAt === undefined ? undefined : Date.parse(c.stoppedAt));
}

/** `2天03:12:05` style: days spelled out, the rest as a clock, so it reads at a glance. */
export function formatSpan(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const hh = String(Math.floor((s % 86400) / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${d ? `${d}天` : ''}${hh}:${mm}:${ss}`;
}

/** "剩 01:12:05" before the due time, "超 00:03:10" after it. */
export function countdownText(c: ClockResult, now: number): string {
  const left = Date.parse(c.dueAt) - now;
  return left >= 0 ? `剩 ${formatSpan(left)}` : `超 ${formatSpan(left)}`;
}

/** The clock the agent must watch: the nearest due among those still open. */
export function nearestOpen(clocks: readonly ClockResult[]): ClockResult | undefined {
  let best: ClockResult | undefined;
  for (const c of clocks) if (c.stoppedAt === undefined && (!best || c.dueAt < best.dueAt)) best = c;
  return best;
}
