import { shown, textFeatures } from './features';
import { MIN_FIT, type Classifier, type Head } from './compile';

export interface Scored {
  /** Labels by confidence, highest first, with their calibrated probabilities. */
  ranked: { index: number; confidence: number }[];
  /** How many of the text's words (features of two characters or more) the head knows: 0 means no evidence. */
  evidence: number;
  /** The features that weighed most for the first label against the second, as the agent reads them. */
  words: string[];
}

/**
 * Raw log-scores (prior plus every known feature) into `out`; returns how many features were known,
 * and how many of those were words rather than single characters, which alone say little (机 is in
 * 手机 and 拆机).
 */
export function rawScores(h: Head, features: readonly string[], out: Float64Array): { used: number; words: number } {
  const K = h.labels.length;
  for (let k = 0; k < K; k++) out[k] = h.logPrior[k]!;
  let used = 0;
  let words = 0;
  for (const f of features) {
    const row = h.rows.get(f);
    if (!row) continue;
    used++;
    if (f.length > 1) words++;
    for (let k = 0; k < K; k++) out[k] = out[k]! + row[K + k]!;
  }
  for (let k = 0; k < K; k++) out[k] = out[k]! - used * h.logDen[k]!;
  return { used, words };
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

/** Up to `n` features that favour label a over label b the most; a feature inside a longer one shown is left out. */
function deciding(h: Head, features: readonly string[], a: number, b: number, onlyPrior: boolean, n = 3): string[] {
  const K = h.labels.length;
  // The best few by weight, kept sorted by insertion: a text has a hundred features, we show three.
  const keep = 3 * n;
  const best: { f: string; d: number }[] = [];
  for (const f of features) {
    const row = h.rows.get(f);
    if (!row || (onlyPrior && !h.prior.get(f)?.[a]) || f.startsWith('c:')) continue;
    const d = row[K + a]! - h.logDen[a]! - (row[K + b]! - h.logDen[b]!);
    if (d <= 0 || (best.length === keep && d <= best[keep - 1]!.d)) continue;
    let i = best.length < keep ? best.length : keep - 1;
    while (i > 0 && (best[i - 1]!.d < d || (best[i - 1]!.d === d && best[i - 1]!.f > f))) i--;
    best.splice(i, 0, { f, d });
    if (best.length > keep) best.pop();
  }
  const out: string[] = [];
  for (const { f } of best) {
    const w = shown(f);
    if (out.some((o) => o.includes(w))) continue;
    for (let i = out.length - 1; i >= 0; i--) if (w.includes(out[i]!)) out.splice(i, 1);
    out.push(w);
    if (out.length === n) break;
  }
  return out;
}

/** Score features with one head: calibrated confidences, best first, and the words behind the best. */
export function scoreHead(h: Head, features: readonly string[], onlyPrior: boolean): Scored {
  const s = new Float64Array(h.labels.length);
  let evidence = rawScores(h, features, s).words;
  softmax(s, h.temperature);
  if (h.words && h.learned > 0) {
    const w = h.learned / (h.learned + MIN_FIT);
    const p = new Float64Array(s.length);
    evidence = Math.max(evidence, rawScores(h.words, features, p).words);
    softmax(p, h.words.temperature);
    for (let k = 0; k < s.length; k++) s[k] = w * s[k]! + (1 - w) * p[k]!;
  }
  const ranked = Array.from(s, (confidence, index) => ({ index, confidence })).sort((x, y) => y.confidence - x.confidence || x.index - y.index);
  const words = evidence > 0 && ranked.length > 1 ? deciding(h, features, ranked[0]!.index, ranked[1]!.index, onlyPrior) : [];
  return { ranked, evidence, words };
}

/** The class head's reading of a ticket's text. */
export function classifyText(c: Classifier, text: string): Scored {
  return scoreHead(c.classes, c.features(text), c.classes.learned === 0);
}
