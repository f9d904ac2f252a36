import { parsePack, type Pack } from '../pack/schema';
import chinaTelecom from './china-telecom.json';
import tianyiSpace from './tianyi-space.json';

const SHIPPED: Record<string, unknown> = { 'china-telecom': chinaTelecom, 'tianyi-space': tianyiSpace };

// A shipped pack that fails validation is a release bug: fail loudly at import, naming every problem,
// rather than let the extension run with half a rule set.
function load(): Record<string, Pack> {
  // No prototype, so a user-typed name such as "toString" finds nothing.
  const out = Object.create(null) as Record<string, Pack>;
  const errors: string[] = [];
  for (const [name, data] of Object.entries(SHIPPED)) {
    // Their patterns are checked for catastrophic backtracking by test/regex-check.test.ts, which
    // spares every process that loads them the checker's start-up (~1–2 s).
    const r = parsePack(data, { patternsChecked: true });
    if (!r.ok) errors.push(...r.errors.map((e) => `${name}: ${e}`));
    else if (r.pack.id !== name) errors.push(`${name}: id is "${r.pack.id}"`);
    else out[name] = r.pack;
  }
  if (errors.length) throw new Error(`shipped rule packs are invalid:\n${errors.join('\n')}`);
  return out;
}

/** The rule packs shipped with the extension, checked, by id. */
export const packs: Readonly<Record<string, Pack>> = load();

export function getPack(name: string): Pack | undefined {
  return packs[name];
}
