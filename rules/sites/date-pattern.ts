// The `date` transform: a pattern such as `YYYY年MM月DD日 HH时mm分` names where the parts of
// a displayed time sit, and the value is rewritten as `YYYY-MM-DD HH:mm[:ss]`, a form the
// time parser reads whatever the CRM shows. Month, day and time parts accept one or two
// digits because old pages drop leading zeros; whitespace in the pattern is optional.
import { escapeRegExp } from '../regex';

const TOKENS = ['YYYY', 'MM', 'DD', 'HH', 'mm', 'ss'] as const;
type Token = (typeof TOKENS)[number];

export type DatePattern = { ok: true; source: string; convert: (text: string) => string } | { ok: false; error: string };

export function compileDatePattern(pattern: string): DatePattern {
  const order: Token[] = [];
  let source = '';
  // Trimmed: a leading `\s*` in an unanchored search would rescan every whitespace run from each of
  // its positions (quadratic); at either end it matches nothing that matters anyway.
  for (const piece of pattern.trim().split(/(YYYY|MM|DD|HH|mm|ss)/)) {
    if ((TOKENS as readonly string[]).includes(piece)) {
      const token = piece as Token;
      if (order.includes(token)) return { ok: false, error: `${token} appears twice` };
      order.push(token);
      source += token === 'YYYY' ? '(\\d{4})' : '(\\d{1,2})';
    } else {
      source += piece
        .split(/\s+/)
        .map(escapeRegExp)
        .join('\\s*');
    }
  }
  for (const needed of ['YYYY', 'MM', 'DD'] as const) {
    if (!order.includes(needed)) return { ok: false, error: `needs ${needed}` };
  }
  if (order.includes('HH') !== order.includes('mm')) return { ok: false, error: 'HH and mm go together' };
  if (order.includes('ss') && !order.includes('mm')) return { ok: false, error: 'ss needs HH and mm' };

  // The one RegExp built from adapter data besides `regex` transforms, safe by construction: the
  // adapter's text is escaped, the only repetitions are bounded digit runs and single `\s*` (a
  // whitespace run collapses to one) never at the start, so no two repetitions can trade the same
  // characters and matching stays linear (test/regex-check.test.ts checks it with recheck). transforms.ts
  // bounds the text it runs on all the same.
  const regex = new RegExp(source);
  return {
    ok: true,
    source,
    convert(text) {
      const m = regex.exec(text);
      if (!m) return '';
      const part = (token: Token) => {
        const index = order.indexOf(token);
        return index < 0 ? undefined : (m[index + 1] ?? '').padStart(2, '0');
      };
      let out = `${part('YYYY')}-${part('MM')}-${part('DD')}`;
      if (part('HH') !== undefined) out += ` ${part('HH')}:${part('mm')}`;
      if (part('ss') !== undefined) out += `:${part('ss')}`;
      return out;
    },
  };
}
