// The ReDoS checker in a worker: a new pattern can take seconds, and whoever asked must keep
// answering meanwhile. Patterns in, verdicts out (rules/regex-check.ts keys them by flags/pattern).
import '@/rules/regex-judge';
import { knownVerdicts, patternProblem } from '@/rules/regex-check';

export type JudgeRequest = [source: string, flags: string][];

self.onmessage = (e: MessageEvent<JudgeRequest>) => {
  for (const [source, flags] of e.data) patternProblem(source, flags);
  self.postMessage(knownVerdicts());
};
