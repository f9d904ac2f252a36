import type { Case } from '@/rules/classifier/crossval';
import { labelsOf } from '@/rules/classifier/compile';
import { readLabelled, type SkipReason } from '@/rules/classifier/train';
import type { Pack } from '@/rules/pack/schema';
import type { MessageKey } from '@/utils/i18n';
import { FIELD_TABLE } from '@/rules/ticket';
import { labelRow } from './labels';
import type { LabelRow } from './types';

// Reading a labelled export on the options page: a CSV as Excel saves it (UTF-8 with or without
// its BOM, or the GBK a Chinese Windows writes, or "Unicode text": UTF-16 with tabs), or JSON
// Lines as `npm run train` takes them. Pure: bytes and text in, label rows out.

/** The columns a labelled ticket is read from (the names `readLabelled` knows). */
export const IMPORT_FIELDS = ['title', 'text', 'business', 'categoryPath', 'label', 'handlingLine'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Per field, the index of the CSV column it is read from, or null for none. */
export type ColumnMap = Record<ImportField, number | null>;

/** More data rows than this in one file are not read (the rest is reported, not dropped silently). */
export const MAX_IMPORT_ROWS = 200_000;

export type Encoding = 'utf-8' | 'utf-16le' | 'gbk';

/**
 * The file's text: UTF-16 when it starts with that BOM; else UTF-8 (BOM or not) when the bytes are
 * valid UTF-8; else GBK, which is what Excel on a Chinese Windows saves "CSV" in.
 */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  try {
    // The default (ignoreBOM: false) strips a leading BOM.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
}

/** Tab when the first line (outside quotes) has more tabs than commas, as in Excel's "Unicode text"; else comma. */
export function detectDelimiter(text: string): ',' | '\t' {
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === '\t') tabs++;
  }
  return tabs > commas ? '\t' : ',';
}

export interface ParsedCsv {
  rows: string[][];
  /** More rows followed than `maxRows`; they were not read. */
  truncated: boolean;
}

/**
 * CSV into rows of cells (RFC 4180 as Excel writes it): quoted fields may hold the delimiter, line
 * breaks and doubled quotes; lines end in CRLF, LF or CR; a quote inside an unquoted field is kept
 * as it is. A leading BOM is dropped. At most `maxRows` rows are returned.
 */
export function parseCsv(input: string, opts: { delimiter?: ',' | '\t'; maxRows?: number } = {}): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = opts.delimiter ?? detectDelimiter(text);
  const maxRows = opts.maxRows ?? Infinity;
  const special = delimiter === '\t' ? /["\t\r\n]/g : /[",\r\n]/g;
  const n = text.length;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let fieldStart = true;
  let i = 0;
  while (i < n) {
    if (fieldStart && text.charCodeAt(i) === 34 /* " */) {
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          // An unterminated quote runs to the end of the file.
          field += text.slice(j);
          j = n;
          break;
        }
        field += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          field += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      i = j;
      fieldStart = false;
      continue;
    }
    special.lastIndex = i;
    const m = special.exec(text);
    const k = m ? m.index : n;
    field += text.slice(i, k);
    fieldStart = false;
    if (k >= n) {
      i = n;
      break;
    }
    const c = text[k];
    if (c === '"') {
      field += '"';
      i = k + 1;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      fieldStart = true;
      i = k + 1;
    } else {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStart = true;
      i = k + (c === '\r' && text[k + 1] === '\n' ? 2 : 1);
      if (rows.length >= maxRows) {
        const rest = /[^\r\n]/g;
        rest.lastIndex = i;
        return { rows, truncated: rest.test(text) };
      }
    }
  }
  if (!fieldStart || row.length > 0 || field !== '') {
    row.push(field);
    if (rows.length < maxRows) rows.push(row);
  }
  return { rows, truncated: false };
}

/** A header as compared: no BOM, spaces, punctuation or case (`Category Path` = `categorypath`). */
const norm = (h: string) => h.replace(/[\s\uFEFF_\-:：()（）*·.]/g, '').toLowerCase();

/** Whole header names, per field: a ticket field's label and aliases (rules/ticket.ts), and the class label's own. */
const headerNames = (f: Exclude<ImportField, 'label'>) => [FIELD_TABLE[f].label, ...FIELD_TABLE[f].aliases];
const EXACT: Record<ImportField, readonly string[]> = {
  title: headerNames('title'),
  text: headerNames('text'),
  business: headerNames('business'),
  categoryPath: headerNames('categoryPath'),
  label: ['分类', '类别', '投诉分类', '投诉类别', '分类标签', 'label', 'class', 'category'],
  handlingLine: headerNames('handlingLine'),
};
/** Parts of a header name, tried (in this field order) for the fields no whole name matched. */
const PARTS: [ImportField, string[]][] = [
  ['categoryPath', ['路径', '服务请求类别', '请求类别']],
  ['handlingLine', ['条线', '处理部门', '承办']],
  ['text', ['内容', '描述']],
  ['title', ['标题', '主题']],
  ['business', ['业务', '产品']],
  ['label', ['分类', '类别']],
];

