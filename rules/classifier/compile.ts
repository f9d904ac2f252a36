import type { Condition } from '../pack/condition';
import type { Pack } from '../pack/schema';
import { KeywordSet } from '../engine/keywords';
import { MAX_FEATURE_TEXT, textFeatures, type FeatureKind } from './features';
import type { Model, ModelHead } from './model';
import { DEFAULT_CLASSIFIER, MODEL_FORMAT, MODEL_VERSION, type ClassifierSettings } from './settings';

// Multinomial naive Bayes over the distinct features of a ticket. The pack's words are a
// Dirichlet prior: each word's features start with `priorWeight` pseudo-counts in its class, so
// with no examples the model is the pack's keyword lists weighed against each other, and as a
// centre's tickets are learned their counts outweigh the prior.

/** Smoothing for features a label has never seen, and for labels with no examples. */
export const ALPHA = 0.05;
export const BETA = 1;
/** A class named by a dispatch rule counts as this many words' worth of evidence for its line. */
const CLASS_WEIGHT = 10;
/** Below this many examples a head's temperature is not fitted; the pack's cold one is used. */
export const MIN_FIT = 30;

export interface Head {
  labels: readonly string[];
  /** Per feature: counts per label (prior plus learned), then log(count + α) per label. */
  rows: Map<string, Float64Array>;
  /** Per label: every count, and log(total + α·V). */
  total: Float64Array;
  logDen: Float64Array;
  /** Per label: learned examples, and the log prior they give. */
  examples: Float64Array;
  logPrior: Float64Array;
  learned: number;
  /** Which features came from the pack's words, per label: the rules' own evidence. */
  prior: Map<string, Float64Array>;
  temperature: number;
  /**
   * The pack's words alone, when examples are learned: the confidence blends the two, trusting the
   * counts as much as n examples against MIN_FIT (a handful of tickets cannot justify "100%", and
   * on the fixture set the blend also made the sure classes surer: 95.9% right at 0.9 against 94.8%).
   */
  words: Head | null;
}

export interface Classifier {
  pack: Pack;
  settings: ClassifierSettings;
  kind: FeatureKind;
  /** A text's features: its characters or words (by `kind`), and the pack's words it contains. */
  features: (text: string) => string[];
  classes: Head;
  lines: Head;
  model: Model | null;
}

export const settingsOf = (pack: Pack): ClassifierSettings => pack.classifier ?? DEFAULT_CLASSIFIER;

/** The content words of a condition, where it asks for them (not under a `not`). */
function contentWords(c: Condition | undefined, out: string[] = []): string[] {
  if (!c) return out;
  if (c.fact === 'content' && c.anyOf) out.push(...c.anyOf);
  for (const sub of [...(c.all ?? []), ...(c.any ?? [])]) contentWords(sub, out);
  return out;
}
function categoriesIn(c: Condition | undefined, out: string[] = []): string[] {
  if (!c) return out;
  if (c.fact === 'category' && c.in) for (const v of c.in) if (typeof v === 'string') out.push(v);
  for (const sub of [...(c.all ?? []), ...(c.any ?? [])]) categoriesIn(sub, out);
  return out;
}

/** The feature a pack word found in a ticket adds: the word whole, as the rules match it. */
export const wordFeature = (word: string) => `k:${word.toLowerCase()}`;

/**
 * The pack's words a text contains, one automaton scan for all of them. A word is matched whole:
 * its characters alone would make 没有 of 没有资源 evidence for a visit that never came.
 */
function wordFinder(words: readonly string[]): (text: string) => string[] {
  const set = new KeywordSet();
  const finders = [...new Set(words)].map((w) => [w, set.list([w])] as const);
  return (text) => {
    const out: string[] = [];
    for (const [w, find] of finders) if (find(text) !== null) out.push(wordFeature(w));
    return out;
  };
}

