import { z } from 'zod';
import { FEATURE_KINDS } from './features';

import { MODEL_FORMAT, MODEL_VERSION } from './settings';

const count = z.number().int().nonnegative();

/**
 * What one head (classes, or handling lines) has learned: examples per label, and per feature its
 * counts as pairs [label index, count, label index, count, …] (a feature is seen in few labels).
 */
const HeadSchema = z.strictObject({
  examples: z.array(count),
  counts: z.record(z.string().min(1), z.array(count)),
  /** Softmax temperature fitted on the examples themselves (leave-one-out); null while too few to fit. */
  temperature: z.number().positive().nullable(),
});

export const ModelSchema = z
  .strictObject({
    format: z.literal(MODEL_FORMAT),
    version: z.literal(MODEL_VERSION),
    /** The pack it was made for: its classes and lines are the labels, its words the prior. */
    pack: z.strictObject({ id: z.string(), version: z.string() }),
    features: z.enum(FEATURE_KINDS),
    classes: z.array(z.string()),
    lines: z.array(z.string()),
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
        ctx.addIssue({ code: 'custom', path: [head, 'examples'], message: `needs one count per label (${labels.length})` });
      for (const [f, pairs] of Object.entries(h.counts))
        if (pairs.length % 2 !== 0 || pairs.some((v, i) => i % 2 === 0 && v >= labels.length))
          ctx.addIssue({ code: 'custom', path: [head, 'counts', f], message: 'pairs of [label index < labels, count]' });
    }
  });

export type Model = z.infer<typeof ModelSchema>;
export type ModelHead = Model['class'];

/** Check a model file; every problem is named by its path. */
export function parseModel(data: unknown): { ok: true; model: Model } | { ok: false; errors: string[] } {
  const r = ModelSchema.safeParse(data);
  if (r.success) return { ok: true, model: r.data };
  return { ok: false, errors: r.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(model)'}: ${i.message}`) };
}

/** Why a model cannot be applied with this pack, or null when it can. */
export function modelMismatch(model: Model, pack: { id: string; version: string }): string | null {
  if (model.pack.id !== pack.id) return `the model was made for pack "${model.pack.id}", not "${pack.id}"`;
  if (model.pack.version !== pack.version) return `the model was made for version ${model.pack.version} of pack "${pack.id}", not ${pack.version}`;
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
    counts: Object.fromEntries(Object.keys(h.counts).sort().map((k) => [k, sortPairs(h.counts[k]!)])),
    temperature: h.temperature,
  });
  return JSON.stringify({ ...m, class: sorted(m.class), line: sorted(m.line) });
}
