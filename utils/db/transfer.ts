import { z } from 'zod';
import { TICKET_FIELDS } from '@/rules/ticket';
import { VerdictSchema } from '@/rules/verdict';
import { dateKey } from '@/rules/time/shanghai';
import { EVENT_TYPES, type StoredTicket, type TicketEvent } from './types';

// An import file comes from outside (another machine, a hand edit), so every record is checked
// before it touches the store; a bad record is named and skipped, the good ones still go in.

export const EXPORT_FORMAT = 'ticket-sidekick';
export const EXPORT_VERSION = 1;

const ms = z.number().int().nonnegative();
const perClock = z.record(z.string(), ms);

const StoredTicketSchema = z
  .object({
    key: z.string().min(1),
    id: z.string().min(1),
    adapterId: z.string().min(1),
    // Opened again from a reminder, so only a web page will do.
    url: z.string().regex(/^https?:\/\//i, '应为 http(s) 网址'),
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
  })
  .refine((t) => t.key === `${t.adapterId}:${t.id}`, { message: 'key 应为 “系统:工单编号”', path: ['key'] })
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

const issue = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.') || '(整条)'}：${i.message}`).join('；');

/** Check an export file; good records are returned and every bad one is named. */
export function parseExport(text: string): { tickets: StoredTicket[]; events: Omit<TicketEvent, 'seq'>[]; errors: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { tickets: [], events: [], errors: ['文件不是有效的 JSON'] };
  }
  const file = ExportSchema.safeParse(raw);
  if (!file.success) return { tickets: [], events: [], errors: [`不是工单助手的导出文件：${issue(file.error)}`] };
  const errors: string[] = [];
  const tickets: StoredTicket[] = [];
  const events: Omit<TicketEvent, 'seq'>[] = [];
  file.data.tickets.forEach((t, i) => {
    const r = StoredTicketSchema.safeParse(t);
    if (r.success) tickets.push(r.data);
    else errors.push(`第 ${i + 1} 张工单：${issue(r.error)}`);
  });
  file.data.events.forEach((e, i) => {
    const r = TicketEventSchema.safeParse(e);
    if (r.success) events.push(r.data);
    else errors.push(`第 ${i + 1} 条记录：${issue(r.error)}`);
  });
  return { tickets, events, errors };
}
