// Where the background has a run-time pattern judged (utils/background/judge.ts): Chrome's service
// worker cannot start a worker, so an offscreen document does; Firefox has no offscreen API, but
// its background is an event page, which starts the worker itself.
//
// As in test/regex-judge-split.test.ts, `vi.resetModules()` gives a regex-check without the judge
// (as the background loads it); the static import is the judged instance, which the fake worker
// and the fake offscreen document use as utils/judge/judge.worker.ts does.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { browser as wxtBrowser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { knownVerdicts as judgedVerdicts, NOT_CHECKED, patternProblem as judged } from '@/rules/regex-check';
import type { JudgeRequest } from '@/utils/judge/judge.worker';
import { JudgePatternsSchema } from '@/utils/judge/messages';

type Browser = typeof wxtBrowser;
type Check = typeof import('@/rules/regex-check');
type Judge = typeof import('@/utils/background/judge');

const EVIL = '^(a+)+$';
const SAFE = '\\d{3}';

/** What judge.worker.ts answers: every verdict its checker knows, these patterns' among them. */
const workerAnswer = (patterns: JudgeRequest) => {
  for (const [s, f] of patterns) judged(s, f);
  return judgedVerdicts();
};

/** A worker as the event page has it: it judges what it is sent, or fails to load. */
function fakeWorker(fail = false) {
  const made: { url: string; requests: unknown[]; terminated: boolean }[] = [];
  class FakeWorker {
    onmessage: ((e: { data: unknown }) => void) | null = null;
    onerror: (() => void) | null = null;
    private readonly me: (typeof made)[number];
    constructor(url: URL) {
      this.me = { url: String(url), requests: [], terminated: false };
      made.push(this.me);
    }
    postMessage(data: JudgeRequest) {
      this.me.requests.push(data);
      setTimeout(() => (fail ? this.onerror?.() : this.onmessage?.({ data: workerAnswer(data) })));
    }
    terminate() {
      this.me.terminated = true;
    }
  }
  return { FakeWorker, made };
}

let check: Check;
let judge: Judge;
beforeEach(async () => {
  fakeBrowser.reset();
  vi.resetModules();
  check = await import('@/rules/regex-check');
  judge = await import('@/utils/background/judge');
});
afterEach(() => vi.unstubAllGlobals());

/** Patterns an adapter brought, refused until judged. */
function refuseUnjudged() {
  expect(check.patternProblem(EVIL, '')).toBe(NOT_CHECKED);
  expect(check.patternProblem(SAFE, 'u')).toBe(NOT_CHECKED);
}

describe('Firefox: the event page judges in a worker of its own', () => {
  it('sends the unchecked patterns, keeps the verdicts, and ends the worker', async () => {
    const w = fakeWorker();
    vi.stubGlobal('Worker', w.FakeWorker);
    refuseUnjudged();
    expect(await judge.judgeUnchecked(fakeBrowser as unknown as Browser)).toBe(true);
    expect(w.made).toEqual([
      {
        url: expect.stringMatching(/judge\.worker\.ts$/),
        requests: [
          [
            [EVIL, ''],
            [SAFE, 'u'],
          ],
        ],
        terminated: true,
      },
    ]);
    expect(check.patternProblem(EVIL, '')).toMatch(/catastrophic backtracking/);
    expect(check.patternProblem(SAFE, 'u')).toBeNull();
    expect(check.uncheckedPatterns()).toEqual([]);
  });

  it('a worker that fails to load leaves the patterns unchecked, so refused', async () => {
    vi.stubGlobal('Worker', fakeWorker(true).FakeWorker);
    refuseUnjudged();
    await judge.judgeUnchecked(fakeBrowser as unknown as Browser);
    expect(check.patternProblem(EVIL, '')).toBe(NOT_CHECKED);
  });

  it('nothing unchecked: no worker', async () => {
    const w = fakeWorker();
    vi.stubGlobal('Worker', w.FakeWorker);
    expect(await judge.judgeUnchecked(fakeBrowser as unknown as Browser)).toBe(false);
    expect(w.made).toEqual([]);
  });
});

describe('Chrome: the service worker judges in an offscreen document', () => {
  it('opens the document, asks it, closes it; no worker of its own even where one exists', async () => {
    const w = fakeWorker();
    vi.stubGlobal('Worker', w.FakeWorker);
    const calls: unknown[] = [];
    const browser = {
      ...fakeBrowser,
      offscreen: {
        Reason: { WORKERS: 'WORKERS' },
        hasDocument: async () => false,
        createDocument: async (p: { url: string; reasons: string[] }) => void calls.push(['create', p.url, p.reasons]),
        closeDocument: async () => void calls.push(['close']),
      },
      runtime: {
        ...fakeBrowser.runtime,
        sendMessage: async (msg: unknown) => {
          calls.push(['send', msg]);
          return { verdicts: workerAnswer(JudgePatternsSchema.parse(msg).patterns) };
        },
      },
    } as unknown as Browser;
    refuseUnjudged();
    expect(await judge.judgeUnchecked(browser)).toBe(true);
    expect(calls).toEqual([
      ['create', '/offscreen.html', ['WORKERS']],
      [
        'send',
        {
          type: 'judge-patterns',
          patterns: [
            [EVIL, ''],
            [SAFE, 'u'],
          ],
        },
      ],
      ['close'],
    ]);
    expect(w.made).toEqual([]);
    expect(check.patternProblem(EVIL, '')).toMatch(/catastrophic backtracking/);
  });
});

it('neither an offscreen API nor a Worker: nothing judged, the patterns stay refused', async () => {
  vi.stubGlobal('Worker', undefined);
  refuseUnjudged();
  expect(await judge.judgeUnchecked(fakeBrowser as unknown as Browser)).toBe(false);
  expect(check.uncheckedPatterns()).toHaveLength(2);
});
