import type { WorkCalendar } from '../calendar/work-calendar';
import type { Pack } from '../pack/schema';
import type { Verdict } from '../verdict';
import { bundledCalendar } from './bundled-calendar';
import { categoryOf, natureOf } from './classify';
import { runClocks } from './clocks';
import { compilePack, type CompiledPack } from './compile';
import { classFeature, compileClassifier, type Classifier } from '../classifier/compile';
import { scoreHead } from '../classifier/classify';
import { textFeatures } from '../classifier/features';
import type { Model } from '../classifier/model';
import { classText } from '../classifier/train';
import { EMPTY_HISTORY, historyTags, indexHistory, type HistoryIndex } from './history';
import { setTag, type Facts } from './facts';
import { normalize } from './normalize';
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
function historyFor(history: HistoryIndex | readonly unknown[] | undefined, pack: Pack, model: Model | null): HistoryIndex {
  if (!history || (Array.isArray(history) && history.length === 0)) return EMPTY_HISTORY;
  return Array.isArray(history) ? indexHistory(history, pack, model) : (history as HistoryIndex);
}

/**
 * Handling lines: the pack's dispatch rules in order, each with the line head's confidence; the
 * learned line first when the model is sure of it, or alone when no rule suggests any.
 */
function dispatchOf(c: CompiledPack, k: Classifier, f: Facts, features: readonly string[], category: string | null, sureAt: number): Verdict['dispatch'] {
  const lineFeatures = category === null ? features : [...features, classFeature(category)];
  const read = lineFeatures.length ? scoreHead(k.lines, lineFeatures, false) : null;
  const confidence = (target: string) => (read ? Math.round(read.ranked.find((r) => k.lines.labels[r.index] === target)!.confidence * 1000) / 1000 : 0);
  const dispatch: Verdict['dispatch'] = [];
  for (const r of c.dispatch) {
    if (suggested(dispatch, r.value)) continue;
    const why = r.test(f);
    if (why !== null) dispatch.push({ target: r.value, because: `因为${why}${r.cited}`, confidence: confidence(r.value), source: 'rules' });
  }
  const top = read?.ranked[0];
  if (!top || k.lines.learned === 0 || (read.evidence === 0 && category === null)) return dispatch;
  const target = k.lines.labels[top.index]!;
  if (top.confidence < sureAt && dispatch.length > 0) return dispatch;
  const words = read.words.length ? `，内容中的${read.words.map((w) => `“${w}”`).join('')}也指向它` : '';
  const learned = {
    target,
    because: `因为本中心 ${k.lines.learned} 张已派单工单里，这类工单多由${target}处理${words}（置信度 ${Math.round(top.confidence * 100)}%）`,
    confidence: Math.round(top.confidence * 1000) / 1000,
    source: 'model' as const,
  };
  return [learned, ...dispatch.filter((d) => d.target !== target)];
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
  const model = options?.model ?? null;
  const k = compileClassifier(pack, model);
  const f = normalize(ticket, c);

  const nature = natureOf(c, f);
  f.s.nature = nature.nature;
  const text = classText(f.s);
  const features = text ? k.features(text) : [];
  const autoFillAt = options?.autoFillAt ?? k.settings.autoFillAt;
  const category = categoryOf(c, k, f, features, { autoFillAt, ...(options?.pick === undefined ? {} : { pick: options.pick }) });
  if (category) f.s.category = category.code;

  for (const t of historyTags(c, f, category?.code ?? null, historyFor(history, pack, model), f.t.acceptedAt ?? nowMs, cal)) setTag(f, t);
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
