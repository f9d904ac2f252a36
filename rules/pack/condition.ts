import { z } from 'zod';
import { COUNT_FIELDS, TEXT_FIELDS, TIME_FIELDS } from '../ticket';

/** Facts a condition can test: ticket text, derived text, counts and the VIP flag. */
export const STRING_FACTS = [...TEXT_FIELDS, 'content', 'nature', 'category', 'channelLevel'] as const;
export type StringFact = (typeof STRING_FACTS)[number];
export const FACTS = [...STRING_FACTS, ...COUNT_FIELDS, ...TIME_FIELDS, 'vip'] as const;
export type Fact = (typeof FACTS)[number];

/**
 * One condition, json-rules-engine style but flat: exactly one form per object, so a bad
 * pack's errors point at the exact key. `content` is title + text + categoryPath + business.
 */
export interface Condition {
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
  tag?: string;
  fact?: Fact;
  /** Any of these words occurs in the fact (ASCII letters in either case); the first occurrence is reported. */
  anyOf?: string[];
  /** A regular expression (Unicode, case-insensitive) that must match somewhere in the fact. */
  matches?: string;
  in?: (string | number | boolean)[];
  atLeast?: number;
  present?: boolean;
}

const FORMS = ['all', 'any', 'not', 'tag', 'anyOf', 'matches', 'in', 'atLeast', 'present'] as const;
const NEEDS_FACT = new Set(['anyOf', 'matches', 'in', 'atLeast', 'present']);
const NUMERIC = new Set<string>([...COUNT_FIELDS]);
const TIMES = new Set<string>([...TIME_FIELDS]);

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject({
      all: z.array(ConditionSchema).min(1).optional(),
      any: z.array(ConditionSchema).min(1).optional(),
      not: ConditionSchema.optional(),
      tag: z.string().min(1).optional(),
      fact: z.enum(FACTS).optional(),
      anyOf: z.array(z.string().min(1)).min(1).optional(),
      matches: z.string().min(1).optional(),
      in: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1).optional(),
      atLeast: z.number().optional(),
      present: z.boolean().optional(),
    })
    .superRefine((c, ctx) => {
      const forms = FORMS.filter((k) => c[k] !== undefined);
      if (forms.length !== 1) {
        ctx.addIssue({ code: 'custom', message: `需要且只能有一种条件形式 / exactly one of ${FORMS.join(', ')} (found ${forms.length ? forms.join(', ') : 'none'})` });
        return;
      }
      const form = forms[0]!;
      if (NEEDS_FACT.has(form) && !c.fact) ctx.addIssue({ code: 'custom', path: ['fact'], message: `"${form}" needs a fact` });
      if (!NEEDS_FACT.has(form) && c.fact) ctx.addIssue({ code: 'custom', path: ['fact'], message: `"${form}" takes no fact` });
      if ((form === 'anyOf' || form === 'matches') && c.fact && (NUMERIC.has(c.fact) || c.fact === 'vip'))
        ctx.addIssue({ code: 'custom', path: ['fact'], message: `"${form}" needs a text fact, not ${c.fact}` });
      if (c.fact && TIMES.has(c.fact) && form !== 'present')
        ctx.addIssue({ code: 'custom', path: ['fact'], message: `time fact ${c.fact} only takes "present"` });
      if (form === 'atLeast' && c.fact && !NUMERIC.has(c.fact))
        ctx.addIssue({ code: 'custom', path: ['fact'], message: `"atLeast" needs a count fact (${COUNT_FIELDS.join(', ')})` });
      if (form === 'matches') {
        try {
          new RegExp(c.matches!, 'u');
        } catch (e) {
          ctx.addIssue({ code: 'custom', path: ['matches'], message: `invalid regular expression: ${(e as Error).message}` });
        }
      }
    }),
);

/** Every tag code a condition mentions, so the pack can check they exist; tolerates malformed input. */
export function tagsIn(c: unknown, out: { tag: string; path: (string | number)[] }[] = [], path: (string | number)[] = []) {
  if (c === null || typeof c !== 'object') return out;
  const { tag, all, any, not } = c as Record<string, unknown>;
  if (typeof tag === 'string') out.push({ tag: tag.split(':')[0]!, path: [...path, 'tag'] });
  if (Array.isArray(all)) all.forEach((s, i) => tagsIn(s, out, [...path, 'all', i]));
  if (Array.isArray(any)) any.forEach((s, i) => tagsIn(s, out, [...path, 'any', i]));
  tagsIn(not, out, [...path, 'not']);
  return out;
}
