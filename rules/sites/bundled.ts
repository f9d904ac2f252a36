// The adapters that ship: every JSON file in this folder, gathered at build time by Vite.
// Only the extension and Vitest import this file; `import.meta.glob` does not exist under tsx.
// They are checked against the schema by the build (wxt.config.ts) and by the tests, so the
// content script does not carry the schema validator to every CRM page.
import { adapterMatchesUrl } from './match';
import type { SiteAdapter } from './schema';

const files = import.meta.glob<SiteAdapter>('./*.json', { eager: true, import: 'default' });

export const BUNDLED_ADAPTERS: readonly SiteAdapter[] = Object.keys(files)
  .sort()
  .map((f) => files[f]!);

/** The first adapter, in file-name order, whose `matches` cover the URL. */
export const findAdapter = (url: string) => BUNDLED_ADAPTERS.find((a) => adapterMatchesUrl(a, url));
