import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Source } from '@/utils/catalog/stored';
import { t } from '@/utils/i18n';
import type { AdaptersState } from './adapters-state';
import type { PacksState } from './packs-state';

// What the options page's sections share; the catalog itself is read and built by utils/catalog/sources.ts.
export {
  adapterCatalog,
  packCatalog,
  readSources,
  watchCatalog,
  type AppliedPack,
  type Sources,
} from '@/utils/catalog/sources';

/** Where an adapter or a pack comes from, in a word. */
export const sourceName = (s: Source) => t(`catalog.${s}`);

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
    return { ok: false, error: t('common.badJson', { error: message(e) }) };
  }
}

// The sections' states, passed by context. Absent (as in tests of other sections), a section shows nothing.
export const AdaptersContext = createContext<AdaptersState | null>(null);
export const PacksContext = createContext<PacksState | null>(null);
export const useAdapters = () => useContext(AdaptersContext);
export const usePacks = () => useContext(PacksContext);
