import { evaluate } from '../engine/evaluate';
import type { Pack } from '../pack/schema';
import { compileClassifier, labelsOf, settingsOf } from './compile';
import type { FeatureKind } from './features';
import { fitTemperature, train, type Labelled } from './train';

/** A labelled ticket for cross-validation: the ticket as the CRM shows it, and its truth. */
export interface Case {
  ticket: Record<string, unknown>;
  example: Labelled;
}

export interface Scores {
  tickets: number;
  /** The first class is the true one; the true one is among the first three; no class at all. */
  top1: number;
  top3: number;
  unclassified: number;
  /** Per threshold: the share auto-filled, and the share of those that were right. */
  atThreshold: { threshold: number; coverage: number; precision: number | null }[];
  /** Expected calibration error over ten bins: how far stated confidence is from the hit rate. */
  calibrationError: number;
  /** The first handling line suggested is the one that handled it (tickets that say so). */
  lineTop1: number;
  lineTickets: number;
  /** confusion[truth][predicted], class codes; "" for no class. */
  confusion: Record<string, Record<string, number>>;
}

export interface CrossValidation {
  pack: string;
  features: FeatureKind;
  folds: number;
  threshold: number;
  rules: Scores;
  learned: Scores;
  /** The temperature that makes the pack's words alone honest on these tickets (for `coldTemperature`). */
  coldTemperature: number | null;
}

export const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
// Clocks play no part here; any fixed instant will do.
const NOW = Date.UTC(2026, 0, 1);

function score(pack: Pack, cases: readonly Case[], verdicts: ReturnType<typeof evaluate>[], threshold: number): Scores {
  const { classes, lines } = labelsOf(pack);
  const confusion: Scores['confusion'] = {};
  let [top1, top3, unclassified, lineTop1, lineTickets, calErr] = [0, 0, 0, 0, 0, 0];
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, hit: 0 }));
  const at = [...new Set([...THRESHOLDS, threshold])].sort().map((t) => ({ threshold: t, n: 0, right: 0 }));
  cases.forEach((c, i) => {
    const v = verdicts[i]!;
    const truth = classes[c.example.classIndex]!;
    const got = v.category?.code ?? '';
    (confusion[truth] ??= {})[got] = (confusion[truth][got] ?? 0) + 1;
    if (!v.category) unclassified++;
    const hit = got === truth;
    if (hit) top1++;
    if (v.category?.alternatives.some((a) => a.code === truth)) top3++;
    if (v.category) {
      const b = bins[Math.min(9, Math.floor(v.category.confidence * 10))]!;
      b.n++;
      b.conf += v.category.confidence;
      b.hit += hit ? 1 : 0;
      for (const a of at)
        if (v.category.confidence >= a.threshold) {
          a.n++;
          a.right += hit ? 1 : 0;
        }
    }
    if (c.example.lineIndex !== null) {
      lineTickets++;
      if (v.dispatch[0]?.target === lines[c.example.lineIndex]) lineTop1++;
    }
  });
  for (const b of bins) calErr += Math.abs(b.conf - b.hit);
  const n = cases.length;
  return {
    tickets: n,
    top1: top1 / n,
    top3: top3 / n,
    unclassified: unclassified / n,
    atThreshold: at.map((a) => ({ threshold: a.threshold, coverage: a.n / n, precision: a.n ? a.right / a.n : null })),
    calibrationError: calErr / n,
    lineTop1: lineTickets ? lineTop1 / lineTickets : 0,
    lineTickets,
    confusion,
  };
}

/** The ticket as the classifier must read it: no class path, no label, no handling line. */
function unlabelled(t: Record<string, unknown>): Record<string, unknown> {
  const { categoryPath: _p, label: _l, handlingLine: _h, ...rest } = t;
  return rest;
}

/**
 * k-fold cross-validation on a centre's labelled tickets: fold i holds every k-th ticket; each fold
 * is classified, without its class path, by a model trained on the others, and by the pack's words
 * alone. Deterministic for the same tickets in the same order.
 */
export function crossValidate(
  pack: Pack,
  cases: readonly Case[],
  opts: { folds?: number; features?: FeatureKind; threshold?: number } = {},
): CrossValidation {
  const folds = Math.max(2, Math.min(opts.folds ?? 5, cases.length));
  const features = opts.features ?? settingsOf(pack).features;
  const threshold = opts.threshold ?? settingsOf(pack).autoFillAt;
  const learned: ReturnType<typeof evaluate>[] = new Array(cases.length);
  for (let fold = 0; fold < folds; fold++) {
    const model = train(
      pack,
      cases.filter((_, i) => i % folds !== fold).map((c) => c.example),
      features,
    );
    cases.forEach((c, i) => {
      if (i % folds === fold)
        learned[i] = evaluate(unlabelled(c.ticket), pack, [], NOW, { model, autoFillAt: threshold });
    });
  }
  const rulesOnly = cases.map((c) => evaluate(unlabelled(c.ticket), pack, [], NOW, { autoFillAt: threshold }));
  const prior = compileClassifier(pack, null);
  const cold = fitTemperature(
    prior.classes,
    cases.map((c) => ({ features: prior.features(c.example.text), k: c.example.classIndex })),
    false,
  );
  return {
    pack: pack.id,
    features,
    folds,
    threshold,
    rules: score(pack, cases, rulesOnly, threshold),
    learned: score(pack, cases, learned, threshold),
    coldTemperature: cold,
  };
}
