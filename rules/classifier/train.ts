import type { Pack } from '../pack/schema';
import { compilePack } from '../engine/compile';
import { pathClassOf } from '../engine/classify';
import { classText, type FeatureKind } from './features';
import {
  ALPHA,
  BETA,
  classFeature,
  compileClassifier,
  emptyModel,
  featuresFor,
  labelsOf,
  learn,
  MIN_FIT,
  recompile,
  settingsOf,
  type Head,
} from './compile';
import { rawScores } from './classify';
import type { Model } from './model';

/** The pack's class a CRM category path names (by the class's path words), or null. */
export const classOfPath = (pack: Pack, path: string): number | null =>
  pathClassOf(compilePack(pack), path)?.index ?? null;

/** The dispatch target a CRM handling line names or contains (市场条线 → 市场); the longest wins. */
export function lineOf(pack: Pack, handlingLine: string): number | null {
  const { lines } = labelsOf(pack);
  let best: number | null = null;
  lines.forEach((l, i) => {
    if (handlingLine.includes(l) && (best === null || l.length > lines[best]!.length)) best = i;
  });
  return best;
}

/** One labelled ticket as the trainer reads it. */
export interface Labelled {
  text: string;
  classIndex: number;
  lineIndex: number | null;
}

/** Why a labelled line taught nothing; counted by reason, never dropped silently. */
export const SKIP_REASONS = {
  shape: 'not a JSON object',
  text: 'no text (title, text and business are empty)',
  class: 'no class (neither label nor categoryPath)',
  label: 'label names no class of the pack',
  path: 'categoryPath names no class of the pack',
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;
/** A handling line that names no dispatch target: the class is still learned. */
export const LINE_UNKNOWN = 'handlingLine names no dispatch target of the pack';

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * Read one labelled ticket: `label` (a class's label or code: an explicit correction) wins over
 * `categoryPath` (what the CRM's front line filed); `handlingLine` is optional.
 */
export function readLabelled(
  raw: unknown,
  pack: Pack,
): { ok: true; example: Labelled; lineUnknown: boolean } | { ok: false; reason: SkipReason } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: 'shape' };
  const r = raw as Record<string, unknown>;
  const text = classText(r);
  if (!text) return { ok: false, reason: 'text' };
  const label = str(r.label);
  const path = str(r.categoryPath);
  let classIndex: number | null;
  if (label !== undefined) {
    classIndex = pack.classes.findIndex((c) => c.label === label || c.code === label);
    if (classIndex < 0) classIndex = classOfPath(pack, label);
    if (classIndex === null) return { ok: false, reason: 'label' };
  } else if (path !== undefined) {
    classIndex = classOfPath(pack, path);
    if (classIndex === null) return { ok: false, reason: 'path' };
  } else return { ok: false, reason: 'class' };
  const line = str(r.handlingLine);
  const lineIndex = line === undefined ? null : lineOf(pack, line);
  return { ok: true, example: { text, classIndex, lineIndex }, lineUnknown: line !== undefined && lineIndex === null };
}

const LOG_T_MIN = Math.log(0.05);
const LOG_T_MAX = Math.log(500);

/**
 * The temperature that makes the head's leave-one-out confidences honest: each example is scored
 * with its own counts taken out (exact for naive Bayes, and one scoring per example), then T
 * minimises the log loss. Null below MIN_FIT examples. Without `leaveOneOut` the examples are
 * scored as they are, for a head that did not learn them (the pack's words alone).
 */
export function fitTemperature(
  h: Head,
  data: { features: readonly string[]; k: number }[],
  leaveOneOut = true,
): number | null {
  if (data.length < MIN_FIT) return null;
  const K = h.labels.length;
  const V = h.size;
  const scores = new Float64Array(data.length * K);
  const s = new Float64Array(K);
  data.forEach(({ features, k }, i) => {
    const { used } = rawScores(h, features, s);
    if (!leaveOneOut) return scores.set(s, i * K);
    let own = 0;
    let present = 0; // features pruned from the model count for nothing
    for (const f of features) {
      const id = h.vocab.ids.get(f);
      if (id === undefined || !h.has[id] || !(h.counts[K * id + k]! >= 1)) continue;
      present++;
      own += Math.log(h.counts[K * id + k]! - 1 + ALPHA) - h.logs[K * id + k]!;
    }
    const den = Math.log(h.total[k]! - present + ALPHA * V);
    s[k] =
      s[k]! + own - used * (den - h.logDen[k]!) + Math.log(h.examples[k]! - 1 + BETA) - Math.log(h.examples[k]! + BETA);
    scores.set(s, i * K);
  });
  const loss = (logT: number) => {
    const T = Math.exp(logT);
    let sum = 0;
    for (let i = 0; i < data.length; i++) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, scores[i * K + k]!);
      let z = 0;
      for (let k = 0; k < K; k++) z += Math.exp((scores[i * K + k]! - max) / T);
      sum += Math.log(z) - (scores[i * K + data[i]!.k]! - max) / T;
    }
    return sum;
  };
  // Golden-section search: the log loss is unimodal in log T.
  const g = (Math.sqrt(5) - 1) / 2;
  let [a, b] = [LOG_T_MIN, LOG_T_MAX];
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let [fc, fd] = [loss(c), loss(d)];
  for (let i = 0; i < 40; i++)
    if (fc < fd) {
      [b, d, fd] = [d, c, fc];
      c = b - g * (b - a);
      fc = loss(c);
    } else {
      [a, c, fc] = [c, d, fd];
      d = a + g * (b - a);
      fd = loss(d);
    }
  // Rounded, so the order examples came in cannot show through the float sums.
  return Number(Math.exp((a + b) / 2).toPrecision(3));
}

