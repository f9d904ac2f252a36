import type { WorkCalendar } from '../calendar/work-calendar';
import type { Pack } from '../pack/schema';
import type { Verdict } from '../verdict';
import { bundledCalendar } from './bundled-calendar';
import { categoryOf, natureOf } from './classify';
import { runClocks } from './clocks';
import { compilePack } from './compile';
import { EMPTY_HISTORY, historyTags, indexHistory, type HistoryIndex } from './history';
import { normalize } from './normalize';
import { runScripts } from './scripts';

export interface EvaluateOptions {
  /** Working-day calendar; defaults to the bundled State Council notices. */
  calendar?: WorkCalendar;
}

const indexed = new WeakMap<readonly unknown[], { pack: Pack; index: HistoryIndex }>();

function historyFor(history: HistoryIndex | readonly unknown[] | undefined, pack: Pack): HistoryIndex {
  if (!history || (Array.isArray(history) && history.length === 0)) return EMPTY_HISTORY;
  if (!Array.isArray(history)) return history as HistoryIndex;
  const hit = indexed.get(history);
  if (hit && hit.pack === pack) return hit.index;
  const index = indexHistory(history, pack);
  indexed.set(history, { pack, index });
  return index;
}

/**
 * The verdict for one ticket: synchronous, deterministic for the same inputs, and it never throws on
 * ticket data. `history` is earlier tickets (raw, or indexed once with `indexHistory`).
 */
export function evaluate(ticket: unknown, pack: Pack, history: HistoryIndex | readonly unknown[] | undefined, now: number | Date, options?: EvaluateOptions): Verdict {
  const c = compilePack(pack);
  const cal = options?.calendar ?? bundledCalendar;
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const f = normalize(ticket, c);

  const nature = natureOf(c, f);
  f.s.nature = nature.nature;
  const category = categoryOf(c, f);
  if (category) f.s.category = category.code;

  for (const t of historyTags(c, f, category?.code ?? null, historyFor(history, pack), f.t.acceptedAt ?? nowMs, cal)) f.tags.set(t.code, t);
  for (const r of c.tagRules) {
    const why = r.test(f);
    if (why !== null) f.tags.set(r.value.code, { code: r.value.code, label: r.value.label, because: `因为${why}${r.cited}` });
  }

  const priorityBecause: string[] = [];
  for (const r of c.priority) {
    const why = r.test(f);
    if (why !== null) priorityBecause.push(`因为${why}${r.cited}`);
  }

  let risk: Verdict['risk'] = 'none';
  let riskBecause: string | null = null;
  for (const r of c.risk) {
    const why = r.test(f);
    if (why === null) continue;
    risk = r.value;
    riskBecause = `因为${why}${r.cited}`;
    break;
  }
  const level = risk === 'none' ? null : pack.risk.levels[risk];

  const dispatch: Verdict['dispatch'] = [];
  for (const r of c.dispatch) {
    if (dispatch.some((d) => d.target === r.value)) continue;
    const why = r.test(f);
    if (why !== null) dispatch.push({ target: r.value, because: `因为${why}${r.cited}` });
  }

  const clocks = runClocks(c.clocks, f, nowMs, cal);
  const verdict: Verdict = {
    id: f.s.id ?? null,
    pack: pack.id,
    nature: nature.nature,
    natureBecause: nature.because,
    category,
    channelLevel: f.s.channelLevel as Verdict['channelLevel'],
    vip: f.vip,
    tags: f.tags.size === 0 ? [] : [...f.tags.values()],
    priority: priorityBecause.length > 0,
    priorityBecause,
    risk,
    riskBecause: level ? `${riskBecause}；按${level.clause}报告` : null,
    reportTo: level ? level.reportTo : [],
    dispatch,
    clocks,
    scripts: [],
    unknown: f.unknown,
  };
  verdict.scripts = runScripts(c.scripts, c.resolveClock, f, verdict);
  return verdict;
}
