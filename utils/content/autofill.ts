import { resolveFrame } from '@/rules/sites/frames';
import type { SiteAdapter, WriteTarget } from '@/rules/sites/schema';
import type { Verdict } from '@/rules/verdict';
import type { AutofillChange, AutofillReport } from '@/utils/messages';

type Target = AutofillChange['target'];
const LABELS: Record<Target, string> = { ticketType: '工单类型', category: '投诉分类', department: '处理部门', tags: '标签' };
/** The CRM's ticket-type wording for each kind of contact. */
const TICKET_TYPES: Record<Verdict['nature'], string> = { complaint: '投诉单', consultation: '咨询单', query: '查询单', fault: '障碍单' };
const MARK = '2px solid #dd6b20';

type Field = HTMLSelectElement | HTMLInputElement | HTMLTextAreaElement;

/**
 * The class is written only when it is sure enough (the CRM's path, the agent's pick, or a reading
 * at or above the pack's threshold); an unsure one is left for the agent to confirm in the panel.
 */
function categoryPlan(c: Verdict['category']): { target: Target; value: string | null; because: string } {
  if (!c) return { target: 'category', value: null, because: '分类未知，不自动填写' };
  if (!c.autoFill)
    return { target: 'category', value: null, because: `分类把握不足（置信度 ${Math.round(c.confidence * 100)}%，低于自动填写阈值），请在侧边栏确认` };
  return { target: 'category', value: c.label, because: c.because };
}

/** What auto-fill would write, or why a target is left alone. */
export function planFill(verdict: Verdict): { target: Target; value: string | null; because: string }[] {
  return [
    { target: 'ticketType', value: TICKET_TYPES[verdict.nature], because: verdict.natureBecause },
    categoryPlan(verdict.category),
    { target: 'department', value: verdict.dispatch[0]?.target ?? null, because: verdict.dispatch[0]?.because ?? '没有派单建议，不自动填写' },
    { target: 'tags', value: verdict.tags.length ? verdict.tags.map((t) => t.label).join('，') : null, because: verdict.tags.length ? '规则标记' : '没有标签' },
  ];
}

function findField(doc: Document, t: WriteTarget | undefined): Field | null {
  if (!t) return null;
  const frame = resolveFrame(doc, t.frame);
  if (!frame.ok) return null;
  try {
    const el = frame.doc.querySelector(t.css);
    return el && /^(SELECT|INPUT|TEXTAREA)$/.test(el.tagName) ? (el as Field) : null;
  } catch {
    return null;
  }
}

const read = (el: Field, kind: WriteTarget['kind']) =>
  kind === 'select-text' && el instanceof el.ownerDocument.defaultView!.HTMLSelectElement ? (el.options[el.selectedIndex]?.text.trim() ?? '') : el.value;

/** Set a value the way a person would, so the CRM's own onchange/oninput scripts run. */
function setValue(el: Field, kind: WriteTarget['kind'], value: string): boolean {
  const win = el.ownerDocument.defaultView!;
  if (el instanceof win.HTMLSelectElement) {
    const option = Array.from(el.options).find((o) => (kind === 'select-value' ? o.value : o.text.trim()) === value);
    if (!option) return false;
    option.selected = true;
  } else el.value = value;
  el.dispatchEvent(new win.Event('input', { bubbles: true }));
  el.dispatchEvent(new win.Event('change', { bubbles: true }));
  return true;
}

/** Write the verdict into the CRM form. Never submits: it only sets fields and fires events. */
export function applyFill(doc: Document, adapter: SiteAdapter, verdict: Verdict): AutofillReport {
  const report: AutofillReport = { changes: [], skipped: [] };
  const writes: { target: Target; spec: WriteTarget; el: Field; value: string; previous: string }[] = [];
  // Read every previous value first: the CRM's own onchange scripts may cascade (a class
  // choice pre-selecting a line), and undo must restore what the agent had, not the cascade.
  for (const plan of planFill(verdict)) {
    const spec = adapter.write?.[plan.target];
    const el = findField(doc, spec);
    if (!spec || !el) report.skipped.push({ target: plan.target, because: spec ? '页面上找不到该字段' : '适配器没有这个填写目标' });
    else if (plan.value === null) report.skipped.push({ target: plan.target, because: plan.because });
    else writes.push({ target: plan.target, spec, el, value: plan.value, previous: read(el, spec.kind) });
  }
  for (const w of writes) {
    if (!setValue(w.el, w.spec.kind, w.value)) {
      report.skipped.push({ target: w.target, because: `下拉框里没有“${w.value}”` });
      continue;
    }
    w.el.style.outline = MARK;
    w.el.dataset.sidekickFilled = '1';
    report.changes.push({ target: w.target, label: LABELS[w.target], value: w.value, previous: w.previous, stuck: false });
  }
  // Read back once everything is written, so a value the CRM's scripts overrode shows as not stuck.
  for (const c of report.changes) {
    const w = writes.find((x) => x.target === c.target)!;
    c.stuck = read(w.el, w.spec.kind) === c.value;
  }
  return report;
}

/** Put back what auto-fill replaced, firing the same events, and clear the marks. */
export function undoFill(doc: Document, adapter: SiteAdapter, report: AutofillReport): number {
  const targets = [...report.changes].reverse().flatMap((c) => {
    const spec = adapter.write?.[c.target];
    const el = findField(doc, spec);
    return spec && el ? [{ c, spec, el }] : [];
  });
  // Last written, first restored; then once more for any field a CRM cascade changed meanwhile.
  for (const t of targets) setValue(t.el, t.spec.kind, t.c.previous);
  for (const t of targets) if (read(t.el, t.spec.kind) !== t.c.previous) setValue(t.el, t.spec.kind, t.c.previous);
  for (const t of targets) {
    t.el.style.outline = '';
    delete t.el.dataset.sidekickFilled;
  }
  return targets.filter((t) => read(t.el, t.spec.kind) === t.c.previous).length;
}

/** Add a script to the CRM's reply box, after what the agent already typed. */
export function insertReply(doc: Document, adapter: SiteAdapter, text: string): boolean {
  const spec = adapter.write?.replyBox;
  if (!spec) return false;
  const el = findField(doc, { ...spec, kind: 'text' });
  if (!el || el instanceof el.ownerDocument.defaultView!.HTMLSelectElement) return false;
  setValue(el, 'text', el.value ? `${el.value}\n${text}` : text);
  return true;
}
