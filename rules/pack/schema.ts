import { z } from 'zod';
import { MAX_WARN_POINTS } from '../clock/vocabulary';
import { FEATURE_KINDS } from '../classifier/features';
import type { ClassifierSettings } from '../classifier/settings';
import { TIME_FIELDS } from '../ticket';
import { patternProblem } from '../regex-check';
import { conditionTooDeep, ConditionSchema, CONDITION_LIMITS, patternsIn, tagsIn } from './condition';
import { BASES, HISTORY_TAGS, NATURES, RISKS, SCRIPT_VARS, STAGES } from './vocabulary';

export { BASES, HISTORY_TAGS, NATURES, RISKS, SCRIPT_VARS, STAGES, type ScriptVar } from './vocabulary';

/**
 * Bounds, so a pack (which the CLI reads from any file, and the options page will import) cannot
 * make the engine slow or the arithmetic overflow. Clocks: at most 400 days in any unit (a clock of
 * 1e308 hours once gave dueAt "NaN-NaN-…"); lists far above what a provincial centre writes
 * (china-telecom: 10 classes, 9 clocks, 25 words in its longest keyword list).
 */
export const PACK_LIMITS = {
  hours: 9_600,
  workingDays: 400,
  days: 400,
  /** retention, the repeat window */
  windowDays: 3_650,
  windowHours: 8_760,
  /** characters in one text (a clause, a reason, a script) */
  text: 2_000,
  code: 64,
  /** entries in one section (classes, tags, rules, clocks, scripts …), and words in one list */
  rules: 500,
  words: CONDITION_LIMITS.words,
} as const;
const LIMIT_MAX = {
  hours: PACK_LIMITS.hours,
  'working-days': PACK_LIMITS.workingDays,
  days: PACK_LIMITS.days,
} as const;

const text = z.string().trim().min(1).max(PACK_LIMITS.text);
const code = z
  .string()
  .max(PACK_LIMITS.code)
  .regex(/^[a-z][a-z0-9-]*$/, 'lower-case code: letters, digits, dashes');
/** A section of the pack: at most PACK_LIMITS.rules entries. */
const section = <T extends z.ZodType>(item: T) => z.array(item).max(PACK_LIMITS.rules);
const words = z.array(text).max(PACK_LIMITS.words);
// Every rule says where it comes from and why, so the product can explain itself.
const cited = { clause: text, because: text };

const LimitSchema = z
  .strictObject({
    basis: z.enum(BASES),
    amount: z.number().positive().optional(),
    vip: z.number().positive().optional(),
    ordinary: z.number().positive().optional(),
  })
  .superRefine((l, ctx) => {
    const split = l.vip !== undefined || l.ordinary !== undefined;
    if (split === (l.amount !== undefined) || (split && (l.vip === undefined || l.ordinary === undefined)))
      ctx.addIssue({ code: 'custom', message: 'give either "amount", or both "vip" and "ordinary"' });
    for (const k of ['amount', 'vip', 'ordinary'] as const) {
      const v = l[k];
      if (v === undefined) continue;
      if (l.basis !== 'hours' && !Number.isInteger(v))
        ctx.addIssue({ code: 'custom', path: [k], message: `${l.basis} need a whole number` });
      else if (v > LIMIT_MAX[l.basis])
        ctx.addIssue({ code: 'custom', path: [k], message: `at most ${LIMIT_MAX[l.basis]} ${l.basis} (400 days)` });
    }
  });

export const ClockSchema = z.strictObject({
  code,
  label: text,
  ...cited,
  when: ConditionSchema.optional(),
  // The first present field starts the clock; `startRequired: false` means a missing start is
  // "not begun yet" (e.g. no 督办 yet) rather than an unknown.
  start: z.array(z.enum(TIME_FIELDS)).min(1).max(TIME_FIELDS.length),
  startRequired: z.boolean(),
  limit: LimitSchema,
  stop: z.array(z.enum(TIME_FIELDS)).max(TIME_FIELDS.length),
  // Stops counting while the ticket is suspended (挂起) and gets the paused time back on resume
  // (rules/clock/pauses.ts). The centre's own handling clocks pause; the regulator's never do.
  pausable: z.boolean().optional(),
  // Warning points, as shares of the allowed time used, ascending: the clock is due soon from the
  // first, and each is a reminder of its own. Default [0.75] (rules/clock/vocabulary.ts).
  warnAt: z
    .array(z.number().gt(0).lt(1))
    .min(1)
    .max(MAX_WARN_POINTS)
    .refine((w) => w.every((v, i) => i === 0 || v > w[i - 1]!), 'warning points in ascending order, each once')
    .optional(),
});

