import type { Nature } from '../pack/schema';
import { scoreHead, type Scored } from '../classifier/classify';
import { classFeature, type Classifier } from '../classifier/compile';
import { classText } from '../classifier/features';
import type { Verdict } from '../verdict';
import type { CompiledPack } from './compile';
import { addUnknown, type Facts } from './facts';

function crmSays(c: CompiledPack, text: string | undefined, where: 'inType' | 'inPath') {
  if (text !== undefined)
    for (const m of c.crmNature) {
      const hit = m[where](text);
      if (hit !== null) return { nature: m.nature, because: `CRM 已标明“${hit}”，以 CRM 为准` };
    }
  return null;
}

/** Kind of contact: the CRM's own ticket type wins; otherwise the pack's rules suggest one. */
export function natureOf(c: CompiledPack, f: Facts): { nature: Nature; because: string } {
  // The ticket type first; a generic type (e.g. 工单) still lets the category path (…->投诉单->…) speak.
  const crm = crmSays(c, f.s.ticketType, 'inType') ?? crmSays(c, f.s.categoryPath, 'inPath');
  if (crm) return crm;
  for (const r of c.natureRules) {
    const why = r.test(f);
    if (why !== null) return { nature: r.value, because: `因为${why}${r.cited}（建议，坐席可改）` };
  }
  const d = c.pack.nature.default;
  addUnknown(f, 'nature', `工单类型和内容都无法判断接触类型，暂按规则包默认值处理，请坐席确认`);
  return { nature: d.nature, because: `${d.because}（${d.clause}）` };
}

type Category = NonNullable<Verdict['category']>;

/** The pack's class a CRM category path names by its path words (the first class that matches), and the word. */
export function pathClassOf(c: CompiledPack, path: string): { index: number; hit: string } | null {
  for (let i = 0; i < c.classRules.length; i++) {
    const hit = c.classRules[i]!.value.path(path);
    if (hit !== null) return { index: i, hit };
  }
  return null;
}

/** The features of what the customer said (title, text, business), as the classifier reads them. */
export function ticketFeatures(k: Classifier, f: Facts): string[] {
  const text = classText(f.s);
  return text ? k.features(text) : [];
}

export interface ClassOptions {
  /** Auto-fill writes a class at or above this confidence. */
  autoFillAt: number;
  /** A class code the agent picked for this ticket: it wins over the CRM and the text. */
  pick?: string;
}

const pct = (p: number) => `${Math.round(p * 100)}%`;
const quoted = (words: readonly string[]) => words.map((w) => `“${w}”`).join('');
const round = (p: number) => Math.round(p * 1000) / 1000;

/** Why the text reads as this class: the words that weighed most, and where the evidence came from. */
function textBecause(c: CompiledPack, k: Classifier, read: Scored): string {
  const cls = c.pack.classes[read.ranked[0]!.index]!;
  const words = read.words.length ? `内容中的${quoted(read.words)}` : '内容';
  const sure = `置信度 ${pct(read.ranked[0]!.confidence)}`;
  return k.classes.learned > 0
    ? `因为${words}最像${cls.label}（从本中心 ${k.classes.learned} 张已分类工单学得，${sure}）`
    : `因为${words}对上规则包${cls.label}的词：${cls.because}（${cls.clause}），${sure}`;
}

/**
 * Complaint class: the agent's pick, else the CRM's category path, else the text read by the
 * classifier (the pack's words, and whatever the centre's tickets taught it), with a confidence.
 * `features` are the ticket text's, shared with the line head.
 */
