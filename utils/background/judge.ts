import type { browser as wxtBrowser } from 'wxt/browser';
import { rememberVerdicts, uncheckedPatterns } from '@/rules/regex-check';
import type { JudgeRequest } from '@/utils/judge/judge.worker';
import { JudgeReplySchema } from '@/utils/judge/messages';
import { judgeInWorker, type JudgeVerdicts } from '@/utils/judge/run-worker';

type Browser = typeof wxtBrowser;

const PAGE = '/offscreen.html';
let queue: Promise<unknown> = Promise.resolve();

/**
 * Have the patterns this background refused as unchecked judged in a worker, and keep the
 * verdicts; true when there were any. The caller then builds its catalog again. Chrome's service
 * worker cannot start a worker, so there the worker runs in an offscreen document; Firefox has no
 * offscreen API, but its background is an event page, which starts the worker itself. One at a
 * time: a browser has at most one offscreen document, and a second judging would close the first's.
 */
export function judgeUnchecked(browser: Browser): Promise<boolean> {
  const run = queue.then(() => judgeNow(browser));
  queue = run.catch(() => {});
  return run;
}

async function judgeNow(browser: Browser): Promise<boolean> {
  const patterns = uncheckedPatterns();
  if (!patterns.length) return false;
  const verdicts = browser.offscreen
    ? await inOffscreen(browser, patterns)
    : typeof Worker === 'function'
      ? await judgeInWorker(patterns)
      : null;
  if (!verdicts) return false;
  rememberVerdicts(verdicts);
  return true;
}

async function inOffscreen(browser: Browser, patterns: JudgeRequest): Promise<JudgeVerdicts | null> {
  const offscreen = browser.offscreen;
  if (!(await offscreen.hasDocument())) {
    await offscreen.createDocument({
      url: PAGE,
      reasons: [offscreen.Reason.WORKERS],
      justification:
        'Checks the regular expressions of site adapters and rule packs for catastrophic backtracking in a worker.',
    });
  }
  try {
    const reply = JudgeReplySchema.safeParse(await browser.runtime.sendMessage({ type: 'judge-patterns', patterns }));
    return reply.success ? reply.data.verdicts : null;
  } finally {
    await offscreen.closeDocument().catch(() => {});
  }
}
