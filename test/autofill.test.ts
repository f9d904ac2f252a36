// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { evaluate } from '../rules/engine/evaluate';
import { packs } from '../rules/packs';
import type { SiteAdapter } from '../rules/sites/schema';
import type { Category, Verdict } from '../rules/verdict';
import { applyFill, insertReply, planFill, undoFill } from '../utils/content/autofill';

const NOW = Date.parse('2026-11-28T10:00:00+08:00');
const verdict = evaluate(
  {
    id: 'T1',
    ticketType: '投诉单',
    acceptedAt: '2026-11-28 09:00',
    channel: '10000号',
    customerLevel: '3星',
    customerPhone: '133****5678',
    categoryPath: '服务请求->投诉单->网络质量类->宽带->网速慢',
    title: '宽带网速慢',
    text: '晚上网速慢，已催过一次',
    repeatCount: '1',
  },
  packs['china-telecom']!,
  [],
  NOW,
);

// No category path: the class is only read from the text. Confidences are set here, so the rows
// test auto-fill's rule and not the classifier's current figures.
const unlabelled = {
  id: 'T2',
  ticketType: '投诉单',
  acceptedAt: '2026-11-28 09:00',
  title: '宽带拆机后仍在扣费',
  text: '客户上月已办理宽带拆机，本月仍被扣月租，要求退订并退费',
};
const read = evaluate(unlabelled, packs['china-telecom']!, [], NOW);
const withClass = (c: Partial<Category>): Verdict => ({
  ...read,
  category: { ...read.category!, code: 'billing-dispute', label: '费用争议类', ...c },
});
const unsure = withClass({ source: 'rules', confidence: 0.62, autoFill: false });
const learned = withClass({ source: 'model', confidence: 0.95, autoFill: true });
// The engine's own verdict once the agent picked a class: sure, whatever the text says.
const picked = evaluate(unlabelled, packs['china-telecom']!, [], NOW, { pick: 'network-quality' });

const adapter = {
  id: 't',
  name: 't',
  matches: ['http://127.0.0.1/*'],
  fields: { id: { locators: [{ css: '#id' }] } },
  write: {
    ticketType: { css: 'select[name=type]', kind: 'select-text' },
    category: { css: 'select[name=cls]', kind: 'select-text' },
    department: { css: 'select[name=line]', kind: 'select-text' },
    tags: { css: 'input[name=tags]', kind: 'text' },
    replyBox: { css: 'textarea' },
  },
} as SiteAdapter;

const opts = (list: string[]) =>
  ['<option value="">--请选择--</option>', ...list.map((t, i) => `<option value="v${i}">${t}</option>`)].join('');
const events: string[] = [];

beforeEach(() => {
  events.length = 0;
  document.body.innerHTML = `<form>
    <select name="type">${opts(['投诉单', '咨询单'])}</select>
    <select name="cls">${opts(['费用争议类', '网络质量类'])}</select>
    <select name="line">${opts(['市场', '网运'])}</select>
    <input name="tags" value="旧标签"><textarea>已有内容</textarea></form>`;
  // The CRM's own script: choosing a class pre-selects a line, as the legacy demo does.
  const cls = document.querySelector<HTMLSelectElement>('select[name=cls]')!;
  const line = document.querySelector<HTMLSelectElement>('select[name=line]')!;
  cls.addEventListener('change', () => {
    events.push('cls-change');
    if (line.value === '') line.value = 'v0';
  });
  document
    .querySelector('form')!
    .addEventListener('input', (e) => events.push(`input:${(e.target as HTMLElement).getAttribute('name')}`));
  document.querySelector('form')!.addEventListener('submit', () => events.push('SUBMIT'));
});

// options[selectedIndex], not selectedOptions: happy-dom's selectedOptions goes stale.
const sel = (name: string) => {
  const el = document.querySelector<HTMLSelectElement>(`select[name=${name}]`)!;
  return el.options[el.selectedIndex]?.text ?? '';
};
const values = () => ({
  type: sel('type'),
  cls: sel('cls'),
  line: sel('line'),
  tags: document.querySelector<HTMLInputElement>('input[name=tags]')!.value,
});

