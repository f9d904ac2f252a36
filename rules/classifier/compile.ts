import type { Condition } from '../pack/condition';
import type { Pack } from '../pack/schema';
import { KeywordSet } from '../engine/keywords';
import { addTextFeatures, MAX_FEATURE_TEXT, type FeatureKind } from './features';
import {
  addCharFeatures,
  foundName,
  grown,
  intern,
  newVocab,
  startText,
  type Found,
  type Ids,
  type Vocab,
} from './vocab';
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
  /** The classifier's feature ids, shared by its heads. */
  vocab: Vocab;
  /**
   * Per feature id, K numbers each, valid where `has` is 1: counts per label (prior plus learned),
   * and log(count + α) per label. Flat, so scoring reads one array rather than a Map per feature;
   * the logs apart from the counts, so the rows a ticket reads take fewer cache lines.
   */
  counts: Float64Array;
  logs: Float64Array;
  has: Uint8Array;
  /** How many features the head knows (V). */
  size: number;
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
  /** Every feature's id, shared by the heads (and their `words` heads). */
  vocab: Vocab;
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
function wordFinder(words: readonly string[]): WordFinder {
  const set = new KeywordSet();
  const finders = [...new Set(words)].map((w) => [wordFeature(w), set.list([w])] as const);
  return (text, found) => {
    for (const [feature, find] of finders) if (find(text) !== null) found(feature);
  };
}
type WordFinder = (text: string, found: (feature: string) => void) => void;

/** The feature a ticket's class adds when the line head reads it. */
export const classFeature = (code: string) => `c:${code}`;

/** The pack's classes and handling lines, in pack order, each line once. */
export function labelsOf(pack: Pack): { classes: string[]; lines: string[] } {
  return { classes: pack.classes.map((c) => c.code), lines: [...new Set(pack.dispatch.map((d) => d.target))] };
}

export function emptyModel(pack: Pack, kind: FeatureKind = settingsOf(pack).features): Model {
  const { classes, lines } = labelsOf(pack);
  const head = (n: number): ModelHead => ({ examples: new Array<number>(n).fill(0), counts: {}, temperature: null });
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    pack: { id: pack.id, version: pack.version },
    features: kind,
    classes,
    lines,
    class: head(classes.length),
    line: head(lines.length),
  };
}

function newHead(labels: readonly string[], temperature: number, vocab: Vocab): Head {
  const K = labels.length;
  const h: Head = {
    labels,
    vocab,
    counts: new Float64Array(0),
    logs: new Float64Array(0),
    has: new Uint8Array(0),
    size: 0,
    total: new Float64Array(K),
    logDen: new Float64Array(K),
    examples: new Float64Array(K),
    logPrior: new Float64Array(K),
    learned: 0,
    prior: new Map(),
    temperature,
    words: null,
  };
  return h;
}

/** Where a feature's row starts in the head's counts and logs, the row made (no counts) if new. */
function rowOf(h: Head, f: string): number {
  const id = intern(h.vocab, f);
  const K = h.labels.length;
  if (id >= h.has.length) {
    // Grown geometrically: learning adds features one ticket at a time.
    h.has = grown(h.has, Math.max(id + 1, 64));
    h.counts = grown(h.counts, K * h.has.length);
    h.logs = grown(h.logs, K * h.has.length);
  }
  if (!h.has[id]) {
    h.has[id] = 1;
    h.size++;
    h.logs.fill(Math.log(ALPHA), K * id, K * (id + 1));
  }
  return K * id;
}

function add(h: Head, f: string, k: number, n: number, learned = true) {
  const row = rowOf(h, f);
  h.counts[row + k] = h.counts[row + k]! + n;
  h.logs[row + k] = Math.log(h.counts[row + k]! + ALPHA);
  if (learned) h.total[k] = h.total[k]! + n;
}

