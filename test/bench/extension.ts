// The browser sections run the built extension; rebuild it first when any source is newer.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXTENSION_DIR } from '../e2e/browser';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCES = [
  'entrypoints',
  'components',
  'utils',
  'rules',
  'public',
  'wxt.config.ts',
  'package.json',
  'tsconfig.json',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

let built: Promise<void> | undefined;

/** Runs `wxt build` at most once per bench run, its output kept off stdout so `--json` stays one line. */
export function ensureBuilt(): Promise<void> {
  built ??= (async () => {
    const manifest = join(EXTENSION_DIR, 'manifest.json');
    const stamp = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
    if (stamp >= Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))))) return;
    const r = spawnSync('npx', ['wxt', 'build'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    if (r.status !== 0) throw new Error(`wxt build failed:\n${`${r.stdout}${r.stderr}`.slice(-4000)}`);
  })();
  return built;
}

export const contentScriptPath = () => join(EXTENSION_DIR, 'content-scripts/crm.js');
