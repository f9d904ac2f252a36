import type { browser as wxtBrowser } from 'wxt/browser';
import { rememberVerdicts, uncheckedPatterns } from '@/rules/regex-check';
import { JudgeReplySchema } from '@/utils/judge/messages';

type Browser = typeof wxtBrowser;

const PAGE = '/offscreen.html';

/**
 * Have the patterns this worker refused as unchecked judged in an offscreen document, and keep the
 * verdicts; true when there were any. The caller then builds its catalog again.
 */
export async function judgeUnchecked(browser: Browser): Promise<boolean> {
  const patterns = uncheckedPatterns();
  if (!patterns.length) return false;
  const offscreen = browser.offscreen;
  if (!(await offscreen.hasDocument())) {
    await offscreen.createDocument({
      url: PAGE,
      reasons: [browser.offscreen.Reason.WORKERS],
      justification: 'Checks the regular expressions of site adapters and rule packs for catastrophic backtracking in a worker.',
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
