// Field transforms run in order on the located text. An empty result means the locator
// missed, so the next alternative gets its turn instead of a half-read value winning.
import { matchInput } from '../regex';
import { compileDatePattern, type DatePattern } from './date-pattern';
import type { Transform } from './schema';

const regexes = new Map<string, RegExp | null>();
const datePatterns = new Map<string, DatePattern>();

export function applyTransforms(value: string, transforms: readonly Transform[] | undefined): string {
  let out = value;
  for (const t of transforms ?? []) {
    if (out === '') break;
    out = applyOne(out, t);
  }
  return out;
}

function applyOne(value: string, t: Transform): string {
  // A label's colon, a full-width space or a stray newline often cling to the value.
  if ('trim' in t) return trimValue(value);
  // Patterns from the adapter run on the first 10,000 characters only (MAX_MATCH_INPUT says why):
  // the regex is checked at load, but this runs on the CRM page's main thread, on text the page chose.
  if ('regex' in t) {
    const m = cachedRegex(t.regex)?.exec(matchInput(value));
    return m?.[t.group ?? 0]?.trim() ?? '';
  }
  if ('date' in t) {
    let pattern = datePatterns.get(t.date);
    if (!pattern) {
      pattern = compileDatePattern(t.date);
      datePatterns.set(t.date, pattern);
    }
    return pattern.ok ? pattern.convert(matchInput(value)) : '';
  }
  return Object.hasOwn(t.map, value) ? (t.map[value] ?? '') : value;
}

// Parsing rejects bad expressions; this guard covers adapters built in code.
function cachedRegex(source: string): RegExp | null {
  if (!regexes.has(source)) {
    try {
      regexes.set(source, new RegExp(source));
    } catch {
      regexes.set(source, null);
    }
  }
  return regexes.get(source) ?? null;
}

const TRIMMED = /[\s:：﹕]/;

/**
 * Strips whitespace and colons at both ends, by scanning: the obvious `/[\s:]+$/` is quadratic on a
 * long run of spaces not at the end (each start position rescans the run).
 */
function trimValue(value: string): string {
  let start = 0,
    end = value.length;
  while (start < end && TRIMMED.test(value[start]!)) start++;
  while (end > start && TRIMMED.test(value[end - 1]!)) end--;
  return value.slice(start, end);
}
