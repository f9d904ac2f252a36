// The keyword matcher must answer exactly as the case-insensitive alternation regex it replaced:
// the leftmost occurrence, and at one position the word listed first, with the text as written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeywordSet } from '../rules/engine/keywords';
import { escapeRegExp } from '../rules/regex';
import { runs } from './runs';

const viaRegex = (words: readonly string[], text: string) =>
  new RegExp(words.map(escapeRegExp).join('|'), 'i').exec(text)?.[0] ?? null;

describe('KeywordSet', () => {
  it.each<[string, string[], string, string | null]>([
    ['leftmost occurrence wins over list order', ['掉线', '网速'], '网速慢还掉线', '网速'],
    ['at one position the word listed first wins', ['赔偿', '赔偿金'], '要求赔偿金一万', '赔偿'],
    ['… in either order', ['赔偿金', '赔偿'], '要求赔偿金一万', '赔偿金'],
    ['a word inside a longer one still counts', ['损失'], '精神损失费', '损失'],
    ['overlapping words', ['精神损失', '损失费'], '要精神损失费', '精神损失'],
    ['ASCII letters in either case, reported as written', ['app'], '天翼云盘APP闪退', 'APP'],
    ['digits and symbols exactly', ['12315', '4G'], '打了12315，4g信号差', '12315'],
    ['no occurrence', ['销户'], '查询账单', null],
    ['empty list never matches', [], '任何内容', null],
    ['empty text', ['投诉'], '', null],
  ])('%s', (_label, words, text, expected) => {
    const set = new KeywordSet();
    const find = set.list(words);
    expect(find(text)).toBe(expected);
    if (words.length) expect(viaRegex(words, text)).toBe(expected); // the table states the regex's own answers
  });

  it('many lists in one set each answer as their own regex would, text after text', () => {
    const unit = fc.constantFrom(...'投诉赔偿金精神损失费网速掉线宽带 ABCabc12-|.*');
    const word = fc.array(unit, { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
    const text = fc
      .array(fc.oneof(unit, fc.constantFrom('天', '翼', 'X', '\u3000', '😀')), { maxLength: 30 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.array(word, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        fc.array(text, { minLength: 1, maxLength: 4 }),
        (lists, texts) => {
          const set = new KeywordSet();
          const finds = lists.map((l) => set.list(l));
          for (const t of texts) lists.forEach((l, i) => expect(finds[i]!(t)).toBe(viaRegex(l, t)));
        },
      ),
      { numRuns: runs(1000) },
    );
  });

  it('a list added after a scan is still found (the automaton is rebuilt)', () => {
    const set = new KeywordSet();
    const first = set.list(['宽带']);
    expect(first('宽带故障')).toBe('宽带');
    const later = set.list(['故障']);
    expect(later('宽带故障')).toBe('故障');
    expect(first('宽带故障')).toBe('宽带');
    const known = set.list(['故障', '宽带']); // only words the set already has
    expect(known('宽带故障')).toBe('宽带');
  });
});
