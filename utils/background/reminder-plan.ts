import { STATE_LABELS, countdownText, liveState } from '@/components/countdown';
import { DUE_SOON_SHARE } from '@/rules/engine/clock-state';
import { toIso } from '@/rules/time/shanghai';
import type { ClockResult } from '@/rules/verdict';
import type { StoredTicket } from '@/utils/db/types';

const MINUTE = 60_000;
/** While a clock is overdue it is brought up again this often. */
const OVERDUE_EVERY = 30 * MINUTE;
const PREFIX = 'remind:';

// Alarm and notification ids carry the ticket key and clock code, encoded so a ':' in a CRM's
// ticket number cannot split them wrongly.
export const reminderId = (key: string, code: string) => `${PREFIX}${encodeURIComponent(key)}:${encodeURIComponent(code)}`;

export function parseReminderId(id: string): { key: string; code: string } | null {
  if (!id.startsWith(PREFIX)) return null;
  const [key, code, extra] = id.slice(PREFIX.length).split(':');
  if (key === undefined || code === undefined || extra !== undefined) return null;
  try {
    return { key: decodeURIComponent(key), code: decodeURIComponent(code) };
  } catch {
    return null;
  }
}

export const isReminderId = (id: string) => id.startsWith(PREFIX);

/** The first reminder point after `after`: due soon (75% of the allowed time), due, then every 30 minutes. */
export function pointAfter(clock: ClockResult, after: number): number {
  const start = Date.parse(clock.startAt);
  const due = Date.parse(clock.dueAt);
  // Whole milliseconds, so an alarm's scheduled time compares equal on the next rebuild.
  const soon = Math.ceil(start + (due - start) * DUE_SOON_SHARE);
  if (after < soon) return soon;
  if (after < due) return due;
  return due + (Math.floor((after - due) / OVERDUE_EVERY) + 1) * OVERDUE_EVERY;
}

/**
 * When this clock's next reminder is due, or null when it gets none (stopped, acknowledged, ticket
 * done). Points before the agent first opened the ticket are skipped: the page told them already.
 * A pending snooze replaces every point before it.
 */
export function nextReminder(t: StoredTicket, clock: ClockResult): number | null {
  if (t.done || clock.stoppedAt !== undefined || t.acknowledged[clock.code] !== undefined) return null;
  const last = t.remindedAt[clock.code] ?? t.firstSeen;
  const snooze = t.snoozedUntil[clock.code];
  if (snooze !== undefined && snooze > last) return snooze;
  return pointAfter(clock, last);
}

function shortDate(ms: number): string {
  const iso = toIso(ms);
  return `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日 ${iso.slice(11, 16)}`;
}

/** `GD100201 处理时限 · 剩 02:59:00（截止 11月28日 21:12）`, and what to do about it. */
export function reminderText(t: StoredTicket, clock: ClockResult, now: number): { title: string; message: string } {
  return {
    title: `${t.id} ${clock.label} · ${countdownText(clock, now)}（截止 ${shortDate(Date.parse(clock.dueAt))}）`,
    message: `${STATE_LABELS[liveState(clock, now)]} · ${t.verdict.category?.label ?? '分类未知'}\n点击打开工单；关闭通知即不再提醒此时限`,
  };
}
