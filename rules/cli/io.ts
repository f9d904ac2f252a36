// What the command-line tools share: failing with a clear message (exit 2), reading JSON files,
// loading a pack or a model, and reading JSON Lines from standard input.
import { readFileSync } from 'node:fs';
import { crash } from './guard';
import { modelMismatch, parseModel, type Model } from '../classifier/model';
import { parsePack, type Pack } from '../pack/schema';
import { packs } from '../packs';

export function failer(tool: string) {
  return (message: string): never => {
    process.stderr.write(`${tool}: ${message}\n`);
    process.exit(2);
  };
}

/**
 * Runs a tool's main: any error that escapes (a bug, a stream that fails) ends the tool with its
 * name and the message, exit 2, never a stack trace (guard.ts). Messages from the loaders name the file.
 */
export function runMain(tool: string, main: () => Promise<void>): void {
  const fail = failer(tool);
  // `| head` closing the pipe early is not an error of the tool.
  process.stdout.on('error', (e: NodeJS.ErrnoException) =>
    e.code === 'EPIPE' ? process.exit(process.exitCode ?? 0) : fail(`cannot write: ${e.message}`),
  );
  main().catch(crash);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
export const INVALID_UTF8 = 'invalid UTF-8';

/** Bytes as UTF-8 text; null when they are not UTF-8 (never a silent U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** A JSON file (a pack, a calendar, a model): UTF-8, with or without a byte-order mark. */
export function readJson(file: string, what: string, fail: (m: string) => never): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return fail(`cannot read ${what} ${file}: ${(e as Error).message}`);
  }
  const text = decodeUtf8(bytes);
  if (text === null) return fail(`cannot read ${what} ${file}: ${INVALID_UTF8}`);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail(`cannot read ${what} ${file}: not JSON: ${(e as Error).message}`);
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
export type TextLine = { n: number; text: string } | { n: number; error: string };

/** Longer lines are reported as bad lines instead of being held in memory whole. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * Splits bytes into lines (LF or CRLF) and decodes each as UTF-8 on its own, so a line that is not
 * UTF-8 is reported by its number instead of silently turning into U+FFFD. A byte-order mark at the
 * start of line 1 is skipped.
 */
export class LineSplitter {
  private parts: Uint8Array[] = [];
  private size = 0;
  private tooLong = false;
  private n = 0;

  /** The lines completed by this chunk. */
  push(chunk: Uint8Array): TextLine[] {
    const out: TextLine[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      const end = nl < 0 ? chunk.length : nl;
      if (!this.tooLong && end > start) {
        if (this.size + end - start > MAX_LINE_BYTES) {
          this.tooLong = true;
          this.parts = [];
        } else {
          this.parts.push(chunk.subarray(start, end));
          this.size += end - start;
        }
      }
      if (nl < 0) return out;
      out.push(this.line());
      start = nl + 1;
    }
  }

  /** The last line, when the input does not end with a newline. */
  end(): TextLine[] {
    return this.size > 0 || this.tooLong ? [this.line()] : [];
  }

  private line(): TextLine {
    const n = ++this.n;
    const bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    const tooLong = this.tooLong;
    this.parts = [];
    this.size = 0;
    this.tooLong = false;
    if (tooLong) return { n, error: `line longer than ${MAX_LINE_BYTES / 1024 / 1024} MB` };
    const text = decodeUtf8(bytes.length && bytes[bytes.length - 1] === 13 ? bytes.subarray(0, -1) : bytes);
    if (text === null) return { n, error: INVALID_UTF8 };
    return { n, text: n === 1 ? text.replace(/^\uFEFF/, '') : text };
  }
}

/** Each non-blank line parsed as JSON, or why not, with its line number. */
export function parseLine(line: TextLine): Line | null {
  if ('error' in line) return line;
  if (!line.text.trim()) return null;
  try {
    return { n: line.n, value: JSON.parse(line.text) };
  } catch (e) {
    return { n: line.n, error: `not JSON: ${(e as Error).message}` };
  }
}

/** Standard input as JSON Lines, read as bytes (see LineSplitter). */
export async function* jsonLines(): AsyncGenerator<Line> {
  const split = new LineSplitter();
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    for (const l of split.push(chunk)) {
      const parsed = parseLine(l);
      if (parsed) yield parsed;
    }
  }
  for (const l of split.end()) {
    const parsed = parseLine(l);
    if (parsed) yield parsed;
  }
}

/** A JSON Lines file, whole (the CLI's --history). */
export function fileLines(bytes: Uint8Array): Line[] {
  const split = new LineSplitter();
  return [...split.push(bytes), ...split.end()].map(parseLine).filter((l): l is Line => l !== null);
}
