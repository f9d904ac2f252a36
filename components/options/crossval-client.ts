import type { Case, CrossValidation } from '@/rules/classifier/crossval';
import type { Pack } from '@/rules/pack/schema';
import { t } from '@/utils/i18n';
import type { CrossValRequest } from './crossval.worker';

/** Cross-validate in a worker of its own (bundled with the page), ended once it answers. */
export function crossValidateInWorker(
  pack: Pack,
  cases: readonly Case[],
  opts: { folds: number; threshold: number },
): Promise<CrossValidation> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./crossval.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ ok: true; result: CrossValidation } | { ok: false; error: string }>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.result);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || t('learning.cvCrashed')));
    };
    const request: CrossValRequest = { pack, cases: [...cases], opts };
    worker.postMessage(request);
  });
}