describe('auto-fill', () => {
  it('plans the CRM wording from the verdict', () => {
    expect(planFill(verdict).map((p) => [p.target, p.value])).toEqual([
      ['ticketType', '投诉单'],
      ['category', '网络质量类'],
      ['department', '网运'],
      ['tags', '重复投诉'],
    ]);
  });

  it('writes every target, fires the events the CRM listens for, confirms each value stuck, never submits', () => {
    const report = applyFill(document, adapter, verdict);
    expect(values()).toEqual({ type: '投诉单', cls: '网络质量类', line: '网运', tags: '重复投诉' });
    expect(report.changes.every((c) => c.stuck)).toBe(true);
    expect(events).toContain('cls-change');
    expect(events).toContain('input:tags');
    expect(events).not.toContain('SUBMIT');
    expect(document.querySelector<HTMLElement>('select[name=cls]')!.dataset.sidekickFilled).toBe('1');
  });

  it('undo restores what the agent had, not what the CRM cascade set, and clears the marks', () => {
    const before = values();
    const report = applyFill(document, adapter, verdict);
    expect(report.changes.find((c) => c.target === 'department')!.previous).toBe('--请选择--');
    const restored = undoFill(document, adapter, report);
    expect(values()).toEqual(before);
    expect(restored).toBe(report.changes.length);
    expect(document.querySelector<HTMLElement>('select[name=cls]')!.dataset.sidekickFilled).toBeUndefined();
  });

  it('skips, with a reason, an option the CRM does not have and a target the page lacks', () => {
    document.querySelector('select[name=line]')!.innerHTML = opts(['市场']);
    document.querySelector('input[name=tags]')!.remove();
    const report = applyFill(document, adapter, verdict);
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        { target: 'department', because: '下拉框里没有“网运”' },
        { target: 'tags', because: '页面上找不到该字段' },
      ]),
    );
  });

  it('reports a value the CRM overrode as not stuck', () => {
    const type = document.querySelector<HTMLSelectElement>('select[name=type]')!;
    type.addEventListener('change', () => (type.value = 'v1'));
    const report = applyFill(document, adapter, verdict);
    expect(report.changes.find((c) => c.target === 'ticketType')!.stuck).toBe(false);
  });

  describe.each([
    { name: 'the CRM’s class', v: verdict, source: 'crm', writes: '网络质量类' },
    { name: 'a learned class above the threshold', v: learned, source: 'model', writes: '费用争议类' },
    { name: 'the agent’s pick over an unsure reading', v: picked, source: 'agent', writes: '网络质量类' },
    { name: 'an unsure reading', v: unsure, source: 'rules', writes: null },
  ])('class: $name', ({ v, source, writes }) => {
    it(writes ? `writes ${writes}` : 'is left for the agent, with the reason', () => {
      expect(v.category!.source).toBe(source);
      expect(planFill(v).find((p) => p.target === 'category')!.value).toBe(writes);
      const report = applyFill(document, adapter, v);
      expect(values().cls).toBe(writes ?? '--请选择--');
      const skipped = report.skipped.find((s) => s.target === 'category');
      if (writes) expect(skipped).toBeUndefined();
      else
        expect(skipped).toEqual({
          target: 'category',
          because: '分类把握不足（置信度 62%，低于自动填写阈值），请在侧边栏确认',
        });
      // The rest of the form is still filled.
      expect(values().type).toBe('投诉单');
    });
  });

  // The tags target is a `text` one: only visible, enabled text-like controls take it.
  const anyTags = {
    ...adapter,
    write: {
      ...adapter.write,
      ticketType: { css: '[name=type]', kind: 'select-text' },
      tags: { css: '[name=tags]', kind: 'text' },
    },
  } as SiteAdapter;
  describe.each([
    { control: '<input name="tags">', writes: true },
    { control: '<input name="tags" type="text">', writes: true },
    { control: '<input name="tags" type="search">', writes: true },
    { control: '<input name="tags" type="tel">', writes: true },
    { control: '<input name="tags" type="x-unknown">', writes: true },
    { control: '<textarea name="tags"></textarea>', writes: true },
    { control: '<input name="tags" type="password">', because: '字段类型不符（不写入 input type=password）' },
    { control: '<input name="tags" type="hidden">', because: '字段类型不符（不写入 input type=hidden）' },
    { control: '<input name="tags" type="file">', because: '字段类型不符（不写入 input type=file）' },
    { control: '<input name="tags" type="checkbox">', because: '字段类型不符（不写入 input type=checkbox）' },
    { control: '<input name="tags" type="radio">', because: '字段类型不符（不写入 input type=radio）' },
    { control: '<input name="tags" type="email">', because: '字段类型不符（不写入 input type=email）' },
    {
      control: '<select name="tags"><option>重复投诉</option></select>',
      because: '字段类型不符（需要文本框，页面上是 select）',
    },
    { control: '<button name="tags">x</button>', because: '字段类型不符（需要文本框，页面上是 button）' },
    { control: '<input name="tags" disabled>', because: '字段已禁用' },
    { control: '<fieldset disabled><input name="tags"></fieldset>', because: '字段已禁用' },
    { control: '<input name="tags" readonly>', because: '字段只读' },
    { control: '<textarea name="tags" readonly></textarea>', because: '字段只读' },
    { control: '<input name="tags" style="display:none">', because: '字段不可见' },
    { control: '<div style="display:none"><input name="tags"></div>', because: '字段不可见' },
    { control: '<input name="tags" style="visibility:hidden">', because: '字段不可见' },
    { control: '<div style="visibility:hidden"><input name="tags"></div>', because: '字段不可见' },
    { control: '<input name="tags" hidden>', because: '字段不可见' },
    { control: '<style>.gone{display:none}</style><input name="tags" class="gone">', because: '字段不可见' },
  ])('tags into $control', ({ control, writes, because }) => {
    it(writes ? 'writes' : `refuses: ${because}`, () => {
      document.querySelector('[name=tags]')!.remove();
      document.querySelector('form')!.insertAdjacentHTML('beforeend', control);
      const el = document.querySelector<HTMLInputElement>('[name=tags]')!;
      const before = el.value;
      const report = applyFill(document, anyTags, verdict);
      expect(report.rolledBack).toBeUndefined();
      if (writes) {
        expect(el.value).toBe('重复投诉');
        expect(report.changes.find((c) => c.target === 'tags')).toMatchObject({ value: '重复投诉', stuck: true });
      } else {
        expect(el.value).toBe(before);
        expect(el.dataset.sidekickFilled).toBeUndefined();
        expect(report.skipped).toContainEqual({ target: 'tags', because });
      }
      // A refused target is skipped; the others are still written.
      expect(sel('type')).toBe('投诉单');
    });
  });

  describe.each([
    { control: '<input name="type">', because: '字段类型不符（需要下拉框，页面上是 input type=text）' },
    { control: `<select name="type" disabled>${opts(['投诉单'])}</select>`, because: '字段已禁用' },
    { control: `<select name="type" style="display:none">${opts(['投诉单'])}</select>`, because: '字段不可见' },
  ])('ticket type into $control', ({ control, because }) => {
    it(`refuses: ${because}`, () => {
      document.querySelector('select[name=type]')!.remove();
      document.querySelector('form')!.insertAdjacentHTML('afterbegin', control);
      const report = applyFill(document, anyTags, verdict);
      expect(report.skipped).toContainEqual({ target: 'ticketType', because });
      expect(report.changes.map((c) => c.target)).toEqual(['category', 'department', 'tags']);
    });
  });

  it.each([
    ['a hidden file input', '<input name="tags" type="file" style="display:none">'],
    ['a password input', '<input name="tags" type="password">'],
    ['a hidden input', '<input name="tags" type="hidden" value="decoy">'],
    ['a disabled input', '<input name="tags" disabled value="decoy">'],
  ])('passes over %s placed before the real control and writes the real one', (_name, decoy) => {
    document.querySelector('form')!.insertAdjacentHTML('afterbegin', decoy);
    const [fake, real] = document.querySelectorAll<HTMLInputElement>('input[name=tags]');
    const fakeBefore = fake!.value;
    const report = applyFill(document, adapter, verdict);
    expect(real!.value).toBe('重复投诉');
    expect(fake!.value).toBe(fakeBefore);
    expect(fake!.dataset.sidekickFilled).toBeUndefined();
    expect(report.changes.find((c) => c.target === 'tags')!.stuck).toBe(true);
    undoFill(document, adapter, report);
    expect(real!.value).toBe('旧标签');
    expect(fake!.value).toBe(fakeBefore);
  });

  describe('all or nothing', () => {
    /** Make one control's value setter throw, as a file input does when given text. */
    const throwOnSet = (
      el: Element,
      error = new DOMException(
        'An input element of type file may only be set to the empty string.',
        'InvalidStateError',
      ),
    ) => {
      const proto = Object.getPrototypeOf(el) as object;
      const desc =
        Object.getOwnPropertyDescriptor(proto, 'value') ??
        Object.getOwnPropertyDescriptor(Object.getPrototypeOf(proto), 'value')!;
      Object.defineProperty(el, 'value', {
        get: () => desc.get!.call(el) as string,
        set: (v: string) => {
          if (v !== '') throw error;
          desc.set!.call(el, v);
        },
        configurable: true,
      });
    };

    it.each([
      { name: 'the last target (tags)', broken: 'input[name=tags]', target: 'tags', label: '标签' },
      { name: 'a middle target (class)', broken: 'select[name=cls]', target: 'category', label: '投诉分类' },
    ])('a write that throws on $name puts back every earlier one and says so', ({ broken, target, label }) => {
      const before = values();
      const el = document.querySelector(broken)!;
      if (el instanceof HTMLSelectElement) {
        // A select refuses through its option, as a page-patched option setter would.
        for (const o of Array.from(el.options))
          Object.defineProperty(o, 'selected', {
            get: () => false,
            set: () => {
              throw new Error('option refused');
            },
          });
      } else throwOnSet(el);
      const report = applyFill(document, adapter, verdict);
      expect(values()).toEqual(before);
      expect(report.changes).toEqual([]);
      expect(report.rolledBack).toMatchObject({ target, restored: true });
      expect(report.rolledBack!.because).toMatch(new RegExp(`^写入${label}失败（.+），已全部撤回$`));
      expect(report.skipped.find((s) => s.target === target)!.because).toBe(report.rolledBack!.because);
      expect(report.skipped.filter((s) => s.because === '已撤回').length).toBeGreaterThan(0);
      expect(document.querySelectorAll('[data-sidekick-filled]')).toHaveLength(0);
      // Nothing is left for undo to do, and undo does no harm.
      expect(undoFill(document, adapter, report)).toBe(0);
      expect(values()).toEqual(before);
      expect(events).not.toContain('SUBMIT');
    });

    it('reports a field the rollback could not put back', () => {
      const type = document.querySelector<HTMLSelectElement>('select[name=type]')!;
      // The CRM locks the type once chosen: it cannot be put back.
      type.addEventListener('change', () => {
        for (const o of Array.from(type.options))
          Object.defineProperty(o, 'selected', {
            get: () => o.text === '投诉单',
            set: () => {
              throw new Error('locked');
            },
          });
      });
      throwOnSet(document.querySelector('input[name=tags]')!);
      const report = applyFill(document, adapter, verdict);
      expect(report.rolledBack).toMatchObject({ target: 'tags', restored: false });
      expect(report.skipped).toContainEqual({ target: 'ticketType', because: '撤回时未能恢复原值，请核对' });
    });

    it('a value the CRM overrides is not a failure: no rollback, reported as not stuck', () => {
      const tags = document.querySelector<HTMLInputElement>('input[name=tags]')!;
      tags.addEventListener('change', () => (tags.value = 'CRM 改写'));
      const report = applyFill(document, adapter, verdict);
      expect(report.rolledBack).toBeUndefined();
      expect(report.changes.find((c) => c.target === 'tags')!.stuck).toBe(false);
      expect(values().type).toBe('投诉单');
    });
  });

  it('inserts a script after what is already in the reply box', () => {
    expect(insertReply(document, adapter, '您好')).toBe(true);
    expect(document.querySelector('textarea')!.value).toBe('已有内容\n您好');
    expect(insertReply(document, { ...adapter, write: {} }, 'x')).toBe(false);
  });
});

