// The class model on labelled tickets: k-fold accuracy against the pack's words alone, then speed
// and size at a centre's scale (100,000 tickets recombined from the labelled ones). Run as a
// bundle (see bundle.ts), with the labelled file as its argument: it prints its figures as one JSON line.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { classifyText } from '../../rules/classifier/classify';
import { compileClassifier, featuresFor, learn, settingsOf } from '../../rules/classifier/compile';
import { crossValidate, type Case, type Scores } from '../../rules/classifier/crossval';
import { FEATURE_KINDS, type FeatureKind } from '../../rules/classifier/features';
import { serializeModel } from '../../rules/classifier/model';
import { classText } from '../../rules/classifier/features';
import { readLabelled, train, type Labelled } from '../../rules/classifier/train';
import { evaluate } from '../../rules/engine/evaluate';
import { packs } from '../../rules/packs';
import { prng } from '../prng';
import type { Figure } from './section';
import { quantile, round } from './stats';
import { NOW } from './tickets';

const FOLDS = 5;
const TRAIN = 100_000;
const HELD_OUT = 20_000;
const UPDATES = 1_000;
const WARM_MS = 500;
const SEED = 20261128;
const GOAL = { trainS: 10, modelMB: 2, classifyMedianUs: 20, learnMaxMs: 5 };
const KEY: Record<FeatureKind, string> = { chars: 'Chars', words: 'Words', 'words+chars': 'WordsChars' };

const pack = packs['china-telecom']!;
const gc: () => void =
  (globalThis as { gc?: () => void }).gc ??
  (() => {
    throw new Error('the classifier bench needs node --expose-gc');
  });
const pct = (x: number | null) => (x === null ? null : round(100 * x));

/** The labelled file's tickets as cross-validation reads them, and how many lines taught nothing. */
function readCases(file: string): { cases: Case[]; skipped: number } {
  const cases: Case[] = [];
  let skipped = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const raw = JSON.parse(line) as Record<string, unknown>;
    const r = readLabelled(raw, pack);
    if (r.ok) cases.push({ ticket: raw, example: r.example });
    else skipped++;
  }
  return { cases, skipped };
}

/**
 * `count` tickets, each of one class: 2–4 fragments (split on 。，；) of random labelled tickets of
 * that class, sometimes a masked number or an amount, on the fields of one of them (title, channel,
 * times, handling line). Classes come as often as in the labelled file. Unlabelled, as evaluate reads them.
 */
function recombine(
  cases: readonly Case[],
  count: number,
  seed: number,
): { tickets: Record<string, unknown>[]; examples: Labelled[] } {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const byClass = new Map<number, { c: Case; fragments: string[] }[]>();
  for (const c of cases) {
    const fragments = String(c.ticket.text ?? '')
      .split(/[。，；]/)
      .filter((s) => s.trim());
    if (!fragments.length) continue;
    let same = byClass.get(c.example.classIndex);
    if (!same) byClass.set(c.example.classIndex, (same = []));
    same.push({ c, fragments });
  }
  const classes = cases.map((c) => c.example.classIndex).filter((k) => byClass.has(k));
  const n = (max: number) => 1 + Math.floor(r() * max);
  const numbers = [
    () => `${n(500)}元`,
    () => `${n(99)}.${n(9)}元`,
    () => `1${n(9)}${n(9)}****${String(n(9999)).padStart(4, '0')}`,
    () => `${n(30)}天`,
  ];
  const tickets: Record<string, unknown>[] = [];
  const examples: Labelled[] = [];
  for (let i = 0; i < count; i++) {
    const same = byClass.get(pick(classes))!;
    const base = pick(same).c;
    const parts = Array.from({ length: 2 + Math.floor(r() * 3) }, () => pick(pick(same).fragments));
    if (r() < 0.4) parts.splice(Math.floor(r() * parts.length), 0, pick(numbers)());
    const { categoryPath: _p, label: _l, handlingLine: _h, ...fields } = base.ticket;
    const ticket = {
      ...fields,
      id: `GEN${String(i).padStart(6, '0')}`,
      text: parts.map((p, j) => (j ? pick(['，', '。', '；']) : '') + p).join(''),
    };
    tickets.push(ticket);
    examples.push({ text: classText(ticket), classIndex: base.example.classIndex, lineIndex: base.example.lineIndex });
  }
  return { tickets, examples };
}

