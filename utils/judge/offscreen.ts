import { JudgePatternsSchema } from './messages';
import { judgeInWorker } from './run-worker';

/**
 * The offscreen document's one job (Chrome, whose service worker has no `Worker`): judge the
 * patterns the background could not (it does not load the 2.9 MB checker), in a worker, and answer
 * with the verdicts.
 */
export function listenForJudging(): void {
  browser.runtime.onMessage.addListener((raw: unknown) => {
    const msg = JudgePatternsSchema.safeParse(raw);
    if (!msg.success) return undefined;
    return judgeInWorker(msg.data.patterns).then((verdicts) => ({ verdicts }));
  });
}
