import { z } from 'zod';
import { TICKET_FIELDS } from '@/rules/ticket';
import { VerdictSchema } from '@/rules/verdict';

// Every message that crosses a context boundary is checked on arrival: a page script could
// post look-alike messages, and a stale content script may speak an older shape.

const fieldValues = z.partialRecord(z.enum(TICKET_FIELDS), z.string().max(20_000));
const missing = z.array(z.strictObject({ field: z.string(), required: z.boolean() })).max(64);

/** What the content script read from the CRM page. */
export const TicketReadSchema = z.strictObject({
  type: z.literal('ticket'),
  adapterId: z.string().max(100),
  adapterName: z.string().max(200),
  url: z.string().max(4000),
  fields: fieldValues,
  missing,
  canFill: z.boolean(),
  canReply: z.boolean(),
});
export type TicketRead = z.infer<typeof TicketReadSchema>;

const AutofillChangeSchema = z.strictObject({
  target: z.enum(['ticketType', 'category', 'department', 'tags']),
  label: z.string(),
  value: z.string(),
  previous: z.string(),
  stuck: z.boolean(),
});
export type AutofillChange = z.infer<typeof AutofillChangeSchema>;
export const AutofillReportSchema = z.strictObject({
  changes: z.array(AutofillChangeSchema),
  skipped: z.array(z.strictObject({ target: z.string(), because: z.string() })),
});
export type AutofillReport = z.infer<typeof AutofillReportSchema>;

/** The background's view of one CRM tab: the reading, its verdict and the last auto-fill. */
export const TabStateSchema = z.strictObject({
  tabId: z.number().int(),
  frameId: z.number().int(),
  read: TicketReadSchema,
  verdict: VerdictSchema,
  evaluatedAt: z.number(),
  autofill: AutofillReportSchema.nullable(),
});
export type TabState = z.infer<typeof TabStateSchema>;

/** Messages the background accepts. */
export const ToBackgroundSchema = z.discriminatedUnion('type', [
  TicketReadSchema,
  z.strictObject({ type: z.literal('open-panel') }),
  z.strictObject({ type: z.literal('get-state'), tabId: z.number().int().optional() }),
  z.strictObject({ type: z.literal('autofill-done'), report: AutofillReportSchema.nullable() }),
  // From the side panel, which is no tab: it names the tab whose ticket the script was for.
  z.strictObject({ type: z.literal('script-copied'), tabId: z.number().int().optional() }),
  // The popup or options page changed the store (done, import, clear, purge): reminders and badge follow.
  z.strictObject({ type: z.literal('store-changed') }),
]);
export type ToBackground = z.infer<typeof ToBackgroundSchema>;

/** Messages a content script accepts (from the side panel, through tabs.sendMessage). */
export const ToContentSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('autofill') }),
  z.strictObject({ type: z.literal('undo-autofill') }),
  z.strictObject({ type: z.literal('insert-reply'), text: z.string().max(5000) }),
]);
export type ToContent = z.infer<typeof ToContentSchema>;

/** Broadcast to open side panels when a tab's state changes. */
export const StateUpdateSchema = z.strictObject({ type: z.literal('state'), state: TabStateSchema });

export const VerdictReplySchema = z.strictObject({ verdict: VerdictSchema });
export const StateReplySchema = z.strictObject({ state: TabStateSchema.nullable() });
export const AutofillReplySchema = z.strictObject({ report: AutofillReportSchema });
export const InsertReplySchema = z.strictObject({ inserted: z.boolean() });