/** Each call timed on its own, after about half a second of the same calls; in ms. */
function timeEach<T>(items: readonly T[], f: (x: T) => unknown): number[] {
  for (const t0 = performance.now(); performance.now() - t0 < WARM_MS;) for (const x of items) f(x);
  gc();
  return items.map((x) => {
    const s = performance.now();
    f(x);
    return performance.now() - s;
  });
}
const us = (ms: readonly number[], q: number) => round(quantile(ms, q) * 1000, 2);

function crossValidationFigures(cases: readonly Case[]): Figure[] {
  const threshold = settingsOf(pack).autoFillAt;
  const at = (s: Scores) => s.atThreshold.find((a) => a.threshold === threshold)!;
  const runs = FEATURE_KINDS.map((kind) => crossValidate(pack, cases, { folds: FOLDS, features: kind, threshold }));
  const rules = runs[0]!.rules; // the same for every kind: no model, the pack's own features
  const figures: Figure[] = [
    {
      key: 'classifierPeer',
      label: 'peer',
      value: `rules only: the pack's class words, ${settingsOf(pack).features} features, no model`,
    },
    { key: 'classifierRulesTop1', label: 'rules only: top-1 class', value: pct(rules.top1), unit: '%' },
    { key: 'classifierRulesTop3', label: 'rules only: top-3 class', value: pct(rules.top3), unit: '%' },
    {
      key: 'classifierRulesCoverage',
      label: `rules only: auto-filled at ≥ ${threshold}`,
      value: pct(at(rules).coverage),
      unit: '%',
    },
    {
      key: 'classifierRulesPrecision',
      label: 'rules only: right when auto-filled',
      value: pct(at(rules).precision),
      unit: '%',
    },
    {
      key: 'classifierRulesCalibration',
      label: 'rules only: calibration error (10 bins)',
      value: pct(rules.calibrationError),
      unit: '%',
    },
    { key: 'classifierRulesLineTop1', label: 'rules only: handling line top-1', value: pct(rules.lineTop1), unit: '%' },
  ];
  for (const cv of runs) {
    const s = cv.learned;
    const k = KEY[cv.features];
    const name = `learned (${cv.features})`;
    figures.push(
      { key: `classifier${k}Top1`, label: `${name}: top-1 class`, value: pct(s.top1), unit: '%' },
      { key: `classifier${k}Top3`, label: `${name}: top-3 class`, value: pct(s.top3), unit: '%' },
      {
        key: `classifier${k}Coverage`,
        label: `${name}: auto-filled at ≥ ${threshold}`,
        value: pct(at(s).coverage),
        unit: '%',
      },
      {
        key: `classifier${k}Precision`,
        label: `${name}: right when auto-filled`,
        value: pct(at(s).precision),
        unit: '%',
      },
      {
        key: `classifier${k}Calibration`,
        label: `${name}: calibration error (10 bins)`,
        value: pct(s.calibrationError),
        unit: '%',
      },
      { key: `classifier${k}LineTop1`, label: `${name}: handling line top-1`, value: pct(s.lineTop1), unit: '%' },
      {
        key: `classifier${k}Ratio`,
        label: `${name}: top-1 ratio learned / rules`,
        value: rules.top1 ? round(s.top1 / rules.top1, 2) : null,
        unit: '×',
      },
    );
  }
  return figures;
}