/** The feature a ticket's class adds when the line head reads it. */
export const classFeature = (code: string) => `c:${code}`;

/** The pack's classes and handling lines, in pack order, each line once. */
export function labelsOf(pack: Pack): { classes: string[]; lines: string[] } {
  return { classes: pack.classes.map((c) => c.code), lines: [...new Set(pack.dispatch.map((d) => d.target))] };
}

export function emptyModel(pack: Pack, kind: FeatureKind = settingsOf(pack).features): Model {
  const { classes, lines } = labelsOf(pack);
  const head = (n: number): ModelHead => ({ examples: new Array<number>(n).fill(0), counts: {}, temperature: null });
  return { format: MODEL_FORMAT, version: MODEL_VERSION, pack: { id: pack.id, version: pack.version }, features: kind, classes, lines, class: head(classes.length), line: head(lines.length) };
}

function newHead(labels: readonly string[], temperature: number): Head {
  const K = labels.length;
  return {
    labels,
    rows: new Map(),
    total: new Float64Array(K),
    logDen: new Float64Array(K),
    examples: new Float64Array(K),
    logPrior: new Float64Array(K),
    learned: 0,
    prior: new Map(),
    temperature,
    words: null,
  };
}

function rowOf(h: Head, f: string): Float64Array {
  let row = h.rows.get(f);
  if (!row) {
    const K = h.labels.length;
    row = new Float64Array(2 * K);
    for (let k = 0; k < K; k++) row[K + k] = Math.log(ALPHA);
    h.rows.set(f, row);
  }
  return row;
}

function add(h: Head, f: string, k: number, n: number, learned = true) {
  const K = h.labels.length;
  const row = rowOf(h, f);
  row[k] = row[k]! + n;
  row[K + k] = Math.log(row[k]! + ALPHA);
  if (learned) h.total[k] = h.total[k]! + n;
}

/** Denominators and priors after counts changed: K logs, whatever the vocabulary. */
function refresh(h: Head) {
  const K = h.labels.length;
  const V = h.rows.size;
  for (let k = 0; k < K; k++) {
    h.logDen[k] = Math.log(h.total[k]! + ALPHA * V);
    h.logPrior[k] = Math.log((h.examples[k]! + BETA) / (h.learned + BETA * K));
  }
}

// Prior counts raise a word's odds in its class but stay out of the class's total: a class with a
// longer word list must not be the less likely for every other word a ticket contains.
function addPrior(h: Head, f: string, k: number, n: number) {
  add(h, f, k, n, false);
  let p = h.prior.get(f);
  if (!p) h.prior.set(f, (p = new Float64Array(h.labels.length)));
  p[k] = p[k]! + n;
}

function addLearned(h: Head, counts: ModelHead['counts'], examples: readonly number[]) {
  for (const f in counts) {
    const pairs = counts[f]!;
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i + 1]! > 0) add(h, f, pairs[i]!, pairs[i + 1]!);
  }
  examples.forEach((n, k) => {
    h.examples[k] = n;
    h.learned += n;
  });
}

const finders = new WeakMap<Pack, (text: string) => string[]>();

/** Every class and dispatch word of the pack, found in one scan. */
function packWords(pack: Pack): (text: string) => string[] {
  let find = finders.get(pack);
  if (!find) finders.set(pack, (find = wordFinder([...pack.classes.flatMap((c) => contentWords(c.when)), ...pack.dispatch.flatMap((d) => contentWords(d.when))])));
  return find;
}

/** A text's features for a pack's classifier (training and classifying read a text the same way). */
export const featuresFor = (pack: Pack, kind: FeatureKind, text: string) => {
  const t = text.slice(0, MAX_FEATURE_TEXT);
  return [...textFeatures(t, kind), ...packWords(pack)(t)];
};

const compiled = new WeakMap<Pack, WeakMap<object, Classifier>>();
const NO_MODEL = {};