/** Which column each field is read from, guessed from common Chinese and English header names; a column serves one field. */
export function guessColumns(header: readonly string[]): ColumnMap {
  const names = header.map(norm);
  const out: ColumnMap = {
    title: null,
    text: null,
    business: null,
    categoryPath: null,
    label: null,
    handlingLine: null,
  };
  const taken = new Set<number>();
  const take = (f: ImportField, i: number) => {
    out[f] = i;
    taken.add(i);
  };
  for (const f of IMPORT_FIELDS)
    for (const candidate of EXACT[f]) {
      const i = names.indexOf(candidate);
      if (i >= 0 && !taken.has(i) && out[f] === null) take(f, i);
    }
  for (const [f, parts] of PARTS) {
    if (out[f] !== null) continue;
    const i = names.findIndex((n, j) => !taken.has(j) && parts.some((p) => n.includes(p)));
    if (i >= 0) take(f, i);
  }
  return out;
}

/** Why an imported line taught nothing: the trainer's reasons, and a file's own. */
export type ImportSkip = SkipReason | 'json' | 'blank';

/** The reasons as the agent reads them (utils/i18n), in the order the options page lists them. */
export const SKIP_LABELS: Record<ImportSkip, MessageKey> = {
  json: 'learning.skip.json',
  blank: 'learning.skip.blank',
  shape: 'learning.skip.shape',
  text: 'learning.skip.text',
  class: 'learning.skip.class',
  label: 'learning.skip.label',
  path: 'learning.skip.path',
};

export type SkipCounts = Partial<Record<ImportSkip, number>>;

const bump = (s: SkipCounts, why: ImportSkip, n = 1) => (s[why] = (s[why] ?? 0) + n);

/** CSV data rows (header excluded) as records, by the chosen columns; rows with every cell empty are counted as blank. */
export function csvRecords(
  rows: readonly string[][],
  columns: ColumnMap,
): { records: Record<string, string>[]; skipped: SkipCounts } {
  const records: Record<string, string>[] = [];
  const skipped: SkipCounts = {};
  for (const row of rows) {
    if (row.every((c) => c.trim() === '')) {
      bump(skipped, 'blank');
      continue;
    }
    const r: Record<string, string> = {};
    for (const f of IMPORT_FIELDS) {
      const i = columns[f];
      if (i !== null && row[i] !== undefined) r[f] = row[i]!;
    }
    records.push(r);
  }
  return { records, skipped };
}

/** JSON Lines as records; blank lines separate nothing, a line that is not JSON is counted. At most `maxRows` records. */
export function jsonLineRecords(
  input: string,
  maxRows = MAX_IMPORT_ROWS,
): { records: unknown[]; skipped: SkipCounts; truncated: boolean } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: unknown[] = [];
  const skipped: SkipCounts = {};
  let read = 0;
  let truncated = false;
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (!line.trim()) continue;
    if (read === maxRows) {
      truncated = true;
      break;
    }
    read++;
    try {
      records.push(JSON.parse(line));
    } catch {
      bump(skipped, 'json');
    }
  }
  return { records, skipped, truncated };
}

/** A 53-bit hash of a string (cyrb53), in base 36: stable across runs and browsers. */
export function textHash(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export interface Imported {
  rows: LabelRow[];
  skipped: SkipCounts;
  /** Learned for the class only: the handling line names no dispatch target of the pack. */
  lineUnknown: number;
}

/**
 * Records into label rows (source 'import'), each read as the trainer reads a line. The key is
 * `import:<hash of the text>:<n>`, n counting earlier records of the same text in this file, so
 * importing the same file (or an export that overlaps it) again replaces rather than duplicates,
 * while two tickets of the same words in one file stay two examples.
 */
export function importRows(records: readonly unknown[], pack: Pack, at: number): Imported {
  const rows: LabelRow[] = [];
  const skipped: SkipCounts = {};
  const seen = new Map<string, number>();
  let lineUnknown = 0;
  for (const raw of records) {
    const r = readLabelled(raw, pack);
    if (!r.ok) {
      bump(skipped, r.reason);
      continue;
    }
    const o = raw as Record<string, unknown>;
    const str = (k: string) => (typeof o[k] === 'string' ? { [k]: o[k] } : {});
    const fields = { ...str('title'), ...str('text'), ...str('business'), ...str('handlingLine') };
    const text = r.example.text;
    const hash = textHash(text);
    const n = seen.get(hash) ?? 0;
    seen.set(hash, n + 1);
    const row = labelRow(`import:${hash}:${n}`, fields, r.example.classIndex, 'import', at, pack);
    if (!row) {
      bump(skipped, 'text');
      continue;
    }
    rows.push(row);
    if (r.lineUnknown) lineUnknown++;
  }
  return { rows, skipped, lineUnknown };
}

/** Stored labels as cross-validation cases (the ticket is its text alone); labels of classes the pack lacks are left out. */
export function casesFromLabels(rows: readonly LabelRow[], pack: Pack): Case[] {
  const { classes, lines } = labelsOf(pack);
  const out: Case[] = [];
  for (const r of rows) {
    const classIndex = classes.indexOf(r.classCode);
    if (classIndex < 0) continue;
    const line = r.line === undefined ? -1 : lines.indexOf(r.line);
    out.push({ ticket: { text: r.text }, example: { text: r.text, classIndex, lineIndex: line < 0 ? null : line } });
  }
  return out;
}
