// The field picker's brain: given the element an admin clicked on a CRM page, propose locators
// that read it, best first. Every proposal is checked against the page it came from: a label
// locator is read back through the real reader (locate with a label index scoped as read.ts
// scopes it), a css locator must select exactly the clicked element (or an ancestor showing the
// same text) in the whole document, as `locate` runs it with querySelector. Pure: the document
// and elements come in as parameters.
import { createLabelIndex, labelKey } from './labels';
import { locate } from './locate';
import type { Locator } from './schema';

export interface LocatorSuggestion {
  locator: Locator;
  /** What the locator reads on this page now ('' only for a css locator on an empty element). */
  reads: string;
  /** Why it was chosen, for the options page: `标签「受理时间」`, `id`, `name 属性`, … */
  why: string;
}

export interface SuggestOptions {
  /** The adapter's `ticketRoot.css`: css suggestions inside the root are scoped under it. */
  rootCss?: string | readonly string[];
  /** At most this many suggestions (default 5). */
  limit?: number;
}

const ELEMENT = 1;
const TEXT = 3;
const MAX_CSS = 3;
const MAX_LABELS = 2;

const collapse = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const tagOf = (el: Element) => el.tagName.toUpperCase();

/**
 * Locators that read `target`, ranked: label locators the reader confirms first, then css
 * selectors by how stable their handle is (id, name, data- or aria-label attributes, classes, an anchored
 * ancestor, the tag alone under the root). Never an nth-child/nth-of-type chain: a value with
 * no stable handle and no readable label gets no suggestion at all. `root` is the adapter's
 * ticket root (findTicketRoot) or null; `doc` is the document holding `target`.
 */
export function suggestLocators(
  target: Element,
  root: Element | null,
  doc: Document,
  options: SuggestOptions = {},
): LocatorSuggestion[] {
  const html = doc.documentElement;
  if (target === html || target === doc.body || target.ownerDocument !== doc) return [];
  const scope = root && root.ownerDocument === doc ? root : null;
  const expected = valueOf(target);
  // The clicked element and its ancestors that show the same text: each reads the same.
  const same: Element[] = [target];
  for (let up = target.parentElement; up && up !== scope && up !== html && up !== doc.body; up = up.parentElement) {
    if (expected === '' || valueOf(up) !== expected) break;
    same.push(up);
  }
  const out = [
    ...labelSuggestions(same, expected, scope, doc),
    ...cssSuggestions(same, expected, scope, doc, options.rootCss),
  ];
  return out.slice(0, options.limit ?? 5);
}

// ---------------------------------------------------------------------------------------------
// Label locators

function labelSuggestions(
  same: Element[],
  expected: string,
  scope: Element | null,
  doc: Document,
): LocatorSuggestion[] {
  if (expected === '') return [];
  const out: LocatorSuggestion[] = [];
  const seen = new Set<string>();
  for (const el of same) {
    for (const key of labelsFor(el, doc)) {
      if (out.length >= MAX_LABELS || seen.has(key) || !looksLikeLabel(key, expected)) continue;
      seen.add(key);
      const index = createLabelIndex([key], (d) => (scope?.ownerDocument === d ? scope : null));
      const hit = locate(doc, { label: key }, index);
      if (!('value' in hit)) continue;
      // Clicking `<td><b>受理时间</b>：2026-…</td>` picks the label with its value: also right.
      const rest = expected.endsWith(hit.value) ? expected.slice(0, expected.length - hit.value.length) : null;
      if (hit.value === expected || (rest !== null && labelKey(rest) === key)) {
        out.push({ locator: { label: key }, reads: hit.value, why: `标签「${key}」` });
      }
    }
  }
  return out;
}

/** Label texts the page shows for a value element, most specific first. */
function labelsFor(el: Element, doc: Document): string[] {
  const keys: string[] = [];
  const add = (text: string) => {
    const key = labelKey(text);
    if (key) keys.push(key);
  };
  const tag = tagOf(el);
  // `<label for=x>` anywhere, `<label>受理时间 <select>` around it.
  const id = el.getAttribute('id');
  if (id)
    for (const label of doc.querySelectorAll('label')) if (label.getAttribute('for') === id) add(visibleText(label));
  const around = el.parentElement?.closest('label');
  if (around) add(textBefore(around, el));
  // What precedes it, decoration skipped: a cell, a dt, a label, `<b>受理时间</b>：`, `受理时间：`.
  const before = previousMeaningful(el);
  if (before) {
    if (before.node.nodeType === TEXT) {
      if (/[:：﹕]\s*$/.test(before.node.nodeValue ?? '')) add(before.node.nodeValue ?? '');
    } else {
      const prev = before.node as Element;
      const text = visibleText(prev);
      const ptag = tagOf(prev);
      if ((tag === 'TD' || tag === 'TH') && (ptag === 'TD' || ptag === 'TH')) {
        if (ptag === 'TH' || /[:：﹕]$/.test(text) || cellLooksLikeLabel(prev, el)) add(text);
      } else if (tag === 'DD') {
        if (ptag === 'DT') add(text);
      } else if (
        before.colon ||
        /[:：﹕]$/.test(text) ||
        LABEL_TAGS.has(ptag) ||
        /label/i.test(prev.getAttribute('class') ?? '')
      ) {
        // `<span class="field-label">客户级别</span>`: a styled label without a colon (the reader confirms it).
        add(text);
      }
    }
  }
  // The label inside the clicked element: `<td><b>受理时间</b>：2026-…</td>`.
  const first = firstMeaningfulChild(el);
  if (first && first.nodeType === ELEMENT && LABEL_TAGS.has(tagOf(first as Element)) && first.nextSibling) {
    add(visibleText(first as Element));
  }
  return keys;
}