/** The pack's `classifier` settings (rules/classifier/settings.ts says what each means). */
export const ClassifierSettingsSchema = z.strictObject({
  features: z.enum(FEATURE_KINDS),
  autoFillAt: z.number().min(0.5).max(1),
  priorWeight: z.number().positive().max(1000),
  coldTemperature: z.number().positive().max(1000),
}) satisfies z.ZodType<ClassifierSettings>;

const level = z.strictObject({ label: text, reportTo: words.min(1), clause: text });

export const PackSchema = z
  .strictObject({
    id: code,
    name: text,
    version: text,
    description: text,
    assumptions: section(text),
    retentionDays: z.number().int().positive().max(PACK_LIMITS.windowDays),
    vip: z.strictObject({
      levels: words.min(1),
      ordinaryLevels: words,
      minStars: z.number().int().min(0).max(7).nullable(),
      ...cited,
    }),
    channels: z.strictObject({ regulator: words, group: words, province: words, ...cited }),
    nature: z.strictObject({
      crm: section(z.strictObject({ nature: z.enum(NATURES), anyOf: words.min(1) })),
      rules: section(z.strictObject({ nature: z.enum(NATURES), when: ConditionSchema, ...cited })),
      default: z.strictObject({ nature: z.enum(NATURES), ...cited }),
    }),
    classes: section(
      z.strictObject({
        code,
        label: text,
        /** The class's name in the English pages (the pack's own words stay in its language otherwise). */
        labelEn: text.optional(),
        pathKeywords: words,
        when: ConditionSchema.optional(),
        ...cited,
      }),
    ).min(1),
    tags: section(z.strictObject({ code, label: text, when: ConditionSchema, ...cited })),
    history: z.strictObject({
      repeat: z.strictObject({ label: text, windowDays: z.number().positive().max(PACK_LIMITS.windowDays), ...cited }),
      group: z.strictObject({
        label: text,
        windowHours: z.number().positive().max(PACK_LIMITS.windowHours),
        minCustomers: z.number().int().min(2).max(10_000),
        sameArea: z.boolean(),
        ...cited,
      }),
      escalated: z.strictObject({ label: text, ...cited }),
    }),
    priority: section(z.strictObject({ when: ConditionSchema, ...cited })),
    risk: z.strictObject({
      levels: z.strictObject({ red: level, orange: level, yellow: level }),
      rules: section(z.strictObject({ level: z.enum(RISKS), when: ConditionSchema, ...cited })),
    }),
    dispatch: section(z.strictObject({ target: text, when: ConditionSchema, ...cited })),
    clocks: section(ClockSchema),
    // The ticket statuses (as the adapter maps the CRM's words) that mean suspended: without pause
    // records on the page, the sidekick's own record of these statuses gives the pauses.
    pause: z.strictObject({ statuses: words.min(1), ...cited }).optional(),
    scripts: section(z.strictObject({ stage: z.enum(STAGES), when: ConditionSchema.optional(), text, clause: text })),
    classifier: ClassifierSettingsSchema.optional(),
  })
  // Cross-references are checked even when other parts are malformed, so one pass names every problem.
  .superRefine((p, ctx) => crossCheck(p, ctx), { when: () => true });

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
type Path = (string | number)[];

