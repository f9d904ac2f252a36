/** Text as a literal inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One case-insensitive alternation for a keyword list: a single scan instead of one per word. */
export function keywordRegExp(words: readonly string[]): RegExp | null {
  return words.length ? new RegExp(words.map(escapeRegExp).join('|'), 'i') : null;
}
