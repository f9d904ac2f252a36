import { z } from 'zod/mini';
import { TICKET_FIELDS } from '@/rules/ticket';
import { VerdictSchema } from '@/rules/verdict';

// Every message that crosses a context boundary is checked on arrival: a page script could
// post look-alike messages, and a stale content script may speak an older shape. zod/mini keeps
// the content script (which runs on every CRM page) small.

/**
 * How much of each part of a reading the background accepts. The content script shapes every
 * reading to fit (see `utils/content/shape-reading.ts`): a longer field is cut with a visible
 * mark and named in `truncated`, so a reading is never refused for its size.
 */
export const READ_LIMITS = {
  field: 20_000,
  adapterId: 100,
  adapterName: 200,
  url: 4000,
  missing: 64,
  missingField: 64,
  /** 挂起/解挂 events (rules/sites/read-pauses.ts keeps the newest) and the length of each one's time text. */
  pauseEvents: 100,
  pauseAt: 100,
} as const;

/** The field picker's banner on the CRM page (utils/content/picker.ts). */
const prompt = z.string().check(z.maxLength(200));
const fieldValues = z.partialRecord(z.enum(TICKET_FIELDS), z.string().check(z.maxLength(READ_LIMITS.field)));
const missing = z
  .array(z.strictObject({ field: z.string().check(z.maxLength(READ_LIMITS.missingField)), required: z.boolean() }))
  .check(z.maxLength(READ_LIMITS.missing));
/** The fields the content script cut to fit, each with its length on the page (in characters). */
const truncated = z
  .array(z.strictObject({ field: z.enum(TICKET_FIELDS), length: z.int().check(z.nonnegative()) }))
  .check(z.maxLength(TICKET_FIELDS.length));

/** When the page's history shows the ticket suspended and resumed, in page order, times as shown. */
const pauseLog = z.strictObject({
  log: z
    .array(
      z.strictObject({
        event: z.enum(['pause', 'resume']),
        at: z.string().check(z.maxLength(READ_LIMITS.pauseAt)),
      }),
    )
    .check(z.maxLength(READ_LIMITS.pauseEvents)),
  /** Some event is missing (a row without a readable time, no rows found, too many): pairing may mislead. */
  incomplete: z.boolean(),
});

/** What the content script read from the CRM page. */
export const TicketReadSchema = z.strictObject({
  type: z.literal('ticket'),
  adapterId: z.string().check(z.maxLength(READ_LIMITS.adapterId)),
  adapterName: z.string().check(z.maxLength(READ_LIMITS.adapterName)),
  url: z.string().check(z.maxLength(READ_LIMITS.url)),
  fields: fieldValues,
  missing,
  truncated: z.optional(truncated),
  /** Only when the adapter says where pauses show (`pauses`). */
  pauseLog: z.optional(pauseLog),
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
  // All or nothing: a write that failed part way put back every earlier one. `changes` is then
  // empty and each target is listed in `skipped`; `restored` says whether every field read back.
  rolledBack: z.optional(z.strictObject({ target: z.string(), because: z.string(), restored: z.boolean() })),
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
  z.strictObject({
    type: z.literal('pick-class'),
    tabId: z.optional(z.int()),
    code: z.string().check(z.maxLength(64)),
  }),
  // The popup or options page changed the store (done, import, clear, purge): reminders and badge follow.
  z.strictObject({ type: z.literal('store-changed') }),
  // A content script starting on a page: which adapter reads it (null: none, the script stays idle).
  z.strictObject({ type: z.literal('adapter-for'), url: z.string().check(z.maxLength(READ_LIMITS.url)) }),
  // The popup or options page: which run-time adapters still wait for the agent to grant their origins.
  z.strictObject({ type: z.literal('access-needed') }),
  // The options page: read (or pick a field on) the latest open page of this adapter, which may be
  // unsaved; the background checks it whole before any page sees it.
  z.strictObject({ type: z.literal('try-read'), adapter: z.unknown() }),
  // `prompt`: the banner the page shows while picking, in the options page's language.
  z.strictObject({
    type: z.literal('pick-field'),
    adapter: z.unknown(),
    field: z.enum(TICKET_FIELDS),
    prompt: z.optional(prompt),
  }),
]);
export type ToBackground = z.infer<typeof ToBackgroundSchema>;

