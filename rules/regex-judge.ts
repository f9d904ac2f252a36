// The ReDoS checker (recheck's pure-JS build) behind rules/regex-check.ts: importing this file
// installs it. See regex-check.ts for why it is apart.
import recheck from 'recheck/lib/browser.js';
import { MAX_PATTERN_LENGTH, useJudge } from './regex-check';

/** The largest count a `{n}` / `{n,m}` repetition may name (see countsUnbounded). */
export const MAX_REPEAT_COUNT = 1_000;
/**
 * The checker's own time limit per pattern, a safety net only: the patterns it settles take
 * 1–1,500 ms, and a pattern it cannot settle in time is refused. Generous, so that a loaded machine
 * (ten CLIs starting at once on two cores) does not turn a shipped pattern into a refusal.
 */
const CHECK_TIMEOUT_MS = 10_000;

const ADVICE =
  'avoid nested or overlapping repetition such as (a+)+, (a|a)* or (a{1,20}){1,20}, and anchor a leading repetition with ^';

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
  const why =
    d.error.kind === 'timeout'
      ? `no answer within ${CHECK_TIMEOUT_MS / 1000} s`
      : d.error.kind === 'unsupported'
        ? `${d.error.message} is not supported`
        : d.error.kind;
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
    const min = Number(m[1]),
      max = m[3] ? Number(m[3]) : m[2] ? Infinity : min;
    if (min > MAX_REPEAT_COUNT || (max !== Infinity && max > MAX_REPEAT_COUNT)) return null;
    out += max > 1 ? `{${min},}` : m[0];
    i += m[0].length - 1;
  }
  return out;
}

useJudge(judge);
