import { z } from 'zod/mini';
import { TICKET_FIELDS } from '@/rules/ticket';
import { VerdictSchema } from '@/rules/verdict';

// Every message that crosses a context boundary is checked on arrival: a page script could
// post look-alike messages, and a stale content script may speak an older shape. zod/mini keeps
// the content script (which runs on every CRM page) small.

const fieldValues = z.partialRecord(z.enum(TICKET_FIELDS), z.string().check(z.maxLength(20_000)));
const missing = z.array(z.strictObject({ field: z.string(), required: z.boolean() })).check(z.maxLength(64));

/** What the content script read from the CRM page. */
export const TicketReadSchema = z.strictObject({
  type: z.literal('ticket'),
  adapterId: z.string().check(z.maxLength(100)),
  adapterName: z.string().check(z.maxLength(200)),
  url: z.string().check(z.maxLength(4000)),
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
  tabId: z.int(),
  frameId: z.int(),
  read: TicketReadSchema,
  verdict: VerdictSchema,
  evaluatedAt: z.number(),
  autofill: z.nullable(AutofillReportSchema),
});
export type TabState = z.infer<typeof TabStateSchema>;

/** Messages the background accepts. */
export const ToBackgroundSchema = z.discriminatedUnion('type', [
  TicketReadSchema,
  z.strictObject({ type: z.literal('open-panel') }),
  z.strictObject({ type: z.literal('get-state'), tabId: z.optional(z.int()) }),
  z.strictObject({ type: z.literal('autofill-done'), report: z.nullable(AutofillReportSchema) }),
  // From the side panel, which is no tab: it names the tab whose ticket the script was for.
  z.strictObject({ type: z.literal('script-copied'), tabId: z.optional(z.int()) }),
  // From the side panel: the agent picked this class for the tab's ticket. It is kept as a label
  // (learned from), and the tab's verdict is judged again with it.
  z.strictObject({ type: z.literal('pick-class'), tabId: z.optional(z.int()), code: z.string().check(z.maxLength(64)) }),
  // The popup or options page changed the store (done, import, clear, purge): reminders and badge follow.
  z.strictObject({ type: z.literal('store-changed') }),
]);
export type ToBackground = z.infer<typeof ToBackgroundSchema>;

/** Messages a content script accepts (from the side panel, through tabs.sendMessage). */
export const ToContentSchema = z.discriminatedUnion('type', [
  // The panel sends the verdict it shows (with the agent's pick, which only the background and
  // the panel hear of), so the fill writes what the agent sees; the content script keeps its own
  // verdict when the panel's is for another ticket.
  z.strictObject({ type: z.literal('autofill'), verdict: z.optional(VerdictSchema) }),
  z.strictObject({ type: z.literal('undo-autofill') }),
  z.strictObject({ type: z.literal('insert-reply'), text: z.string().check(z.maxLength(5000)) }),
]);
export type ToContent = z.infer<typeof ToContentSchema>;

/** Broadcast to open side panels when a tab's state changes. */
export const StateUpdateSchema = z.strictObject({ type: z.literal('state'), state: TabStateSchema });

export const VerdictReplySchema = z.strictObject({ verdict: VerdictSchema });
export const StateReplySchema = z.strictObject({ state: z.nullable(TabStateSchema) });
export const AutofillReplySchema = z.strictObject({ report: AutofillReportSchema });
export const InsertReplySchema = z.strictObject({ inserted: z.boolean() });
