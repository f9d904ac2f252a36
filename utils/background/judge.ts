import type { browser as wxtBrowser } from 'wxt/browser';
import { rememberVerdicts, uncheckedPatterns } from '@/rules/regex-check';
import { JudgeReplySchema } from '@/utils/judge/messages';

type Browser = typeof wxtBrowser;

const PAGE = '/offscreen.html';
let queue: Promise<unknown> = Promise.resolve();

/**
 * Have the patterns this worker refused as unchecked judged in an offscreen document, and keep the
 * verdicts; true when there were any. The caller then builds its catalog again. One at a time: a
 * browser has at most one offscreen document, and a second judging would close the first's.
 */
export function judgeUnchecked(browser: Browser): Promise<boolean> {
  const run = queue.then(() => judgeNow(browser));
  queue = run.catch(() => {});
  return run;
}

async function judgeNow(browser: Browser): Promise<boolean> {
  const patterns = uncheckedPatterns();
  if (!patterns.length) return false;
  const offscreen = browser.offscreen;
  if (!(await offscreen.hasDocument())) {
    await offscreen.createDocument({
      url: PAGE,
      reasons: [browser.offscreen.Reason.WORKERS],
      justification:
        'Checks the regular expressions of site adapters and rule packs for catastrophic backtracking in a worker.',
    });
  }
  try {
    const reply = JudgeReplySchema.safeParse(await browser.runtime.sendMessage({ type: 'judge-patterns', patterns }));
    if (!reply.success) return false;
    rememberVerdicts(reply.data.verdicts);
    return true;
  } finally {
    await offscreen.closeDocument().catch(() => {});
  }
}
