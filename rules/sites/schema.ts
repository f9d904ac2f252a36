// A site adapter is data: it tells the reader where each ticket field sits on one CRM's
// pages and where auto-fill may write. Supporting a new CRM means writing one JSON file,
// so parsing must name every problem by its path for whoever writes that file.
import { z } from 'zod';
import { TICKET_FIELDS, type TicketField } from '../ticket';
import { patternProblem } from '../regex-check';
import { compileDatePattern } from './date-pattern';
import { compileMatchPattern } from './match';

/** Where a field's text sits; its own `transform` runs before the field's. */
export type Locator = ({ css: string; attr?: string } | { label: string | string[] } | { xpath: string }) & {
  transform?: Transform[];
};

export type Transform =
  { trim: true } | { regex: string; group?: number } | { date: string } | { map: Record<string, string> };

// Bounds: an adapter is a small hand-written file, and the options page will load adapters at run
// time, so no list or string may be big enough to slow a CRM page (regex length: regex-check.ts).
export const ADAPTER_LIMITS = {
  /** characters in a selector, label, attribute, name, pattern or map value */
  text: 1_000,
  description: 10_000,
  /** frames in a frame path */
  frames: 10,
  /** labels in one locator, selectors in ticketRoot or pauses.rows, URL patterns in matches, pause or resume words */
  alternatives: 50,
  locators: 20,
  transforms: 20,
  mapEntries: 1_000,
} as const;

const text = z.string().trim().min(1, 'must not be empty').max(ADAPTER_LIMITS.text);

/** Frame path from the top document: frame/iframe names (or ids), else CSS selectors. */
const FramePath = z.array(text).min(1).max(ADAPTER_LIMITS.frames);

/** Exactly one of `keys` may be present; checked by hand so errors keep precise paths. */
function exactlyOne(value: Record<string, unknown>, keys: readonly string[], ctx: z.RefinementCtx): void {
  const present = keys.filter((k) => value[k] !== undefined);
  if (present.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message: `needs exactly one of ${keys.join(', ')} (found ${present.join(', ') || 'none'})`,
    });
  }
}

/** Value → replacement, for the `map` transform and a write target's `map`. */
const valueMap = (to: z.ZodString) =>
  z
    .record(z.string().max(ADAPTER_LIMITS.text), to)
    .refine((m) => Object.keys(m).length <= ADAPTER_LIMITS.mapEntries, `at most ${ADAPTER_LIMITS.mapEntries} entries`);

const TransformSchema = z
  .strictObject({
    trim: z.literal(true).optional(),
    regex: text.optional(),
    group: z.number().int().min(0).optional(),
    date: text.optional(),
    map: valueMap(z.string().max(ADAPTER_LIMITS.text)).optional(),
  })
  .superRefine((t, ctx) => {
    exactlyOne(t, ['trim', 'regex', 'date', 'map'], ctx);
    if (t.group !== undefined && t.regex === undefined) {
      ctx.addIssue({ code: 'custom', path: ['group'], message: 'group only goes with regex' });
    }
    if (t.regex !== undefined) {
      // Flags as transforms.ts runs it: none.
      const problem = patternProblem(t.regex, '');
      if (problem) {
        ctx.addIssue({ code: 'custom', path: ['regex'], message: problem });
        return;
      }
      // Matching the empty alternative reveals how many capture groups the expression has.
      const groups = new RegExp(`${t.regex}|`).exec('')!.length - 1;
      if ((t.group ?? 0) > groups) {
        ctx.addIssue({ code: 'custom', path: ['group'], message: `the expression has only ${groups} group(s)` });
      }
    }
    if (t.date !== undefined) {
      const compiled = compileDatePattern(t.date);
      if (!compiled.ok)
        ctx.addIssue({ code: 'custom', path: ['date'], message: `invalid date pattern: ${compiled.error}` });
    }
  })
  .transform((t) => t as Transform);

const LocatorSchema = z
  .strictObject({
    css: text.optional(),
    attr: text.optional(),
    label: z
      .union([text, z.array(text).min(1).max(ADAPTER_LIMITS.alternatives)], {
        error: 'expected a label or a list of at most 50 labels',
      })
      .optional(),
    xpath: text.optional(),
    transform: z.array(TransformSchema).max(ADAPTER_LIMITS.transforms).optional(),
  })
  .superRefine((loc, ctx) => {
    exactlyOne(loc, ['css', 'label', 'xpath'], ctx);
    if (loc.attr !== undefined && loc.css === undefined) {
      ctx.addIssue({ code: 'custom', path: ['attr'], message: 'attr only goes with css' });
    }
  })
  .transform((loc) => loc as Locator);

const FieldSpecSchema = z.strictObject({
  required: z.boolean().optional(),
  frame: FramePath.optional(),
  locators: z.array(LocatorSchema).min(1).max(ADAPTER_LIMITS.locators),
  transform: z.array(TransformSchema).max(ADAPTER_LIMITS.transforms).optional(),
});

