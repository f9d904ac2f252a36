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
 * sibling of that element, climbing as long as the element holds nothing but the label.
 */
function valueAfterLabel(textNode: Text, key: string): string {
  let node: Node = textNode;
  for (;;) {
    const value = firstValueAfter(node);
    if (value !== null) return value;
    const parent = node.parentNode;
    if (!parent || parent.nodeType !== ELEMENT || parent === parent.ownerDocument?.documentElement) return '';
    if (labelKey(parent.textContent) !== key) return '';
    node = parent;
  }
}

/** The first meaningful sibling's text, '' when it is empty, null when there is none. */
function firstValueAfter(node: Node): string | null {
  for (let sib = node.nextSibling; sib; sib = sib.nextSibling) {
    if (sib.nodeType === TEXT) {
      // A colon left over from `<b>受理时间</b>：` is part of the label, not the value.
      if (labelKey(sib.nodeValue) === '') continue;
      return collapse(sib.nodeValue).replace(/^[:：﹕]\s*/, '');
    }
    if (sib.nodeType !== ELEMENT) continue;
    const tag = (sib as Element).tagName.toUpperCase();
    if (tag === 'BR' || tag === 'SCRIPT' || tag === 'STYLE') continue;
    return elementValue(sib as Element);
  }
  return null;
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