/**
 * The classifier for a pack and (optionally) a learned model, built once per pair. The model must
 * have been made for this pack (`modelMismatch`); the caller checks, the engine trusts it.
 */
export function compileClassifier(pack: Pack, model: Model | null | undefined): Classifier {
  let byModel = compiled.get(pack);
  if (!byModel) compiled.set(pack, (byModel = new WeakMap()));
  const key = model ?? NO_MODEL;
  const hit = byModel.get(key);
  if (hit) return hit;
  const settings = settingsOf(pack);
  const kind = model?.features ?? settings.features;
  const { classes, lines } = labelsOf(pack);
  const fit = (t: number | null | undefined) => t ?? settings.coldTemperature;
  const c: Classifier = {
    pack,
    settings,
    kind,
    features: (text) => featuresFor(pack, kind, text),
    classes: newHead(classes, fit(model?.class.temperature)),
    lines: newHead(lines, fit(model?.line.temperature)),
    model: model ?? null,
  };
  pack.classes.forEach((cls, k) => {
    for (const w of contentWords(cls.when)) addPrior(c.classes, wordFeature(w), k, settings.priorWeight);
  });
  for (const d of pack.dispatch) {
    const k = lines.indexOf(d.target);
    for (const w of contentWords(d.when)) addPrior(c.lines, wordFeature(w), k, settings.priorWeight);
    for (const code of categoriesIn(d.when)) addPrior(c.lines, classFeature(code), k, settings.priorWeight * CLASS_WEIGHT);
  }
  if (model) {
    addLearned(c.classes, model.class.counts, model.class.examples);
    addLearned(c.lines, model.line.counts, model.line.examples);
    const words = compileClassifier(pack, null);
    c.classes.words = words.classes;
    c.lines.words = words.lines;
  }
  refresh(c.classes);
  refresh(c.lines);
  byModel.set(key, c);
  return c;
}

function learnHead(model: ModelHead, h: Head | undefined, features: readonly string[], k: number, sign: 1 | -1) {
  if (sign < 0 && !(model.examples[k]! > 0)) return;
  for (const f of features) {
    const pairs = (model.counts[f] ??= []);
    let i = 0;
    while (i < pairs.length && pairs[i] !== k) i += 2;
    if (i < pairs.length) pairs[i + 1]! += sign;
    else if (sign > 0) pairs.push(k, 1);
    else continue;
    if (pairs[i + 1] === 0) pairs.splice(i, 2);
    if (pairs.length === 0) delete model.counts[f];
    if (h) add(h, f, k, sign);
  }
  model.examples[k]! += sign;
  if (h) {
    h.examples[k]! += sign;
    h.learned += sign;
    refresh(h);
  }
}

/** One labelled ticket's features, as the two heads learn them. */
export interface LearnedExample {
  features: readonly string[];
  /** Index into the model's classes. */
  classIndex: number;
  /** Index into the model's lines, when the ticket said which line handled it. */
  lineIndex: number | null;
}

/**
 * Add one example to a model in place, and to its compiled classifier if one is built: a few
 * hundred additions and logs, so the background learns each ticket as it is seen.
 */
export function learn(pack: Pack, model: Model, ex: LearnedExample, sign: 1 | -1 = 1) {
  const c = compiled.get(pack)?.get(model);
  learnHead(model.class, c?.classes, ex.features, ex.classIndex, sign);
  if (ex.lineIndex !== null) learnHead(model.line, c?.lines, [...ex.features, classFeature(model.classes[ex.classIndex]!)], ex.lineIndex, sign);
}

/** Take back an example learned before (a ticket whose class the agent corrected). */
export const unlearn = (pack: Pack, model: Model, ex: LearnedExample) => learn(pack, model, ex, -1);

/** Forget the compiled form of a model whose temperatures or counts were replaced wholesale. */
export function recompile(pack: Pack, model: Model) {
  compiled.get(pack)?.delete(model);
}
