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
// and an extension page alike.
//
// That build is 2.9 MB: a service worker that loads it takes seconds to wake on a busy machine,
// and the content script must stay small. So this file holds only the verdicts; the checker itself
// is rules/regex-judge.ts, which whoever may judge imports (the CLI, the tests, the options page
// and its worker, the background's offscreen checker). Where no judge is loaded, a pattern without
// a verdict is refused as not yet checked, and `uncheckedPatterns` lists it for a judge to settle.

/** Longer patterns are refused outright: nothing an adapter or a pack needs is that long, and checking cost grows with size. */
export const MAX_PATTERN_LENGTH = 500;
const verdicts = new Map<string, string | null>();

/** Every verdict reached so far, by flags and pattern: a service worker keeps them across its restarts. */
export const knownVerdicts = (): Record<string, string | null> => Object.fromEntries(verdicts);

/** Take verdicts reached elsewhere (by `knownVerdicts`); a key already judged keeps its own. */
export function rememberVerdicts(known: Record<string, string | null>): void {
  for (const [k, v] of Object.entries(known)) {
    if (!verdicts.has(k)) verdicts.set(k, v);
    unchecked.delete(k); // judged now: no judge needs to see it again
  }
}

export const NOT_CHECKED = 'regular expression not yet checked for catastrophic backtracking';
type Judge = (source: string, flags: string) => string | null;
let judge: Judge | null = null;
/** By the verdict's key: [source, flags]. */
const unchecked = new Map<string, [string, string]>();

/** Install the checker (rules/regex-judge.ts does, on import). */
export function useJudge(j: Judge): void {
  judge = j;
}

/** Patterns refused only because no judge was loaded here, as [source, flags]. */
export const uncheckedPatterns = (): [string, string][] => [...unchecked.values()].map(([s, f]) => [s, f]);

/**
 * Why `source` (with `flags`, as it will run) may not be used as a pattern from data, or null
 * when it is fine: it must compile and be proved free of catastrophic backtracking.
 * Synchronous, so Zod refinements can call it.
 */
export function patternProblem(source: string, flags: string): string | null {
  const key = `${flags}/${source}`;
  let verdict = verdicts.get(key);
  if (verdict !== undefined) return verdict;
  if (source.length > MAX_PATTERN_LENGTH) return `regular expression longer than ${MAX_PATTERN_LENGTH} characters`;
  if (!judge) {
    unchecked.set(key, [source, flags]);
    return NOT_CHECKED;
  }
  verdict = judge(source, flags);
  verdicts.set(key, verdict);
  unchecked.delete(key);
  return verdict;
}