describe('a write target’s map', () => {
  // The form's options say 投诉 where the verdict says 投诉单, and code the classes.
  const form = readFileSync(
    join(dirname(fileURLToPath(import.meta.url)), 'fixtures/sites/select-map-form.html'),
    'utf8',
  );
  const mapped = {
    ...adapter,
    write: {
      ticketType: { css: 'select[name=gdlx]', kind: 'select-text', map: { 投诉单: '投诉', 咨询单: '咨询' } },
      category: { css: 'select[name=tsfl]', kind: 'select-value', map: { 网络质量类: 'C-NET', 费用争议类: 'C-BILL' } },
      // No entry for 网运: it passes through.
      department: { css: 'select[name=cltx]', kind: 'select-text', map: { 市场: '市场部' } },
      tags: { css: 'input[name=bq]', kind: 'text', map: { 重复投诉: '重复' } },
    },
  } as SiteAdapter;
  const chosen = (name: string) => {
    const el = document.querySelector<HTMLSelectElement>(`select[name=${name}]`)!;
    return el.options[el.selectedIndex]?.value ?? '';
  };

  beforeEach(() => {
    document.body.innerHTML = form;
  });

  it('plans the CRM’s wording, and the verdict’s without an adapter', () => {
    expect(planFill(verdict, mapped).map((p) => [p.target, p.value])).toEqual([
      ['ticketType', '投诉'],
      ['category', 'C-NET'],
      ['department', '网运'],
      ['tags', '重复'],
    ]);
    expect(planFill(verdict).map((p) => p.value)).toEqual(['投诉单', '网络质量类', '网运', '重复投诉']);
  });

  it('writes the mapped value (text or option value), passes the rest through, and undo restores', () => {
    const report = applyFill(document, mapped, verdict);
    expect([chosen('gdlx'), chosen('tsfl'), chosen('cltx')]).toEqual(['01', 'C-NET', 'd2']);
    expect(document.querySelector<HTMLInputElement>('input[name=bq]')!.value).toBe('重复');
    expect(report.changes.map((c) => [c.target, c.value, c.stuck])).toEqual([
      ['ticketType', '投诉', true],
      ['category', 'C-NET', true],
      ['department', '网运', true],
      ['tags', '重复', true],
    ]);
    expect(report.skipped).toEqual([]);
    expect(undoFill(document, mapped, report)).toBe(4);
    expect([chosen('gdlx'), chosen('tsfl'), chosen('cltx')]).toEqual(['', '', '']);
  });

  it('without the map the CRM’s select has no such option, and says which', () => {
    const report = applyFill(document, adapter, verdict);
    expect(report.skipped).toContainEqual({ target: 'ticketType', because: '页面上找不到该字段' });
    const unmapped = {
      ...mapped,
      write: { ...mapped.write, ticketType: { css: 'select[name=gdlx]', kind: 'select-text' } },
    } as SiteAdapter;
    expect(applyFill(document, unmapped, verdict).skipped).toContainEqual({
      target: 'ticketType',
      because: '下拉框里没有“投诉单”',
    });
  });

  it('maps tags one by one, and writes a tag the map merges into another once', () => {
    const tag = verdict.tags[0]!;
    const tagged = { ...verdict, tags: ['重复投诉', '越级倾向', '重复'].map((label) => ({ ...tag, label })) };
    const both = {
      ...mapped,
      write: {
        ...mapped.write,
        tags: { css: 'input[name=bq]', kind: 'text', map: { 重复投诉: '重复', 越级倾向: '越级' } },
      },
    } as SiteAdapter;
    expect(planFill(tagged, both).find((p) => p.target === 'tags')!.value).toBe('重复，越级');
  });

  it('a name inherited from Object.prototype is not a map entry', () => {
    const empty = {
      ...mapped,
      write: { ...mapped.write, tags: { css: 'input[name=bq]', kind: 'text', map: {} } },
    } as SiteAdapter;
    const odd = { ...verdict, tags: [{ ...verdict.tags[0]!, label: 'constructor' }] };
    expect(planFill(odd, empty).find((p) => p.target === 'tags')!.value).toBe('constructor');
  });
});