const WriteTargetSchema = z.strictObject({
  frame: FramePath.optional(),
  css: text,
  kind: z.enum(['select-text', 'select-value', 'text']),
  /**
   * The verdict's wording → the CRM's (`投诉单` → the option `投诉`); values not listed are written
   * as they are. Never to "": writing nothing is leaving the target out.
   */
  map: valueMap(text).optional(),
});

/** One selector, or alternatives tried in order. */
const selectors = z.union([text, z.array(text).min(1).max(ADAPTER_LIMITS.alternatives)], {
  error: 'expected a selector or a list of at most 50 selectors',
});

/** A cell of a history row: `css` within the row (`:scope` is the row itself). */
const RowPartSchema = z.strictObject({
  css: text,
  attr: text.optional(),
  transform: z.array(TransformSchema).max(ADAPTER_LIMITS.transforms).optional(),
});

const words = z.array(text).min(1).max(ADAPTER_LIMITS.alternatives);

/**
 * Where the page shows when the ticket was suspended (挂起) and resumed: a row of its history table
 * whose `action` text holds one of the words, at the time `at` reads (as the page shows it; the
 * background parses it). The rows should sit inside the ticket root (or `ticketRoot` should cover
 * them both): only changes there make the ticket be read again.
 */
const PauseSpecSchema = z
  .strictObject({
    frame: FramePath.optional(),
    rows: selectors,
    action: RowPartSchema,
    at: RowPartSchema,
    pause: words,
    /** Checked before `pause`, longest word first: 取消挂起 holds 挂起. */
    resume: words,
  })
  .superRefine(
    (p, ctx) => {
      const pause: unknown = p.pause;
      const resume: unknown = p.resume;
      if (!Array.isArray(pause) || !Array.isArray(resume)) return;
      resume.forEach((word, i) => {
        if (typeof word === 'string' && pause.includes(word))
          ctx.addIssue({ code: 'custom', path: ['resume', i], message: `"${word}" is also a pause word` });
      });
    },
    // Also when another part of `pauses` is wrong, so every problem is named at once.
    { when: () => true },
  );

const MatchPattern = text.refine((p) => compileMatchPattern(p) !== null, {
  message: 'not a match pattern such as http://127.0.0.1/legacy/*',
});

export const SiteAdapterSchema = z.strictObject({
  id: z
    .string()
    .max(100)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
  name: text,
  description: z.string().max(ADAPTER_LIMITS.description).optional(),
  matches: z.array(MatchPattern).min(1).max(ADAPTER_LIMITS.alternatives),
  /** The area whose changes mean the ticket changed (observe it, not the whole page). */
  ticketRoot: z
    .strictObject({
      frame: FramePath.optional(),
      css: selectors,
    })
    .optional(),
  fields: z
    .partialRecord(z.enum(TICKET_FIELDS), FieldSpecSchema)
    .refine((f) => Object.keys(f).length > 0, 'declare at least one field'),
  write: z
    .strictObject({
      ticketType: WriteTargetSchema.optional(),
      category: WriteTargetSchema.optional(),
      department: WriteTargetSchema.optional(),
      tags: WriteTargetSchema.optional(),
      remarks: WriteTargetSchema.optional(),
      replyBox: z.strictObject({ frame: FramePath.optional(), css: text }).optional(),
    })
    .optional(),
  /** Where the badge sits: beside the first element `anchor` selects, instead of the page's corner. */
  badge: z.strictObject({ anchor: text, place: z.enum(['after', 'before', 'append']) }).optional(),
  pauses: PauseSpecSchema.optional(),
});

export type SiteAdapter = z.infer<typeof SiteAdapterSchema>;
export type FieldSpec = z.infer<typeof FieldSpecSchema>;
export type WriteTarget = z.infer<typeof WriteTargetSchema>;
export type PauseSpec = z.infer<typeof PauseSpecSchema>;
export type RowPart = PauseSpec['at'];
export type { TicketField };

export type ParsedAdapter = { ok: true; adapter: SiteAdapter } | { ok: false; errors: string[] };

export function parseSiteAdapter(data: unknown): ParsedAdapter {
  let result;
  try {
    result = SiteAdapterSchema.safeParse(data);
  } catch (e) {
    // The schema does not recurse, so this is not expected; an adapter must still never crash its loader.
    return { ok: false, errors: [`(adapter): cannot be checked: ${(e as Error).message}`] };
  }
  if (result.success) return { ok: true, adapter: result.data };
  return { ok: false, errors: result.error.issues.flatMap(describeIssue) };
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const where = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    // One line per key, each with its own path, and a hint where the key is a field name.
    const hint = where === 'fields' ? ' (not a canonical ticket field)' : '';
    return issue.keys.map((key) => `${where ? `${where}.` : ''}${key}: unknown key${hint}`);
  }
  return [`${where || '(adapter)'}: ${issue.message}`];
}

export { adapterMatchesUrl } from './match';
