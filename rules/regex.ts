/** Text as a literal inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The most text a pattern from data (an adapter's `regex` transform, a pack's `matches`) ever
 * runs on: the first 10,000 characters. Patterns are checked for catastrophic backtracking at
 * load (rules/regex-check.ts), but a checker can only say "linear" up to its own model of the
 * engine, and even a linear pattern over a 5 MB pasted log costs real time on the CRM's main
 * thread. A ticket title, phone cell or complaint text worth matching is far shorter.
 */
export const MAX_MATCH_INPUT = 10_000;

/** `text` cut to what a data-defined pattern may run on (see MAX_MATCH_INPUT). */
export const matchInput = (text: string): string =>
  text.length > MAX_MATCH_INPUT ? text.slice(0, MAX_MATCH_INPUT) : text;
