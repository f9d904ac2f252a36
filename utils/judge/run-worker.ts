import type { JudgeRequest } from './judge.worker';

export type JudgeVerdicts = Record<string, string | null>;

/**
 * Judge patterns in a worker (the 2.9 MB ReDoS checker loads there, never in the caller) and
 * resolve with the verdicts; none when the worker fails, so the patterns stay unchecked and refused.
 * Runs where `Worker` exists: Chrome's offscreen document, Firefox's background page.
 */
export function judgeInWorker(patterns: JudgeRequest): Promise<JudgeVerdicts> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./judge.worker.ts', import.meta.url), { type: 'module' });
    const done = (verdicts: JudgeVerdicts) => {
      worker.terminate();
      resolve(verdicts);
    };
    worker.onmessage = (e: MessageEvent<JudgeVerdicts>) => done(e.data);
    worker.onerror = () => done({});
    worker.postMessage(patterns);
  });
}
