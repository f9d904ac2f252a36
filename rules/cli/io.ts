// What the command-line tools share: failing with a clear message (exit 2), reading JSON files,
// loading a pack or a model, and reading JSON Lines from standard input.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { modelMismatch, parseModel, type Model } from '../classifier/model';
import { parsePack, type Pack } from '../pack/schema';
import { packs } from '../packs';

export function failer(tool: string) {
  return (message: string): never => {
    process.stderr.write(`${tool}: ${message}\n`);
    process.exit(2);
  };
}

export function readJson(file: string, what: string, fail: (m: string) => never): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail(`cannot read ${what} ${file}: ${(e as Error).message}`);
  }
}

export const PACK_HELP = `a shipped pack (${Object.keys(packs).join(', ')}) or a pack JSON file; default china-telecom`;

export function loadPack(name: string, fail: (m: string) => never): Pack {
  const shipped = packs[name];
  if (shipped) return shipped;
  if (!/[./\\]/.test(name)) fail(`no pack named "${name}"; shipped: ${Object.keys(packs).join(', ')}`);
  const r = parsePack(readJson(name, 'pack', fail));
  if (!r.ok) fail(`pack ${name} refused:\n  ${r.errors.join('\n  ')}`);
  return r.pack;
}

/** A model file made for this pack and version; anything else is refused. */
export function loadModel(file: string, pack: Pack, fail: (m: string) => never): Model {
  const r = parseModel(readJson(file, 'model', fail));
  if (!r.ok) return fail(`model ${file} refused:\n  ${r.errors.join('\n  ')}`);
  const mismatch = modelMismatch(r.model, pack);
  if (mismatch) fail(`model ${file} refused: ${mismatch}; train one for this pack with npm run train`);
  return r.model;
}

export type Line = { n: number; value: unknown } | { n: number; error: string };

/** Standard input as JSON Lines: each non-blank line parsed, or why not, with its line number. */
export async function* jsonLines(): AsyncGenerator<Line> {
  let n = 0;
  for await (const raw of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    n++;
    const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!line.trim()) continue;
    try {
      yield { n, value: JSON.parse(line) };
    } catch (e) {
      yield { n, error: `not JSON: ${(e as Error).message}` };
    }
  }
}
