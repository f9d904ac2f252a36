import { z } from 'zod';
import { FEATURE_KINDS } from './features';

import { MODEL_FORMAT, MODEL_VERSION } from './settings';

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/**
 * Bounds on a model file: labels are a pack's classes and handling lines (a pack has at most 500
 * of each); features are words or character n-grams of the labelled tickets (the benchmark's
 * 100,000 tickets give well under this many), each short.
 */
export const MODEL_LIMITS = { labels: 500, label: 2_000, features: 2_000_000, feature: 200 } as const;

/**
 * What one head (classes, or handling lines) has learned: examples per label, and per feature its
 * counts as pairs [label index, count, label index, count, …] (a feature is seen in few labels).
 */
const HeadSchema = z.strictObject({
  examples: z.array(count).max(MODEL_LIMITS.labels),
  counts: z
    .record(z.string().min(1).max(MODEL_LIMITS.feature), z.array(count).max(2 * MODEL_LIMITS.labels))
    .refine((c) => Object.keys(c).length <= MODEL_LIMITS.features, `at most ${MODEL_LIMITS.features} features`),
  /** Softmax temperature fitted on the examples themselves (leave-one-out); null while too few to fit. */
  temperature: z.number().positive().nullable(),
});

export const ModelSchema = z
  .strictObject({
    format: z.literal(MODEL_FORMAT),
    version: z.literal(MODEL_VERSION),
    /** The pack it was made for: its classes and lines are the labels, its words the prior. */
    pack: z.strictObject({ id: z.string().max(100), version: z.string().max(100) }),
    features: z.enum(FEATURE_KINDS),
    classes: z.array(z.string().max(MODEL_LIMITS.label)).max(MODEL_LIMITS.labels),
    lines: z.array(z.string().max(MODEL_LIMITS.label)).max(MODEL_LIMITS.labels),
    class: HeadSchema,
    line: HeadSchema,
  })
  .superRefine((m, ctx) => {
    for (const [head, labels] of [
      ['class', m.classes],
      ['line', m.lines],
    ] as const) {
      const h = m[head];
      if (h.examples.length !== labels.length)
        ctx.addIssue({
          code: 'custom',
          path: [head, 'examples'],
          message: `needs one count per label (${labels.length})`,
        });
      for (const [f, pairs] of Object.entries(h.counts))
        if (pairs.length % 2 !== 0 || pairs.some((v, i) => i % 2 === 0 && v >= labels.length))
          ctx.addIssue({
            code: 'custom',
            path: [head, 'counts', f],
            message: 'pairs of [label index < labels, count]',
          });
    }
  });

export type Model = z.infer<typeof ModelSchema>;
export type ModelHead = Model['class'];

/** Check a model file; every problem is named by its path. */
export function parseModel(data: unknown): { ok: true; model: Model } | { ok: false; errors: string[] } {
  const r = ModelSchema.safeParse(data);
  if (r.success) return { ok: true, model: r.data };
  return {
    ok: false,
    errors: r.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(model)'}: ${i.message}`),
  };
}

/** Why a model cannot be applied with this pack, or null when it can. */
export function modelMismatch(model: Model, pack: { id: string; version: string }): string | null {
  if (model.pack.id !== pack.id) return `the model was made for pack "${model.pack.id}", not "${pack.id}"`;
  if (model.pack.version !== pack.version)
    return `the model was made for version ${model.pack.version} of pack "${pack.id}", not ${pack.version}`;
  return null;
}

function sortPairs(pairs: number[]): number[] {
  const out: [number, number][] = [];
  for (let i = 0; i < pairs.length; i += 2) out.push([pairs[i]!, pairs[i + 1]!]);
  return out.sort((a, b) => a[0] - b[0]).flat();
}

/**
 * The model as JSON text with its features sorted, so the same examples give the same file
 * whatever order they came in.
 */
export function serializeModel(m: Model): string {
  const sorted = (h: ModelHead): ModelHead => ({
    examples: h.examples,
    counts: Object.fromEntries(
      Object.keys(h.counts)
        .sort()
        .map((k) => [k, sortPairs(h.counts[k]!)]),
    ),
    temperature: h.temperature,
  });
  return JSON.stringify({ ...m, class: sorted(m.class), line: sorted(m.line) });
}
