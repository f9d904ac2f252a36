import '@/rules/regex-judge'; // this worker judges patterns: it carries the checker
// Checking an adapter or a pack off the options page's main thread: the ReDoS checker may take
// seconds on a new pattern (7 s on the shipped phone pattern, first time), and the page must keep
// answering meanwhile. Verdicts travel both ways, so neither side judges a pattern twice.
import { knownVerdicts, rememberVerdicts } from '@/rules/regex-check';
import { checkAdapter, checkPack, type CheckRequest } from './check';

self.onmessage = (e: MessageEvent<CheckRequest>) => {
  const { id, kind, data, verdicts } = e.data;
  try {
    rememberVerdicts(verdicts);
    const result = kind === 'adapter' ? checkAdapter(data) : checkPack(data);
    self.postMessage({ id, ok: true, result, verdicts: knownVerdicts() });
  } catch (err) {
    self.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