/** Fit both heads' temperatures on the examples the model learned. */
export function calibrate(
  pack: Pack,
  model: Model,
  examples: readonly { features: readonly string[]; classIndex: number; lineIndex: number | null }[],
) {
  recompile(pack, model);
  const c = compileClassifier(pack, {
    ...model,
    class: { ...model.class, temperature: null },
    line: { ...model.line, temperature: null },
  });
  model.class.temperature = fitTemperature(
    c.classes,
    examples.map((e) => ({ features: e.features, k: e.classIndex })),
  );
  model.line.temperature = fitTemperature(
    c.lines,
    examples.flatMap((e) =>
      e.lineIndex === null
        ? []
        : [{ features: [...e.features, classFeature(model.classes[e.classIndex]!)], k: e.lineIndex }],
    ),
  );
  recompile(pack, model);
}

/**
 * A head keeps at most this many features, the most frequent. A centre's vocabulary keeps growing
 * with its tickets (as n^0.56 on the fixture set: 100,000 real tickets could give 200,000 features
 * a head, some 10 MB), while a feature seen in a ticket or two teaches little: 30,000 a head keep a
 * model near 1.5 MB.
 */
export const MAX_FEATURES = 30_000;

/** Drop all but the `max` most frequent features of each head (ties by name, so the result is the same in any order). */
export function prune(model: Model, max = MAX_FEATURES) {
  for (const h of [model.class, model.line]) {
    const names = Object.keys(h.counts);
    if (names.length <= max) continue;
    const total = (f: string) => h.counts[f]!.reduce((sum, v, i) => (i % 2 ? sum + v : sum), 0);
    const ranked = names.map((f) => [f, total(f)] as const).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [f] of ranked.slice(max)) delete h.counts[f];
  }
}

/** A model from labelled tickets: counts, then temperatures. The same examples in the same order give the same model. */
export function train(pack: Pack, examples: readonly Labelled[], kind: FeatureKind = settingsOf(pack).features): Model {
  const model = emptyModel(pack, kind);
  const learned = examples.map((e) => ({
    features: featuresFor(pack, kind, e.text),
    classIndex: e.classIndex,
    lineIndex: e.lineIndex,
  }));
  for (const e of learned) learn(pack, model, e);
  prune(model);
  calibrate(pack, model, learned);
  return model;
}
