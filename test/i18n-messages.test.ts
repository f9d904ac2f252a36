// Every language has every message, with the same places for values: a key in one table and not
// the other, or a `{name}` that one language forgot, is a failure here (and, for the pages' tables,
// a type error too). Covers the pages' tables, the content script's few words, the clock words of
// rules/clock/ and the manifest's public/_locales.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOCK_WORDS, LANGS } from '@/rules/clock/words';
import { CONTENT_WORDS } from '@/utils/i18n/content';
import { MESSAGES } from '@/utils/i18n/translate';

const ROOT = join(import.meta.dirname, '..');
const places = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;

/** Each leaf of a nested table of words, by its dotted path. */
function leaves(table: object, at = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(table)) {
    if (typeof v === 'string') out[`${at}${k}`] = v;
    else Object.assign(out, leaves(v as object, `${at}${k}.`));
  }
  return out;
}

/** The same keys in every language, each a text, with the same `{places}` as zh_CN's. */
function sameShape(tables: Record<string, Record<string, string>>) {
  const [first, ...rest] = Object.entries(tables);
  const [, base] = first!;
  for (const [lang, table] of rest) {
    expect(Object.keys(table).sort(), `${lang} has the keys of ${first![0]}`).toEqual(Object.keys(base).sort());
    for (const [key, text] of Object.entries(table)) {
      expect(text.trim(), `${lang} ${key}`).not.toBe('');
      expect(places(text), `${lang} ${key} has the places of ${first![0]}`).toEqual(places(base[key]!));
    }
  }
}

describe('the pages’ messages (utils/i18n/messages)', () => {
  it('zh_CN and en have the same keys, each with the same {places}', () => {
    expect(Object.keys(MESSAGES).sort()).toEqual([...LANGS].sort());
    sameShape(MESSAGES);
    expect(Object.keys(MESSAGES.zh_CN).length).toBeGreaterThan(400);
  });

  it('English is English: no Chinese left in the en table but the name of the Chinese choice', () => {
    const left = Object.entries(MESSAGES.en).filter(([k, v]) => CJK.test(v) && k !== 'options.language.zh_CN');
    expect(left).toEqual([]);
  });

  it('every message is used: a key is named in the source, or its family is built there (`risk.${…}`)', () => {
    const files = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
      );
    const source = ['components', 'utils', 'entrypoints']
      .flatMap(files)
      .filter((f) => !f.includes('i18n/messages'))
      .map((f) => readFileSync(join(ROOT, f), 'utf8'))
      .join('\n');
    const unused = Object.keys(MESSAGES.zh_CN).filter((key) => {
      if (source.includes(`'${key}'`)) return false;
      const family = key.slice(0, key.lastIndexOf('.') + 1);
      return !source.includes(`\`${family}\${`);
    });
    expect(unused).toEqual([]);
  });
});

describe('the content script’s words (utils/i18n/content.ts)', () => {
  it('zh_CN and en have the same keys, each with the same {places}', () => {
    sameShape(CONTENT_WORDS);
    expect(Object.values(CONTENT_WORDS.en).filter((v) => CJK.test(v))).toEqual([]);
  });
});

describe('the clock words (rules/clock/words.ts)', () => {
  it('every language has every word, with the same {places}', () => {
    sameShape(Object.fromEntries(LANGS.map((l) => [l, leaves(CLOCK_WORDS[l])])));
    expect(Object.values(leaves(CLOCK_WORDS.en)).filter((v) => CJK.test(v))).toEqual([]);
  });
});

describe('the manifest’s messages (public/_locales)', () => {
  const dir = join(ROOT, 'public', '_locales');
  const read = (locale: string) =>
    JSON.parse(readFileSync(join(dir, locale, 'messages.json'), 'utf8')) as Record<
      string,
      { message: string; description?: string; placeholders?: Record<string, unknown> }
    >;
  const locales = readdirSync(dir);
  // Chrome's `$name$` placeholders and `$1` substitutions.
  const dollars = (text: string) => [...text.matchAll(/\$(\w+)\$|\$(\d)/g)].map((m) => m[0]).sort();

  it('has zh_CN (the default_locale) and en, with the same keys and placeholders', () => {
    expect(locales.sort()).toEqual(['en', 'zh_CN']);
    const zh = read('zh_CN');
    const en = read('en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, m] of Object.entries(en)) {
      expect(m.message.trim(), key).not.toBe('');
      expect(dollars(m.message), key).toEqual(dollars(zh[key]!.message));
      expect(Object.keys(m.placeholders ?? {}).sort(), key).toEqual(Object.keys(zh[key]!.placeholders ?? {}).sort());
    }
  });

  it('names every __MSG_…__ the manifest uses (wxt.config.ts, the commands of utils/shortcuts.ts), with zh_CN as default_locale', () => {
    const config = readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8');
    const shortcuts = readFileSync(join(ROOT, 'utils', 'shortcuts.ts'), 'utf8');
    const used = [...`${config}\n${shortcuts}`.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(used).toEqual(expect.arrayContaining(['extName', 'extDescription']));
    for (const locale of locales) expect(Object.keys(read(locale)), locale).toEqual(expect.arrayContaining(used));
    expect(config).toMatch(/default_locale: 'zh_CN'/);
    // Chrome refuses a name over 75 characters and a description over 132.
    for (const locale of locales) {
      expect(read(locale).extName!.message.length).toBeLessThanOrEqual(75);
      expect(read(locale).extDescription!.message.length).toBeLessThanOrEqual(132);
    }
  });
});
