import { adapterMatchesUrl } from '@/rules/sites/match';
import type { ParsedAdapter, SiteAdapter } from '@/rules/sites/schema';
import { nameField, type Source } from './stored';

// The adapters this browser uses: the centre's policy first (locked), then the agent's own, then
// the ones that ship. An id names one adapter: a policy item hides the agent's and the shipped
// one of that id, and the agent's own copy of a shipped adapter (an edit) hides the shipped one.
// Pure, so the background, the options page and the tests build the same list.

export interface AdapterEntry {
  id: string;
  name: string;
  source: Source;
  /** Read pages with it: valid, not disabled, not hidden by an item of the same id. */
  active: boolean;
  enabled: boolean;
  /** Set by the policy: the agent can neither edit, disable nor delete it. */
  locked: boolean;
  adapter: SiteAdapter | null;
  /** Why it is not used: every schema problem by its path, or the item that hides it. */
  errors: string[];
  /** The JSON as stored (for editing and export). */
  raw: unknown;
}

export interface AdapterInputs {
  bundled: readonly SiteAdapter[];
  user: readonly unknown[];
  policy: readonly unknown[];
  disabled: readonly string[];
  /** False when the policy forbids adapters of the agent's own. */
  allowUser: boolean;
  /** The full check, ReDoS included (rules/sites/schema.ts). */
  parse: (raw: unknown) => ParsedAdapter;
}

export function buildAdapterCatalog(i: AdapterInputs): AdapterEntry[] {
  const entries: AdapterEntry[] = [];
  const taken = new Map<string, Source>();
  const add = (source: Source, raw: unknown, index: number, known?: SiteAdapter) => {
    const parsed: ParsedAdapter = known ? { ok: true, adapter: known } : i.parse(raw);
    const id = parsed.ok ? parsed.adapter.id : (nameField(raw, 'id') ?? `${source}-${index + 1}`);
    const name = parsed.ok ? parsed.adapter.name : (nameField(raw, 'name') ?? id);
    const errors = parsed.ok ? [] : parsed.errors;
    const hiddenBy = taken.get(id);
    if (hiddenBy) errors.push(`id "${id}" is used by ${SOURCE_WORDS[hiddenBy]}, which takes its place`);
    if (source === 'user' && !i.allowUser) errors.push('the centre’s policy does not allow adapters of your own');
    const locked = source === 'policy';
    const enabled = locked || !i.disabled.includes(id);
    if (errors.length === 0) taken.set(id, source);
    entries.push({
      id,
      name,
      source,
      enabled,
      locked,
      active: enabled && errors.length === 0,
      adapter: parsed.ok ? parsed.adapter : null,
      errors,
      raw,
    });
  };
  i.policy.forEach((raw, n) => add('policy', raw, n));
  i.user.forEach((raw, n) => add('user', raw, n));
  i.bundled.forEach((a, n) => add('bundled', a, n, a));
  return entries;
}

const SOURCE_WORDS: Record<Source, string> = {
  policy: 'the centre’s policy',
  user: 'one of your own',
  bundled: 'a shipped adapter',
};

/** The adapter for a page: the first active one whose patterns cover the URL, policy first. */
export function adapterFor(entries: readonly AdapterEntry[], url: string): AdapterEntry | undefined {
  return entries.find((e) => e.active && e.adapter && adapterMatchesUrl(e.adapter, url));
}

/**
 * The origins whose access an adapter needs (`scheme://host/*`): host access is granted per origin,
 * whatever the path. Patterns with a wildcard scheme ask for both http and https.
 */
export function originsOf(matches: readonly string[]): string[] {
  const out = new Set<string>();
  for (const m of matches) {
    if (m === '<all_urls>') ['http://*/*', 'https://*/*'].forEach((o) => out.add(o));
    const r = /^(\*|https?):\/\/([^/]+)\//.exec(m);
    if (!r) continue;
    const host = r[2]!.replace(/:(\d+|\*)$/, ''); // a port, or any port: access is per host
    for (const scheme of r[1] === '*' ? ['http', 'https'] : [r[1]!]) out.add(`${scheme}://${host}/*`);
  }
  return [...out];
}
