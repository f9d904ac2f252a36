import { isDigit, isHan, isLetter } from './features';

// Every feature a compiled classifier knows has a number, shared by its heads, so that scoring reads
// flat arrays by id rather than looking strings up in a Map per head. A ticket's character features
// are found by their UTF-16 codes, without making a string for each: most are single characters and
// pairs, a hundred or more per ticket, and making and hashing them was most of the time a ticket took.

/**
 * A unit of the character features (see charFeatures): a Han character is its code, a digit run is
 * DIGIT, a run of Latin letters LETTERS + its number; NONE stands for "no second unit".
 */
const NONE = 0;
const DIGIT = 0x30; // "0", below every Han code
const LETTERS = 0x10000; // above every UTF-16 code

export interface Vocab {
  ids: Map<string, number>;
  names: string[];
  /** Per id: 1 for a word (two characters or more), which counts as evidence where one character says little. */
  isWord: Uint8Array;
  /** The character features by their two units, open-addressed: slot i holds units a, b and id + 1 (0: empty). */
  slotA: Int32Array;
  slotB: Int32Array;
  slotId: Int32Array;
  filled: number;
  /** Letter runs in the features (rare in Chinese tickets), by their unit number. */
  letters: Map<string, number>;
  /** Per id: the text it was last found in, so a text counts a feature once without a Set. */
  seen: Int32Array;
  text: number;
  /**
   * The features the classifier last listed (Classifier.features), each one's id (-1: unknown), and
   * the vocabulary's size then: the engine scores that list with the class head, then the list and
   * the ticket's class with the line head, and neither need look its features up by name.
   */
  listed: { names: readonly string[]; ids: Int32Array; size: number };
}

/** Feature ids found in one text, in order: the caller's scratch, grown as needed. */
export interface Ids {
  ids: Int32Array;
  n: number;
}

export function newVocab(): Vocab {
  const slots = 1024;
  return {
    ids: new Map(),
    names: [],
    isWord: new Uint8Array(256),
    slotA: new Int32Array(slots),
    slotB: new Int32Array(slots),
    slotId: new Int32Array(slots),
    filled: 0,
    letters: new Map(),
    seen: new Int32Array(256),
    text: 0,
    listed: { names: [], ids: new Int32Array(256), size: 0 },
  };
}

/** A longer copy of `a` (typed arrays do not grow): at least `n` long, doubling so growth stays linear. */
export function grown<T extends Uint8Array | Int32Array | Float64Array>(a: T, n: number): T {
  if (n <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}

const slotOf = (a: number, b: number, mask: number) => {
  const h = Math.imul(a ^ Math.imul(b, 0x85ebca6b), 0x9e3779b1);
  return (h ^ (h >>> 15)) & mask;
};

/** The id of the character feature made of units a and b, or -1. */
function charId(v: Vocab, a: number, b: number): number {
  const mask = v.slotId.length - 1;
  for (let i = slotOf(a, b, mask); ; i = (i + 1) & mask) {
    const id = v.slotId[i]!;
    if (id === 0) return -1;
    if (v.slotA[i] === a && v.slotB[i] === b) return id - 1;
  }
}

function putCharId(v: Vocab, a: number, b: number, id: number) {
  if (2 * (v.filled + 1) > v.slotId.length) {
    // Rehash at half full, so probes stay short.
    const { slotA, slotB, slotId } = v;
    v.slotA = new Int32Array(2 * slotId.length);
    v.slotB = new Int32Array(2 * slotId.length);
    v.slotId = new Int32Array(2 * slotId.length);
    for (let i = 0; i < slotId.length; i++) if (slotId[i]) place(v, slotA[i]!, slotB[i]!, slotId[i]!);
  }
  place(v, a, b, id + 1);
  v.filled++;
}

function place(v: Vocab, a: number, b: number, slot: number) {
  const mask = v.slotId.length - 1;
  let i = slotOf(a, b, mask);
  while (v.slotId[i]) i = (i + 1) & mask;
  v.slotA[i] = a;
  v.slotB[i] = b;
  v.slotId[i] = slot;
}

/** Where the unit starting at s[i] ends, as charFeatures reads units (a digit run is "0"); -1 if none starts there. */
function unitEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (isHan(c) || c === DIGIT) return i + 1;
  if (!isLetter(c)) return -1;
  let j = i + 1;
  while (j < s.length && isLetter(s.charCodeAt(j))) j++;
  return j;
}

