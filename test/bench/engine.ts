// The engine section runs the engine as the extension ships it: bundled by the same Vite, in a Node
// process of its own. Under tsx every call across modules goes through a CommonJS getter and every
// named closure through a naming helper, which the extension's bundles never do.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import type { BenchSection, Figure } from './section';

const ROOT = resolve(import.meta.dirname, '../..');
// Inside node_modules, so the bundle's external imports (json-rules-engine) resolve from there.
const OUT_DIR = join(ROOT, 'node_modules/.cache/bench-engine');

export const engineSection: BenchSection = {
  title: 'engine: full verdict vs json-rules-engine (nature, class, tag, priority, risk rules)',
  async run() {
    await build({
      configFile: false,
      logLevel: 'silent',
      root: ROOT,
      resolve: { alias: { '@': ROOT } },
      build: { ssr: resolve(import.meta.dirname, 'engine-run.ts'), outDir: OUT_DIR, emptyOutDir: true, minify: false, rollupOptions: { output: { entryFileNames: 'engine.mjs' } } },
    });
    const r = spawnSync(process.execPath, ['--expose-gc', join(OUT_DIR, 'engine.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`engine bench failed:\n${`${r.stdout}${r.stderr}`.slice(-4000)}`);
    const figures = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Figure[];
    return [{ key: 'engineRunsAs', label: 'runs as', value: 'Vite bundle, own node process (--expose-gc)' }, ...figures];
  },
};