/** Every condition of a raw pack (`when` of each rule), with its path. */
function conditionsIn(p: Record<string, unknown>): [unknown, Path][] {
  const whens = (items: unknown, path: Path) =>
    list(items).map((r, i): [unknown, Path] => [rec(r).when, [...path, i, 'when']]);
  return [
    ...whens(rec(p.nature).rules, ['nature', 'rules']),
    ...whens(p.classes, ['classes']),
    ...whens(p.tags, ['tags']),
    ...whens(p.priority, ['priority']),
    ...whens(rec(p.risk).rules, ['risk', 'rules']),
    ...whens(p.dispatch, ['dispatch']),
    ...whens(p.clocks, ['clocks']),
    ...whens(p.scripts, ['scripts']),
  ];
}

/** Duplicate codes, unknown tags and unknown script variables; reads the raw input defensively. */
function crossCheck(raw: unknown, ctx: z.RefinementCtx) {
  const p = rec(raw);
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  for (const key of ['classes', 'tags', 'clocks'] as const) {
    const seen = new Set<string>();
    list(p[key]).forEach((it, i) => {
      const code = rec(it).code;
      if (typeof code !== 'string') return;
      if (seen.has(code)) issue([key, i, 'code'], `duplicate code "${code}"`);
      seen.add(code);
    });
  }
  // Without a readable tag list every reference would look unknown; that list's own error suffices.
  if (Array.isArray(p.tags)) {
    const known = new Set<unknown>([...p.tags.map((t) => rec(t).code), ...HISTORY_TAGS]);
    for (const [c, path] of conditionsIn(p))
      for (const t of tagsIn(c, [], path)) if (!known.has(t.tag)) issue(t.path, `unknown tag "${t.tag}"`);
  }
  list(p.scripts).forEach((s, i) => {
    const text = rec(s).text;
    if (typeof text !== 'string') return;
    for (const m of text.matchAll(/\{([^}]*)\}/g))
      if (!(SCRIPT_VARS as readonly string[]).includes(m[1]!))
        issue(['scripts', i, 'text'], `unknown variable {${m[1]}}; known: ${SCRIPT_VARS.join(', ')}`);
  });
}

export type Pack = z.infer<typeof PackSchema>;
export type ClockDef = z.infer<typeof ClockSchema>;
export type Nature = (typeof NATURES)[number];
export type Risk = (typeof RISKS)[number];
export type Stage = (typeof STAGES)[number];

export interface ParsePackOptions {
  /**
   * The `matches` patterns are known to be safe, so the ReDoS check (~1–2 s when a process first
   * runs it) is skipped. Only for the shipped packs, whose every pattern test/regex-check.test.ts checks.
   */
  patternsChecked?: boolean;
}

/** Check a pack; a bad one is refused whole, with every problem named by its path. Synchronous. */
export function parsePack(
  data: unknown,
  options: ParsePackOptions = {},
): { ok: true; pack: Pack } | { ok: false; errors: string[] } {
  // Depth first, without recursion: the schema (and later the engine) recurse into conditions, so a
  // pack nested 20,000 levels deep must be refused before it reaches them.
  const deep = conditionsIn(rec(data)).flatMap(([c, path]) => {
    const at = conditionTooDeep(c, path);
    return at ? [`${at.join('.')}: conditions nest deeper than ${CONDITION_LIMITS.depth} levels of all/any/not`] : [];
  });
  if (deep.length) return { ok: false, errors: deep };
  let r;
  try {
    r = PackSchema.safeParse(data);
  } catch (e) {
    // Not expected once the depth is checked; a pack must still never crash whoever loads it.
    return { ok: false, errors: [`(pack): cannot be checked: ${(e as Error).message}`] };
  }
  const errors = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || '(pack)'}: ${i.message}`);
  if (!options.patternsChecked) errors.push(...patternErrors(rec(data)));
  if (errors.length) return { ok: false, errors };
  return { ok: true, pack: r.data! };
}

/**
 * `matches` patterns that could backtrack catastrophically (rules/regex-check.ts), checked with the
 * flags the engine uses. One that does not compile is left to the schema's own message.
 */
function patternErrors(p: Record<string, unknown>): string[] {
  return conditionsIn(p).flatMap(([c, path]) =>
    patternsIn(c, path).flatMap(({ pattern, path }) => {
      const problem = patternProblem(pattern, 'iu');
      return problem && !problem.startsWith('invalid regular expression') ? [`${path.join('.')}: ${problem}`] : [];
    }),
  );
}
