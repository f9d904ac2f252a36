// The pack's nature, class, tag, priority and risk rules, translated from the pack JSON into
// json-rules-engine rules, so the peer runs exactly the rules our engine runs.
import { Engine, type Almanac, type Event, type TopLevelCondition } from 'json-rules-engine';
import { normalize } from '../../rules/engine/normalize';
import { compilePack } from '../../rules/engine/compile';
import { STRING_FACTS, type Condition } from '../../rules/pack/condition';
import { HISTORY_TAGS, type Pack, type Risk } from '../../rules/pack/schema';

type JreCondition =
  | { all: JreCondition[] }
  | { any: JreCondition[] }
  | { not: JreCondition }
  | { fact: string; operator: string; value: unknown };

const STRINGS = new Set<string>(STRING_FACTS);
// Case-insensitive like the pack's keyword regexes ("APP", "5G"): words lower-cased once, facts per test.
const containsAny = (fact: string, words: string[]): JreCondition => ({
  fact,
  operator: 'containsAny',
  value: words.map((w) => w.toLowerCase()),
});

/** Our condition language → json-rules-engine's; keyword lists and regexes become custom operators. */
export function toJre(c: Condition): JreCondition {
  if (c.all) return { all: c.all.map(toJre) };
  if (c.any) return { any: c.any.map(toJre) };
  if (c.not) return { not: toJre(c.not) };
  // Tags are facts the engine sets while it runs (see `jreEngine`).
  if (c.tag !== undefined) return { fact: `tag:${c.tag}`, operator: 'equal', value: true };
  const fact = c.fact!;
  if (c.anyOf) return containsAny(fact, c.anyOf);
  if (c.matches) return { fact, operator: 'matches', value: c.matches };
  if (c.atLeast !== undefined) return { fact, operator: 'greaterThanInclusive', value: c.atLeast };
  if (c.in) return { fact, operator: 'in', value: STRINGS.has(fact) ? c.in.map(String) : c.in };
  return { fact, operator: 'present', value: c.present };
}

const top = (c: JreCondition): TopLevelCondition => ('fact' in c ? { all: [c] } : c) as TopLevelCondition;

// Higher runs first: each tier's results are facts for the tiers below, in the order `evaluate` decides.
const TIER = { nature: 4, category: 3, tag: 2, verdict: 1 };

export function jreEngine(pack: Pack): { engine: Engine; rules: number } {
  const engine = new Engine([], { allowUndefinedFacts: true });
  let rules = 0;
  const rule = (tier: number, when: JreCondition, type: string, params: Record<string, unknown>) => {
    rules++;
    engine.addRule({ priority: tier, conditions: top(when), event: { type, params } });
  };

  // Kind of contact: the CRM's type first, then the pack's rules, then the default; first hit wins.
  const natures = [
    ...pack.nature.crm.map((m) => ({ nature: m.nature, when: containsAny('crmType', m.anyOf) })),
    ...pack.nature.rules.map((r) => ({ nature: r.nature, when: toJre(r.when) })),
    { nature: pack.nature.default.nature, when: { all: [] } },
  ];
  natures.forEach((n, order) => rule(TIER.nature, n.when, 'nature', { order, value: n.nature }));
  // Class: every class's CRM path keywords first, then every class's content rule; first hit wins.
  const n = pack.classes.length;
  pack.classes.forEach((k, i) => {
    if (k.pathKeywords.length)
      rule(TIER.category, containsAny('categoryPath', k.pathKeywords), 'category', { order: i, value: k.code });
    if (k.when) rule(TIER.category, toJre(k.when), 'category', { order: n + i, value: k.code });
  });
  // Pack tags only read history tags here, so one tier suffices (true of china-telecom).
  for (const t of pack.tags) rule(TIER.tag, toJre(t.when), 'tag', { value: t.code });
  pack.priority.forEach((r) => rule(TIER.verdict, toJre(r.when), 'priority', {}));
  for (const r of pack.risk.rules) rule(TIER.verdict, toJre(r.when), 'risk', { value: r.level });

  engine.addOperator('containsAny', (a: unknown, words: string[]) => {
    if (typeof a !== 'string') return false;
    const text = a.toLowerCase();
    return words.some((w) => text.includes(w));
  });
  const regexes = new Map<string, RegExp>();
  engine.addOperator('matches', (a: unknown, src: string) => {
    if (typeof a !== 'string') return false;
    let re = regexes.get(src);
    if (!re) regexes.set(src, (re = new RegExp(src, 'iu')));
    return re.test(a);
  });
  engine.addOperator('present', (a: unknown, want: boolean) => (a !== undefined && a !== null) === want);

  // Same-tier rules run concurrently, so "first hit wins" keeps the lowest order seen per run.
  const firsts = new WeakMap<Almanac, Map<string, number>>();
  engine.on('success', (e: Event, almanac: Almanac) => {
    const p = e.params as { order?: number; value?: string };
    if (e.type === 'tag') return almanac.addRuntimeFact(`tag:${p.value}`, true);
    if (e.type !== 'nature' && e.type !== 'category') return;
    let seen = firsts.get(almanac);
    if (!seen) firsts.set(almanac, (seen = new Map()));
    if (p.order! < (seen.get(e.type) ?? Infinity)) {
      seen.set(e.type, p.order!);
      almanac.addRuntimeFact(e.type, p.value);
    }
  });
  return { engine, rules };
}

/**
 * Facts for one ticket: our normaliser's fields (trimmed text, counts, parsed times, content,
 * vip, channelLevel) plus the CRM type. Tags start false; with an empty history the engine's only
 * history tag is "repeat" from the CRM's own repeat count, so that is derived here too. Priority
 * and risk test tags: without them as facts the peer disagreed on 32 of the 200 sampled risks and
 * 4 priorities (申诉 channels, CRM repeat counts); with them all 200 agree.
 */
export function jreFacts(ticket: unknown, pack: Pack): Record<string, unknown> {
  const f = normalize(ticket, compilePack(pack));
  const facts: Record<string, unknown> = {
    ...f.s,
    ...f.n,
    ...f.t,
    vip: f.vip,
    crmType: f.s.ticketType ?? f.s.categoryPath,
  };
  for (const t of pack.tags) facts[`tag:${t.code}`] = false;
  for (const t of HISTORY_TAGS) facts[`tag:${t}`] = false;
  if ((f.n.repeatCount ?? 0) > 0) facts['tag:repeat'] = true;
  return facts;
}

const RISK_RANK: Record<Risk | 'none', number> = { red: 3, orange: 2, yellow: 1, none: 0 };

export interface Decision {
  nature: string;
  category: string | null;
  priority: boolean;
  risk: Risk | 'none';
}

/** What the run decided, read off its success events as `evaluate` would decide it. */
export function decide(events: Event[]): Decision {
  const first = (type: string) => {
    let best: Event | undefined;
    for (const e of events) if (e.type === type && (!best || e.params!.order < best.params!.order)) best = e;
    return best ? (best.params!.value as string) : null;
  };
  let risk: Risk | 'none' = 'none';
  for (const e of events)
    if (e.type === 'risk' && RISK_RANK[e.params!.value as Risk] > RISK_RANK[risk]) risk = e.params!.value;
  return {
    nature: first('nature')!,
    category: first('category'),
    priority: events.some((e) => e.type === 'priority'),
    risk,
  };
}
