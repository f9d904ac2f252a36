import type { Condition, Fact } from '../pack/condition';
import type { Nature, Pack, Risk } from '../pack/schema';
import { CHANNEL_LABELS, NATURE_LABELS } from '../pack/vocabulary';
import { KeywordSet, type FindKeyword } from './keywords';
import { compileClock, type CompiledClock } from './clocks';
import { compileCondition, type Test } from './condition';
import { compileScript, type CompiledScript } from './scripts';

const RISK_ORDER: Record<Risk, number> = { red: 0, orange: 1, yellow: 2 };

export interface CompiledRule<T> {
  test: Test;
  value: T;
  clause: string;
  /** The rule's own reason and clause, written once: a verdict says `因为${what matched}${cited}`. */
  cited: string;
}
export interface CompiledPack {
  pack: Pack;
  classLabel: Map<string, string>;
  tagLabel: (code: string) => string;
  /** The CRM's own type words, in the ticket type and in the category path (one keyword set per text). */
  crmNature: { nature: Nature; inType: FindKeyword; inPath: FindKeyword }[];
  natureRules: CompiledRule<Nature>[];
  classRules: CompiledRule<{ code: string; label: string; path: FindKeyword }>[];
  tagRules: CompiledRule<{ code: string; label: string }>[];
  priority: CompiledRule<null>[];
  /** Sorted red first, so the first hit is the highest level; each with whom its level is reported to, and by which clause. */
  risk: CompiledRule<{ level: Risk; reportTo: string[]; reportClause: string }>[];
  dispatch: CompiledRule<string>[];
  clocks: CompiledClock[];
  /** The resolve clock, whose due the scripts quote to the customer. */
  resolveClock: CompiledClock | undefined;
  /** Statuses that mean suspended (the pack's `pause`), compared whole: the adapter maps the CRM's words to them. */
  pauseStatuses: ReadonlySet<string>;
  scripts: CompiledScript[];
  /** The pack's level and channel lists. */
  vip: { ordinary: FindKeyword; levels: FindKeyword; minStars: number | null };
  channels: { regulator: FindKeyword; group: FindKeyword; province: FindKeyword };
}

const cache = new WeakMap<Pack, CompiledPack>();

/** Compile a checked pack once: every condition becomes a closure, every keyword list part of one automaton per text. */
export function compilePack(pack: Pack): CompiledPack {
  const hit = cache.get(pack);
  if (hit) return hit;
  const classLabel = new Map(pack.classes.map((c) => [c.code, c.label]));
  const tagLabels = new Map<string, string>([
    ...pack.tags.map((t): [string, string] => [t.code, t.label]),
    ['repeat', pack.history.repeat.label],
    ['group', pack.history.group.label],
    ['escalated', pack.history.escalated.label],
  ]);
  const tagLabel = (code: string) => tagLabels.get(code) ?? code;
  const label = (fact: Fact, v: string) =>
    fact === 'category'
      ? (classLabel.get(v) ?? v)
      : fact === 'nature'
        ? (NATURE_LABELS[v as Nature] ?? v)
        : fact === 'channelLevel'
          ? (CHANNEL_LABELS[v] ?? v)
          : v;
  const sets = new Map<string, KeywordSet>();
  const keywords = (text: string, words: readonly string[]) => {
    let set = sets.get(text);
    if (!set) sets.set(text, (set = new KeywordSet()));
    return set.list(words);
  };
  const c = (cond: Condition) => compileCondition(cond, { label, tagLabel, keywords });
  const none = () => null;
  const rule = <T>(r: { when?: Condition; because: string; clause: string }, value: T): CompiledRule<T> => ({
    test: r.when ? c(r.when) : none,
    value,
    clause: r.clause,
    cited: `：${r.because}（${r.clause}）`,
  });
  const clocks = pack.clocks.map((def) => compileClock(def, def.when ? c(def.when) : null));
  const compiled: CompiledPack = {
    pack,
    classLabel,
    tagLabel,
    crmNature: pack.nature.crm.map((m) => ({
      nature: m.nature,
      inType: keywords('ticketType', m.anyOf),
      inPath: keywords('categoryPath', m.anyOf),
    })),
    natureRules: pack.nature.rules.map((r) => rule(r, r.nature)),
    classRules: pack.classes.map((k) =>
      rule(k, { code: k.code, label: k.label, path: keywords('categoryPath', k.pathKeywords) }),
    ),
    tagRules: pack.tags.map((t) => rule(t, { code: t.code, label: t.label })),
    priority: pack.priority.map((r) => rule(r, null)),
    risk: pack.risk.rules
      .map((r) =>
        rule(r, {
          level: r.level,
          reportTo: pack.risk.levels[r.level].reportTo,
          reportClause: `；按${pack.risk.levels[r.level].clause}报告`,
        }),
      )
      .sort((a, b) => RISK_ORDER[a.value.level] - RISK_ORDER[b.value.level]),
    dispatch: pack.dispatch.map((r) => rule(r, r.target)),
    clocks,
    resolveClock: clocks.find((k) => k.def.code === 'resolve'),
    pauseStatuses: new Set(pack.pause?.statuses ?? []),
    scripts: pack.scripts.map((s) => compileScript(s.stage, s.text, s.when ? c(s.when) : null)),
    vip: {
      ordinary: keywords('customerLevel', pack.vip.ordinaryLevels),
      levels: keywords('customerLevel', pack.vip.levels),
      minStars: pack.vip.minStars,
    },
    channels: {
      regulator: keywords('channel+source', pack.channels.regulator),
      group: keywords('channel+source', pack.channels.group),
      province: keywords('channel+source', pack.channels.province),
    },
  };
  cache.set(pack, compiled);
  return compiled;
}
