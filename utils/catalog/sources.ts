import type { browser as wxtBrowser } from 'wxt/browser';
import { modelMismatch, parseModel, type Model } from '@/rules/classifier/model';
import type { Pack } from '@/rules/pack/schema';
import { rememberVerdicts } from '@/rules/regex-check';
import { parseSiteAdapter, type SiteAdapter } from '@/rules/sites/schema';
import { buildAdapterCatalog, type AdapterEntry } from './adapters';
import { appliedPack, buildPackCatalog, type PackEntry } from './packs';
import { readPolicy, type Policy } from './policy';
import { LOCAL_KEYS, readLocal, VerdictsSchema, type LocalSources } from './stored';

type Browser = typeof wxtBrowser;

// The catalog as the background and the options page both build it, from the same stored sources:
// what ships, what the agent added (storage.local) and the centre's policy (storage.managed).

export interface Sources {
  local: LocalSources;
  policy: Policy;
  policyErrors: string[];
  /** The pattern verdicts as stored (already taken into rules/regex-check.ts). */
  verdicts: Record<string, string | null>;
}

/** The agent's own lists, the policy and the stored pattern verdicts, as stored now. */
export async function readSources(browser: Browser): Promise<Sources> {
  const local = await browser.storage.local.get(Object.values(LOCAL_KEYS));
  // No policy store (a browser without one, or a test's fake): no policy.
  const managed: unknown = await Promise.resolve()
    .then(() => browser.storage.managed.get())
    .catch(() => ({}));
  const { policy, errors } = readPolicy((managed ?? {}) as Record<string, unknown>);
  // Verdicts reached earlier spare this context the ReDoS checker's work.
  const verdicts = VerdictsSchema.parse(local[LOCAL_KEYS.patternVerdicts]);
  rememberVerdicts(verdicts);
  return { local: readLocal(local), policy, policyErrors: errors, verdicts };
}

export function adapterCatalog(s: Sources, bundled: readonly SiteAdapter[]): AdapterEntry[] {
  return buildAdapterCatalog({
    bundled,
    user: s.local.adapters,
    policy: s.policy.adapters ?? [],
    disabled: s.local.disabled,
    allowUser: s.policy.allowUserAdapters !== false,
    parse: parseSiteAdapter,
  });
}

export interface AppliedPack {
  entry: PackEntry;
  pack: Pack;
  /** The model the learning starts from: the pack's own, or the policy's for it. */
  model: Model | null;
  locked: boolean;
  because: string;
}

export function packCatalog(
  s: Sources,
  bundled: readonly Pack[],
): { entries: PackEntry[]; applied: AppliedPack; errors: string[] } {
  const entries = buildPackCatalog({
    bundled,
    user: s.local.packs,
    policy: s.policy.packs ?? [],
    allowUser: s.policy.allowUserPacks !== false,
  });
  const a = appliedPack(entries, s.policy.appliedPack, s.local.applied);
  const pack = a.entry.pack!;
  let model = a.entry.model;
  const errors: string[] = [];
  if (s.policy.classModel !== undefined) {
    const m = parseModel(s.policy.classModel);
    const mismatch = m.ok ? modelMismatch(m.model, pack) : m.errors.join('; ');
    if (m.ok && !mismatch) model = m.model;
    else errors.push(`policy.classModel: ${mismatch}`);
  }
  return { entries, applied: { entry: a.entry, pack, model, locked: a.locked, because: a.because }, errors };
}

/** Storage-change keys that change the catalog (the pattern verdicts do not: only the background writes them, as it builds). */
export const CATALOG_KEYS: readonly string[] = Object.values(LOCAL_KEYS).filter(
  (k) => k !== LOCAL_KEYS.patternVerdicts,
);

/** Rebuild when the policy or the agent's lists change (from this page, another one, or IT); returns the stop function. */
export function watchCatalog(browser: Browser, reload: () => void): () => void {
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'managed' || (area === 'local' && Object.keys(changes).some((k) => CATALOG_KEYS.includes(k))))
      reload();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
