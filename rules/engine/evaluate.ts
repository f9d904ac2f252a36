import type { WorkCalendar } from '../calendar/work-calendar';
import type { Pack } from '../pack/schema';
import type { Verdict } from '../verdict';
import { bundledCalendar } from './bundled-calendar';
import { categoryOf, natureOf } from './classify';
import { runClocks } from './clocks';
import { compilePack } from './compile';
import { EMPTY_HISTORY, historyTags, indexHistory, type HistoryIndex } from './history';
import { setTag } from './facts';
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

function suggested(dispatch: Verdict['dispatch'], target: string): boolean {
  for (const d of dispatch) if (d.target === target) return true;
  return false;
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

  for (const t of historyTags(c, f, category?.code ?? null, historyFor(history, pack), f.t.acceptedAt ?? nowMs, cal)) setTag(f, t);
  for (const r of c.tagRules) {
    const why = r.test(f);
    if (why !== null) setTag(f, { code: r.value.code, label: r.value.label, because: `因为${why}${r.cited}` });
  }

  const priorityBecause: string[] = [];
  for (const r of c.priority) {
    const why = r.test(f);
    if (why !== null) priorityBecause.push(`因为${why}${r.cited}`);
  }

  let risk: Verdict['risk'] = 'none';
  let riskBecause: string | null = null;
  let reportTo: string[] = [];
  for (const r of c.risk) {
    const why = r.test(f);
    if (why === null) continue;
    risk = r.value.level;
    riskBecause = `因为${why}${r.cited}${r.value.reportClause}`;
    reportTo = r.value.reportTo;
    break;
  }

  const dispatch: Verdict['dispatch'] = [];
  for (const r of c.dispatch) {
    if (suggested(dispatch, r.value)) continue;
    const why = r.test(f);
    if (why !== null) dispatch.push({ target: r.value, because: `因为${why}${r.cited}` });
  }

  const dueMs: number[] = [];
  const clocks = runClocks(c.clocks, f, nowMs, cal, dueMs);
  const verdict: Verdict = {
    id: f.s.id ?? null,
    pack: pack.id,
    nature: nature.nature,
    natureBecause: nature.because,
    category,
    channelLevel: f.s.channelLevel as Verdict['channelLevel'],
    vip: f.vip,
    tags: f.tags,
    priority: priorityBecause.length > 0,
    priorityBecause,
    risk,
    riskBecause,
    reportTo,
    dispatch,
    clocks,
    scripts: [],
    unknown: f.unknown,
  };
  verdict.scripts = runScripts(c.scripts, c.resolveClock, f, verdict, dueMs);
  return verdict;
}
