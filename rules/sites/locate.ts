// Evaluates one locator against one document and returns the text it points at. Only
// textContent, form values and attributes are read: page markup is never parsed or run.
import { labelKey, type LabelIndex } from './labels';
import type { Locator } from './schema';

type LocateResult = { value: string } | { miss: string };

const ELEMENT = 1;
const ATTRIBUTE = 2;
const TEXT = 3;
const FIRST_ORDERED_NODE = 9; // XPathResult.FIRST_ORDERED_NODE_TYPE, without the browser global

function collapse(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

export function describeLocator(locator: Locator): string {
  if ('css' in locator) return `css ${locator.css}${locator.attr ? ` @${locator.attr}` : ''}`;
  if ('label' in locator) return `label ${[locator.label].flat().join(' | ')}`;
  return `xpath ${locator.xpath}`;
}

export function locate(doc: Document, locator: Locator, labels: LabelIndex): LocateResult {
  if ('css' in locator) return byCss(doc, locator.css, locator.attr);
  if ('label' in locator) return byLabel(doc, [locator.label].flat(), labels);
  return byXPath(doc, locator.xpath);
}

function found(value: string): LocateResult {
  return value === '' ? { miss: 'empty' } : { value };
}

function byCss(doc: Document, css: string, attr: string | undefined): LocateResult {
  let el: Element | null;
  try {
    el = doc.querySelector(css);
  } catch {
    return { miss: 'invalid selector' };
  }
  if (!el) return { miss: 'not found' };
  return found(attr ? collapse(el.getAttribute(attr)) : elementValue(el));
}

function byXPath(doc: Document, xpath: string): LocateResult {
  if (typeof doc.evaluate !== 'function') return { miss: 'xpath not supported by this document' };
  let node: Node | null;
  try {
    node = doc.evaluate(xpath, doc, null, FIRST_ORDERED_NODE, null).singleNodeValue;
  } catch {
    return { miss: 'invalid xpath' };
  }
  if (!node) return { miss: 'not found' };
  if (node.nodeType === ELEMENT) return found(elementValue(node as Element));
  if (node.nodeType === ATTRIBUTE) return found(collapse((node as Attr).value));
  return found(collapse(node.textContent));
}

function byLabel(doc: Document, labels: string[], index: LabelIndex): LocateResult {
  let sawLabel = false;
  for (const label of labels) {
    const key = labelKey(label);
    for (const textNode of index(doc, key)) {
      sawLabel = true;
      const value = valueAfterLabel(textNode, key);
      if (value) return { value };
    }
  }
  return { miss: sawLabel ? 'label found, value empty' : 'not found' };
}

/**
 * The value is what follows the label: the next sibling of the label text, or, when the
 * label fills its element (`<td>受理时间：</td>`, `<dt>`, `<b>` inside a cell), the next
 * sibling of that element, climbing as long as the element holds nothing but the label (and
 * icons). Icons, help links and empty elements between label and value are passed over.
 */
function valueAfterLabel(textNode: Text, key: string): string {
  let node: Node = textNode;
  for (;;) {
    const value = firstValueAfter(node);
    if (value !== null) return value;
    const parent = node.parentNode;
    if (!parent || parent.nodeType !== ELEMENT || parent === parent.ownerDocument?.documentElement) return '';
    if (!holdsOnlyLabel(parent as Element, key)) return '';
    node = parent;
  }
}

/**
 * The first meaningful sibling's text, '' when it is empty, null when there is none (or only
 * icons, which may sit inside the label's own element: `<label>级别<i class="fa"></i></label>`).
 */
function firstValueAfter(node: Node): string | null {
  // Once decoration was passed over, a line break or a label-like text (`联系电话：`) ends the
  // search: the value was the empty or pictured thing, and what follows belongs to the next label.
  let skipped: 'icon' | 'empty' | null = null;
  const after = (value: string) => (skipped && /[:：﹕]$/.test(value) ? '' : value);
  for (let sib = node.nextSibling; sib; sib = sib.nextSibling) {
    if (sib.nodeType === TEXT) {
      // A colon left over from `<b>受理时间</b>：` is part of the label, not the value.
      if (labelKey(sib.nodeValue) === '') continue;
      return after(collapse(sib.nodeValue).replace(/^[:：﹕]\s*/, ''));
    }
    if (sib.nodeType !== ELEMENT) continue;
    const el = sib as Element;
    const tag = el.tagName.toUpperCase();
    if (tag === 'SCRIPT' || tag === 'STYLE') continue;
    if (tag === 'BR') {
      if (skipped) return '';
      continue;
    }
    if (isIcon(el)) {
      skipped ??= 'icon';
      continue;
    }
    const value = elementValue(el);
    // An empty cell is the value (empty); an empty span or div between label and value is not.
    if (value === '' && !VALUE_CELLS.has(tag) && !hasControl(el)) {
      skipped = 'empty';
      continue;
    }
    return after(value);
  }
  return skipped === 'empty' ? '' : null;
}

/** Cells that hold a value even when empty: passing over one would read the next label instead. */
const VALUE_CELLS = new Set(['TD', 'TH', 'DD', 'LI']);
const HELP_TEXT = new Set(['?', '？', '帮助']);

function hasControl(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  return (
    tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || el.querySelector('input, select, textarea') !== null
  );
}

/**
 * Decoration that may sit between a label and its value: an `<svg>` or `<img>`, an empty `<i>`
 * or `<a>` (icon fonts, an icon link), or a help link: `<a title="帮助">`, `<a>?</a>`, `<a>帮助</a>`.
 */
function isIcon(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (tag === 'SVG' || tag === 'IMG') return true;
  if (tag !== 'I' && tag !== 'A') return false;
  const text = visibleText(el);
  if (text === '') return true;
  if (tag !== 'A') return false;
  return (
    HELP_TEXT.has(text) || [el.getAttribute('title'), el.getAttribute('aria-label')].some((t) => collapse(t) === '帮助')
  );
}

/** Text outside any `<svg>` (whose `<title>` is a tooltip, not text on the page). */
function visibleText(el: Element): string {
  const all = collapse(el.textContent);
  if (all === '' || all.length > 20 || !el.querySelector('svg')) return all;
  let out = '';
  // Iterative: a hostile page may nest deeper than the call stack allows.
  const stack: Node[] = [];
  for (let c = el.lastChild; c; c = c.previousSibling) stack.push(c);
  while (stack.length) {
    const n = stack.pop()!;
    if (n.nodeType === TEXT) out += n.nodeValue ?? '';
    else if (n.nodeType === ELEMENT && (n as Element).tagName.toUpperCase() !== 'SVG') {
      for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
    }
  }
  return collapse(out);
}

/** Whether `el` shows the label and nothing else but icons, so the value may follow `el` itself. */
function holdsOnlyLabel(el: Element, key: string): boolean {
  const all = labelKey(el.textContent);
  if (all === key) return true;
  // Only a help link's few characters may differ; a big element is never walked.
  if (!all.startsWith(key) || all.length > key.length + 20) return false;
  let text = '';
  for (const child of Array.from(el.childNodes)) {
    if (child.nodeType === TEXT) text += child.nodeValue ?? '';
    else if (child.nodeType === ELEMENT && !isIcon(child as Element)) text += (child as Element).textContent ?? '';
  }
  return labelKey(text) === key;
}

/** Form controls give their current value (a select its chosen option's text); others their text. */
function elementValue(el: Element): string {
  const tag = el.tagName.toUpperCase();
  if (tag === 'SELECT') return collapse(chosenOption(el)?.textContent);
  if (tag === 'INPUT' || tag === 'TEXTAREA') {
    const value: unknown = (el as HTMLInputElement).value;
    return collapse(typeof value === 'string' ? value : (el.getAttribute('value') ?? el.textContent));
  }
  return collapse(el.textContent);
}

function chosenOption(el: Element): Element | null {
  const select = el as HTMLSelectElement;
  const index = typeof select.selectedIndex === 'number' ? select.selectedIndex : -1;
  const option =
    select.selectedOptions?.[0] ??
    (index >= 0 ? select.options?.[index] : undefined) ??
    el.querySelector('option[selected]') ??
    el.querySelector('option');
  // A placeholder such as `--请选择--` carries an empty value: nothing is chosen.
  return option && option.getAttribute('value') !== '' ? option : null;
}
