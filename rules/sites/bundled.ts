// The adapters that ship: every JSON file in this folder, gathered at build time by Vite.
// Only the extension and Vitest import this file; `import.meta.glob` does not exist under tsx.
import { createAdapterRegistry } from './index';

export const { adapters: BUNDLED_ADAPTERS, findAdapter } = createAdapterRegistry(
  import.meta.glob('./*.json', { eager: true, import: 'default' }),
);
