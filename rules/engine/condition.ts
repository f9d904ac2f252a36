import type { Condition, Fact, StringFact } from '../pack/condition';
import { matchInput } from '../regex';
import { FIELD_LABELS, TIME_FIELDS, type CountField, type TimeField } from '../ticket';
import { READ_TEXT, READ_TIME, tagOf, type Facts } from './facts';
import type { FindKeyword } from './keywords';

/** A compiled condition: null when it does not hold, otherwise what made it hold, in words. */
export type Test = (f: Facts) => string | null;

const DERIVED_LABELS: Record<string, string> = {
  content: '工单内容',
  nature: '工单性质',
  category: '投诉分类',
  channelLevel: '渠道层级',
  vip: 'VIP 身份',
};
export const factLabel = (fact: Fact) => (FIELD_LABELS as Record<string, string>)[fact] ?? DERIVED_LABELS[fact] ?? fact;

/** What conditions compile against: the pack's words for codes, and its keyword sets. */
export interface ConditionContext {
  /** A code (category, nature …) in the words agents use. */
  label(fact: Fact, value: string): string;
  tagLabel(code: string): string;
  /** A keyword list compiled into the set for that text (one scan per ticket serves every list). */
  keywords(text: string, words: readonly string[]): FindKeyword;
}

/** Compiled once per pack. */
export function compileCondition(c: Condition, cx: ConditionContext): Test {
  if (c.all) {
    const parts = c.all.map((s) => compileCondition(s, cx));
    return (f) => {
      let why: string | null = null;
      for (const p of parts) {
        const w = p(f);
        if (w === null) return null;
        why = why === null ? w : `${why}，且${w}`;
      }
      return why ?? '';
    };
  }
  if (c.any) {
    const parts = c.any.map((s) => compileCondition(s, cx));
    return (f) => {
      for (const p of parts) {
        const w = p(f);
        if (w !== null) return w;
      }
      return null;
    };
  }
  if (c.not) {
    const inner = compileCondition(c.not, cx);
    return (f) => (inner(f) === null ? '不满足例外条件' : null);
  }
  if (c.tag !== undefined) {
    // "repeat:in-progress" also asks for the tag's kind (the two kinds of repeat lead to different scripts).
    const [code, kind] = c.tag.split(':') as [string, string | undefined];
    const why = `已标记“${cx.tagLabel(code)}”`;
    return (f) => {
      const t = tagOf(f, code);
      return t && (kind === undefined || t.kind === kind) ? why : null;
    };
  }
  const fact = c.fact!;
  const name = factLabel(fact);
  if (fact === 'vip') {
    const want = c.in ?? [];
    if (c.present !== undefined) {
      const present = c.present,
        why = `${name}${present ? '已知' : '未知'}`;
      return (f) => ((f.vip !== null) === present ? why : null);
    }
    return (f) => (f.vip !== null && want.includes(f.vip) ? (f.vip ? '客户为 VIP/重要客户' : '客户为普通客户') : null);
  }
  if (fact === 'repeatCount' || fact === 'urgeCount') {
    const k: CountField = fact;
    if (c.atLeast !== undefined) {
      const min = c.atLeast;
      return (f) => {
        const v = f.n[k];
        return v !== undefined && v >= min ? `${name}为 ${v}（≥${min}）` : null;
      };
    }
    if (c.present !== undefined) {
      const present = c.present,
        why = `${name}${present ? '已填' : '未填'}`;
      return (f) => ((f.n[k] !== undefined) === present ? why : null);
    }
    const want = c.in!;
    return (f) => {
      const v = f.n[k];
      return v !== undefined && want.includes(v) ? `${name}为 ${v}` : null;
    };
  }
  if ((TIME_FIELDS as readonly string[]).includes(fact)) {
    const read = READ_TIME[fact as TimeField];
    const present = c.present!,
      why = `${present ? '已有' : '没有'}${name}`;
    return (f) => ((read(f.t) !== undefined) === present ? why : null);
  }
  const k = fact as StringFact;
  const read = READ_TEXT[k];
  // Content and the kind of contact are what most rules read (26 of 27 keyword tests and 11 of 17 value
  // tests in china-telecom): their tests read them by name, sparing the reader call (~2.5% of a verdict).
  if (c.anyOf) {
    const find = cx.keywords(k, c.anyOf);
    return k === 'content' ? (f) => keywordWhy(name, find, f.s.content) : (f) => keywordWhy(name, find, read(f.s));
  }
  if (c.matches) {
    const re = new RegExp(c.matches, 'iu');
    // The pattern was checked for catastrophic backtracking when the pack was parsed; it still runs
    // on the first 10,000 characters only (MAX_MATCH_INPUT says why), since a ticket's text is
    // whatever the customer or the CRM put there, and a verdict is computed on the CRM page too.
    return (f) => {
      const v = read(f.s);
      const m = v === undefined ? null : re.exec(matchInput(v));
      return m ? `${name}含“${m[0]}”` : null;
    };
  }
  if (c.in) {
    // A few values each (a kind of contact, a class, a channel level): comparing them beats hashing.
    const values = c.in.map(String);
    const whys = values.map((v) => `${name}为“${cx.label(fact, v)}”`);
    return k === 'nature' ? (f) => valueWhy(values, whys, f.s.nature) : (f) => valueWhy(values, whys, read(f.s));
  }
  const present = c.present!,
    why = `${present ? '已有' : '没有'}${name}`;
  return (f) => ((read(f.s) !== undefined) === present ? why : null);
}

function keywordWhy(name: string, find: FindKeyword, v: string | undefined): string | null {
  const m = v === undefined ? null : find(v);
  return m === null ? null : `${name}含“${m}”`;
}

/** The reason for the first listed value equal to `v`, or null. */
function valueWhy(values: readonly string[], whys: readonly string[], v: string | undefined): string | null {
  if (v !== undefined) for (let i = 0; i < values.length; i++) if (values[i] === v) return whys[i]!;
  return null;
}
