import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { browser as wxtBrowser } from 'wxt/browser';
import { modelMismatch, parseModel, type Model } from '@/rules/classifier/model';
import type { Pack } from '@/rules/pack/schema';
import { rememberVerdicts } from '@/rules/regex-check';
import { parseSiteAdapter, type SiteAdapter } from '@/rules/sites/schema';
import { buildAdapterCatalog, type AdapterEntry } from '@/utils/catalog/adapters';
import { appliedPack, buildPackCatalog, type PackEntry } from '@/utils/catalog/packs';
import { readPolicy, type Policy } from '@/utils/catalog/policy';
import { LOCAL_KEYS, readLocal, VerdictsSchema, type LocalSources, type Source } from '@/utils/catalog/stored';
import type { AdaptersState } from './adapters-state';
import type { PacksState } from './packs-state';

type Browser = typeof wxtBrowser;

// The options page builds the catalog as the background does (utils/background/catalog.ts), from
// the same pure parts: what ships, what the agent added (storage.local) and the centre's policy
// (storage.managed). The background follows storage.onChanged by itself; this page only writes.

export interface Sources {
  local: LocalSources;
  policy: Policy;
  policyErrors: string[];
}

/** The agent's own lists and the policy, as stored now. */
export async function readSources(browser: Browser): Promise<Sources> {
  const local = await browser.storage.local.get(Object.values(LOCAL_KEYS));
  // No policy store (a browser without one, or a test's fake): no policy.
  const managed: Record<string, unknown> = await Promise.resolve()
    .then(() => browser.storage.managed.get())
    .catch(() => ({}));
  const { policy, errors } = readPolicy(managed ?? {});
  // The background's verdicts on patterns spare this page the ReDoS checker's work.
  rememberVerdicts(VerdictsSchema.parse(local[LOCAL_KEYS.patternVerdicts]));
  return { local: readLocal(local), policy, policyErrors: errors };
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

export const SOURCE_NAMES: Record<Source, string> = { bundled: '内置', user: '本机', policy: '中心策略' };
export const LOCKED_TEXT = '由中心策略设定';

/** The index of each 'user' entry in the stored list: the catalog keeps their order. */
export function userIndexes<T extends { source: Source }>(entries: readonly T[]): Map<T, number> {
  const out = new Map<T, number>();
  let n = 0;
  for (const e of entries) if (e.source === 'user') out.set(e, n++);
  return out;
}

export const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The text of a JSON file or box: the value, or why it is not JSON. */
export function parseJsonText(text: string): { ok: true; data: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, data: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (e) {
    return { ok: false, error: `不是有效的 JSON：${message(e)}` };
  }
}

/** Storage-change keys that change the catalog (the pattern verdicts do not). */
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

// The sections' states, passed by context. Absent (as in tests of other sections), a section shows nothing.
export const AdaptersContext = createContext<AdaptersState | null>(null);
export const PacksContext = createContext<PacksState | null>(null);
export const useAdapters = () => useContext(AdaptersContext);
export const usePacks = () => useContext(PacksContext);
