// A bench script run as the extension ships its code: bundled by the same Vite, in a Node process
// of its own. Under tsx every call across modules goes through a CommonJS getter and every named
// closure through a naming helper, which the extension's bundles never do.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import type { Figure } from './section';

const ROOT = resolve(import.meta.dirname, '../..');

/** Bundle `entry` (a file in test/bench), run it under node --expose-gc with `args`, and read the figures it prints as its last line. */
export async function runBundled(entry: string, args: string[] = []): Promise<Figure[]> {
  const name = entry.replace(/\.ts$/, '');
  // Inside node_modules, so the bundle's external imports (json-rules-engine) resolve from there.
  const outDir = join(ROOT, 'node_modules/.cache', `bench-${name}`);
  await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    resolve: { alias: { '@': ROOT } },
    build: {
      ssr: resolve(import.meta.dirname, entry),
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { entryFileNames: `${name}.mjs` } },
    },
  });
  const r = spawnSync(process.execPath, ['--expose-gc', join(outDir, `${name}.mjs`), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 2 ** 26,
  });
  if (r.status !== 0) throw new Error(`${name} failed:\n${`${r.stdout}${r.stderr}`.slice(-4000)}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Figure[];
}
