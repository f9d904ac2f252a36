import { z } from 'zod';
import { FEATURE_KINDS } from '../classifier/features';
import type { ClassifierSettings } from '../classifier/settings';
import { TIME_FIELDS } from '../ticket';
import { ConditionSchema, tagsIn } from './condition';
import { BASES, HISTORY_TAGS, NATURES, RISKS, SCRIPT_VARS, STAGES } from './vocabulary';

export { BASES, HISTORY_TAGS, NATURES, RISKS, SCRIPT_VARS, STAGES, type ScriptVar } from './vocabulary';

const text = z.string().trim().min(1);
const code = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case code: letters, digits, dashes');
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
    if (l.basis !== 'hours')
      for (const k of ['amount', 'vip', 'ordinary'] as const)
        if (l[k] !== undefined && !Number.isInteger(l[k])) ctx.addIssue({ code: 'custom', path: [k], message: `${l.basis} need a whole number` });
  });

export const ClockSchema = z.strictObject({
  code,
  label: text,
  ...cited,
  when: ConditionSchema.optional(),
  // The first present field starts the clock; `startRequired: false` means a missing start is
  // "not begun yet" (e.g. no 督办 yet) rather than an unknown.
  start: z.array(z.enum(TIME_FIELDS)).min(1),
  startRequired: z.boolean(),
  limit: LimitSchema,
  stop: z.array(z.enum(TIME_FIELDS)),
});

/** The pack's `classifier` settings (rules/classifier/settings.ts says what each means). */
export const ClassifierSettingsSchema = z.strictObject({
  features: z.enum(FEATURE_KINDS),
  autoFillAt: z.number().min(0.5).max(1),
  priorWeight: z.number().positive().max(1000),
  coldTemperature: z.number().positive().max(1000),
}) satisfies z.ZodType<ClassifierSettings>;

const level = z.strictObject({ label: text, reportTo: z.array(text).min(1), clause: text });

export const PackSchema = z
  .strictObject({
    id: code,
    name: text,
    version: text,
    description: text,
    assumptions: z.array(text),
    retentionDays: z.number().int().positive(),
    vip: z.strictObject({
      levels: z.array(text).min(1),
      ordinaryLevels: z.array(text),
      minStars: z.number().int().min(0).max(7).nullable(),
      ...cited,
    }),
    channels: z.strictObject({ regulator: z.array(text), group: z.array(text), province: z.array(text), ...cited }),
    nature: z.strictObject({
      crm: z.array(z.strictObject({ nature: z.enum(NATURES), anyOf: z.array(text).min(1) })),
      rules: z.array(z.strictObject({ nature: z.enum(NATURES), when: ConditionSchema, ...cited })),
      default: z.strictObject({ nature: z.enum(NATURES), ...cited }),
    }),
    classes: z.array(z.strictObject({ code, label: text, pathKeywords: z.array(text), when: ConditionSchema.optional(), ...cited })).min(1),
    tags: z.array(z.strictObject({ code, label: text, when: ConditionSchema, ...cited })),
    history: z.strictObject({
      repeat: z.strictObject({ label: text, windowDays: z.number().positive(), ...cited }),
      group: z.strictObject({ label: text, windowHours: z.number().positive(), minCustomers: z.number().int().min(2), sameArea: z.boolean(), ...cited }),
      escalated: z.strictObject({ label: text, ...cited }),
    }),
    priority: z.array(z.strictObject({ when: ConditionSchema, ...cited })),
    risk: z.strictObject({
      levels: z.strictObject({ red: level, orange: level, yellow: level }),
      rules: z.array(z.strictObject({ level: z.enum(RISKS), when: ConditionSchema, ...cited })),
    }),
    dispatch: z.array(z.strictObject({ target: text, when: ConditionSchema, ...cited })),
    clocks: z.array(ClockSchema),
    scripts: z.array(z.strictObject({ stage: z.enum(STAGES), when: ConditionSchema.optional(), text, clause: text })),
    classifier: ClassifierSettingsSchema.optional(),
  })
  // Cross-references are checked even when other parts are malformed, so one pass names every problem.
  .superRefine((p, ctx) => crossCheck(p, ctx), { when: () => true });

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});
type Path = (string | number)[];

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
    const whens = (items: unknown, path: Path) => list(items).map((r, i): [unknown, Path] => [rec(r).when, [...path, i, 'when']]);
    const conditions = [
      ...whens(rec(p.nature).rules, ['nature', 'rules']),
      ...whens(p.classes, ['classes']),
      ...whens(p.tags, ['tags']),
      ...whens(p.priority, ['priority']),
      ...whens(rec(p.risk).rules, ['risk', 'rules']),
      ...whens(p.dispatch, ['dispatch']),
      ...whens(p.clocks, ['clocks']),
      ...whens(p.scripts, ['scripts']),
    ];
    for (const [c, path] of conditions) for (const t of tagsIn(c, [], path)) if (!known.has(t.tag)) issue(t.path, `unknown tag "${t.tag}"`);
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

/** Check a pack; a bad one is refused whole, with every problem named by its path. */
export function parsePack(data: unknown): { ok: true; pack: Pack } | { ok: false; errors: string[] } {
  const r = PackSchema.safeParse(data);
  if (r.success) return { ok: true, pack: r.data };
  return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.') || '(pack)'}: ${i.message}`) };
}
