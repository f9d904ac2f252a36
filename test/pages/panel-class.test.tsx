// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '@/components/panel/App';
import { PanelContext } from '@/components/panel/context';
import { createPanelState } from '@/components/panel/state';
import { evaluate } from '@/rules/engine/evaluate';
import { packs } from '@/rules/packs';
import type { Category, Verdict } from '@/rules/verdict';
import type { TabState } from '@/utils/messages';
import { fakeBrowser } from './fake-browser';
import { click, mount, texts } from './render';

const NOW = Date.parse('2026-11-28T10:00:00+08:00');
const TAB = 7;
const fields = {
  id: 'GD9001',
  ticketType: '投诉单',
  acceptedAt: '2026-11-28 09:00',
  title: '营业员推荐的套餐与实际扣费不符',
  text: '客户称营业员推荐办理的套餐承诺每月 59 元，实际每月扣费 89 元，要求按承诺资费退还差额',
};
const base = evaluate(fields, packs['china-telecom']!, [], NOW);

// Classes are set here, so the panel is tested against fixed figures, not the classifier's.
const ALTS = [
  { code: 'billing-dispute', label: '费用争议类', confidence: 0.87 },
  { code: 'marketing', label: '营销服务类', confidence: 0.09 },
  { code: 'top-up', label: '充值缴费类', confidence: 0.02 },
];
const cls = (c: Partial<Category> = {}): Category => ({
  ...ALTS[0]!,
  because: '因为内容中的“扣费”最像费用争议类（从本中心 40 张已分类工单学得，置信度 87%）',
  source: 'model',
  autoFill: false,
  alternatives: ALTS,
  ...c,
});
const verdictWith = (category: Category | null, v: Partial<Verdict> = {}): Verdict => ({ ...base, category, ...v });
const stateOf = (verdict: Verdict): TabState => ({
  tabId: TAB,
  frameId: 0,
  read: {
    type: 'ticket',
    adapterId: 'demo-legacy',
    adapterName: '演示：旧版投诉工单页',
    url: 'http://127.0.0.1/legacy/?id=GD9001',
    fields,
    missing: [],
    canFill: true,
    canReply: true,
  },
  verdict,
  evaluatedAt: NOW,
  autofill: null,
});
/** What the background answers to a pick: the verdict judged again with the agent's class. */
const picked = (code: string): Verdict => {
  const alt = ALTS.find((a) => a.code === code)!;
  return verdictWith(
    cls({
      ...alt,
      confidence: 1,
      source: 'agent',
      autoFill: true,
      because: `坐席选定为${alt.label}`,
      alternatives: [{ ...alt, confidence: 1 }, ...ALTS.filter((a) => a !== alt).slice(0, 2)],
    }),
  );
};

let cleanup: (() => void)[] = [];
beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }));
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
  vi.useRealTimers();
});

async function setup(verdict: Verdict, answerPick: (code: string) => unknown = (code) => ({ verdict: picked(code) })) {
  const fb = fakeBrowser(
    {},
    {
      answer: (raw) => {
        const msg = raw as { type: string; code?: string };
        if (msg.type === 'get-state') return { state: stateOf(verdict) };
        if (msg.type === 'pick-class') return answerPick(msg.code!);
        return undefined;
      },
    },
  );
  const state = createPanelState(fb.browser, { tabId: TAB, now: () => NOW });
  const { root, unmount } = await mount(
    <PanelContext.Provider value={state}>
      <App />
    </PanelContext.Provider>,
  );
  const stop = state.start();
  cleanup.push(stop, unmount);
  await vi.waitFor(() => expect(root.querySelector('[data-testid=ticket-id]')?.textContent).toBe('GD9001'));
  const q = (id: string) => root.querySelector(`[data-testid=${id}]`)?.textContent ?? null;
  return { fb, state, root, q, alts: () => texts(root, '[data-testid=category-alt]') };
}

