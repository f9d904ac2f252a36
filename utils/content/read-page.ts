import { readPauseLog } from '@/rules/sites/read-pauses';
import { readTicket } from '@/rules/sites/read';
import type { SiteAdapter } from '@/rules/sites/schema';
import type { TicketRead } from '@/utils/messages';
import { shapeReading } from './shape-reading';

/**
 * The page as the content script sends it: the ticket's fields and, when the adapter says where
 * they show, its 挂起/解挂 rows, shaped to the background's limits (a field too long is cut with a
 * mark and named, never refused). `key` tells a new reading from a repeat; `msg` is null when the
 * page shows no ticket.
 */
export function readPage(doc: Document, adapter: SiteAdapter, url: string): { key: string; msg: TicketRead | null } {
  const reading = readTicket(doc, adapter);
  const pauseLog = readPauseLog(doc, adapter);
  const key = JSON.stringify([reading.fields, pauseLog]);
  if (Object.keys(reading.fields).length === 0) return { key, msg: null };
  const msg = shapeReading({
    adapterId: adapter.id,
    adapterName: adapter.name,
    url,
    fields: reading.fields,
    missing: reading.missing.map((m) => ({ field: m.field, required: m.required })),
    pauseLog,
    canFill: Boolean(
      adapter.write &&
      (adapter.write.ticketType || adapter.write.category || adapter.write.department || adapter.write.tags),
    ),
    canReply: Boolean(adapter.write?.replyBox),
  });
  return { key, msg };
}
