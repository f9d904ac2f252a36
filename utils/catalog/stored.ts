import { z } from 'zod';

// What the agent added on the options page, kept in `browser.storage.local` as written (the raw
// JSON), and checked whole every time it is loaded: a later version of the schema may refuse it,
// and then the options page names every problem instead of the extension dropping it silently.

/** Keys in `browser.storage.local`. */
export const LOCAL_KEYS = {
  adapters: 'userAdapters',
  disabled: 'disabledAdapters',
  packs: 'userPacks',
  applied: 'appliedPack',
  /** The ReDoS checker's verdicts, kept so a waking service worker does not check again (rules/regex-check.ts). */
  patternVerdicts: 'patternVerdicts',
} as const;

const MAX_ITEMS = 200;

// A list is read item by item: one bad item (or one too many) costs that item, never the list, so
// a damaged entry does not switch every adapter the agent disabled back on.
export const storedList = (v: unknown): unknown[] => (Array.isArray(v) ? v.slice(0, MAX_ITEMS) : []);
export const disabledIds = (v: unknown): string[] =>
  storedList(v).filter((id): id is string => typeof id === 'string' && id.length <= 100);
export const AppliedSchema = z.string().max(100).optional().catch(undefined);
export const VerdictsSchema = z.record(z.string(), z.string().nullable()).catch({});

/** Where an adapter or a pack comes from; policy items are locked. */
export type Source = 'policy' | 'user' | 'bundled';

export interface LocalSources {
  adapters: unknown[];
  disabled: string[];
  packs: unknown[];
  applied: string | undefined;
}

export function readLocal(v: Record<string, unknown>): LocalSources {
  return {
    adapters: storedList(v[LOCAL_KEYS.adapters]),
    disabled: disabledIds(v[LOCAL_KEYS.disabled]),
    packs: storedList(v[LOCAL_KEYS.packs]),
    applied: AppliedSchema.parse(v[LOCAL_KEYS.applied]),
  };
}

/** A string property to name an unreadable item by (its id, name or version); blank counts as absent. */
export function nameField(raw: unknown, key: string): string | undefined {
  const v = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' && v.trim() ? v.slice(0, 100) : undefined;
}
