import type { JudgeRequest } from './judge.worker';
import { JudgePatternsSchema } from './messages';

/**
 * The offscreen document's one job: judge the patterns the background could not (it does not load
 * the 2.9 MB checker), in a worker, and answer with the verdicts.
 */
export function listenForJudging(): void {
  browser.runtime.onMessage.addListener((raw: unknown) => {
    const msg = JudgePatternsSchema.safeParse(raw);
    if (!msg.success) return undefined;
    return new Promise((resolve) => {
      const worker = new Worker(new URL('./judge.worker.ts', import.meta.url), { type: 'module' });
      const done = (verdicts: Record<string, string | null>) => {
        worker.terminate();
        resolve({ verdicts });
      };
      worker.onmessage = (e: MessageEvent<Record<string, string | null>>) => done(e.data);
      // No verdicts: the patterns stay unchecked, and so refused.
      worker.onerror = () => done({});
      const request: JudgeRequest = msg.data.patterns;
      worker.postMessage(request);
    });
  });
}
