// Imported first by every tool, before anything that can throw while loading (the shipped packs are
// checked when their module loads): an error that escapes anywhere ends the tool with its name and
// the message, exit 2, never a stack trace.
import { basename, extname } from 'node:path';
// Every tool may read a pack or an adapter from a file: the ReDoS checker judges its patterns.
import '../regex-judge';

const tool = basename(process.argv[1] ?? 'cli', extname(process.argv[1] ?? ''));

export function crash(e: unknown): never {
  const message =
    e instanceof RangeError && /call stack/i.test(e.message)
      ? 'input nested too deeply'
      : `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
  process.stderr.write(`${tool}: ${message}\n`);
  process.exit(2);
}

process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
