// The class model: accuracy on the labelled fixture against the pack's words alone, then training,
// classification and learning speed at 100,000 tickets. Runs as a bundle in its own process (bundle.ts).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runBundled } from './bundle';
import type { BenchSection } from './section';
import { round } from './stats';

/** The labelled tickets; `BENCH_LABELLED=file` runs the section on a centre's own. */
const LABELLED = process.env.BENCH_LABELLED ?? 'test/fixtures/labelled/china-telecom.jsonl';

export const classifierSection: BenchSection = {
  title: "classifier: learned class model vs the pack's words alone (k-fold), and its speed at 100,000 tickets",
  async run() {
    const started = performance.now();
    if (!existsSync(resolve(import.meta.dirname, '../..', LABELLED)))
      throw new Error(`the classifier bench needs labelled tickets at ${LABELLED}`);
    const figures = await runBundled('classifier-run.ts', [LABELLED]);
    return [
      { key: 'classifierRunsAs', label: 'runs as', value: 'Vite bundle, own node process (--expose-gc)' },
      ...figures,
      {
        key: 'classifierSectionS',
        label: 'this section took (build included)',
        value: round((performance.now() - started) / 1000),
        unit: 's',
      },
    ];
  },
};
