import type { Nature } from '../pack/schema';
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

/** Complaint class: the CRM's category path first, then the pack's keyword rules. */
export function categoryOf(c: CompiledPack, f: Facts): { code: string; label: string; because: string } | null {
  const path = f.s.categoryPath;
  if (path !== undefined)
    for (const r of c.classRules) {
      const hit = r.value.path(path);
      if (hit !== null) return { code: r.value.code, label: r.value.label, because: `CRM 分类路径含“${hit}”（${r.clause}）` };
    }
  for (const r of c.classRules) {
    const why = r.test(f);
    if (why !== null) return { code: r.value.code, label: r.value.label, because: `因为${why}${r.cited}` };
  }
  addUnknown(f, 'categoryPath', f.s.content ? '分类路径和内容都没有对上规则包的投诉分类，分类未知' : '缺少分类路径、标题和内容，分类未知');
  return null;
}
