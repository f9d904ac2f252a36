// @vitest-environment happy-dom
// The field picker: locators suggested for a clicked element on saved CRM pages (test/fixtures/picker/),
// each read back through readTicket with an adapter holding just that locator, in two DOMs; and the
// pick mode on the page (happy-dom).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLabelIndex } from '../rules/sites/labels';
import { locate } from '../rules/sites/locate';
import { readTicket } from '../rules/sites/read';
import { parseSiteAdapter, type Locator } from '../rules/sites/schema';
import { cssIdent, stableName, suggestLocators, type LocatorSuggestion } from '../rules/sites/suggest-locator';
import { pickElement } from '../utils/content/picker';

const html = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', 'picker', name), 'utf8');
const PARSERS: [string, (source: string) => Document][] = [
  ['linkedom', (source) => parseHTML(source).document],
  ['happy-dom', (source) => new DOMParser().parseFromString(source, 'text/html')],
];

const collapse = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/** `@selector` finds a control; otherwise the innermost element showing exactly this text. */
function find(doc: Document, target: string): Element {
  if (target.startsWith('@')) return doc.querySelector(target.slice(1))!;
  const hits = [...doc.querySelectorAll('body *')].filter((el) => collapse(el.textContent) === target);
  const innermost = hits.find((el) => !hits.some((other) => other !== el && el.contains(other)));
  if (!innermost) throw new Error(`no element shows ${target}`);
  return innermost;
}