export function categoryOf(
  c: CompiledPack,
  k: Classifier,
  f: Facts,
  textFeatures: readonly string[],
  opts: ClassOptions,
): Category | null {
  const path = f.s.categoryPath;
  const byPath = path === undefined ? null : pathClassOf(c, path);
  // A path that names no class of the pack (宽带网络->频繁掉线) still describes the ticket.
  const features = path !== undefined && !byPath ? [...new Set([...textFeatures, ...k.features(path)])] : textFeatures;
  const read = features.length ? scoreHead(k.classes, features, k.classes.learned === 0) : null;
  const reading = read && read.evidence > 0 ? read : null;
  const entry = (i: number, confidence: number) => {
    const k = c.pack.classes[i]!;
    return { code: k.code, label: k.label, ...(k.labelEn && { labelEn: k.labelEn }), confidence: round(confidence) };
  };
  const alternatives = (first: number, confidence: number) => [
    entry(first, confidence),
    ...(reading?.ranked ?? [])
      .filter((r) => r.index !== first)
      .slice(0, 2)
      .map((r) => entry(r.index, r.confidence)),
  ];
  const fixed = (i: number, source: 'agent' | 'crm', because: string): Category => {
    const top = reading?.ranked[0];
    const disagrees = top && top.index !== i && top.confidence >= opts.autoFillAt;
    return {
      ...entry(i, 1),
      because,
      source,
      autoFill: true,
      alternatives: alternatives(i, 1),
      ...(disagrees
        ? { disagreement: { ...entry(top.index, top.confidence), because: textBecause(c, k, reading) } }
        : {}),
    };
  };

  const picked = opts.pick === undefined ? -1 : c.pack.classes.findIndex((x) => x.code === opts.pick);
  if (picked >= 0) return fixed(picked, 'agent', `坐席选定为${c.pack.classes[picked]!.label}`);
  if (byPath)
    return fixed(byPath.index, 'crm', `CRM 分类路径含“${byPath.hit}”（${c.classRules[byPath.index]!.clause}）`);
  if (!reading) {
    addUnknown(
      f,
      'categoryPath',
      features.length ? '分类路径缺失，内容里也没有能判断投诉分类的词，分类未知' : '缺少分类路径、标题和内容，分类未知',
    );
    return null;
  }
  const top = reading.ranked[0]!;
  return {
    ...entry(top.index, top.confidence),
    because: textBecause(c, k, reading),
    source: k.classes.learned > 0 ? 'model' : 'rules',
    autoFill: top.confidence >= opts.autoFillAt,
    alternatives: alternatives(top.index, top.confidence),
  };
}

function suggested(dispatch: Verdict['dispatch'], target: string): boolean {
  for (const d of dispatch) if (d.target === target) return true;
  return false;
}

/**
 * Handling lines: the pack's dispatch rules in order, each with the line head's confidence; the
 * learned line first when the model is sure of it, or alone when no rule suggests any.
 */
export function dispatchOf(
  c: CompiledPack,
  k: Classifier,
  f: Facts,
  features: readonly string[],
  category: string | null,
  sureAt: number,
): Verdict['dispatch'] {
  const lineFeatures = category === null ? features : [...features, classFeature(category)];
  const read = lineFeatures.length ? scoreHead(k.lines, lineFeatures, false) : null;
  const confidence = (target: string) =>
    read ? round(read.ranked.find((r) => k.lines.labels[r.index] === target)!.confidence) : 0;
  const dispatch: Verdict['dispatch'] = [];
  for (const r of c.dispatch) {
    if (suggested(dispatch, r.value)) continue;
    const why = r.test(f);
    if (why !== null)
      dispatch.push({
        target: r.value,
        because: `因为${why}${r.cited}`,
        confidence: confidence(r.value),
        source: 'rules',
      });
  }
  const top = read?.ranked[0];
  if (!top || k.lines.learned === 0 || (read.evidence === 0 && category === null)) return dispatch;
  const target = k.lines.labels[top.index]!;
  if (top.confidence < sureAt && dispatch.length > 0) return dispatch;
  const words = read.words.length ? `，内容中的${quoted(read.words)}也指向它` : '';
  const learned = {
    target,
    because: `因为本中心 ${k.lines.learned} 张已派单工单里，这类工单多由${target}处理${words}（置信度 ${pct(top.confidence)}）`,
    confidence: round(top.confidence),
    source: 'model' as const,
  };
  return [learned, ...dispatch.filter((d) => d.target !== target)];
}
