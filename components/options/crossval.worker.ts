// Cross-validation off the options page's main thread: 5,000 tickets take seconds, and the page
// must keep answering meanwhile. Only the extension's own code runs here; nothing is fetched.
import { crossValidate, type Case } from '@/rules/classifier/crossval';
import type { Pack } from '@/rules/pack/schema';

export interface CrossValRequest {
  pack: Pack;
  cases: Case[];
  opts: { folds: number; threshold: number };
}

self.onmessage = (e: MessageEvent<CrossValRequest>) => {
  try {
    const { pack, cases, opts } = e.data;
    self.postMessage({ ok: true, result: crossValidate(pack, cases, opts) });
  } catch (err) {
    self.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
