// rules/regex-check.ts without its judge, as the service worker and the content script load it.
//
// The unit tests' setup file imports rules/regex-judge.ts, which installs the checker into the
// regex-check module of this file's module graph, and there is (on purpose) no way to take it out.
// `vi.resetModules()` empties the registry, so a dynamic import afterwards evaluates regex-check
// anew, with no judge: exactly what a context that never imports regex-judge.ts gets. The static
// import below is the judged instance, used as the offscreen checker would be.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  knownVerdicts as judgedVerdicts,
  MAX_PATTERN_LENGTH,
  NOT_CHECKED,
  patternProblem as judged,
} from '@/rules/regex-check';

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

describe('judgeUnchecked (utils/background/judge.ts), in a worker without the checker', () => {
  /** The offscreen API as Chrome has it: one document at most, and a message needs it open. */
  function chromeOffscreen() {
    const log: string[] = [];
    let open = false;
    const browser = {
      offscreen: {
        Reason: { WORKERS: 'WORKERS' },
        hasDocument: async () => open,
        createDocument: async () => {
          if (open) throw new Error('Only a single offscreen document may be created.');
          open = true;
          log.push('create');
        },
        closeDocument: async () => {
          if (!open) throw new Error('No current offscreen document.');
          open = false;
          log.push('close');
        },
      },
      runtime: {
        sendMessage: async (msg: { patterns: [string, string][] }) => {
          if (!open) throw new Error('Could not establish connection. Receiving end does not exist.');
          log.push(`judge ${msg.patterns.map(([s]) => s).join(' ')}`);
          await new Promise((r) => setTimeout(r, 20)); // the worker takes its time
          return { verdicts: judgeElsewhere(msg.patterns) };
        },
      },
    };
    return {
      browser: browser as unknown as Parameters<typeof import('@/utils/background/judge').judgeUnchecked>[0],
      log,
    };
  }

  it('judges the unchecked patterns once, in one document, and says whether it did', async () => {
    const { judgeUnchecked } = await import('@/utils/background/judge');
    const { browser, log } = chromeOffscreen();
    expect(await judgeUnchecked(browser)).toBe(false); // nothing to judge: no document
    expect(log).toEqual([]);
    check.patternProblem('\\d{6}', '');
    expect(await judgeUnchecked(browser)).toBe(true);
    expect(check.patternProblem('\\d{6}', '')).toBeNull();
    expect(await judgeUnchecked(browser)).toBe(false);
    expect(log).toEqual(['create', 'judge \\d{6}', 'close']);
  });

  it('judges one request at a time: a second never meets, nor closes, the first one’s document', async () => {
    const { judgeUnchecked } = await import('@/utils/background/judge');
    const { browser, log } = chromeOffscreen();
    check.patternProblem('[a-z]{2}\\d', '');
    const first = judgeUnchecked(browser);
    const again = judgeUnchecked(browser); // e.g. the options page's try-read while the catalog settles
    await new Promise((r) => setTimeout(r, 5));
    check.patternProblem('x\\d+y', ''); // a pattern met while the first is being judged
    const third = judgeUnchecked(browser);
    // Each waits for the one before, then judges what is still unchecked at its turn.
    expect(await Promise.all([first, again, third])).toEqual([true, true, false]);
    expect(log).toEqual(['create', 'judge [a-z]{2}\\d', 'close', 'create', 'judge x\\d+y', 'close']);
    expect(check.uncheckedPatterns()).toEqual([]);
  });

  it('a failed judging does not stop the next one', async () => {
    const { judgeUnchecked } = await import('@/utils/background/judge');
    const { browser, log } = chromeOffscreen();
    const send = browser.runtime.sendMessage;
    let fail = true;
    (browser.runtime as { sendMessage: unknown }).sendMessage = (msg: never) =>
      fail ? ((fail = false), Promise.reject(new Error('worker crashed'))) : send(msg);
    check.patternProblem('q+', '');
    await expect(judgeUnchecked(browser)).rejects.toThrow('worker crashed');
    expect(await judgeUnchecked(browser)).toBe(true);
    expect(log).toEqual(['create', 'close', 'create', 'judge q+', 'close']);
  });
});
