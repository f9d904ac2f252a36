// @vitest-environment happy-dom
// The pages in English: the side panel, the worklist and the options page render English words,
// dates and numbers, while the pack's own words (clock labels, reasons, scripts) stay Chinese and a
// class shows the pack's English label where it gives one. The language switches while a page is
// open, from the options page or the centre's policy.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { browser as wxtBrowser } from 'wxt/browser';
import { App as OptionsApp } from '@/components/options/App';
import { OptionsContext } from '@/components/options/context';
import { LearningContext } from '@/components/options/learning-context';
import { createLearningState, type LearningApi } from '@/components/options/learning-state';
import { createOptionsState, type OptionsStore } from '@/components/options/state';
import { App as PanelApp } from '@/components/panel/App';
import { PanelContext } from '@/components/panel/context';
import { createPanelState } from '@/components/panel/state';
import { App as WorklistApp } from '@/components/worklist/App';
import { WorklistContext } from '@/components/worklist/context';
import { createWorklistState } from '@/components/worklist/state';
import { evaluate } from '@/rules/engine/evaluate';
import { packs } from '@/rules/packs';
import { DEFAULT_PACK } from '@/rules/packs/default-pack';
import { followLanguage, language } from '@/utils/i18n';
import type { TabState } from '@/utils/messages';
import { fakeBrowser } from './fake-browser';
import { mount, texts } from './render';
import { freshStore, NOW, seed } from './stored-tickets';

const CJK = /[\u3400-\u9fff]/;
const pack = packs['china-telecom']!;

let cleanup: (() => void)[] = [];
beforeEach(() => {
  language.value = 'en';
});
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
  vi.useRealTimers();
});

describe('the side panel in English', () => {
  const at = Date.parse('2026-11-28T10:00:00+08:00');
  const fields = {
    id: 'GD9001',
    ticketType: '投诉单',
    acceptedAt: '2026-11-28 09:00',
    categoryPath: '费用争议类',
    customerLevel: '五星',
    title: '营业员推荐的套餐与实际扣费不符',
    text: '客户称营业员推荐办理的套餐承诺每月 59 元，实际每月扣费 89 元，要求按承诺资费退还差额，已第三次投诉',
  };
  const verdict = evaluate(fields, pack, [], at);
  const state: TabState = {
    tabId: 7,
    frameId: 0,
    read: {
      type: 'ticket',
      adapterId: 'demo-legacy',
      adapterName: '演示：旧版投诉工单页',
      url: 'http://127.0.0.1/legacy/?id=GD9001',
      fields,
      missing: [{ field: 'customerName', required: true }],
      canFill: true,
      canReply: true,
    },
    verdict,
    evaluatedAt: at,
    autofill: null,
  };

  async function setup() {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const fb = fakeBrowser(
      {},
      { answer: (m) => ((m as { type?: string }).type === 'get-state' ? { state } : undefined) },
    );
    const panel = createPanelState(fb.browser, { tabId: 7, now: () => at });
    cleanup.push(panel.start());
    const { root, unmount } = await mount(
      <PanelContext.Provider value={panel}>
        <PanelApp />
      </PanelContext.Provider>,
    );
    cleanup.push(unmount);
    await vi.waitFor(() => expect(root.querySelector('[data-testid=ticket-id]')?.textContent).toBe('GD9001'));
    return root;
  }

  it('says its own words in English, the class by the pack’s English label, the pack’s words as the pack has them', async () => {
    const root = await setup();
    expect(texts(root, 'h2')).toEqual(expect.arrayContaining(['Time limits', 'Dispatch suggestions', 'Scripts']));
    const cls = pack.classes.find((c) => c.code === verdict.category?.code);
    expect(cls?.labelEn).toBeTruthy();
    expect(root.querySelector('[data-testid=category]')?.textContent).toBe(cls!.labelEn);
    expect(root.querySelector('[data-testid=category-source]')?.textContent).toBe('CRM');
    expect(root.querySelector('[data-testid=nature]')?.textContent).toBe('Complaint');
    // Clocks: the pack's label, English state, countdown and due time (Shanghai, Intl's month).
    const first = root.querySelector('[data-testid=clocks] li')!;
    expect(first.querySelector('.clock-label')?.textContent).toMatch(CJK);
    expect(first.querySelector('.clock-state')?.textContent).toMatch(/^(Running|Due soon|Overdue|Met|Late|Paused)$/);
    expect(first.querySelector('.clock-time')?.textContent).toMatch(/ (left|over)$/);
    expect(first.querySelector('.clock-meta')?.textContent).toMatch(
      /\((clock hours|working days|calendar days)\) · Due [A-Z][a-z]{2} \d+, \d\d:\d\d$/,
    );
    expect(root.querySelector('[data-testid=missing]')?.textContent).toBe('Required fields missing: Customer name');
    expect(root.querySelector('[data-testid=fill]')?.textContent).toBe('Fill in');
    // What is left in Chinese is the pack's and the ticket's: scripts, reasons, labels, the CRM's name.
    const own = [...root.querySelectorAll('h1, h2, button, summary, .chip, .src, .clock-state, .empty')].map(
      (e) => e.textContent ?? '',
    );
    expect(own.filter((s) => CJK.test(s))).toEqual([]);
  });

  it('follows a change of language while open', async () => {
    const root = await setup();
    expect(texts(root, 'h2')).toContain('Time limits');
    language.value = 'zh_CN';
    await vi.waitFor(() => expect(texts(root, 'h2')).toContain('时限'));
    expect(root.querySelector('[data-testid=category]')?.textContent).toBe(verdict.category?.label);
    expect(root.querySelector('.clock-time')?.textContent).toMatch(/^[剩超] /);
  });
});

