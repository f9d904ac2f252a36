// Field transforms run in order on the located text. An empty result means the locator
// missed, so the next alternative gets its turn instead of a half-read value winning.
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
  if ('trim' in t) return value.replace(/^[\s:：﹕]+|[\s:：﹕]+$/g, '');
  if ('regex' in t) {
    const m = cachedRegex(t.regex)?.exec(value);
    return m?.[t.group ?? 0]?.trim() ?? '';
  }
  if ('date' in t) {
    let pattern = datePatterns.get(t.date);
    if (!pattern) {
      pattern = compileDatePattern(t.date);
      datePatterns.set(t.date, pattern);
    }
    return pattern.ok ? pattern.convert(value) : '';
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
