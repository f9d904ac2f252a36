import { countdownText, dueLine, liveState, nearestOpen, STATE_LABELS } from '@/rules/clock/vocabulary';
import { RISK_LABELS } from '@/rules/pack/vocabulary';
import type { ClockState, Verdict } from '@/rules/verdict';

/** What the badge shows for a verdict at `now`: all from the clock vocabulary. */
export interface BadgeText {
  /** The nearest open clock's state; null when no clock is open. */
  state: ClockState | null;
  /** `处理时限 · 即将到期`, or why there is no countdown. */
  label: string;
  /** `剩 01:12:05`; empty without an open clock. */
  time: string;
  /** The hover text (the dot's accessible name): the due time, risk and unknowns. */
  title: string;
}

/** The badge's texts; `mini` (shrunk to a dot, no text shown) puts label and countdown in the title. */
export function badgeText(verdict: Verdict, now: number, mini = false): BadgeText {
  const clock = nearestOpen(verdict.clocks);
  const state = clock ? liveState(clock, now) : null;
  const label = clock ? `${clock.label} · ${STATE_LABELS[state!]}` : verdict.clocks.length ? '时限均已完成' : '无计时';
  const time = clock ? countdownText(clock, now) : '';
  const shown = mini ? `${time ? `${label} ${time}` : label}；` : '';
  const head = `${shown}${clock ? `${dueLine(clock, now)}；` : ''}`;
  const unknown = verdict.unknown.length ? `，${verdict.unknown.length} 项未知` : '';
  return { state, label, time, title: `${head}工单助手：${RISK_LABELS[verdict.risk]}${unknown}；点击打开侧边栏` };
}
