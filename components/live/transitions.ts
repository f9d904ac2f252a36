// When a clock becomes due-soon or overdue, screen readers hear it once: the side panel and the
// badge ask this tracker each second and speak only what it returns. Pure, so the content
// script's badge and the panel share it.
import { liveState } from '@/rules/clock/vocabulary';
import { CLOCK_WORDS, fill, type Lang } from '@/rules/clock/words';
import type { ClockResult, ClockState } from '@/rules/verdict';

/** A clock's state at one moment, as the tracker needs it. */
export interface ClockNow {
  code: string;
  label: string;
  state: ClockState;
}

/** The states a clock is announced on entering: the agent must act. */
const LOUD: ReadonlySet<ClockState> = new Set(['due-soon', 'overdue']);
/**
 * The states that say how far a clock has got. Stopped and paused ones leave that where it was, so
 * a due-soon clock paused and resumed is not announced again (one moved back to running by a
 * pause's gain and due-soon again later is).
 */
const STAGES: ReadonlySet<ClockState> = new Set(['running', 'due-soon', 'overdue']);

export const clocksAt = (clocks: readonly ClockResult[], now: number): ClockNow[] =>
  clocks.map((c) => ({ code: c.code, label: c.label, state: liveState(c, now) }));

/**
 * A tracker of one ticket's clocks: each call returns the clocks that became due-soon or overdue
 * since the last call, so each transition once however often it is asked. Another `ticket` starts
 * afresh, and a clock seen for the first time is never news: opening a panel on an overdue ticket
 * says nothing, the clock list and the badge already show it.
 */
export function createTransitions(): (ticket: string | undefined, clocks: readonly ClockNow[]) => ClockNow[] {
  let current: string | undefined;
  let reached = new Map<string, ClockState>();
  return (ticket, clocks) => {
    if (ticket !== current) {
      current = ticket;
      reached = new Map();
    }
    const changed: ClockNow[] = [];
    for (const c of clocks) {
      if (!STAGES.has(c.state)) continue;
      const was = reached.get(c.code);
      reached.set(c.code, c.state);
      if (was !== undefined && was !== c.state && LOUD.has(c.state)) changed.push(c);
    }
    return changed;
  };
}

/** `GD100201：处理时限即将到期；回复时限已超时`, in `lang`. */
export function announcement(ticketId: string | undefined, changed: readonly ClockNow[], lang: Lang = 'zh_CN'): string {
  const w = CLOCK_WORDS[lang];
  const clocks = changed.map((c) => fill(w.announce.clock, { label: c.label, state: w.states[c.state] }));
  return `${ticketId ? fill(w.announce.ticket, { id: ticketId }) : ''}${clocks.join(w.announce.sep)}`;
}