/** What the extension would read with an adapter holding only this locator. */
function readWith(doc: Document, locator: Locator, rootCss?: string): string | undefined {
  const parsed = parseSiteAdapter({
    id: 'picked',
    name: 'picked',
    matches: ['<all_urls>'],
    ...(rootCss ? { ticketRoot: { css: rootCss } } : {}),
    fields: { title: { locators: [locator] } },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return readTicket(doc, parsed.adapter).fields.title;
}

interface Case {
  page: string;
  root?: string;
  /** what was clicked: its text, or `@selector` for a control */
  target: string;
  /** what the top suggestion reads */
  reads: string;
  /** a label the current reader reads there: it must come first */
  label?: string;
  /** a label with decoration before its value: first only once the reader skips the decoration */
  labelPastDecoration?: string;
  /** the first css suggestion, exactly */
  css?: string;
  /** nothing is suggested */
  none?: true;
}

const CASES: [string, Case][] = [
  // A table of th/td and td/td pairs inside #ticketInfo, a history table outside it.
  [
    'td label cell, td value',
    { page: 'table.html', root: '#ticketInfo', target: 'GD100201', reads: 'GD100201', label: '工单流水号' },
  ],
  [
    'a span in the value cell',
    {
      page: 'table.html',
      root: '#ticketInfo',
      target: '处理中',
      reads: '处理中',
      label: '工单状态',
      css: '#ticketInfo .form-table span',
    },
  ],
  [
    'th label; the cell has a stable id',
    { page: 'table.html', root: '#ticketInfo', target: '钻石', reads: '钻石', label: '客户级别', css: '#custLevel' },
  ],
  [
    '<b>label</b>：value clicked whole',
    {
      page: 'table.html',
      root: '#ticketInfo',
      target: '派单时间：2026/11/26 09:51:35',
      reads: '2026/11/26 09:51:35',
      label: '派单时间',
    },
  ],
  // The reader reads the next cell's text, which is empty for a control inside it: no label.
  [
    'an input in the value cell',
    {
      page: 'table.html',
      root: '#ticketInfo',
      target: '@input[name=custPhone]',
      reads: '13312345678',
      css: '#ticketInfo input[name="custPhone"]',
    },
  ],
  [
    'outside the ticket root, no handle',
    { page: 'table.html', root: '#ticketInfo', target: '已结单', reads: '', none: true },
  ],
  // dl/dt/dd; the same label earlier on the page with another value.
  ['dt/dd', { page: 'dl.html', root: '#app', target: 'GD100202', reads: 'GD100202', label: '工单编号' }],
  [
    'dt/dd with a data-field',
    {
      page: 'dl.html',
      root: '#app',
      target: '10000号',
      reads: '10000号',
      label: '受理渠道',
      css: '#app [data-field="channel"]',
    },
  ],
  [
    'a label read first elsewhere (金卡) is not offered',
    { page: 'dl.html', root: '#app', target: '钻石', reads: '钻石', css: '#app .level-badge' },
  ],
  // Bootstrap: an <i> icon, an <svg> in the label and a help link between label and value.
  [
    '<i> help icon between label and value',
    {
      page: 'bootstrap.html',
      root: '#ticket-panel',
      target: '钻石',
      reads: '钻石',
      labelPastDecoration: '客户级别',
      css: '#ticket-panel .cust-level',
    },
  ],
  [
    '<svg> in the label, ? help link after it',
    {
      page: 'bootstrap.html',
      root: '#ticket-panel',
      target: '10000号',
      reads: '10000号',
      labelPastDecoration: '受理渠道',
      css: '#grp-channel .form-control-plaintext',
    },
  ],
  [
    'label then value, no decoration',
    {
      page: 'bootstrap.html',
      root: '#ticket-panel',
      target: '南京',
      reads: '南京',
      label: '归属地市',
      css: '#ticket-panel [data-field="area"] .form-control-plaintext',
    },
  ],
  // Generated ids (ext-gen1234, :r3:, ember512, a uuid) are never used.
  [
    'ext-gen id: the name instead',
    { page: 'autogen.html', target: '@input', reads: '13312345678', css: 'input[name="custPhone"]' },
  ],
  [
    ':r3: id: the data-field instead',
    { page: 'autogen.html', target: '处理中', reads: '处理中', label: '工单状态', css: '[data-field="status"]' },
  ],
  [
    'ember id: a data attribute instead',
    { page: 'autogen.html', target: '钻石', reads: '钻石', css: '[data-qtip="客户级别"]' },
  ],
  ['uuid id and a shared class: nothing', { page: 'autogen.html', target: '宽带', reads: '', none: true }],
  // Form controls read their value.
  [
    'an input inside its <label>',
    { page: 'form.html', target: '@input', reads: '张三', label: '客户姓名', css: 'input[name="custName"]' },
  ],
  [
    'a textarea after <label for>',
    { page: 'form.html', target: '@textarea', reads: '客户要求回电', label: '备注', css: '#remark' },
  ],
  [
    'a select: the chosen option',
    { page: 'form.html', target: '@select', reads: '投诉单', css: 'select[name="gdlx"]' },
  ],
  // No id, attribute, class or label: nothing rather than a positional chain.
  ['no stable handle', { page: 'no-handle.html', root: '.page', target: '处理中', reads: '', none: true }],
  ['no stable handle, no root', { page: 'no-handle.html', target: '13312345678', reads: '', none: true }],
];

describe.each(PARSERS)('suggestLocators (%s)', (_, parse) => {
  it.each(CASES)('%s', (_, c) => {
    const doc = parse(html(c.page));
    const target = find(doc, c.target);
    const root = c.root ? doc.querySelector(c.root) : null;
    const suggestions = suggestLocators(target, root, doc, { rootCss: c.root });

    if (c.none) {
      expect(suggestions).toEqual([]);
      return;
    }
    const top = suggestions[0]!;
    expect(top.reads).toBe(c.reads);
    const wantLabel =
      c.label ??
      (c.labelPastDecoration && readerReads(doc, root, c.labelPastDecoration) === c.reads
        ? c.labelPastDecoration
        : undefined);
    if (wantLabel) expect(top.locator).toEqual({ label: wantLabel });
    else expect(suggestions.some((s) => 'label' in s.locator)).toBe(false);
    if (c.css) expect(suggestions.find((s) => 'css' in s.locator)?.locator).toEqual({ css: c.css });
    checkEach(doc, target, suggestions, c.root);
  });
});

/** What the current reader gives for a label, as read.ts scopes it. */
function readerReads(doc: Document, root: Element | null, label: string): string | undefined {
  const hit = locate(
    doc,
    { label },
    createLabelIndex([label], () => root),
  );
  return 'value' in hit ? hit.value : undefined;
}

/** Every suggestion reads what it says through readTicket; a css one selects only the target (or what holds it). */
function checkEach(doc: Document, target: Element, suggestions: LocatorSuggestion[], rootCss?: string) {
  expect(suggestions.length).toBeGreaterThan(0);
  for (const s of suggestions) {
    expect(readWith(doc, s.locator, rootCss), JSON.stringify(s.locator)).toBe(s.reads);
    if (!('css' in s.locator)) continue;
    expect(s.locator.css).not.toMatch(/nth-|:first|:last|ext-gen|:r3:|ember\d|a3f9c2e1/);
    const all = [...doc.querySelectorAll(s.locator.css)];
    expect(all).toHaveLength(1);
    expect(all[0] === target || all[0]!.contains(target)).toBe(true);
  }
}

describe('suggestLocators edges', () => {
  const doc = () => new DOMParser().parseFromString(html('table.html'), 'text/html');

  it('suggests nothing for the page itself', () => {
    const d = doc();
    expect(suggestLocators(d.body, null, d)).toEqual([]);
    expect(suggestLocators(d.documentElement, null, d)).toEqual([]);
  });

  it('keeps to the limit', () => {
    const d = doc();
    expect(suggestLocators(find(d, '钻石'), null, d, { limit: 1 })).toEqual([
      { locator: { label: '客户级别' }, reads: '钻石', why: '标签「客户级别」' },
    ]);
  });

  it.each(PARSERS)('an id that needs escaping is written as [id="…"] (%s)', (_, parse) => {
    const d = parse('<html><body><p>客户级别：<span id="cust.level">钻石</span></p><span>金卡</span></body></html>');
    expect(suggestLocators(find(d, '钻石'), null, d)).toEqual([
      { locator: { label: '客户级别' }, reads: '钻石', why: '标签「客户级别」' },
      { locator: { css: '[id="cust.level"]' }, reads: '钻石', why: 'id' },
    ]);
  });

  it('without the root selector, scopes under the root’s stable id', () => {
    const d = doc();
    const top = suggestLocators(find(d, '@input[name=custPhone]'), d.querySelector('#ticketInfo'), d)[0];
    expect(top?.locator).toEqual({ css: '#ticketInfo input[name="custPhone"]' });
  });
});

describe('stableName', () => {
  it.each([
    ['ticketInfo', true],
    ['custLevel', true],
    ['form-control-plaintext', true],
    ['col-sm-9', true],
    ['ext-gen1234', false],
    ['ext-comp-1010', false],
    [':r3:', false],
    ['«r1»', false],
    ['ember512', false],
    ['react-select-2-input', false],
    ['yui_3_5_1_1_1', false],
    ['a3f9c2e1-77b0-4c1e-9d2a-0c5e8f1b2a3d', false],
    ['GD100201', false],
    ['x y', false],
  ])('%s → %s', (name, stable) => {
    expect(stableName(name)).toBe(stable);
  });
});

// linkedom's selector engine reads every escape (happy-dom's does not: ids that need one are
// suggested as [id="…"] instead).
describe('cssIdent', () => {
  it.each(['plain', 'a:b', 'x.y', '1st', '-2', '-', 'a b', 'q"uote', '客户级别', 'a\\b', 'a[0]'])(
    '%s selects its element',
    (id) => {
      const d = parseHTML('<html><body></body></html>').document;
      const el = d.createElement('span');
      el.setAttribute('id', id);
      d.body.append(el);
      expect(d.querySelector(`#${cssIdent(id)}`)).toBe(el);
    },
  );

  it.each([
    ['1st', '\\31 st'],
    ['-2', '-\\32 '],
    ['a:b', 'a\\:b'],
    ['客户', '客户'],
    ['\0', '\uFFFD'],
  ])('%s → %s', (id, escaped) => {
    expect(cssIdent(id)).toBe(escaped);
  });
});

describe('pickElement', () => {
  let pageEvents: string[];
  let controller: AbortController;
  const record = (e: Event) => pageEvents.push(`${e.type}`);
  const pageTypes = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'];
  const hosts = () => document.querySelectorAll('ticket-sidekick-picker').length;

  beforeEach(() => {
    pageEvents = [];
    controller = new AbortController();
    document.body.innerHTML =
      '<form id="f"><button id="save" type="button">保存</button><span id="v">钻石</span></form>';
    // The page listens on the element, the document (capture) and the window (bubble).
    for (const type of pageTypes) {
      document.querySelector('#save')!.addEventListener(type, record);
      document.addEventListener(type, record, true);
      window.addEventListener(type, record);
    }
  });
  afterEach(() => {
    controller.abort();
    for (const type of pageTypes) {
      document.removeEventListener(type, record, true);
      window.removeEventListener(type, record);
    }
  });

  const press = (el: Element) => {
    const sent: Event[] = [];
    el.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, composed: true }));
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
      const e = type.startsWith('pointer')
        ? new PointerEvent(type, { bubbles: true, cancelable: true, composed: true })
        : new MouseEvent(type, { bubbles: true, cancelable: true, composed: true });
      el.dispatchEvent(e);
      sent.push(e);
    }
    return sent;
  };

  it('resolves with the clicked element; the page sees none of the click', async () => {
    const picking = pickElement(document, controller.signal, '请点选「客户级别」的值');
    expect(hosts()).toBe(1);
    const host = document.querySelector('ticket-sidekick-picker')!;
    expect(host.shadowRoot).toBeNull(); // closed
    const button = document.querySelector('#save')!;
    const sent = press(button);
    await expect(picking).resolves.toBe(button);
    expect(pageEvents).toEqual([]);
    expect(sent.every((e) => e.defaultPrevented)).toBe(true);
    expect(hosts()).toBe(0);
    // Finished: the page's own clicks reach it again.
    (button as HTMLElement).click();
    expect(pageEvents).toContain('click');
  });

  it('Escape resolves null and removes everything', async () => {
    const picking = pickElement(document, controller.signal, '请点选');
    const key = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    document.body.dispatchEvent(key);
    await expect(picking).resolves.toBeNull();
    expect(key.defaultPrevented).toBe(true);
    expect(hosts()).toBe(0);
    press(document.querySelector('#v')!);
    expect(pageEvents).toContain('click');
  });

  it('other keys pass through', async () => {
    const picking = pickElement(document, controller.signal, '请点选');
    const key = new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true });
    document.body.dispatchEvent(key);
    expect(key.defaultPrevented).toBe(false);
    expect(hosts()).toBe(1);
    controller.abort();
    await expect(picking).resolves.toBeNull();
  });

  it('an abort resolves null and removes everything', async () => {
    const picking = pickElement(document, controller.signal, '请点选');
    controller.abort();
    await expect(picking).resolves.toBeNull();
    expect(hosts()).toBe(0);
  });

  it('an aborted signal adds nothing', async () => {
    controller.abort();
    await expect(pickElement(document, controller.signal, '请点选')).resolves.toBeNull();
    expect(hosts()).toBe(0);
  });
});