const LABEL_TAGS = new Set(['LABEL', 'TH', 'DT', 'B', 'STRONG', 'LEGEND']);

/** A label is short, is not the value itself, and has no run of digits (ids, dates, phones do). */
function looksLikeLabel(key: string, expected: string): boolean {
  return key.length <= 20 && key !== labelKey(expected) && !/\d{2,}/.test(key);
}

/** In `<td>A</td><td>B</td><td>C</td><td>D</td>` the labels sit at even places or look different. */
function cellLooksLikeLabel(cell: Element, valueCell: Element): boolean {
  const cells = [...(cell.parentElement?.children ?? [])].filter(
    (c) => c.tagName.toUpperCase() === 'TD' || c.tagName.toUpperCase() === 'TH',
  );
  const classOf = (e: Element) => e.getAttribute('class') ?? '';
  return cells.indexOf(cell) % 2 === 0 || classOf(cell) !== classOf(valueCell);
}

const DECORATION_TAGS = new Set([
  'SVG',
  'IMG',
  'I',
  'BR',
  'HR',
  'WBR',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'CANVAS',
  'PICTURE',
]);
const CONTROL_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON']);
const HELP_TEXT = /^[(（[【]?(?:[?？*＊ⓘℹ!！i]|帮助|说明|提示|help|info)[)）\]】]?$/i;
const HELP_CLASS = /help|tip|hint|info|question|icon|required/i;

