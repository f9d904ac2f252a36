import { shown } from './features';
import { MIN_FIT, textIds, type Classifier, type Head } from './compile';
import { push, type Ids, type Vocab } from './vocab';

export interface Scored {
  /** Labels by confidence, highest first, with their calibrated probabilities. */
  ranked: { index: number; confidence: number }[];
  /** How many of the text's words (features of two characters or more) the head knows: 0 means no evidence. */
  evidence: number;
  /** The features that weighed most for the first label against the second, as the agent reads them. */
  words: string[];
}

// Scratch, reused by every call: the ids being scored, and the rows rawIds found for the
// explanation that follows it (looking each feature up once).
const scratch: Ids = { ids: new Int32Array(256), n: 0 };
let foundIds = new Int32Array(256);
let found = 0;
// deciding's best few so far: their ids and weights, by weight.
let bestId = new Int32Array(9);
let bestD = new Float64Array(9);

/** The ids of the features the vocabulary knows, in order; the others count for no head. */
function idsOf(v: Vocab, features: readonly string[], out: Ids): Ids {
  out.n = 0;
  // The features the classifier listed last have their ids already (while no feature was added since).
  const last = v.listed;
  let i = 0;
  if (last.size === v.names.length)
    for (; i < features.length && i < last.names.length && features[i] === last.names[i]; i++)
      if (last.ids[i]! >= 0) push(out, last.ids[i]!);
  for (; i < features.length; i++) {
    const id = v.ids.get(features[i]!);
    if (id !== undefined) push(out, id);
  }
  return out;
}

/**
 * Raw log-scores (prior plus every known feature) into `out`; returns how many features were known,
 * and how many of those were words rather than single characters, which alone say little (机 is in
 * 手机 and 拆机). With `collect`, the rows found are kept for `deciding`.
 */
function rawIds(h: Head, ids: Ids, out: Float64Array, collect: boolean): { used: number; words: number } {
  const K = h.labels.length;
  const { logs, has } = h;
  const isWord = h.vocab.isWord;
  for (let k = 0; k < K; k++) out[k] = h.logPrior[k]!;
  let used = 0;
  let words = 0;
  if (collect) {
    found = 0;
    if (foundIds.length < ids.n) foundIds = new Int32Array(ids.ids.length);
  }
  for (let i = 0; i < ids.n; i++) {
    const id = ids.ids[i]!;
    if (id >= has.length || !has[id]) continue;
    used++;
    words += isWord[id]!;
    const row = K * id;
    for (let k = 0; k < K; k++) out[k] = out[k]! + logs[row + k]!;
    if (collect) foundIds[found++] = id;
  }
  for (let k = 0; k < K; k++) out[k] = out[k]! - used * h.logDen[k]!;
  return { used, words };
}

/** rawIds for features by name (training reads them so). */
export function rawScores(
  h: Head,
  features: readonly string[],
  out: Float64Array,
  collect = false,
): { used: number; words: number } {
  return rawIds(h, idsOf(h.vocab, features, scratch), out, collect);
}

/** Softmax of scores / T, in place. */
export function softmax(s: Float64Array, T: number): Float64Array {
  let max = -Infinity;
  for (const v of s) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < s.length; k++) sum += s[k] = Math.exp((s[k]! - max) / T);
  for (let k = 0; k < s.length; k++) s[k]! /= sum;
  return s;
}

/**
 * Up to `n` of the features rawScores just found that favour label a over label b the most; a
 * feature inside a longer one shown is left out.
 */
function deciding(h: Head, a: number, b: number, onlyPrior: boolean, n = 3): string[] {
  const K = h.labels.length;
  const { logs } = h;
  const names = h.vocab.names;
  // The best few by weight, kept sorted by insertion (ties by name): a text has a hundred features,
  // we show three.
  const keep = 3 * n;
  if (bestId.length < keep) [bestId, bestD] = [new Int32Array(keep), new Float64Array(keep)];
  let kept = 0;
  const shift = h.logDen[b]! - h.logDen[a]!;
  for (let i = 0; i < found; i++) {
    const id = foundIds[i]!;
    const d = logs[K * id + a]! - logs[K * id + b]! + shift;
    if (d <= 0 || (kept === keep && d <= bestD[keep - 1]!)) continue;
    const f = names[id]!;
    if ((onlyPrior && !h.prior.get(f)?.[a]) || f.startsWith('c:')) continue;
    let j = kept < keep ? kept : keep - 1;
    while (j > 0 && (bestD[j - 1]! < d || (bestD[j - 1] === d && names[bestId[j - 1]!]! > f))) j--;
    // Make room at j; when full, the last falls off.
    for (let x = kept < keep ? kept : keep - 1; x > j; x--) {
      bestD[x] = bestD[x - 1]!;
      bestId[x] = bestId[x - 1]!;
    }
    bestD[j] = d;
    bestId[j] = id;
    if (kept < keep) kept++;
  }
  const out: string[] = [];
  for (let r = 0; r < kept; r++) {
    const w = shown(names[bestId[r]!]!);
    if (out.some((o) => o.includes(w))) continue;
    for (let i = out.length - 1; i >= 0; i--) if (w.includes(out[i]!)) out.splice(i, 1);
    out.push(w);
    if (out.length === n) break;
  }
  return out;
}

/** Score features with one head: calibrated confidences, best first, and the words behind the best. */
export function scoreHead(h: Head, features: readonly string[], onlyPrior: boolean): Scored {
  return scoreIds(h, idsOf(h.vocab, features, scratch), onlyPrior);
}

// Two score arrays per number of labels, reused: a typed array is slow to make, and scoring
// returns none of them.
const scoreArrays: [Float64Array, Float64Array][] = [];
const scoresFor = (K: number) => (scoreArrays[K] ??= [new Float64Array(K), new Float64Array(K)]);
const byConfidence = (x: Scored['ranked'][number], y: Scored['ranked'][number]) =>
  y.confidence - x.confidence || x.index - y.index;

/** scoreHead for features by id (`h`'s vocabulary's). */
export function scoreIds(h: Head, ids: Ids, onlyPrior: boolean): Scored {
  const [s, words] = scoresFor(h.labels.length);
  let evidence = 0;
  let p: Float64Array | null = null;
  if (h.words && h.learned > 0) {
    p = words;
    evidence = rawIds(h.words, ids, p, false).words;
    softmax(p, h.words.temperature);
  }
  evidence = Math.max(evidence, rawIds(h, ids, s, true).words);
  softmax(s, h.temperature);
  if (p) {
    const w = h.learned / (h.learned + MIN_FIT);
    for (let k = 0; k < s.length; k++) s[k] = w * s[k]! + (1 - w) * p[k]!;
  }
  const ranked: Scored['ranked'] = [];
  for (let k = 0; k < s.length; k++) ranked.push({ index: k, confidence: s[k]! });
  ranked.sort(byConfidence);
  return {
    ranked,
    evidence,
    words: evidence > 0 && ranked.length > 1 ? deciding(h, ranked[0]!.index, ranked[1]!.index, onlyPrior) : [],
  };
}

/** The class head's reading of a ticket's text. */
export function classifyText(c: Classifier, text: string): Scored {
  return scoreIds(c.classes, textIds(c, text), c.classes.learned === 0);
}
