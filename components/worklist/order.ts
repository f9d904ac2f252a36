import { countdownText, dueLine, liveState, nearestOpen } from '@/rules/clock/vocabulary';
import type { Lang } from '@/rules/clock/words';
import type { ClockResult, ClockState } from '@/rules/verdict';
import type { StoredTicket } from '@/utils/db/types';

export const FILTERS = ['overdue', 'due-soon', 'all'] as const;
export type Filter = (typeof FILTERS)[number];

/** A ticket with the clock the agent must watch; due order never changes with time, so it is computed once. */
export interface Entry {
  ticket: StoredTicket;
  clock: ClockResult | undefined;
  dueMs: number;
}

/** The entry at `now`: the clock's live state, countdown and due texts. */
export interface Row extends Entry {
  state: ClockState | undefined;
  countdown: string | undefined;
  /** `截止 11月28日 24:00` */
  due: string | undefined;
}

/** Nearest due first; tickets with no open clock last, newest seen first among them. */
export function byDue(tickets: readonly StoredTicket[]): Entry[] {
  return tickets
    .map((ticket) => {
      const clock = nearestOpen(ticket.verdict.clocks);
      return { ticket, clock, dueMs: clock ? Date.parse(clock.dueAt) : Infinity };
    })
    .sort(
      (a, b) => a.dueMs - b.dueMs || b.ticket.lastSeen - a.ticket.lastSeen || a.ticket.key.localeCompare(b.ticket.key),
    );
}

export function atTime(e: Entry, now: number, lang?: Lang): Row {
  return {
    ...e,
    state: e.clock && liveState(e.clock, now),
    countdown: e.clock && countdownText(e.clock, now, lang),
    due: e.clock && dueLine(e.clock, now, lang),
  };
}

// The nearest open clock is overdue whenever any open clock is, so its state speaks for the ticket.
export function matches(row: Row, filter: Filter): boolean {
  return filter === 'all' || row.state === filter;
}

export function countBy(rows: readonly Row[]): Record<Filter, number> {
  const n = { overdue: 0, 'due-soon': 0, all: rows.length };
  for (const r of rows) if (r.state === 'overdue' || r.state === 'due-soon') n[r.state] += 1;
  return n;
}