function unitCode(v: Vocab, s: string, i: number, end: number): number {
  const c = s.charCodeAt(i);
  if (!isLetter(c)) return c; // a Han character, or DIGIT
  const run = s.slice(i, end);
  let u = v.letters.get(run);
  if (u === undefined) v.letters.set(run, (u = LETTERS + v.letters.size));
  return u;
}

/** The units of a feature that is one character unit or a pair of them, else null. */
function unitsOf(v: Vocab, f: string): [number, number] | null {
  const a = unitEnd(f, 0);
  if (a < 0) return null;
  if (a === f.length) return [unitCode(v, f, 0, a), NONE];
  const b = unitEnd(f, a);
  return b === f.length ? [unitCode(v, f, 0, a), unitCode(v, f, a, b)] : null;
}

/** The id of a feature, numbered now if new. */
export function intern(v: Vocab, f: string): number {
  let id = v.ids.get(f);
  if (id !== undefined) return id;
  id = v.names.length;
  v.ids.set(f, id);
  v.names.push(f);
  v.isWord = grown(v.isWord, id + 1);
  v.seen = grown(v.seen, id + 1);
  v.isWord[id] = f.length > 1 ? 1 : 0;
  const units = unitsOf(v, f);
  if (units) putCharId(v, units[0], units[1], id);
  return id;
}

/**
 * Where a text's features go as they are found: their ids (`ids`), and, when `names` is given, every
 * feature by name as featuresFor lists them, with `ids` then holding each one's id (-1: unknown).
 * Without names, only the known features are kept: what scoring needs, making no string.
 */
export interface Found extends Ids {
  names: string[] | null;
  /** The unknown features named so far: a text counts a feature once, and these have no id to stamp. */
  unknown: Set<string>;
}

/** Start a new text: ids found from now on are new to it. */
export function startText(v: Vocab, out: Found) {
  if (v.text === 0x7fffffff) {
    v.seen.fill(0);
    v.text = 0;
  }
  v.text++;
  out.n = 0;
  if (out.names) out.unknown = new Set(); // a new one: a cleared Set is slow to fill again
}

export function push(out: Ids, id: number) {
  if (out.n === out.ids.length) out.ids = grown(out.ids, out.n + 1);
  out.ids[out.n++] = id;
}

/** A feature found in the text by name (a pack word): counted once, as featuresFor counts it. */
export function foundName(v: Vocab, out: Found, f: string) {
  const id = v.ids.get(f);
  if (id !== undefined) foundId(v, out, id);
  else if (out.names) foundUnknown(out, out.names, f);
}

function foundId(v: Vocab, out: Found, id: number) {
  if (v.seen[id] === v.text) return;
  v.seen[id] = v.text;
  out.names?.push(v.names[id]!); // the vocabulary's own string: a Map finds it at once
  push(out, id);
}

function foundUnknown(out: Found, names: string[], f: string) {
  const size = out.unknown.size;
  if (out.unknown.add(f).size === size) return;
  names.push(f);
  push(out, -1);
}

/**
 * charFeatures, read from the codes of `t` (lower-cased) into `out`: the same units, each feature's
 * id found by them, and a name made only for an unknown feature when names are wanted.
 */
export function addCharFeatures(v: Vocab, t: string, out: Found) {
  let prev = -2; // the previous unit (-1: a letter run the vocabulary lacks), -2 after a break
  let prevName = '';
  for (let i = 0; i < t.length;) {
    const c = t.charCodeAt(i);
    const start = i;
    let unit: number;
    if (isHan(c)) {
      unit = c;
      i++;
    } else if (isDigit(c)) {
      while (++i < t.length && isDigit(t.charCodeAt(i)));
      unit = DIGIT;
    } else if (isLetter(c)) {
      while (++i < t.length && isLetter(t.charCodeAt(i)));
      unit = v.letters.get(t.slice(start, i)) ?? -1;
    } else {
      i++;
      prev = -2;
      continue;
    }
    // A name only when names are wanted: the scoring path makes none.
    const name = out.names === null ? '' : unit === DIGIT ? '0' : t.slice(start, i);
    const one = unit >= 0 ? charId(v, unit, NONE) : -1;
    if (one >= 0) foundId(v, out, one);
    else if (out.names) foundUnknown(out, out.names, name);
    if (prev !== -2) {
      const two = prev >= 0 && unit >= 0 ? charId(v, prev, unit) : -1;
      if (two >= 0) foundId(v, out, two);
      else if (out.names) foundUnknown(out, out.names, prevName + name);
    }
    prev = unit;
    prevName = name;
  }
}
