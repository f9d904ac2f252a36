import { TICKET_FIELDS, type TicketField } from '@/rules/ticket';
import { READ_LIMITS, type TicketRead } from '@/utils/messages';

/** What the content script has before a reading crosses to the background. */
export interface RawReading {
  adapterId: string;
  adapterName: string;
  url: string;
  fields: Partial<Record<TicketField, string>>;
  missing: readonly { field: string; required: boolean }[];
  /** The 挂起/解挂 rows (rules/sites/read-pauses.ts), when the adapter says where they show. */
  pauseLog?: { log: readonly { event: 'pause' | 'resume'; at: string }[]; incomplete: boolean };
  canFill: boolean;
  canReply: boolean;
}

/** Characters as an agent counts them (code points, so an emoji is one). */
export function charCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The first `max` UTF-16 units of `s`, one fewer if the cut would split a surrogate pair. */
function head(s: string, max: number): string {
  if (s.length <= max) return s;
  const last = s.charCodeAt(max - 1);
  return s.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** The mark a cut field ends with, naming its length on the page. */
export const truncationMark = (length: number) => `…［已截断，原文 ${length} 字］`;

/** `s` cut to `max` UTF-16 units including `mark`, which ends it; `s` itself when it fits. */
function cut(s: string, max: number, mark: string): string {
  if (s.length <= max) return s;
  return head(s, Math.max(0, max - mark.length)) + head(mark, max);
}

/**
 * Shape a reading so the background takes it: every part within `READ_LIMITS`, a field too long
 * kept from its start with a visible mark and named in `truncated`. Pure, so it is tested without
 * a browser; whatever it returns passes `TicketReadSchema`.
 */
export function shapeReading(raw: RawReading): TicketRead {
  const fields: Partial<Record<TicketField, string>> = {};
  const truncated: { field: TicketField; length: number }[] = [];
  for (const field of TICKET_FIELDS) {
    const value: unknown = raw.fields[field];
    if (typeof value !== 'string') continue;
    if (value.length <= READ_LIMITS.field) {
      fields[field] = value;
      continue;
    }
    const length = charCount(value);
    fields[field] = cut(value, READ_LIMITS.field, truncationMark(length));
    truncated.push({ field, length });
  }
  return {
    type: 'ticket',
    adapterId: head(raw.adapterId, READ_LIMITS.adapterId),
    adapterName: cut(raw.adapterName, READ_LIMITS.adapterName, '…'),
    // A shortened address would not open the ticket anyway; a mark would only make it a wrong one.
    url: head(raw.url, READ_LIMITS.url),
    fields,
    missing: raw.missing
      .slice(0, READ_LIMITS.missing)
      .map((m) => ({ field: head(m.field, READ_LIMITS.missingField), required: m.required === true })),
    ...(truncated.length ? { truncated } : {}),
    ...(raw.pauseLog ? { pauseLog: shapePauseLog(raw.pauseLog) } : {}),
    canFill: raw.canFill === true,
    canReply: raw.canReply === true,
  };
}

/** The events that fit; one whose time text is too long to be a time is left out, and the log is then incomplete. */
function shapePauseLog({ log, incomplete }: NonNullable<RawReading['pauseLog']>): NonNullable<TicketRead['pauseLog']> {
  const fits = log.filter((e) => e.at.length <= READ_LIMITS.pauseAt).slice(0, READ_LIMITS.pauseEvents);
  return { log: fits, incomplete: incomplete || fits.length < log.length };
}
