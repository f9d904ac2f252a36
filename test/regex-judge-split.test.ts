// rules/regex-check.ts without its judge, as the service worker and the content script load it.
//
// The unit tests' setup file imports rules/regex-judge.ts, which installs the checker into the
// regex-check module of this file's module graph, and there is (on purpose) no way to take it out.
// `vi.resetModules()` empties the registry, so a dynamic import afterwards evaluates regex-check
// anew, with no judge: exactly what a context that never imports regex-judge.ts gets. The static
// import below is the judged instance, used as the offscreen checker would be.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { knownVerdicts as judgedVerdicts, MAX_PATTERN_LENGTH, NOT_CHECKED, patternProblem as judged } from '@/rules/regex-check';

type Check = typeof import('@/rules/regex-check');
let check: Check;
beforeEach(async () => {
  vi.resetModules();
  check = await import('@/rules/regex-check');
});

/** The verdicts an offscreen judge would answer for these patterns (as utils/judge/judge.worker.ts does). */
const judgeElsewhere = (patterns: [string, string][]) => {
  for (const [source, flags] of patterns) judged(source, flags);
  const all = judgedVerdicts();
  return Object.fromEntries(patterns.map(([s, f]) => [`${f}/${s}`, all[`${f}/${s}`]!]));
};

describe('regex-check without a judge', () => {
  it('is a fresh instance, without the judge the setup file installed', () => {
    expect(check.patternProblem).not.toBe(judged);
    expect(check.knownVerdicts()).toEqual({});
    expect(judged('\\d+', '')).toBeNull(); // the setup file's instance judges
  });

  it.each<[string, string, string]>([
    ['a safe pattern', '\\d{3}', ''],
    ['an evil pattern', '^(a+)+$', ''],
    ['a pattern with flags', '投诉.{0,20}工信部', 'iu'],
    ['a pattern that does not compile', '(', ''],
  ])('refuses %s as not yet checked, and lists it for a judge', (_, source, flags) => {
    expect(check.patternProblem(source, flags)).toBe(NOT_CHECKED);
    expect(check.patternProblem(source, flags)).toBe(NOT_CHECKED);
    expect(check.uncheckedPatterns()).toEqual([[source, flags]]);
    expect(check.knownVerdicts()).toEqual({});
  });

  it('refuses too long a pattern outright, without listing it', () => {
    const long = 'a'.repeat(MAX_PATTERN_LENGTH + 1);
    expect(check.patternProblem(long, '')).toBe(`regular expression longer than ${MAX_PATTERN_LENGTH} characters`);
    expect(check.uncheckedPatterns()).toEqual([]);
  });

  it('lists a pattern once per flags', () => {
    check.patternProblem('a', '');
    check.patternProblem('a', 'iu');
    check.patternProblem('a', '');
    expect(check.uncheckedPatterns()).toEqual([
      ['a', ''],
      ['a', 'iu'],
    ]);
  });

  it('takes verdicts reached elsewhere: a judged pattern has its verdict, and is no longer listed', () => {
    const patterns: [string, string][] = [
      ['\\d{3}-\\d{4}', ''],
      ['^(a+)+$', ''],
      ['(退费|退款)', 'iu'],
    ];
    for (const [s, f] of patterns) check.patternProblem(s, f);
    check.patternProblem('still-unjudged', '');
    const verdicts = judgeElsewhere(patterns.slice(0, 2));
    check.rememberVerdicts(verdicts);
    expect(check.patternProblem('\\d{3}-\\d{4}', '')).toBeNull();
    expect(check.patternProblem('^(a+)+$', '')).toMatch(/^catastrophic backtracking/);
    expect(check.patternProblem('(退费|退款)', 'iu')).toBe(NOT_CHECKED);
    // Only the patterns still without a verdict wait for a judge: no offscreen document for the rest.
    expect(check.uncheckedPatterns()).toEqual([
      ['(退费|退款)', 'iu'],
      ['still-unjudged', ''],
    ]);
    expect(check.knownVerdicts()).toEqual(verdicts);
  });

  it('no longer lists a pattern once its verdict is known, even before it is asked for again', () => {
    check.patternProblem('\\w+@\\w+', '');
    check.rememberVerdicts(judgeElsewhere([['\\w+@\\w+', '']]));
    expect(check.uncheckedPatterns()).toEqual([]);
  });

  it('keeps a verdict it has over one it is told', () => {
    check.rememberVerdicts({ '/x': null });
    check.rememberVerdicts({ '/x': 'refused' });
    expect(check.patternProblem('x', '')).toBeNull();
  });

  it('judges once a judge is installed, and lists nothing more', () => {
    check.patternProblem('\\d+', '');
    check.patternProblem('b+', '');
    const seen: string[] = [];
    check.useJudge((source, flags) => (seen.push(`${flags}/${source}`), source === 'b+' ? 'no' : null));
    expect(check.patternProblem('\\d+', '')).toBeNull();
    expect(check.uncheckedPatterns()).toEqual([['b+', '']]);
    expect(check.patternProblem('b+', '')).toBe('no');
    expect(check.patternProblem('b+', '')).toBe('no');
    expect(seen).toEqual(['/\\d+', '/b+']);
    expect(check.uncheckedPatterns()).toEqual([]);
  });
});
