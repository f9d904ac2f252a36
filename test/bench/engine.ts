// The engine section runs the engine as the extension ships it: bundled by the same Vite, in a Node
// process of its own (see bundle.ts).
import { runBundled } from './bundle';
import type { BenchSection } from './section';

export const engineSection: BenchSection = {
  title: 'engine: full verdict vs json-rules-engine (nature, class, tag, priority, risk rules)',
  async run() {
    const figures = await runBundled('engine-run.ts');
    return [
      { key: 'engineRunsAs', label: 'runs as', value: 'Vite bundle, own node process (--expose-gc)' },
      ...figures,
    ];
  },
};
