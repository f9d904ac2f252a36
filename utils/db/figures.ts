import { liveState } from '@/rules/clock/vocabulary';
import { breakdown } from './breakdown';
import type { ClockFigure, Figures, StoredTicket } from './types';

const rate = (n: number, of: number) => (of === 0 ? null : n / of);

/**
 * Figures over the tickets accepted from `from` to `to` (Shanghai dates). A clock without a stop
 * on a ticket the agent marked done counts as stopped at the marking: that is when it was handled.
 */
export function computeFigures(
  tickets: readonly StoredTicket[],
  now: number,
  from: string,
  to: string,
  days: number,
): Figures {
  const clocks = new Map<string, ClockFigure>();
  let done = 0;
  let repeat = 0;
  let escalated = 0;

  for (const t of tickets) {
    if (t.done) done += 1;
    if (t.verdict.tags.some((g) => g.code === 'repeat')) repeat += 1;
    if (t.verdict.tags.some((g) => g.code === 'escalated')) escalated += 1;
    for (const c of t.verdict.clocks) {
      const fig = clocks.get(c.code) ?? { code: c.code, label: c.label, met: 0, late: 0, overdue: 0, onTimeRate: null };
      clocks.set(c.code, fig);
      const stop = c.stoppedAt !== undefined ? Date.parse(c.stoppedAt) : t.done ? t.doneAt : undefined;
      const state = liveState(c, now, stop);
      if (state === 'met' || state === 'late' || state === 'overdue') fig[state] += 1;
    }
  }
  for (const f of clocks.values()) f.onTimeRate = rate(f.met, f.met + f.late + f.overdue);

  return {
    from,
    to,
    days,
    handled: tickets.length,
    done,
    clocks: [...clocks.values()],
    repeatRate: rate(repeat, tickets.length),
    escalatedRate: rate(escalated, tickets.length),
    ...breakdown(tickets, from, to),
  };
}
