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

/**
 * Bounds on one condition. Depth: `all`, `any` and `not` nest at most 32 levels (the shipped packs
 * use 4); 20,000 nested `not` once overflowed the stack of the validator, the engine and the CLI.
 */
export const CONDITION_LIMITS = {
  depth: 32,
  /** conditions in one all/any */
  branches: 200,
  /** words in one anyOf, values in one `in` */
  words: 2_000,
  /** characters in one word, value or tag */
  word: 200,
} as const;

const FORMS = ['all', 'any', 'not', 'tag', 'anyOf', 'matches', 'in', 'atLeast', 'present'] as const;
const NEEDS_FACT = new Set(['anyOf', 'matches', 'in', 'atLeast', 'present']);
const NUMERIC = new Set<string>([...COUNT_FIELDS]);
const TIMES = new Set<string>([...TIME_FIELDS]);

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject({
      all: z.array(ConditionSchema).min(1).max(CONDITION_LIMITS.branches).optional(),
      any: z.array(ConditionSchema).min(1).max(CONDITION_LIMITS.branches).optional(),
      not: ConditionSchema.optional(),
      tag: z.string().min(1).max(CONDITION_LIMITS.word).optional(),
      fact: z.enum(FACTS).optional(),
      anyOf: z.array(z.string().min(1).max(CONDITION_LIMITS.word)).min(1).max(CONDITION_LIMITS.words).optional(),
      matches: z.string().min(1).optional(),
      in: z
        .array(z.union([z.string().max(CONDITION_LIMITS.word), z.number(), z.boolean()]))
        .min(1)
        .max(CONDITION_LIMITS.words)
        .optional(),
      atLeast: z.number().optional(),
      present: z.boolean().optional(),
    })
    .superRefine((c, ctx) => {
      const forms = FORMS.filter((k) => c[k] !== undefined);
      if (forms.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          message: `需要且只能有一种条件形式 / exactly one of ${FORMS.join(', ')} (found ${forms.length ? forms.join(', ') : 'none'})`,
        });
        return;
      }
      const form = forms[0]!;
      if (NEEDS_FACT.has(form) && !c.fact)
        ctx.addIssue({ code: 'custom', path: ['fact'], message: `"${form}" needs a fact` });
      if (!NEEDS_FACT.has(form) && c.fact)
        ctx.addIssue({ code: 'custom', path: ['fact'], message: `"${form}" takes no fact` });
      if ((form === 'anyOf' || form === 'matches') && c.fact && (NUMERIC.has(c.fact) || c.fact === 'vip'))
        ctx.addIssue({ code: 'custom', path: ['fact'], message: `"${form}" needs a text fact, not ${c.fact}` });
      if (c.fact && TIMES.has(c.fact) && form !== 'present')
        ctx.addIssue({ code: 'custom', path: ['fact'], message: `time fact ${c.fact} only takes "present"` });
      if (form === 'atLeast' && c.fact && !NUMERIC.has(c.fact))
        ctx.addIssue({
          code: 'custom',
          path: ['fact'],
          message: `"atLeast" needs a count fact (${COUNT_FIELDS.join(', ')})`,
        });
      if (form === 'matches') {
        // Compiling only; parsePack then checks the pattern for catastrophic backtracking (patternErrors).
        try {
          new RegExp(c.matches!, 'iu');
        } catch (e) {
          ctx.addIssue({
            code: 'custom',
            path: ['matches'],
            message: `invalid regular expression: ${(e as Error).message}`,
          });
        }
      }
    }),
);

type Path = (string | number)[];

/** The sub-conditions of a raw (unchecked) condition, with their path steps; tolerates malformed input. */
function children(c: Record<string, unknown>): [unknown, Path][] {
  const out: [unknown, Path][] = [];
  for (const key of ['all', 'any'] as const) {
    const list = c[key];
    if (Array.isArray(list)) list.forEach((s, i) => out.push([s, [key, i]]));
  }
  if (c.not !== undefined) out.push([c.not, ['not']]);
  return out;
}

/**
 * Where a raw condition first nests deeper than CONDITION_LIMITS.depth (all/any/not levels), as the
 * path of the first condition past it, or null. It walks with an explicit stack, not recursion, so
 * it measures any depth safely; parsePack runs it before the schema, which does recurse.
 */
export function conditionTooDeep(c: unknown, path: Path = []): Path | null {
  const stack: [unknown, number, Path][] = [[c, 1, path]];
  while (stack.length) {
    const [node, depth, at] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > CONDITION_LIMITS.depth) return at;
    for (const [child, step] of children(node as Record<string, unknown>).reverse())
      stack.push([child, depth + 1, [...at, ...step]]);
  }
  return null;
}

/** Every `matches` pattern in a raw condition, with its path (iterative, like conditionTooDeep). */
export function patternsIn(c: unknown, path: Path = []): { pattern: string; path: Path }[] {
  const out: { pattern: string; path: Path }[] = [];
  const stack: [unknown, Path][] = [[c, path]];
  while (stack.length) {
    const [node, at] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const { matches } = node as Record<string, unknown>;
    if (typeof matches === 'string') out.push({ pattern: matches, path: [...at, 'matches'] });
    for (const [child, step] of children(node as Record<string, unknown>).reverse())
      stack.push([child, [...at, ...step]]);
  }
  return out;
}

/** Every tag code a condition mentions, so the pack can check they exist; tolerates malformed input (iterative, like conditionTooDeep). */
export function tagsIn(c: unknown, out: { tag: string; path: Path }[] = [], path: Path = []) {
  const stack: [unknown, Path][] = [[c, path]];
  while (stack.length) {
    const [node, at] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const { tag } = node as Record<string, unknown>;
    if (typeof tag === 'string') out.push({ tag: tag.split(':')[0]!, path: [...at, 'tag'] });
    for (const [child, step] of children(node as Record<string, unknown>).reverse())
      stack.push([child, [...at, ...step]]);
  }
  return out;
}
