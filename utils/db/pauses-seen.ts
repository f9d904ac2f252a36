// The sidekick's own record of a ticket's suspensions, for CRMs whose page shows no 挂起/解挂 rows:
// each reading's status either opens a pause (first seen suspended), closes the open one (first
// seen otherwise) or changes nothing. So the record is only as fine as the agent's visits: a pause
// begins no earlier than first seen and ends no earlier than seen over, and the clocks say so
// (`observed`).
import type { PauseInput } from '@/rules/ticket';

/** One suspension the sidekick saw, in ms; no `to` while it still sees it. */
export interface PauseSeen {
  from: number;
  to?: number;
}

/** At most this many kept per ticket: the oldest go first (a ticket suspended so often is still told by the recent ones). */
const KEEP = 50;

/** The record after a reading at `at` whose status is `suspended` (null: no status, nothing learned). */
export function observePauses(prev: readonly PauseSeen[], suspended: boolean | null, at: number): readonly PauseSeen[] {
  const last = prev[prev.length - 1];
  const open = last !== undefined && last.to === undefined;
  if (suspended === true && !open) return [...prev.slice(-(KEEP - 1)), { from: at }];
  if (suspended === false && open) return [...prev.slice(0, -1), { from: last.from, to: Math.max(at, last.from) }];
  return prev;
}

/** The record as the ticket's `pauses` (times as epoch ms, which the engine reads as they are), marked observed. */
export const seenAsTicketPauses = (seen: readonly PauseSeen[]): PauseInput[] =>
  seen.map((p) => ({ ...p, observed: true }));
