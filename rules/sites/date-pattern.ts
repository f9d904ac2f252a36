// The `date` transform: a pattern such as `YYYY年MM月DD日 HH时mm分` names where the parts of
// a displayed time sit, and the value is rewritten as `YYYY-MM-DD HH:mm[:ss]`, a form the
// time parser reads whatever the CRM shows. Month, day and time parts accept one or two
// digits because old pages drop leading zeros; whitespace in the pattern is optional.
// `MMM` is a month shown by name (六月, Jun, June); `ddd`/`dddd` a weekday name, matched and
// dropped. Text in [brackets] is literal.
import { escapeRegExp } from '../regex';

const TOKENS = ['YYYY', 'MMM', 'MM', 'DD', 'HH', 'mm', 'ss', 'dddd', 'ddd'] as const;
type Token = (typeof TOKENS)[number];
/** What a token captures: `MMM` gives the month like `MM`; a weekday is captured only to be dropped. */
type Part = 'YYYY' | 'MM' | 'DD' | 'HH' | 'mm' | 'ss' | 'weekday';

/**
 * Letters that are tokens in common date libraries (moment, dayjs, date-fns). A run of one that is
 * not one of TOKENS (`MMMM`, `YY`, `DDD`, `Q`, `hh`, `A`) would be literal text the page never
 * shows, so the pattern could never match: it is refused at load instead. Other letters (`T`) are literal.
 */
const TOKEN_LETTERS = new Set('YyQMDdWwEHhKkmsSAaZXxGg');

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const EN_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
/** Every spelling of a month, lower-case, with its number. */
const MONTHS = new Map<string, number>([
  ...CN_NUMBERS.map((n, i): [string, number] => [`${n}月`, i + 1]),
  ...EN_MONTHS.flatMap((m, i): [string, number][] => [
    [m, i + 1],
    [m.slice(0, 3), i + 1],
  ]),
  ['sept', 9],
]);
const WEEKDAYS = [
  ...['一', '二', '三', '四', '五', '六', '日', '天'].flatMap((d) => [`星期${d}`, `礼拜${d}`, `周${d}`]),
  ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].flatMap((d) => [d, d.slice(0, 3)]),
  'tues',
  'thur',
  'thurs',
];

/** An alternation of fixed names, longest first so `June` is not read as `Jun` followed by `e`. */
const names = (list: Iterable<string>) => `(${[...list].sort((a, b) => b.length - a.length).join('|')})`;
const SOURCES: Record<Token, string> = {
  YYYY: '(\\d{4})',
  MMM: names(MONTHS.keys()),
  MM: '(\\d{1,2})',
  DD: '(\\d{1,2})',
  HH: '(\\d{1,2})',
  mm: '(\\d{1,2})',
  ss: '(\\d{1,2})',
  dddd: names(WEEKDAYS),
  ddd: names(WEEKDAYS),
};

export type DatePattern =
  { ok: true; source: string; convert: (text: string) => string } | { ok: false; error: string };

type Piece = { token: Token } | { literal: string };

/** Splits a pattern into tokens and literal text, or says why it cannot match. */
function tokenize(pattern: string): Piece[] | string {
  const pieces: Piece[] = [];
  let literal = '';
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i]!;
    if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) return 'a [ without its ]';
      literal += pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    let j = i;
    while (pattern[j] === c) j++;
    const run = pattern.slice(i, j);
    if ((TOKENS as readonly string[]).includes(run)) {
      if (literal) pieces.push({ literal });
      literal = '';
      pieces.push({ token: run as Token });
    } else if (TOKEN_LETTERS.has(c)) {
      return `${run} is not a date token (tokens: ${TOKENS.join(' ')}; put literal letters in [brackets])`;
    } else literal += run;
    i = j;
  }
  if (literal) pieces.push({ literal });
  return pieces;
}

export function compileDatePattern(pattern: string): DatePattern {
  // Trimmed: a leading `\s*` in an unanchored search would rescan every whitespace run from each of
  // its positions (quadratic); at either end it matches nothing that matters anyway.
  const pieces = tokenize(pattern.trim());
  if (typeof pieces === 'string') return { ok: false, error: pieces };
  const order: Part[] = [];
  let source = '';
  for (const [i, piece] of pieces.entries()) {
    if ('literal' in piece) {
      // `六月` is the whole name: a 月 after MMM would have to appear twice.
      const previous = pieces[i - 1];
      if (previous && 'token' in previous && previous.token === 'MMM' && piece.literal.startsWith('月')) {
        return { ok: false, error: 'MMM already includes 月 (六月): write MMM, not MMM月' };
      }
      source += piece.literal.split(/\s+/).map(escapeRegExp).join('\\s*');
      continue;
    }
    const part: Part =
      piece.token === 'MMM' ? 'MM' : piece.token === 'ddd' || piece.token === 'dddd' ? 'weekday' : piece.token;
    if (order.includes(part)) {
      return {
        ok: false,
        error:
          part === 'MM'
            ? 'the month (MM or MMM) appears twice'
            : part === 'weekday'
              ? 'the weekday appears twice'
              : `${part} appears twice`,
      };
    }
    order.push(part);
    source += SOURCES[piece.token];
  }
  for (const needed of ['YYYY', 'MM', 'DD'] as const) {
    if (!order.includes(needed)) return { ok: false, error: needed === 'MM' ? 'needs MM or MMM' : `needs ${needed}` };
  }
  if (order.includes('HH') !== order.includes('mm')) return { ok: false, error: 'HH and mm go together' };
  if (order.includes('ss') && !order.includes('mm')) return { ok: false, error: 'ss needs HH and mm' };

  // Linear by construction, so unlike `regex` transforms it is not put to the ReDoS checker (which
  // needs minutes on the name alternations). The expression is a chain of pieces, each matching
  // text no longer than the pattern in a bounded number of ways: escaped literal text, `\d{4}`,
  // `\d{1,2}`, or an alternation of fixed names. Between pieces sits at most one `\s*` (a
  // whitespace run in the pattern collapses to one, none at either end), and no piece begins or
  // ends with whitespace, so only a `\s*` that takes a whole run can lead on. One start position
  // of the unanchored search thus costs a bounded amount of work plus the whitespace runs it
  // crosses, and the start positions that reach a given run are bounded in number (the pieces
  // between two runs span at most the pattern's length): matching is linear in the text's length.
  // test/sites.test.ts checks that the built expressions keep this shape; transforms.ts bounds the
  // text all the same. Case-insensitive, for names (`JUNE`, `mon`); digits and CJK are unaffected.
  const regex = new RegExp(source, 'i');
  return {
    ok: true,
    source,
    convert(text) {
      const m = regex.exec(text);
      if (!m) return '';
      const part = (p: Part) => {
        const index = order.indexOf(p);
        if (index < 0) return undefined;
        const value = m[index + 1] ?? '';
        return (p === 'MM' ? String(MONTHS.get(value.toLowerCase()) ?? value) : value).padStart(2, '0');
      };
      let out = `${part('YYYY')}-${part('MM')}-${part('DD')}`;
      if (part('HH') !== undefined) out += ` ${part('HH')}:${part('mm')}`;
      if (part('ss') !== undefined) out += `:${part('ss')}`;
      return out;
    },
  };
}
