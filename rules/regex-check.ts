// Refusing, at load, regular expressions that can backtrack catastrophically (ReDoS). A site
// adapter with `^(a+)+$` once froze the CRM page for 8 s on a 31-character title, and a pack
// condition with it hung the CLI; both are data written by people, so both are checked here.
//
// The checker is recheck (npm `recheck`, MIT), not safe-regex2. On the tables of
// test/regex-check.test.ts (22 known-evil patterns: exponential, polynomial, and bounded ones that
// blow up in practice; 16 known-safe):
// - recheck's automaton checker, as used here (below: also on the counts read as unbounded),
//   refused 22/22 evil and 0/16 safe. It decides on the expression's automaton, so it is precise
//   rather than a rule of thumb: it sees the polynomial `\s*#?\s*$` (290 s in V8 on 10,001
//   characters) and passes bounded `a{1,30}b`; 1–1,500 ms a pattern, results cached;
// - safe-regex2 (star height ≤ 1, ≤ 25 repetitions) refused 13/22 evil: it passed `(a|a)*b`,
//   `(a|aa)+$`, `^(\d|\d\d)+$`, `(ab|a|b)*c` (exponential) and 5 polynomial ones; and it refused
//   6/16 safe, among them the shipped adapter's own `\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?`.
// safe-regex2 is tiny (88 kB with `ret`) where recheck's pure-JS build is 2.9 MB (700 kB gzipped),
// but a checker that lets through an evil pattern from the issue's own list is no gate. Both are
// synchronous. recheck's Node entry (`recheck`) runs checkSync through a native binary or Java in
// a synckit worker; its `lib/browser.js` build (the one imported here) is the same checker
// compiled to plain JavaScript, synchronous in the calling thread, so it runs in Node, Vitest
// and an extension page alike (the options page can validate adapters with it). Only the schema
// validators import this file; the content script and the engine never carry it.
import recheck from 'recheck/lib/browser.js';

/** Longer patterns are refused outright: nothing an adapter or a pack needs is that long, and checking cost grows with size. */
export const MAX_PATTERN_LENGTH = 500;
/** The largest count a `{n}` / `{n,m}` repetition may name (see countsUnbounded). */
export const MAX_REPEAT_COUNT = 1_000;
/**
 * The checker's own time limit per pattern, a safety net only: the patterns it settles take
 * 1–1,500 ms, and a pattern it cannot settle in time is refused. Generous, so that a loaded machine
 * (ten CLIs starting at once on two cores) does not turn a shipped pattern into a refusal.
 */
const CHECK_TIMEOUT_MS = 10_000;

const verdicts = new Map<string, string | null>();

/**
 * Why `source` (with `flags`, as it will run) may not be used as a pattern from data, or null
 * when it is fine: it must compile and be proved free of catastrophic backtracking.
 * Synchronous, so Zod refinements can call it.
 */
export function patternProblem(source: string, flags: string): string | null {
  const key = `${flags}/${source}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    verdict = judge(source, flags);
    verdicts.set(key, verdict);
  }
  return verdict;
}

const ADVICE = 'avoid nested or overlapping repetition such as (a+)+, (a|a)* or (a{1,20}){1,20}, and anchor a leading repetition with ^';

function judge(source: string, flags: string): string | null {
  if (source.length > MAX_PATTERN_LENGTH) return `regular expression longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(source, flags);
  } catch (e) {
    return `invalid regular expression: ${(e as Error).message}`;
  }
  const unbounded = countsUnbounded(source);
  if (unbounded === null) return `a repetition count above ${MAX_REPEAT_COUNT}`;
  // 1. As written: any super-linear growth in the text's length is refused.
  const asWritten = check(source, flags);
  if (typeof asWritten === 'string') return asWritten;
  if (asWritten.status === 'vulnerable') return describe(asWritten);
  // 2. Counted repetitions read as unbounded. The automaton judges growth in the text's length, so
  // it calls `(a{1,20}){1,20}b` safe (its blow-up stops at 400 characters), yet V8 spends 84 s on
  // 30 a's. Read as `(a+)+b` it is exponential, and refused; a quadratic reading is allowed, as its
  // inner scans are bounded by the counts (≤ 1,000), and the text by MAX_MATCH_INPUT.
  if (unbounded !== source) {
    const loose = check(unbounded, flags);
    if (typeof loose === 'string') return loose;
    if (loose.status === 'vulnerable' && (loose.complexity.type === 'exponential' || loose.complexity.degree > 2))
      return `${describe(loose)} (its counted repetitions bound this only in theory)`;
  }
  return null;
}

type Verdict = Exclude<ReturnType<typeof recheck.checkSync>, { status: 'unknown' }>;

/** recheck's verdict, or why it gave none. */
function check(source: string, flags: string): Verdict | string {
  let d: ReturnType<typeof recheck.checkSync>;
  try {
    // The automaton checker decides exactly, and deterministically, for what it supports; the
    // default `auto` switches to fuzzing for large counts, whose verdicts depend on time limits.
    d = recheck.checkSync(source, flags, { checker: 'automaton', timeout: CHECK_TIMEOUT_MS });
  } catch (e) {
    return `regular expression could not be checked for catastrophic backtracking: ${(e as Error).message}`;
  }
  if (d.status !== 'unknown') return d;
  // A construct the automaton cannot model (look-ahead, back-reference), or the safety-net timeout.
  const why = d.error.kind === 'timeout' ? `no answer within ${CHECK_TIMEOUT_MS / 1000} s` : d.error.kind === 'unsupported' ? `${d.error.message} is not supported` : d.error.kind;
  return `regular expression cannot be proved free of catastrophic backtracking (${why}); simplify it`;
}

function describe(d: Verdict & { status: 'vulnerable' }): string {
  const time = d.complexity.type === 'exponential' ? 'exponential' : `polynomial (degree ${d.complexity.degree})`;
  const attack = d.attack.string.length > 40 ? `${d.attack.string.slice(0, 40)}…` : d.attack.string;
  return `catastrophic backtracking: matching can take ${time} time in the text's length (e.g. on ${JSON.stringify(attack)}); ${ADVICE}`;
}

/**
 * `source` with every counted repetition (`{n}`, `{n,m}`) made unbounded (`{n,}`), or null when a
 * count exceeds MAX_REPEAT_COUNT. Escapes (`\{`, `\p{L}`, `\u{…}`) and character classes are skipped.
 */
export function countsUnbounded(source: string): string | null {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      let end = i + 2;
      if ('upPk'.includes(next) && source[i + 2] === (next === 'k' ? '<' : '{')) {
        const close = source.indexOf(next === 'k' ? '>' : '}', i + 2);
        if (close > 0) end = close + 1;
      }
      out += source.slice(i, end);
      i = end - 1;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      continue;
    }
    const m = ch === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i)) : null;
    if (!m) {
      out += ch;
      continue;
    }
    const min = Number(m[1]), max = m[3] ? Number(m[3]) : m[2] ? Infinity : min;
    if (min > MAX_REPEAT_COUNT || (max !== Infinity && max > MAX_REPEAT_COUNT)) return null;
    out += max > 1 ? `{${min},}` : m[0];
    i += m[0].length - 1;
  }
  return out;
}
