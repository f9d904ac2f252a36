import { resolveFrame } from '@/rules/sites/frames';
import type { SiteAdapter, WriteTarget } from '@/rules/sites/schema';
import type { Verdict } from '@/rules/verdict';
import { cw } from '@/utils/i18n/content';
import type { AutofillChange, AutofillReport } from '@/utils/messages';

type Target = AutofillChange['target'];
/** A target's name in the agent's language (the side panel lists what was filled and why). */
const label = (target: Target) => cw(`fill.${target}`);
/** The CRM's ticket-type wording for each kind of contact. */
const TICKET_TYPES: Record<Verdict['nature'], string> = {
  complaint: '投诉单',
  consultation: '咨询单',
  query: '查询单',
  fault: '障碍单',
};
const MARK = '2px solid #dd6b20';

type Field = HTMLSelectElement | HTMLInputElement | HTMLTextAreaElement;

/**
 * The class is written only when it is sure enough (the CRM's path, the agent's pick, or a reading
 * at or above the pack's threshold); an unsure one is left for the agent to confirm in the panel.
 */
function categoryPlan(c: Verdict['category']): { target: Target; value: string | null; because: string } {
  if (!c) return { target: 'category', value: null, because: cw('fill.unknownClass') };
  if (!c.autoFill)
    return {
      target: 'category',
      value: null,
      because: cw('fill.unsure', { pct: Math.round(c.confidence * 100) }),
    };
  return { target: 'category', value: c.label, because: c.because };
}

/**
 * What auto-fill would write, in the CRM's wording where the adapter's target maps it (`投诉单` →
 * `投诉`; tags one by one), or why a target is left alone.
 */
export function planFill(
  verdict: Verdict,
  adapter?: SiteAdapter,
): { target: Target; value: string | null; because: string }[] {
  const crm = (target: Target, value: string) => {
    const map = adapter?.write?.[target]?.map;
    return map && Object.hasOwn(map, value) ? (map[value] ?? value) : value;
  };
  const category = categoryPlan(verdict.category);
  const line = verdict.dispatch[0];
  const tags = [...new Set(verdict.tags.map((t) => crm('tags', t.label)))];
  return [
    { target: 'ticketType', value: crm('ticketType', TICKET_TYPES[verdict.nature]), because: verdict.natureBecause },
    { ...category, value: category.value === null ? null : crm('category', category.value) },
    {
      target: 'department',
      value: line ? crm('department', line.target) : null,
      because: line?.because ?? cw('fill.noDispatch'),
    },
    {
      target: 'tags',
      value: tags.length ? tags.join('，') : null,
      because: cw(tags.length ? 'fill.tagged' : 'fill.noTags'),
    },
  ];
}

type FieldKind = WriteTarget['kind'];
/** The only input types auto-fill writes text into (a missing or unknown type reads as "text"). */
const TEXT_TYPES = new Set(['text', 'search', 'tel']);

/** Why this control must not be written for `kind`, or null when it may. */
function refusal(el: Element, kind: FieldKind): string | null {
  const win = el.ownerDocument.defaultView;
  if (!win) return cw('fill.pageClosed');
  const f = el as Field;
  if (kind === 'select-text' || kind === 'select-value') {
    if (!(el instanceof win.HTMLSelectElement)) return cw('fill.needSelect', { el: describe(el) });
  } else if (el instanceof win.HTMLInputElement) {
    if (!TEXT_TYPES.has(el.type)) return cw('fill.notText', { el: describe(el) });
  } else if (!(el instanceof win.HTMLTextAreaElement)) return cw('fill.needText', { el: describe(el) });
  if (f.disabled || safeMatches(el, ':disabled') || el.closest('fieldset[disabled]')) return cw('fill.disabled');
  if ('readOnly' in f && f.readOnly) return cw('fill.readOnly');
  if (!visible(el, win)) return cw('fill.hidden');
  return null;
}

const describe = (el: Element) =>
  el.tagName === 'INPUT' ? `input type=${(el as HTMLInputElement).type}` : el.tagName.toLowerCase();

function safeMatches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/**
 * Shown on screen, as far as can be told: no `display: none` on it or above it, not
 * `visibility: hidden`, and, where the page has a layout (a browser, not a DOM test), a box of
 * some size. Any check that cannot run is skipped rather than refusing the field.
 */
function visible(el: Element, win: Window & typeof globalThis): boolean {
  try {
    const own = win.getComputedStyle(el);
    if (own.visibility === 'hidden' || own.visibility === 'collapse') return false;
    for (let n: Element | null = el; n; n = n.parentElement) {
      if ((n as HTMLElement).hidden || win.getComputedStyle(n).display === 'none') return false;
    }
  } catch {
    /* no computed styles here: judge by layout alone */
  }
  try {
    const root = el.ownerDocument.documentElement.getBoundingClientRect();
    if (root.width === 0 && root.height === 0) return true; // no layout engine (happy-dom, linkedom)
    const rects = el.getClientRects();
    if (rects.length === 0) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  } catch {
    return true;
  }
}

/**
 * The control a target names: the first match of its selector that may be written for `kind`
 * (a hidden or wrong-kind decoy placed before the real control is passed over), or why none may.
 */
function findField(
  doc: Document,
  t: WriteTarget | undefined,
  kind: FieldKind = t?.kind ?? 'text',
): { el: Field } | { because: string } {
  if (!t) return { because: cw('fill.noTarget') };
  const frame = resolveFrame(doc, t.frame);
  if (!frame.ok) return { because: cw('fill.notFound') };
  let matches: Element[];
  try {
    matches = Array.from(frame.doc.querySelectorAll(t.css));
  } catch {
    return { because: cw('fill.notFound') };
  }
  let first: string | null = null;
  for (const el of matches) {
    const why = refusal(el, kind);
    if (!why) return { el: el as Field };
    first ??= why;
  }
  return { because: first ?? cw('fill.notFound') };
}