describe('side panel: the class', () => {
  it('shows the class with its confidence and source, and the next two classes as chips with theirs', async () => {
    const { root, q, alts } = await setup(verdictWith(cls({ autoFill: true })));
    expect([q('category'), q('category-confidence'), q('category-source')]).toEqual(['费用争议类', '87%', '模型']);
    expect(alts()).toEqual(['营销服务类 9%', '充值缴费类 2%']);
    expect([...root.querySelectorAll('[data-testid=category-alt]')].every((b) => b.tagName === 'BUTTON')).toBe(true);
    expect(q('category-ask')).toBeNull();
    expect(root.querySelector('[data-testid=category]')!.getAttribute('title')).toContain('已分类工单学得');
  });

  it.each([
    ['crm', 'CRM'],
    ['agent', '坐席选定'],
    ['model', '模型'],
    ['rules', '规则'],
  ] as const)('names the source %s as %s', async (source, word) => {
    const { q } = await setup(verdictWith(cls({ source, autoFill: true })));
    expect(q('category-source')).toBe(word);
  });

  it('asks the agent to confirm an unsure class', async () => {
    const { q, alts, fb, root } = await setup(verdictWith(cls({ autoFill: false })));
    expect(q('category-ask')).toBe('把握不足，请确认分类');
    expect(alts()).toEqual(['营销服务类 9%', '充值缴费类 2%']);
    // Confirming the top class is a pick too.
    click(root.querySelector('[data-testid=category-confirm]'));
    await vi.waitFor(() => expect(q('category-source')).toBe('坐席选定'));
    expect(fb.sent).toContainEqual({ type: 'pick-class', tabId: TAB, code: 'billing-dispute' });
  });

  it('one click on an alternative sends pick-class with its code and shows the picked class', async () => {
    const { fb, root, q, alts } = await setup(verdictWith(cls()));
    click(
      [...root.querySelectorAll('[data-testid=category-alt]')].find((b) => b.textContent?.startsWith('营销服务类')),
    );
    await vi.waitFor(() => expect(q('category')).toBe('营销服务类'));
    expect(fb.sent.filter((m) => (m as { type: string }).type === 'pick-class')).toEqual([
      { type: 'pick-class', tabId: TAB, code: 'marketing' },
    ]);
    expect([q('category-confidence'), q('category-source')]).toEqual(['100%', '坐席选定']);
    expect(q('category-ask')).toBeNull();
    expect(alts()).toEqual(['费用争议类 87%', '充值缴费类 2%']);
    expect(root.querySelector('[role=status]')!.textContent).toBe('已改为营销服务类，已记为样本');
    // The background's broadcast of the same ticket keeps the notice; the next ticket clears it.
    fb.deliver({ type: 'state', state: stateOf(picked('marketing')) });
    await vi.waitFor(() => expect(q('category-source')).toBe('坐席选定'));
    expect(root.querySelector('[role=status]')).not.toBeNull();
    fb.deliver({ type: 'state', state: stateOf({ ...verdictWith(cls()), id: 'GD9002' }) });
    await vi.waitFor(() => expect(q('ticket-id')).toBe('GD9002'));
    expect(root.querySelector('[role=status]')).toBeNull();
  });

  it('one-click fill sends the content script the verdict the panel shows, with the pick', async () => {
    const { fb, root, q } = await setup(verdictWith(cls()));
    click(
      [...root.querySelectorAll('[data-testid=category-alt]')].find((b) => b.textContent?.startsWith('营销服务类')),
    );
    await vi.waitFor(() => expect(q('category-source')).toBe('坐席选定'));
    click(root.querySelector('[data-testid=fill]'));
    await vi.waitFor(() => expect(fb.tabMessages).toHaveLength(1));
    const { tabId, msg, options } = fb.tabMessages[0]!;
    expect([tabId, options]).toEqual([TAB, { frameId: 0 }]);
    expect(msg).toMatchObject({
      type: 'autofill',
      verdict: { id: 'GD9001', category: { code: 'marketing', source: 'agent', autoFill: true } },
    });
  });

  it.each([
    ['says nothing', () => undefined],
    ['answers something else', () => ({ error: 'unknown message' })],
  ])('keeps the class and says so when the background %s', async (_, answer) => {
    const { root, q } = await setup(verdictWith(cls()), answer);
    click(root.querySelector('[data-testid=category-alt]'));
    await vi.waitFor(() =>
      expect(root.querySelector('[role=status]')?.textContent).toBe('改分类失败：后台没有响应，请稍后再试'),
    );
    expect([q('category'), q('category-source')]).toEqual(['费用争议类', '模型']);
  });

  it('shows both readings when the text disagrees with the CRM', async () => {
    const { q } = await setup(
      verdictWith(
        cls({
          ...ALTS[1]!,
          confidence: 1,
          source: 'crm',
          autoFill: true,
          because: 'CRM 分类路径含“营销服务类”（省公司投诉分类树）',
          disagreement: { ...ALTS[0]!, confidence: 0.93, because: '因为内容中的“扣费”最像费用争议类' },
        }),
      ),
    );
    expect(q('disagreement')).toBe(
      'CRM 分类为营销服务类（CRM 分类路径含“营销服务类”（省公司投诉分类树））；内容更像费用争议类（93%）：因为内容中的“扣费”最像费用争议类',
    );
  });

  it('says so when there is no class, and offers no chips', async () => {
    const { q, alts } = await setup(verdictWith(null));
    expect(q('category')).toBe('分类未知');
    expect(alts()).toEqual([]);
  });
});

describe('side panel: dispatch and fill report', () => {
  it('shows each suggestion’s confidence and marks the learned one', async () => {
    const dispatch: Verdict['dispatch'] = [
      {
        target: '市场',
        because: '因为本中心 40 张已派单工单里，这类工单多由市场处理',
        confidence: 0.91,
        source: 'model',
      },
      { target: '渠道', because: '因为工单内容含“营业员”', confidence: 0.3, source: 'rules' },
    ];
    const { root } = await setup(verdictWith(cls({ autoFill: true }), { dispatch }));
    const items = [...root.querySelectorAll('[data-testid=dispatch] li')];
    expect(
      items.map((li) => [
        li.querySelector('strong')!.textContent,
        li.querySelector('.conf')!.textContent,
        li.querySelector('.src')?.textContent ?? null,
      ]),
    ).toEqual([
      ['市场', '91%', '学得'],
      ['渠道', '30%', null],
    ]);
  });

  it('shows why the class was not filled', async () => {
    const { fb, state, root } = await setup(verdictWith(cls()));
    const because = '分类把握不足（置信度 87%，低于自动填写阈值），请在侧边栏确认';
    fb.deliver({
      type: 'state',
      state: { ...stateOf(verdictWith(cls())), autofill: { changes: [], skipped: [{ target: 'category', because }] } },
    });
    await vi.waitFor(() => expect(texts(root, '[data-testid=filled] li')).toEqual([`跳过 投诉分类：${because}`]));
    expect(state.tab.value?.autofill?.skipped).toHaveLength(1);
  });
});
