// The rule engine must run unchanged in the extension, a worker and the CLI: nothing under rules/
// (the CLI itself aside) may touch browser or Node APIs, or read the clock or randomness.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', 'rules');

// [name, pattern, looks inside strings]: only an import specifier is judged by its text.
const FORBIDDEN: [string, RegExp, boolean?][] = [
  ['window', /\bwindow\b/],
  // The global only: a parameter named doc, or doc.documentElement, is fine.
  ['document', /(?<![.\w$])document\b/],
  ['chrome.', /\bchrome\s*\./],
  ['browser.', /(?<![.\w$])browser\s*\./],
  ['process', /\bprocess\b/],
  ['require(', /\brequire\s*\(/],
  ['node: import', /(?:\bfrom|\bimport\s*\(?)\s*['"]node:/, true],
  ['Date.now(', /\bDate\s*\.\s*now\s*\(/],
  ['Math.random(', /\bMath\s*\.\s*random\s*\(/],
  ['innerHTML', /\binnerHTML\b/],
  ['eval(', /(?<![.\w$])eval\s*\(/],
];

// Comments and messages may talk about documents and windows; only code counts.
const TOKENS = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g;
// A template literal keeps its interpolations: they are code.
const interpolations = (t: string) => [...t.matchAll(/\$\{([^{}]*)\}/g)].map((m) => m[1]).join(';');
const strip = (src: string, keepStrings: boolean) =>
  src.replace(TOKENS, (t) =>
    t.startsWith('/') ? ' ' : keepStrings ? t : t.startsWith('`') ? interpolations(t) : '""',
  );
const offences = (src: string) => {
  const [bare, withStrings] = [strip(src, false), strip(src, true)];
  return FORBIDDEN.filter(([, re, inStrings]) => re.test(inStrings ? withStrings : bare)).map(([name]) => name);
};

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return relative(ROOT, path) === 'cli' ? [] : tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the scanner', () => {
  it.each([
    ['window.location.href', 'window'],
    ['const d = document.title', 'document'],
    ['chrome.storage.local.get()', 'chrome.'],
    ['await browser.tabs.query({})', 'browser.'],
    ['if (process.env.X) {}', 'process'],
    ['const fs = require("fs")', 'require('],
    ["import { readFileSync } from 'node:fs'", 'node: import'],
    ["const fs = await import('node:fs')", 'node: import'],
    ['const s = `${window.name}`', 'window'],
    ['const t = Date.now()', 'Date.now('],
    ['const r = Math.random()', 'Math.random('],
    ['el.innerHTML = html', 'innerHTML'],
    ['eval(src)', 'eval('],
  ])('catches %s', (src, name) => {
    expect(offences(src)).toEqual([name]);
  });

  it.each([
    'function read(doc: Document) { return doc.documentElement; }',
    'node.ownerDocument?.documentElement',
    'const windowDays = 30; // the browser window is not used here',
    '/* document.title */ const x = 1;',
    "return { miss: 'not supported by this document' };",
    'const url = "http://x"; // window',
    'const ctx = { browser }; retrieval(x);',
  ])('lets through %s', (src) => {
    expect(offences(src)).toEqual([]);
  });
});

describe('rules/ is pure', () => {
  const files = tsFiles(ROOT);

  it('scans the engine, the pack format and the packs index', () => {
    const names = files.map((f) => relative(ROOT, f));
    expect(names).toEqual(
      expect.arrayContaining(['engine/evaluate.ts', 'pack/schema.ts', 'packs/index.ts', 'ticket.ts']),
    );
    expect(names.some((n) => n.startsWith('cli/'))).toBe(false);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))('%s', (_, file) => {
    expect(offences(readFileSync(file, 'utf8'))).toEqual([]);
  });
});