/** Denominators and priors after counts changed: K logs, whatever the vocabulary. */
function refresh(h: Head) {
  const K = h.labels.length;
  const V = h.size;
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

const finders = new WeakMap<Pack, WordFinder>();

/** Every class and dispatch word of the pack, found in one scan. */
function packWords(pack: Pack): WordFinder {
  let find = finders.get(pack);
  if (!find)
    finders.set(
      pack,
      (find = wordFinder([
        ...pack.classes.flatMap((c) => contentWords(c.when)),
        ...pack.dispatch.flatMap((d) => contentWords(d.when)),
      ])),
    );
  return find;
}

/** A text's features for a pack's classifier (training and classifying read a text the same way). */
export const featuresFor = (pack: Pack, kind: FeatureKind, text: string) => {
  const t = text.slice(0, MAX_FEATURE_TEXT);
  const out = addTextFeatures(t, kind, new Set());
  packWords(pack)(t, (f) => out.add(f));
  return [...out];
};

// What textIds and knownFeatures find a text's features into.
const scratch: Found = { ids: new Int32Array(256), n: 0, names: null, unknown: new Set() };

/**
 * The ids of a text's features that the classifier knows, each once and in featuresFor's order (so
 * sums come out the same to the last bit): the scoring path. For `chars`, no string is made.
 */
export function textIds(c: Classifier, text: string): Ids {
  return readText(c, text, null);
}

/**
 * featuresFor, as the classifier reads them: the known features in the vocabulary's own strings,
 * and their ids kept (`Vocab.listed`) for the heads that score the list next.
 */
function knownFeatures(c: Classifier, text: string): string[] {
  const out = readText(c, text, []);
  const names = out.names!;
  c.vocab.listed = { names: names.slice(), ids: out.ids.slice(0, out.n), size: c.vocab.names.length };
  return names;
}

function readText(c: Classifier, text: string, names: string[] | null): Found {
  const v = c.vocab;
  const out = scratch;
  out.names = names;
  startText(v, out);
  const t = text.slice(0, MAX_FEATURE_TEXT);
  // Until a ticket is learned only the pack's words are known: the characters need no reading.
  if (c.kind === 'chars') {
    if (v.filled > 0) addCharFeatures(v, t.toLowerCase(), out);
  } else addTextFeatures(t, c.kind, new Set()).forEach((f) => foundName(v, out, f));
  packWords(c.pack)(t, (f) => foundName(v, out, f));
  return out;
}

/** The pack's words as a prior, a head for the classes and one for the lines. */
function priorHeads(pack: Pack, vocab: Vocab, classT: number, lineT: number): { classes: Head; lines: Head } {
  const settings = settingsOf(pack);
  const { classes, lines } = labelsOf(pack);
  const h = { classes: newHead(classes, classT, vocab), lines: newHead(lines, lineT, vocab) };
  pack.classes.forEach((cls, k) => {
    for (const w of contentWords(cls.when)) addPrior(h.classes, wordFeature(w), k, settings.priorWeight);
  });
  for (const d of pack.dispatch) {
    const k = lines.indexOf(d.target);
    for (const w of contentWords(d.when)) addPrior(h.lines, wordFeature(w), k, settings.priorWeight);
    for (const code of categoriesIn(d.when))
      addPrior(h.lines, classFeature(code), k, settings.priorWeight * CLASS_WEIGHT);
  }
  return h;
}

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
  const cold = settings.coldTemperature;
  const vocab = newVocab();
  const heads = priorHeads(pack, vocab, model?.class.temperature ?? cold, model?.line.temperature ?? cold);
  const c: Classifier = {
    pack,
    settings,
    kind,
    features: (text) => knownFeatures(c, text),
    vocab,
    ...heads,
    model: model ?? null,
  };
  if (model) {
    // The pack's words alone, as the classifier without a model has them, but in this vocabulary:
    // one id per feature serves all four heads. The words were numbered first, before the learned
    // features, so these heads' tables stay small.
    const words = priorHeads(pack, vocab, cold, cold);
    refresh(words.classes);
    refresh(words.lines);
    addLearned(c.classes, model.class.counts, model.class.examples);
    addLearned(c.lines, model.line.counts, model.line.examples);
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
  if (ex.lineIndex !== null)
    learnHead(model.line, c?.lines, [...ex.features, classFeature(model.classes[ex.classIndex]!)], ex.lineIndex, sign);
}

/** Take back an example learned before (a ticket whose class the agent corrected). */
export const unlearn = (pack: Pack, model: Model, ex: LearnedExample) => learn(pack, model, ex, -1);

/** Forget the compiled form of a model whose temperatures or counts were replaced wholesale. */
export function recompile(pack: Pack, model: Model) {
  compiled.get(pack)?.delete(model);
}
