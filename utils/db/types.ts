import type { Model } from '@/rules/classifier/model';
import type { TicketField } from '@/rules/ticket';
import type { Verdict } from '@/rules/verdict';
import type { ClassRow, DayRow } from './breakdown';
import type { PauseSeen } from './pauses-seen';

/** One ticket the agent has opened, as last read, with its latest verdict. */
export interface StoredTicket {
  /** `${adapterId}:${id}`: the same CRM ticket number on two CRMs is two tickets. */
  key: string;
  id: string;
  adapterId: string;
  /** Where to open it again (the CRM page it was read on). */
  url: string;
  fields: Partial<Record<TicketField, string>>;
  /** What the history questions ask, copied into the ticket's history row (`historyRow`) for its indexes. */
  customer?: string;
  category?: string;
  area?: string;
  /** Accepted time (ms), or first seen when the CRM gave none. */
  acceptedAt: number;
  /** Shanghai calendar date of `acceptedAt` (YYYY-MM-DD), for the figures' per-day counts. */
  day: string;
  verdict: Verdict;
  firstSeen: number;
  lastSeen: number;
  /** 0 open, 1 done: IndexedDB cannot index booleans. */
  done: 0 | 1;
  doneAt?: number;
  doneBy?: DoneBy;
  /** Per clock code: acknowledged reminders stop; snoozed ones wait until the time given. */
  acknowledged: Record<string, number>;
  snoozedUntil: Record<string, number>;
  /** Per clock code: when its last reminder was shown, so a reminder point is never shown twice. */
  remindedAt: Record<string, number>;
  /** The suspensions the sidekick saw by the ticket's status (utils/db/pauses-seen.ts); absent when it saw none. */
  pausesSeen?: PauseSeen[];
}

export type DoneBy = 'agent' | 'crm-status';

/**
 * One stored ticket as the history lookups read it: a few hundred bytes where the whole ticket, with
 * its verdict, is a few kilobytes. Kept in step with `tickets` by the store.
 */
export interface HistoryRow {
  key: string;
  customer?: string;
  category?: string;
  /** Trimmed; '' when unknown. */
  area: string;
  acceptedAt: number;
  /** Only the fields the engine reads from an earlier ticket (`HISTORY_FIELDS`). */
  fields: Partial<Record<TicketField, string>>;
}

/** The same CRM ticket number on two CRMs is two tickets. */
export const ticketKey = (adapterId: string, id: string) => `${adapterId}:${id}`;

export const EVENT_TYPES = [
  'seen',
  'auto-filled',
  'script-copied',
  'reminder-shown',
  'acknowledged',
  'snoozed',
  'done',
  'class-picked',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface TicketEvent {
  seq?: number;
  at: number;
  ticketKey: string;
  type: EventType;
  detail?: string;
}

/** What the content script read, with its verdict, as the background hands it to the store. */
export interface SeenInput {
  adapterId: string;
  url: string;
  fields: Partial<Record<TicketField, string>>;
  verdict: Verdict;
  now: number;
  /** The sidekick's record of the ticket's suspensions after this reading; absent: keep the stored one. */
  pausesSeen?: readonly PauseSeen[];
}

/** On-time figures for one clock code. */
export interface ClockFigure {
  code: string;
  label: string;
  /** Stopped (or marked done) by the due time. */
  met: number;
  /** Stopped after the due time. */
  late: number;
  /** Still open on an open ticket and past due. */
  overdue: number;
  /** met / (met + late + overdue); null when there is nothing to count. */
  onTimeRate: number | null;
}

/** Figures for the tickets accepted in the last `days` Shanghai calendar days (today included). */
export interface Figures {
  /** First and last day of the period, YYYY-MM-DD. */
  from: string;
  to: string;
  days: number;
  /** Tickets accepted in the period that the agent opened. */
  handled: number;
  done: number;
  clocks: ClockFigure[];
  /** Share of handled tickets tagged repeat / escalated; null when none were handled. */
  repeatRate: number | null;
  escalatedRate: number | null;
  /** Tickets, repeats, escalations and appeals per class, most tickets first; `code` null is 分类未知. */
  byClass: ClassRow[];
  /** The same per day, every day of the period, oldest first. */
  byDay: DayRow[];
}

/** Where a labelled example's class came from. */
export type LabelSource = 'crm' | 'agent' | 'import';

/** One labelled ticket the class model learned from: at most one per ticket, the latest word wins. */
export interface LabelRow {
  /** The stored ticket's key, or `import:<n>` for a line of an imported export. */
  key: string;
  /** Title, text and business, as the classifier reads them. */
  text: string;
  classCode: string;
  /** The pack's dispatch target the ticket was handled by, when known. */
  line?: string;
  source: LabelSource;
  at: number;
}

/** The class model, as learned; `calibratedAt` is how many examples its temperatures were fitted on. */
export interface ModelRow {
  id: 'current';
  model: Model;
  calibratedAt: number;
  updatedAt: number;
}
