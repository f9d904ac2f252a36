import { z } from 'zod';
import { TICKET_FIELDS } from '@/rules/ticket';
import { VerdictSchema } from '@/rules/verdict';
import { dateKey } from '@/rules/time/shanghai';
import { t as tr } from '@/utils/i18n';
import { EVENT_TYPES, type StoredTicket, type TicketEvent } from './types';

// An import file comes from outside (another machine, a hand edit), so every record is checked
// before it touches the store; a bad record is named and skipped, the good ones still go in.

export const EXPORT_FORMAT = 'ticket-sidekick';
export const EXPORT_VERSION = 1;

/**
 * Times are milliseconds from 2000-01-01 to 2100-01-01 (Shanghai): anything else is a broken or forged
 * file, and a number past what a JavaScript date holds would be stored, and exported, as `NaN`.
 */
export const EARLIEST_MS = Date.parse('2000-01-01T00:00:00+08:00');
export const LATEST_MS = Date.parse('2100-01-01T00:00:00+08:00');
// Messages as functions: said in the page's language when the file is checked, not when this loads.
const OUT_OF_RANGE = () => tr('transfer.outOfRange');
const ms = z
  .number({ error: () => tr('transfer.notTime') })
  .min(EARLIEST_MS, { error: OUT_OF_RANGE, abort: true })
  .max(LATEST_MS, { error: OUT_OF_RANGE, abort: true })
  .int({ error: () => tr('transfer.notInt') });
const inRange = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isFinite(t) && t >= EARLIEST_MS && t <= LATEST_MS;
};
const perClock = z.record(z.string(), ms);

const StoredTicketSchema = z
  .object({
    key: z.string().min(1),
    id: z.string().min(1),
    adapterId: z.string().min(1),
    // Opened again from a reminder, so only a web page will do.
    url: z.string().regex(/^https?:\/\//i, { error: () => tr('transfer.notUrl') }),
    fields: z.partialRecord(z.enum(TICKET_FIELDS), z.string()),
    customer: z.string().optional(),
    category: z.string().optional(),
    area: z.string().optional(),
    acceptedAt: ms,
    verdict: VerdictSchema,
    firstSeen: ms,
    lastSeen: ms,
    done: z.union([z.literal(0), z.literal(1)]),
    doneAt: ms.optional(),
    doneBy: z.enum(['agent', 'crm-status']).optional(),
    acknowledged: perClock,
    snoozedUntil: perClock,
    remindedAt: perClock.default({}),
    pausesSeen: z
      .array(z.object({ from: ms, to: ms.optional() }))
      .max(50)
      .optional(),
  })
  .refine((t) => t.key === `${t.adapterId}:${t.id}`, { error: () => tr('transfer.badKey'), path: ['key'] })
  // The verdict's clock times are strings of the right shape; their dates must be real and in range too.
  .superRefine((t, ctx) =>
    t.verdict.clocks.forEach((c, i) => {
      for (const k of ['startAt', 'dueAt', 'stoppedAt'] as const) {
        const v = c[k];
        if (v !== undefined && !inRange(v))
          ctx.addIssue({ code: 'custom', message: OUT_OF_RANGE(), path: ['verdict', 'clocks', i, k] });
      }
    }),
  )
  // `day` always follows `acceptedAt`, so it is derived rather than trusted.
  .transform((t): StoredTicket => ({ ...t, day: dateKey(t.acceptedAt) }));

const TicketEventSchema = z.object({
  at: ms,
  ticketKey: z.string().min(1),
  type: z.enum(EVENT_TYPES),
  detail: z.string().optional(),
});

const ExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  tickets: z.array(z.unknown()),
  events: z.array(z.unknown()),
});

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  tickets: StoredTicket[];
  /** Without `seq`: the importing store numbers them anew. */
  events: Omit<TicketEvent, 'seq'>[];
}

const issue = (e: z.ZodError) =>
  e.issues
    .map((i) => tr('transfer.issue', { path: i.path.join('.') || tr('transfer.whole'), message: i.message }))
    .join(tr('transfer.issueSep'));

export interface ParsedExport {
  tickets: StoredTicket[];
  events: Omit<TicketEvent, 'seq'>[];
  errors: string[];
  /** Good ticket records left out because the file holds the same key again (the one seen last is kept). */
  duplicates: number;
}

/**
 * Check an export file; good records are returned and every bad one is named. A ticket key twice in
 * the file is one ticket: the record seen most recently (`lastSeen`, then the later line) is kept,
 * and each other one is named.
 */
export function parseExport(text: string): ParsedExport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { tickets: [], events: [], errors: [tr('common.notJson')], duplicates: 0 };
  }
  const file = ExportSchema.safeParse(raw);
  if (!file.success)
    return {
      tickets: [],
      events: [],
      errors: [tr('transfer.notExport', { issues: issue(file.error) })],
      duplicates: 0,
    };
  const errors: string[] = [];
  const byKey = new Map<string, { ticket: StoredTicket; line: number }>();
  let duplicates = 0;
  file.data.tickets.forEach((t, i) => {
    const r = StoredTicketSchema.safeParse(t);
    if (!r.success) return void errors.push(tr('transfer.badTicket', { n: i + 1, issues: issue(r.error) }));
    const kept = byKey.get(r.data.key);
    if (!kept) return void byKey.set(r.data.key, { ticket: r.data, line: i + 1 });
    duplicates++;
    const newer = r.data.lastSeen >= kept.ticket.lastSeen;
    const [keep, drop] = newer ? [i + 1, kept.line] : [kept.line, i + 1];
    errors.push(tr('transfer.duplicate', { n: i + 1, line: kept.line, id: r.data.id, keep, drop }));
    if (newer) byKey.set(r.data.key, { ticket: r.data, line: i + 1 });
  });
  const tickets = [...byKey.values()].map((k) => k.ticket);
  const events: Omit<TicketEvent, 'seq'>[] = [];
  file.data.events.forEach((e, i) => {
    const r = TicketEventSchema.safeParse(e);
    if (r.success) events.push(r.data);
    else errors.push(tr('transfer.badEvent', { n: i + 1, issues: issue(r.error) }));
  });
  return { tickets, events, errors, duplicates };
}
