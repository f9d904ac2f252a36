import type { ClockState } from '../verdict';

/** Share of the allowed time after which a running clock shows as due soon. */
export const DUE_SOON_SHARE = 0.75;

/** A clock's state at `nowMs`; separate from the engine so the badge can tick it cheaply. */
export function clockState(startMs: number, dueMs: number, nowMs: number, stopMs?: number): ClockState {
  if (stopMs !== undefined) return stopMs <= dueMs ? 'met' : 'late';
  if (nowMs >= dueMs) return 'overdue';
  return nowMs >= startMs + (dueMs - startMs) * DUE_SOON_SHARE ? 'due-soon' : 'running';
}
