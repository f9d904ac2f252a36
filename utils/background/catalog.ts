import type { browser as wxtBrowser } from 'wxt/browser';
import { knownVerdicts, rememberVerdicts } from '@/rules/regex-check';
import type { Pack } from '@/rules/pack/schema';
import type { SiteAdapter } from '@/rules/sites/schema';
import { parseSiteAdapter } from '@/rules/sites/schema';
import { adapterFor, buildAdapterCatalog, type AdapterEntry } from '@/utils/catalog/adapters';
import { appliedPack, buildPackCatalog, type PackEntry } from '@/utils/catalog/packs';
import { readPolicy, type Policy } from '@/utils/catalog/policy';
import { LOCAL_KEYS, readLocal, VerdictsSchema } from '@/utils/catalog/stored';
import { parseModel, modelMismatch, type Model } from '@/rules/classifier/model';
import { complain } from './complain';
import { judgeUnchecked } from './judge';

type Browser = typeof wxtBrowser;

export interface CatalogState {
  adapters: AdapterEntry[];
  packs: PackEntry[];
  pack: Pack;
  /** The model the applied pack or the policy brings, as the learning's starting point. */
  packModel: Model | null;
  packLocked: boolean;
  packBecause: string;
  policy: Policy;
  policyErrors: string[];
}

/** What the background uses: adapters and packs from the policy, the agent and the build, kept current. */
export function createCatalog(browser: Browser, bundled: { adapters: readonly SiteAdapter[]; packs: readonly Pack[] }) {
  let state: CatalogState | null = null;
  const listeners = new Set<(s: CatalogState, before: CatalogState | null) => void>();

  async function build(): Promise<CatalogState> {
    const local = await browser.storage.local.get(Object.values(LOCAL_KEYS));
    // No policy store (a browser without one, or tests): no policy.
    const managed: unknown = await Promise.resolve()
      .then(() => browser.storage.managed.get())
      .catch(() => ({}));
    const { policy, errors: policyErrors } = readPolicy((managed ?? {}) as Record<string, unknown>);
    const mine = readLocal(local);
    const stored = VerdictsSchema.parse(local[LOCAL_KEYS.patternVerdicts]);
    rememberVerdicts(stored);
    const adapters = buildAdapterCatalog({
      bundled: bundled.adapters,
      user: mine.adapters,
      policy: policy.adapters ?? [],
      disabled: mine.disabled,
      allowUser: policy.allowUserAdapters !== false,
      parse: parseSiteAdapter,
    });
    const packs = buildPackCatalog({
      bundled: bundled.packs,
      user: mine.packs,
      policy: policy.packs ?? [],
      allowUser: policy.allowUserPacks !== false,
    });
    const applied = appliedPack(packs, policy.appliedPack, mine.applied);
    const pack = applied.entry.pack!;
    let packModel = applied.entry.model;
    if (policy.classModel !== undefined) {
      const m = parseModel(policy.classModel);
      const mismatch = m.ok ? modelMismatch(m.model, pack) : m.errors.join('; ');
      if (m.ok && !mismatch) packModel = m.model;
      else policyErrors.push(`policy.classModel: ${mismatch}`);
    }
    // Verdicts not stored yet (the offscreen checker's, taken since the last build) are kept for the
    // next time this worker wakes.
    const verdicts = knownVerdicts();
    if (Object.keys(verdicts).some((k) => !Object.hasOwn(stored, k)))
      await browser.storage.local
        .set({ [LOCAL_KEYS.patternVerdicts]: verdicts })
        .catch(complain('保存正则表达式检查结果失败'));
    for (const e of policyErrors) complain('中心策略有误')(e);
    return {
      adapters,
      packs,
      pack,
      packModel,
      packLocked: applied.locked,
      packBecause: applied.because,
      policy,
      policyErrors,
    };
  }

  let building: Promise<CatalogState> | null = null;
  function reload(): Promise<CatalogState> {
    const run = build().then((next) => {
      const before = state;
      state = next;
      for (const l of listeners) l(next, before);
      return next;
    });
    building = run.finally(() => {
      if (building === run) building = null;
    });
    return run;
  }

  // Patterns no verdict is known for are refused until the offscreen checker has judged them; then
  // the catalog is built again with the verdicts (and they are kept for the next wake).
  const settle = (s: CatalogState) =>
    void judgeUnchecked(browser)
      .then((judged) => (judged ? reload() : s))
      .catch(complain('检查正则表达式失败'));
  const ready = reload().then((s) => (settle(s), s));
  // Only this worker writes the verdicts, as it builds: that write needs no build of its own.
  const mine: string[] = Object.values(LOCAL_KEYS).filter((k) => k !== LOCAL_KEYS.patternVerdicts);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && Object.keys(changes).some((k) => mine.includes(k))))
      void reload().then(settle, complain('读取适配器与规则包失败'));
  });

  return {
    ready,
    /** The current catalog (waits for the first build, or a rebuild under way). */
    current: async (): Promise<CatalogState> => (building ? await building : (state ?? (await ready))),
    adapterFor: async (url: string) => adapterFor((state ?? (await ready)).adapters, url),
    onChange(listener: (s: CatalogState, before: CatalogState | null) => void) {
      listeners.add(listener);
    },
  };
}
export type Catalog = ReturnType<typeof createCatalog>;