/** Icons, images, empty elements and help links (`?`, `帮助`) between a label and its value. */
function isDecoration(node: Node): boolean {
  if (node.nodeType === TEXT) return collapse(node.nodeValue) === '';
  if (node.nodeType !== ELEMENT) return true;
  const el = node as Element;
  const tag = tagOf(el);
  if (DECORATION_TAGS.has(tag) || el.getAttribute('aria-hidden') === 'true') return true;
  if (CONTROL_TAGS.has(tag) || el.querySelector('input,select,textarea')) return false;
  const text = collapse(el.textContent);
  if (text === '') return true;
  return (
    text.length <= 4 &&
    (HELP_TEXT.test(text) || HELP_CLASS.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('title') ?? ''}`))
  );
}

/** The element's text without its decoration (a help link's `?` is not part of the label). */
function visibleText(el: Element): string {
  if ((el.textContent ?? '').length > 200) return '';
  let text = '';
  for (const child of el.childNodes) {
    if (child.nodeType === TEXT) text += child.nodeValue ?? '';
    else if (child.nodeType === ELEMENT && !isDecoration(child)) text += visibleText(child as Element);
  }
  return text;
}

/** The label element's own text before the control it wraps. */
function textBefore(label: Element, inner: Element): string {
  let text = '';
  for (const child of label.childNodes) {
    if (child === inner || child.contains(inner)) break;
    if (child.nodeType === TEXT) text += child.nodeValue ?? '';
    else if (child.nodeType === ELEMENT && !isDecoration(child)) text += visibleText(child as Element);
  }
  return text;
}

/** The nearest previous sibling that is not decoration; `colon` when a bare `：` was passed. */
function previousMeaningful(el: Element): { node: Node; colon: boolean } | null {
  let colon = false;
  for (let sib = el.previousSibling; sib; sib = sib.previousSibling) {
    if (sib.nodeType === TEXT && collapse(sib.nodeValue) !== '' && labelKey(sib.nodeValue) === '') {
      colon = true;
      continue;
    }
    if (!isDecoration(sib)) return { node: sib, colon };
  }
  return null;
}

function firstMeaningfulChild(el: Element): Node | null {
  for (let child = el.firstChild; child; child = child.nextSibling) if (!isDecoration(child)) return child;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Css locators

function cssSuggestions(
  same: Element[],
  expected: string,
  scope: Element | null,
  doc: Document,
  rootCss: SuggestOptions['rootCss'],
): LocatorSuggestion[] {
  const prefix = scope ? rootSelector(scope, doc, rootCss) : null;
  const out: LocatorSuggestion[] = [];
  const tried = new Set<string>();
  const noLabels = createLabelIndex([]);
  const full = () => out.length >= MAX_CSS;
  /** Whether `selector` (scoped) selects only `el` and reads the value; then it is kept. */
  const offer = (el: Element, selector: string, why: string): boolean => {
    // An id is unique on its own; anything else inside the root is scoped under the root's selector.
    const css = prefix && !/^(?:#|\[id=)/.test(selector) && scope!.contains(el) ? `${prefix} ${selector}` : selector;
    if (full() || tried.has(css)) return false;
    tried.add(css);
    if (!selectsOnly(doc, css, el)) return false;
    const hit = locate(doc, { css }, noLabels);
    const reads = 'value' in hit ? hit.value : '';
    if (reads !== expected) return false;
    out.push({ locator: { css }, reads, why });
    return true;
  };
  /** The first selector of a group that works: one suggestion per handle, not its variants. */
  const offerFirst = (el: Element, selectors: string[], why: string) => selectors.some((css) => offer(el, css, why));

  // Handles of the element itself (or of an ancestor showing the same text), best kind first.
  for (const el of same) {
    const id = el.getAttribute('id');
    if (id && stableName(id)) offer(el, idSelector(id), 'id');
  }
  for (const el of same) {
    const name = el.getAttribute('name');
    if (name && stableName(name)) offer(el, `${tagName(el)}[name=${cssString(name)}]`, 'name 属性');
  }
  for (const el of same) for (const [css, why] of attributeHandles(el, expected)) offer(el, css, why);
  for (const el of same)
    offerFirst(
      el,
      classCombos(el).flatMap((combo) => [combo, `${tagName(el)}${combo}`]),
      'class',
    );
  // Weaker handles only when the element has none of its own: anchored on an ancestor's stable
  // handle (`#custInfo .phone`, `[data-group="cust"] > span`), then the tag alone under the root.
  if (out.length > 0) return out;
  for (const el of same) {
    const own = [...stableClasses(el).map((c) => `.${cssIdent(c)}`), tagName(el)];
    let depth = 0;
    for (
      let up = el.parentElement;
      up && up !== scope && up !== doc.documentElement && depth < 5 && !full();
      up = up.parentElement, depth++
    ) {
      if (same.includes(up)) continue;
      for (const anchor of ownHandles(up).slice(0, 4)) {
        offerFirst(
          el,
          own.flatMap((part) => [`${anchor} > ${part}`, `${anchor} ${part}`]),
          '上级的标识',
        );
      }
    }
  }
  if (out.length > 0) return out;
  if (prefix) for (const el of same) offer(el, tagName(el), '工单区域内唯一的元素');
  return out;
}

/** The root's selector from the adapter (the one that finds it), else its own stable id. */
function rootSelector(root: Element, doc: Document, rootCss: SuggestOptions['rootCss']): string | null {
  for (const css of rootCss === undefined ? [] : typeof rootCss === 'string' ? [rootCss] : rootCss) {
    // A selector list cannot be prefixed to a descendant selector.
    if (css.includes(',')) continue;
    try {
      if (doc.querySelector(css) === root) return css.trim();
    } catch {
      // an invalid selector finds nothing
    }
  }
  const id = root.getAttribute('id');
  return id && stableName(id) ? idSelector(id) : null;
}

/** `#id`, or `[id="…"]` for an id that needs escaping (some selector engines get escapes wrong). */
function idSelector(id: string): string {
  const ident = cssIdent(id);
  return ident === id ? `#${id}` : `[id=${cssString(id)}]`;
}

/** Exactly one element in the document matches, and it is `el`. */
function selectsOnly(doc: Document, css: string, el: Element): boolean {
  try {
    const all = doc.querySelectorAll(css);
    return all.length === 1 && all[0] === el;
  } catch {
    return false;
  }
}

function tagName(el: Element): string {
  return cssIdent(el.tagName.toLowerCase());
}

const SKIPPED_DATA =
  /^data-(?:v-|reactid|reactroot|react-|ember|ng-|original-title|bs-original-title|toggle|bs-toggle|placement|bs-placement|content|bs-content|tooltip)/;

/** `[data-*=..]` and `[aria-label=..]` selectors whose value looks fixed (not this ticket's data). */
function attributeHandles(el: Element, expected: string): [string, string][] {
  const out: [string, string][] = [];
  for (const attr of el.attributes) {
    const name = attr.name.toLowerCase();
    const isData = name.startsWith('data-') && !SKIPPED_DATA.test(name);
    if (!isData && name !== 'aria-label' && name !== 'itemprop') continue;
    const value = attr.value.trim();
    if (!value || !stableName(value) || value.length > 60 || (expected !== '' && collapse(value) === expected))
      continue;
    out.push([`[${cssIdent(name)}=${cssString(value)}]`, `${name} 属性`]);
  }
  return out;
}

function ownHandles(el: Element): string[] {
  const id = el.getAttribute('id');
  return [
    ...(id && stableName(id) ? [idSelector(id)] : []),
    ...attributeHandles(el, '').map(([css]) => css),
    ...stableClasses(el).map((c) => `.${cssIdent(c)}`),
  ];
}

/** Single classes, then pairs, then triples of the element's stable classes. */
function classCombos(el: Element): string[] {
  const classes = stableClasses(el)
    .slice(0, 6)
    .map((c) => `.${cssIdent(c)}`);
  const out = [...classes];
  for (let i = 0; i < classes.length; i++) {
    for (let j = i + 1; j < classes.length; j++) {
      out.push(classes[i]! + classes[j]!);
      for (let k = j + 1; k < classes.length; k++) out.push(classes[i]! + classes[j]! + classes[k]!);
    }
  }
  return out.sort((a, b) => a.split('.').length - b.split('.').length);
}

// States come and go (`active`, `ng-dirty`); CSS-in-JS and CSS-module names are build hashes.
const STATE_CLASS =
  /^(?:active|selected|current|checked|hover|focus|focused|disabled|open|opened|show|shown|in|fade|collapse|collapsed|hidden|visible|highlight|highlighted|d-none|is-.+|has-.+|ng-.+|cdk-.+)$/i;
const HASHED_CLASS = /^(?:css|sc|jsx|emotion|svelte|styled|ember)-|(?:^|[-_])(?=[a-z]*\d)(?=\d*[a-z])[a-z\d]{5,}$/i;

function stableClasses(el: Element): string[] {
  const classes = (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
  return [...new Set(classes)].filter((c) => stableName(c) && !STATE_CLASS.test(c) && !HASHED_CLASS.test(c));
}

// Generated names: ext-gen1234, ember123, yui_3_5_1_1_…, gwt-uid-12, react-select-3-input, :r3:, «r1», uuids.
const FRAMEWORK_NAME =
  /^(?:ember\d|ext-(?:gen|comp|element)|yui[_-]|gwt-|x-auto-|ui-id-|react-|radix-|headlessui-|mui-|rc[-_]|el-id-|j_id|jquery\d|__)/i;

/** Whether an id, class, name or attribute value looks written by a person rather than generated. */
export function stableName(value: string): boolean {
  return (
    value.length <= 64 &&
    !/\d{3,}/.test(value) &&
    !/^[:«]|[:»]$/.test(value) &&
    !FRAMEWORK_NAME.test(value) &&
    // hex runs (hashes, uuids) mixing digits and letters
    !/(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{6,}/i.test(value) &&
    !/\s/.test(value)
  );
}

/** CSS.escape for an identifier (CSSOM §2.1.1); not every DOM this runs in has CSS.escape. */
export function cssIdent(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const ch = value.charAt(i);
    const digit = code >= 0x30 && code <= 0x39;
    if (code === 0) out += '\uFFFD';
    else if (
      (code >= 1 && code <= 0x1f) ||
      code === 0x7f ||
      (i === 0 && digit) ||
      (i === 1 && digit && value.charCodeAt(0) === 0x2d)
    ) {
      out += `\\${code.toString(16)} `;
    } else if (i === 0 && value.length === 1 && code === 0x2d) out += '\\-';
    else if (
      code >= 0x80 ||
      code === 0x2d ||
      code === 0x5f ||
      digit ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a)
    ) {
      out += ch;
    } else out += `\\${ch}`;
  }
  return out;
}

/** A quoted CSS string for an attribute value. */
export function cssString(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&').replace(/[\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

// ---------------------------------------------------------------------------------------------

/** What a css locator on this element reads (as locate.ts reads it). */
function valueOf(el: Element): string {
  const tag = tagOf(el);
  if (tag === 'SELECT') {
    const select = el as HTMLSelectElement;
    const index = typeof select.selectedIndex === 'number' ? select.selectedIndex : -1;
    const option =
      select.selectedOptions?.[0] ??
      (index >= 0 ? select.options?.[index] : undefined) ??
      el.querySelector('option[selected]') ??
      el.querySelector('option');
    return option && option.getAttribute('value') !== '' ? collapse(option.textContent) : '';
  }
  if (tag === 'INPUT' || tag === 'TEXTAREA') {
    const value: unknown = (el as HTMLInputElement).value;
    return collapse(typeof value === 'string' ? value : (el.getAttribute('value') ?? el.textContent));
  }
  return collapse(el.textContent);
}
