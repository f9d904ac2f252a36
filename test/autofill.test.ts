// @vitest-environment happy-dom
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
const withClass = (c: Partial<Category>): Verdict => ({ ...read, category: { ...read.category!, code: 'billing-dispute', label: '费用争议类', ...c } });
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

const opts = (list: string[]) => ['<option value="">--请选择--</option>', ...list.map((t, i) => `<option value="v${i}">${t}</option>`)].join('');
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
  document.querySelector('form')!.addEventListener('input', (e) => events.push(`input:${(e.target as HTMLElement).getAttribute('name')}`));
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
      else expect(skipped).toEqual({ target: 'category', because: '分类把握不足（置信度 62%，低于自动填写阈值），请在侧边栏确认' });
      // The rest of the form is still filled.
      expect(values().type).toBe('投诉单');
    });
  });

  it('inserts a script after what is already in the reply box', () => {
    expect(insertReply(document, adapter, '您好')).toBe(true);
    expect(document.querySelector('textarea')!.value).toBe('已有内容\n您好');
    expect(insertReply(document, { ...adapter, write: {} }, 'x')).toBe(false);
  });
});