const read = (el: Field, kind: FieldKind) =>
  kind === 'select-text' && el instanceof el.ownerDocument.defaultView!.HTMLSelectElement
    ? (el.options[el.selectedIndex]?.text.trim() ?? '')
    : el.value;

/**
 * Set a value the way a person would, so the CRM's own onchange/oninput scripts run. Returns
 * false when a select has no such option; throws when the page refuses the value.
 */
function setValue(el: Field, kind: FieldKind, value: string): boolean {
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

function unmark(el: Field): void {
  try {
    el.style.outline = '';
    delete el.dataset.sidekickFilled;
  } catch {
    /* a control that refuses its style keeps it */
  }
}

/** Put each control back to its previous value, last written first, then once more for cascades. */
function restore(items: { el: Field; kind: FieldKind; previous: string }[]): boolean[] {
  const put = (i: (typeof items)[number]) => {
    try {
      if (read(i.el, i.kind) !== i.previous) setValue(i.el, i.kind, i.previous);
    } catch {
      /* counted below as not restored */
    }
  };
  const backwards = [...items].reverse();
  backwards.forEach(put);
  backwards.forEach(put);
  return items.map((i) => {
    unmark(i.el);
    try {
      return read(i.el, i.kind) === i.previous;
    } catch {
      return false;
    }
  });
}

const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 200);

/** The controls each report wrote, so undo puts back the very elements it changed. */
const written = new WeakMap<AutofillReport, Map<Target, Field>>();

/**
 * Write the verdict into the CRM form. Never submits: it only sets fields and fires events.
 * All or nothing: when a write fails part way, every earlier one is put back and the report says so.
 */
export function applyFill(doc: Document, adapter: SiteAdapter, verdict: Verdict): AutofillReport {
  const report: AutofillReport = { changes: [], skipped: [] };
  const writes: { target: Target; kind: FieldKind; el: Field; value: string; previous: string }[] = [];
  // Read every previous value first: the CRM's own onchange scripts may cascade (a class
  // choice pre-selecting a line), and undo must restore what the agent had, not the cascade.
  for (const plan of planFill(verdict, adapter)) {
    const spec = adapter.write?.[plan.target];
    const found = findField(doc, spec);
    if (!spec || 'because' in found)
      report.skipped.push({
        target: plan.target,
        because: 'because' in found ? found.because : cw('fill.noTarget'),
      });
    else if (plan.value === null) report.skipped.push({ target: plan.target, because: plan.because });
    else
      writes.push({
        target: plan.target,
        kind: spec.kind,
        el: found.el,
        value: plan.value,
        previous: read(found.el, spec.kind),
      });
  }
  const done: typeof writes = [];
  for (const w of writes) {
    let ok: boolean;
    try {
      ok = setValue(w.el, w.kind, w.value);
    } catch (e) {
      // Undo what this write may have half done too, then everything before it.
      const restored = restore([...done, w]).every(Boolean);
      const because = cw('fill.writeFailed', { label: label(w.target), error: errorText(e) });
      return {
        changes: [],
        skipped: [
          ...report.skipped,
          ...writes.map((x) => ({
            target: x.target,
            because: x === w ? because : cw(restored ? 'fill.putBack' : 'fill.notPutBack'),
          })),
        ],
        rolledBack: { target: w.target, because, restored },
      };
    }
    if (!ok) {
      report.skipped.push({ target: w.target, because: cw('fill.notInList', { value: w.value }) });
      continue;
    }
    done.push(w);
    try {
      w.el.style.outline = MARK;
      w.el.dataset.sidekickFilled = '1';
    } catch {
      /* the mark is a courtesy */
    }
    report.changes.push({
      target: w.target,
      label: label(w.target),
      value: w.value,
      previous: w.previous,
      stuck: false,
    });
  }
  // Read back once everything is written, so a value the CRM's scripts overrode shows as not stuck.
  for (const c of report.changes) {
    const w = done.find((x) => x.target === c.target)!;
    c.stuck = read(w.el, w.kind) === c.value;
  }
  written.set(report, new Map(done.map((w) => [w.target, w.el])));
  return report;
}

/** Put back what auto-fill replaced, firing the same events, and clear the marks. */
export function undoFill(doc: Document, adapter: SiteAdapter, report: AutofillReport): number {
  const els = written.get(report);
  const items = report.changes.flatMap((c) => {
    const spec = adapter.write?.[c.target];
    if (!spec) return [];
    // The control written to, else (a report from elsewhere) the one the adapter names now.
    const known = els?.get(c.target);
    const found = known ? { el: known } : findField(doc, spec);
    return 'el' in found ? [{ el: found.el, kind: spec.kind, previous: c.previous }] : [];
  });
  return restore(items).filter(Boolean).length;
}

/** Add a script to the CRM's reply box, after what the agent already typed. */
export function insertReply(doc: Document, adapter: SiteAdapter, text: string): boolean {
  const spec = adapter.write?.replyBox;
  if (!spec) return false;
  const found = findField(doc, { ...spec, kind: 'text' });
  if (!('el' in found)) return false;
  const { el } = found;
  try {
    return setValue(el, 'text', el.value ? `${el.value}\n${text}` : text);
  } catch {
    return false;
  }
}