describe('the worklist in English', () => {
  it('filters, states, countdowns and the class in English', async () => {
    const store = freshStore();
    cleanup.push(() => store.close());
    // GD1's verdict has the pack's English class label; GD2's was stored before there were any.
    const topUp = { code: 'top-up', label: '充值缴费类', labelEn: 'Top-up and payment' };
    await seed(store, [
      { id: 'GD1', clocks: [{ code: 'h', label: '处理时限', dueIn: 2, span: 10 }], category: topUp },
      { id: 'GD2', clocks: [{ code: 'h', label: '处理时限', dueIn: -1 }], risk: 'red' },
    ]);
    const fb = fakeBrowser();
    const w = createWorklistState(fb.browser, store, { now: () => NOW });
    cleanup.push(w.start());
    const { root, unmount } = await mount(
      <WorklistContext.Provider value={w}>
        <WorklistApp />
      </WorklistContext.Provider>,
    );
    cleanup.push(unmount);
    await vi.waitFor(() => expect(texts(root, '[data-testid=ticket-id]')).toEqual(['GD2', 'GD1']));
    expect(texts(root, 'h1')).toEqual(['Open tickets']);
    expect(texts(root, '.filter').map((s) => s.replace(/\d+$/, ''))).toEqual(['Overdue', 'Due soon', 'All']);
    expect(texts(root, '.clock-state')).toEqual(['Overdue', 'Due soon']);
    expect(texts(root, '[data-testid=countdown]')).toEqual(['01:00:00 over', '02:00:00 left']);
    expect(root.querySelector('.due')?.getAttribute('title')).toBe('Due Jun 10, 09:00');
    expect(texts(root, '.class')).toEqual(['充值缴费类', 'Top-up and payment']);
    expect(root.querySelector('[data-testid=risk]')?.textContent).toBe('Red risk');
    expect(texts(root, 'button').filter((s) => CJK.test(s))).toEqual([]);
  });
});

describe('the options page in English', () => {
  const noStore = {} as OptionsStore;

  async function setup(local: Record<string, unknown>, managed?: Record<string, unknown>) {
    const fb = fakeBrowser(local);
    if (managed)
      (fb.browser as unknown as { storage: Record<string, unknown> }).storage.managed = { get: async () => managed };
    const state = createOptionsState(fb.browser, noStore, { defaultRetentionDays: 365, now: () => NOW });
    await state.load();
    // The class learning section has its own tests (learning-options.test.tsx): here it has nothing learned.
    const api = { forget: () => {}, counts: async () => null } as unknown as LearningApi;
    const learning = createLearningState(fb.browser, api, { pack: DEFAULT_PACK });
    await learning.load();
    const { root, unmount } = await mount(
      <OptionsContext.Provider value={state}>
        <LearningContext.Provider value={learning}>
          <OptionsApp />
        </LearningContext.Provider>
      </OptionsContext.Provider>,
    );
    cleanup.push(unmount);
    return { fb, state, root, select: () => root.querySelector('[data-testid=language]') as HTMLSelectElement };
  }

  it('renders English, and the language chosen there switches the page and is kept', async () => {
    const { fb, root, select } = await setup({ language: 'en' });
    expect(texts(root, 'h1')).toEqual(['Ticket Sidekick · Settings']);
    expect(texts(root, 'h2')).toEqual(
      expect.arrayContaining(['Language', 'Habits', 'Data retention', 'Export and import', 'Clear data']),
    );
    expect(select().value).toBe('en');
    expect([...select().options].map((o) => o.textContent)).toEqual(["The browser's", '中文', 'English']);
    expect(texts(root, 'h2').filter((s) => CJK.test(s))).toEqual([]);

    select().value = 'zh_CN';
    select().dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(texts(root, 'h1')).toEqual(['工单助手 · 设置']));
    expect(fb.local.language).toBe('zh_CN');
    expect(root.querySelector('[data-testid=notice]')?.textContent).toBe('已保存：界面语言为中文');
  });

  it('the centre’s policy locks the language: the choice is shown disabled and not written', async () => {
    language.value = 'zh_CN';
    const { fb, state, root, select } = await setup({ language: 'zh_CN' }, { settings: { language: 'en' } });
    expect(select().value).toBe('en');
    expect(select().disabled).toBe(true);
    expect(root.querySelector('[data-testid=locked-note]')?.textContent).toBe('由中心策略设定');
    await state.setLanguage('zh_CN');
    expect(fb.local.language).toBe('zh_CN'); // as it was: nothing written
    expect(state.languageChoice.value).toBe('en');
  });

  it('a page follows the setting as the options page (or the policy) changes it', async () => {
    language.value = 'zh_CN';
    const fb = fakeBrowser({ language: 'en' });
    await followLanguage(fb.browser as typeof wxtBrowser, { title: 'title.worklist' });
    expect(language.value).toBe('en');
    expect(document.title).toBe('Ticket Sidekick · Open tickets');
    expect(document.documentElement.lang).toBe('en');
    fb.local.language = 'zh_CN';
    (fb.browser.storage.onChanged as unknown as { listeners: Set<(c: object, a: string) => void> }).listeners.forEach(
      (l) => l({ language: { newValue: 'zh_CN' } }, 'local'),
    );
    await vi.waitFor(() => expect(language.value).toBe('zh_CN'));
    expect(document.title).toBe('工单助手 · 待办');
  });
});
