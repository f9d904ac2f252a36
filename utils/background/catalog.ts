import type { browser as wxtBrowser } from 'wxt/browser';
import type { Model } from '@/rules/classifier/model';
import type { Pack } from '@/rules/pack/schema';
import { knownVerdicts } from '@/rules/regex-check';
import type { SiteAdapter } from '@/rules/sites/schema';
import { adapterFor, type AdapterEntry } from '@/utils/catalog/adapters';
import type { PackEntry } from '@/utils/catalog/packs';
import type { Policy } from '@/utils/catalog/policy';
import { adapterCatalog, packCatalog, readSources, watchCatalog } from '@/utils/catalog/sources';
import { LOCAL_KEYS } from '@/utils/catalog/stored';
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
    const sources = await readSources(browser);
    const { policy, verdicts: stored } = sources;
    const adapters = adapterCatalog(sources, bundled.adapters);
    const { entries: packs, applied, errors } = packCatalog(sources, bundled.packs);
    const policyErrors = [...sources.policyErrors, ...errors];
    const pack = applied.pack;
    const packModel = applied.model;
    // Verdicts not stored yet (the judging worker's, taken since the last build) are kept for the
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

  // Patterns no verdict is known for are refused until a worker has judged them (utils/background/judge.ts); then
  // the catalog is built again with the verdicts (and they are kept for the next wake).
  const settle = (s: CatalogState) =>
    void judgeUnchecked(browser)
      .then((judged) => (judged ? reload() : s))
      .catch(complain('检查正则表达式失败'));
  const ready = reload().then((s) => (settle(s), s));
  watchCatalog(browser, () => void reload().then(settle, complain('读取适配器与规则包失败')));

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