const AdapterShape = z.looseObject({
  id: z.string(),
  name: z.string(),
  matches: z.array(z.string()),
  fields: z.record(z.string(), z.unknown()),
});

/** The adapter for a page, as the background answers `adapter-for`. */
export const AdapterReplySchema = z.strictObject({ adapter: z.nullable(AdapterShape) });

/** What a page reads with an adapter: each field, the locator that won, and what every other tried. */
export const TryReadReplySchema = z.strictObject({
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  foundBy: z.record(z.string(), z.string()),
  missing: z.array(z.strictObject({ field: z.string(), required: z.boolean(), tried: z.array(z.string()) })),
  /** The 挂起/解挂 rows read, when the adapter has `pauses`. */
  pauses: z.optional(z.strictObject({ log: pauseLog.shape.log, incomplete: z.boolean(), tried: z.array(z.string()) })),
});
export type TryReadReply = z.infer<typeof TryReadReplySchema>;

/** The locators the picker suggests for the element the agent clicked, best first (none: cancelled). */
export const PickReplySchema = z.strictObject({
  url: z.string(),
  suggestions: z.array(z.strictObject({ locator: z.record(z.string(), z.unknown()), reads: z.string() })),
});
export type PickReply = z.infer<typeof PickReplySchema>;

/** Messages a content script accepts (from the side panel, through tabs.sendMessage). */
export const ToContentSchema = z.discriminatedUnion('type', [
  // The panel sends the verdict it shows (with the agent's pick, which only the background and
  // the panel hear of), so the fill writes what the agent sees; the content script keeps its own
  // verdict when the panel's is for another ticket.
  z.strictObject({ type: z.literal('autofill'), verdict: z.optional(VerdictSchema) }),
  z.strictObject({ type: z.literal('undo-autofill') }),
  z.strictObject({ type: z.literal('insert-reply'), text: z.string().check(z.maxLength(5000)) }),
  // Is the script running in this tab's top frame? (The background injects it when not.)
  z.strictObject({ type: z.literal('ping') }),
  // The applied pack changed: read the ticket again for a new verdict.
  z.strictObject({ type: z.literal('reread') }),
  // The agent's shortcut (utils/shortcuts.ts): put the keyboard focus on the badge.
  z.strictObject({ type: z.literal('focus-badge') }),
  // From the background, with an adapter it checked whole (rules/sites/schema.ts): only its shape is
  // looked at here, so the content script need not carry the schema.
  z.strictObject({ type: z.literal('try-read'), adapter: AdapterShape }),
]);
export type ToContent = z.infer<typeof ToContentSchema>;

/** What the field picker accepts, once the background has injected it (entrypoints/picker) with an adapter it checked whole. */
export const ToPickerSchema = z.strictObject({
  type: z.literal('pick-field'),
  adapter: AdapterShape,
  field: z.enum(TICKET_FIELDS),
  prompt: z.optional(prompt),
});

/**
 * A message from a tab that the background refused (a reading it could not take): kept per tab
 * until the tab's next accepted reading, so its side panel says so instead of waiting.
 */
export const RefusedSchema = z.strictObject({
  tabId: z.int(),
  at: z.number(),
  reason: z.string().check(z.maxLength(500)),
  /** The ticket number the refused reading carried, when it had a readable one. */
  ticketId: z.optional(z.string().check(z.maxLength(100))),
});
export type Refused = z.infer<typeof RefusedSchema>;

/** Broadcast to open side panels when a tab's state changes (with the tab's refusal, if one is newer). */
export const StateUpdateSchema = z.strictObject({
  type: z.literal('state'),
  state: TabStateSchema,
  refused: z.optional(RefusedSchema),
});
/** Broadcast to open side panels when the background refuses a tab's reading. */
export const RefusedUpdateSchema = z.strictObject({ type: z.literal('refused'), refused: RefusedSchema });

export const VerdictReplySchema = z.strictObject({ verdict: VerdictSchema });
export const StateReplySchema = z.strictObject({
  state: z.nullable(TabStateSchema),
  refused: z.optional(RefusedSchema),
});
export const AutofillReplySchema = z.strictObject({ report: AutofillReportSchema });
export const InsertReplySchema = z.strictObject({ inserted: z.boolean() });
export const FocusReplySchema = z.strictObject({ focused: z.boolean() });