function measure(file: string): Figure[] {
  const { cases, skipped } = readCases(file);
  const figures: Figure[] = [
    { key: 'classifierLabelled', label: `labelled tickets (${file})`, value: cases.length },
    {
      key: 'classifierLabelledLines',
      label: 'of them with a handling line',
      value: cases.filter((c) => c.example.lineIndex !== null).length,
    },
    { key: 'classifierLabelledSkipped', label: 'lines that taught nothing', value: skipped },
    { key: 'classifierFolds', label: 'cross-validation folds', value: FOLDS },
    ...crossValidationFigures(cases),
  ];

  const { tickets, examples } = recombine(cases, TRAIN + HELD_OUT, SEED);
  const kind = settingsOf(pack).features;
  gc();
  let t0 = performance.now();
  const model = train(pack, examples.slice(0, TRAIN), kind);
  const trainS = round((performance.now() - t0) / 1000, 2);
  const modelMB = round(Buffer.byteLength(serializeModel(model)) / 2 ** 20, 2);

  const heldOut = tickets.slice(TRAIN);
  const texts = examples.slice(TRAIN).map((e) => e.text);
  const c = compileClassifier(pack, model);
  const classify = timeEach(texts, (t) => classifyText(c, t));
  const full = timeEach(heldOut, (t) => evaluate(t, pack, [], NOW, { model }));
  const rulesOnly = timeEach(heldOut, (t) => evaluate(t, pack, [], NOW));

  evaluate(heldOut[0], pack, [], NOW, { model }); // the compiled classifier exists, and learn() updates it too
  const updates = examples
    .slice(TRAIN, TRAIN + 2 * UPDATES)
    .map((e) => ({ features: featuresFor(pack, kind, e.text), classIndex: e.classIndex, lineIndex: e.lineIndex }));
  // Warmed as the other timings are, by as many untimed updates: the first few took 4–7 ms.
  for (const u of updates.slice(0, UPDATES)) learn(pack, model, u);
  const learnMs = updates.slice(UPDATES).map((u) => {
    t0 = performance.now();
    learn(pack, model, u);
    return performance.now() - t0;
  });
  const learnMax = round(Math.max(...learnMs), 2);
  const classifyMedian = us(classify, 0.5);

  figures.push(
    {
      key: 'classifierGenerated',
      label: `generated tickets (seeded, recombined within each class; ${kind} features)`,
      value: TRAIN + HELD_OUT,
    },
    {
      key: 'classifierGeneratedChars',
      label: 'their text (title, text, business), mean length',
      value: round(examples.reduce((n, e) => n + e.text.length, 0) / examples.length),
      unit: 'characters',
    },
    {
      key: 'classifierLabelledChars',
      label: 'against the labelled tickets’ mean length',
      value: round(cases.reduce((n, c) => n + c.example.text.length, 0) / cases.length),
      unit: 'characters',
    },
    {
      key: 'classifierTrainS',
      label: `train() on ${TRAIN.toLocaleString('en-US')} of them`,
      value: trainS,
      unit: `s (goal ≤ ${GOAL.trainS})`,
    },
    {
      key: 'classifierModelMB',
      label: 'serialized model (serializeModel, UTF-8)',
      value: modelMB,
      unit: `MB (goal ≤ ${GOAL.modelMB})`,
    },
    {
      key: 'classifierModelClassFeatures',
      label: 'features in the class head (no more than the labelled tickets hold)',
      value: Object.keys(model.class.counts).length,
    },
    {
      key: 'classifierModelLineFeatures',
      label: 'features in the handling-line head',
      value: Object.keys(model.line.counts).length,
    },
    { key: 'classifierHeldOut', label: 'held-out generated tickets timed, each call singly', value: HELD_OUT },
    {
      key: 'classifierClassifyMedianUs',
      label: 'classifyText (features + class head), median',
      value: classifyMedian,
      unit: `µs (goal ≤ ${GOAL.classifyMedianUs})`,
    },
    { key: 'classifierClassifyP95Us', label: 'classifyText, p95', value: us(classify, 0.95), unit: 'µs' },
    { key: 'classifierEvaluateMedianUs', label: 'evaluate() with the model, median', value: us(full, 0.5), unit: 'µs' },
    { key: 'classifierEvaluateP95Us', label: 'evaluate() with the model, p95', value: us(full, 0.95), unit: 'µs' },
    {
      key: 'classifierEvaluateRulesMedianUs',
      label: 'peer: evaluate() without a model, median',
      value: us(rulesOnly, 0.5),
      unit: 'µs',
    },
    {
      key: 'classifierEvaluateRulesP95Us',
      label: 'peer: evaluate() without a model, p95',
      value: us(rulesOnly, 0.95),
      unit: 'µs',
    },
    {
      key: 'classifierLearnMedianMs',
      label: `learn() one ticket into the compiled model, median of ${UPDATES.toLocaleString('en-US')} warmed`,
      value: round(quantile(learnMs, 0.5), 3),
      unit: 'ms',
    },
    {
      key: 'classifierLearnP99Ms',
      label: 'learn() one ticket, p99',
      value: round(quantile(learnMs, 0.99), 3),
      unit: 'ms',
    },
    {
      key: 'classifierLearnMaxMs',
      label: 'learn() one ticket, max',
      value: learnMax,
      unit: `ms (goal ≤ ${GOAL.learnMaxMs})`,
    },
    {
      key: 'classifierGoalsMet',
      label: 'goals met',
      value:
        trainS <= GOAL.trainS &&
        modelMB <= GOAL.modelMB &&
        classifyMedian <= GOAL.classifyMedianUs &&
        learnMax <= GOAL.learnMaxMs,
    },
  );
  return figures;
}

console.log(JSON.stringify(measure(process.argv[2]!)));
