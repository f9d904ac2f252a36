import type { WorkCalendar } from '../calendar/work-calendar';
import type { Pack } from '../pack/schema';
import type { Verdict } from '../verdict';
import { bundledCalendar } from './bundled-calendar';
import { categoryOf, dispatchOf, natureOf, ticketFeatures } from './classify';
import { runClocks } from './clocks';
import { compilePack } from './compile';
import { compileClassifier } from '../classifier/compile';
import type { Model } from '../classifier/model';
import { EMPTY_HISTORY, historyTags, indexHistory, type HistoryIndex } from './history';
import { setTag } from './facts';
import { normalize } from './normalize';
import { readPauses } from './pauses';
import { runScripts } from './scripts';

export interface EvaluateOptions {
  /** Working-day calendar; defaults to the bundled State Council notices. */
  calendar?: WorkCalendar;
  /** What the centre's labelled tickets taught (made for this pack: see `modelMismatch`). */
  model?: Model | null;
  /** Overrides the pack's auto-fill threshold (the admin's setting). */
  autoFillAt?: number;
  /** The class the agent picked for this ticket. */
  pick?: string;
}

// A raw array is indexed on every call: an array's identity says nothing about its content (a
// ticket pushed into it must count). Callers that evaluate many tickets pass an index.
function historyFor(
  history: HistoryIndex | readonly unknown[] | undefined,
  pack: Pack,
  model: Model | null,
): HistoryIndex {
  if (!history || (Array.isArray(history) && history.length === 0)) return EMPTY_HISTORY;
  return Array.isArray(history) ? indexHistory(history, pack, model) : (history as HistoryIndex);
}

/**
 * The verdict for one ticket: synchronous, deterministic for the same inputs, and it never throws on
 * ticket data. `history` is earlier tickets (raw, or indexed once with `indexHistory`).
 */
export function evaluate(
  ticket: unknown,
  pack: Pack,
  history: HistoryIndex | readonly unknown[] | undefined,
  now: number | Date,
  options?: EvaluateOptions,
): Verdict {
  const c = compilePack(pack);
  const cal = options?.calendar ?? bundledCalendar;
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const model = options?.model ?? null;
  const k = compileClassifier(pack, model);
  const f = normalize(ticket, c);
  readPauses(
    f,
    ticket !== null && typeof ticket === 'object' ? (ticket as { pauses?: unknown }).pauses : undefined,
    c,
    nowMs,
  );

  const nature = natureOf(c, f);
  f.s.nature = nature.nature;
  const features = ticketFeatures(k, f);
  const autoFillAt = options?.autoFillAt ?? k.settings.autoFillAt;
  const category = categoryOf(c, k, f, features, {
    autoFillAt,
    ...(options?.pick === undefined ? {} : { pick: options.pick }),
  });
  if (category) f.s.category = category.code;

  for (const t of historyTags(
    c,
    f,
    category?.code ?? null,
    historyFor(history, pack, model),
    f.t.acceptedAt ?? nowMs,
    cal,
  ))
    setTag(f, t);
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

  const dispatch = dispatchOf(c, k, f, features, category?.code ?? null, autoFillAt);

  const dueMs: number[] = [];
  const clocks = runClocks(c.clocks, f, nowMs, cal, dueMs);
  const verdict: Verdict = {
    id: f.s.id ?? null,
    pack: pack.id,
    packName: pack.name,
    packVersion: pack.version,
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
  verdict.scripts = runScripts(c.scripts, c.resolveClock, f, verdict, dueMs, nowMs);
  return verdict;
}
