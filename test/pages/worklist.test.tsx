// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '@/components/worklist/App';
import { WorklistContext } from '@/components/worklist/context';
import { createWorklistState } from '@/components/worklist/state';
import { fakeBrowser } from './fake-browser';
import { click, mount, texts } from './render';
import { freshStore, HOUR, NOW, seed, type TicketSpec } from './stored-tickets';

const TICKETS: TicketSpec[] = [
  { id: 'GD1', clocks: [{ code: 'resolve', label: '处理时限', dueIn: 30 }], risk: 'yellow' },
  {
    id: 'GD2',
    clocks: [{ code: 'dispatch', label: '派单时限', dueIn: -0.5, span: 1 }],
    risk: 'red',
    tags: [{ code: 'repeat', label: '重复投诉' }],
    phone: '13312345678',
  },
  { id: 'GD3', clocks: [], category: null },
  { id: 'GD4', clocks: [{ code: 'respond', label: '接单响应', dueIn: 0.25, span: 2 }] },
];

let t = NOW;
let cleanup: (() => void)[] = [];

async function setup(specs = TICKETS, local: Record<string, unknown> = {}) {
  const store = freshStore();
  await seed(store, specs);
  const fb = fakeBrowser(local);
  const state = createWorklistState(fb.browser, store, { now: () => t });
  const { root, unmount } = await mount(
    <WorklistContext.Provider value={state}>
      <App />
    </WorklistContext.Provider>,
  );
  const stop = state.start();
  cleanup.push(stop, unmount, () => store.close());
  const ids = () => texts(root, '[data-testid=ticket-id]');
  return { store, fb, state, root, ids };
}

beforeEach(() => {
  t = NOW;
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
  vi.useRealTimers();
});

describe('popup worklist', () => {
  it('lists open tickets nearest due first, no-clock tickets last', async () => {
    const { root, ids } = await setup();
    await vi.waitFor(() => expect(ids()).toEqual(['GD2', 'GD4', 'GD1', 'GD3']));
    const [gd2, gd4, gd1, gd3] = [...root.querySelectorAll('[data-testid=ticket]')];
    expect(gd2!.querySelector('.due')!.textContent).toBe('派单时限超 00:30:00已超时');
    expect(gd4!.querySelector('[data-testid=countdown]')!.textContent).toBe('剩 00:15:00');
    expect(gd4!.querySelector('.clock-state')!.textContent).toBe('即将到期');
    expect(gd1!.querySelector('[data-testid=countdown]')!.textContent).toBe('剩 1天06:00:00');
    expect(gd3!.querySelector('.due')!.textContent).toBe('没有进行中的时限');
    expect(gd3!.querySelector('.class')!.textContent).toBe('分类未知');
    expect(gd2!.querySelector('.strip')!.getAttribute('class')).toContain('risk-red');
    expect(gd2!.querySelector('[data-testid=risk]')!.textContent).toBe('红色风险');
    expect(texts(gd2!, '.tag')).toEqual(['重复投诉']);
    expect(gd2!.querySelector('.phone')!.textContent).toBe('133****5678');
  });

  it('ticks every countdown from one shared now', async () => {
    const { root, ids } = await setup();
    await vi.waitFor(() => expect(ids()).toHaveLength(4));
    t = NOW + 16 * 60_000;
    vi.advanceTimersByTime(1000);
    await vi.waitFor(() =>
      expect(texts(root, '[data-testid=countdown]')).toEqual(['超 00:46:00', '超 00:01:00', '剩 1天05:44:00']),
    );
    expect(texts(root, '.filter .count')).toEqual(['2', '0', '4']);
  });

  it('filters by 超时 / 即将到期 / 全部 with counts', async () => {
    const { root, ids } = await setup();
    await vi.waitFor(() => expect(ids()).toHaveLength(4));
    expect(texts(root, '.filter')).toEqual(['超时1', '即将到期1', '全部4']);
    click(root.querySelector('[data-filter=overdue]'));
    await vi.waitFor(() => expect(ids()).toEqual(['GD2']));
    expect(root.querySelector('[data-filter=overdue]')!.getAttribute('aria-pressed')).toBe('true');
    click(root.querySelector('[data-filter=due-soon]'));
    await vi.waitFor(() => expect(ids()).toEqual(['GD4']));
    // Time moves the due-soon ticket into overdue, and the filter follows.
    t = NOW + HOUR;
    vi.advanceTimersByTime(1000);
    await vi.waitFor(() => expect(root.querySelector('[data-testid=empty]')?.textContent).toBe('没有即将到期的工单。'));
    click(root.querySelector('[data-filter=all]'));
    await vi.waitFor(() => expect(ids()).toHaveLength(4));
  });

  it('marks done, tells the background, and undoes', async () => {
    const { root, ids, fb, store } = await setup();
    await vi.waitFor(() => expect(ids()).toHaveLength(4));
    click(root.querySelectorAll('[data-testid=done]')[1]);
    await vi.waitFor(() => expect(ids()).toEqual(['GD2', 'GD1', 'GD3']));
    expect(fb.sent).toEqual([{ type: 'store-changed' }]);
    expect(await store.getTicket('demo-legacy:GD4')).toMatchObject({ done: 1, doneBy: 'agent', doneAt: NOW });
    expect(root.querySelector('.undo')!.textContent).toContain('GD4');

    click(root.querySelector('[data-testid=undo]'));
    await vi.waitFor(() => expect(ids()).toEqual(['GD2', 'GD4', 'GD1', 'GD3']));
    expect(fb.sent).toEqual([{ type: 'store-changed' }, { type: 'store-changed' }]);
    expect((await store.getTicket('demo-legacy:GD4'))!.done).toBe(0);
    expect(root.querySelector('.undo')).toBeNull();
  });

  it('opens the ticket’s CRM page, the figures and the options', async () => {
    const { root, ids, fb } = await setup();
    await vi.waitFor(() => expect(ids()).toHaveLength(4));
    click(root.querySelector('[data-testid=ticket] .actions button'));
    await vi.waitFor(() => expect(fb.created).toEqual([{ url: 'http://127.0.0.1/legacy/?id=GD2' }]));
    click([...root.querySelectorAll('nav a')].find((a) => a.textContent === '统计'));
    click([...root.querySelectorAll('nav a')].find((a) => a.textContent === '设置'));
    await vi.waitFor(() => expect(fb.optionsOpened()).toBe(1));
    expect(fb.created[1]).toEqual({ url: 'chrome-extension://test/figures.html' });
  });

  it('shows full phone numbers only when the setting says so', async () => {
    const { root, ids } = await setup(TICKETS, { revealPhones: true });
    await vi.waitFor(() => expect(ids()).toHaveLength(4));
    await vi.waitFor(() => expect(root.querySelector('.phone')!.textContent).toBe('13312345678'));
  });

  it('re-reads when the store changes elsewhere', async () => {
    const { root, ids, fb, store } = await setup([]);
    await vi.waitFor(() =>
      expect(root.querySelector('[data-testid=empty]')?.textContent).toContain('没有未完成的工单'),
    );
    await seed(store, [TICKETS[0]!]);
    fb.deliver({ type: 'store-changed' });
    await vi.waitFor(() => expect(ids()).toEqual(['GD1']));
  });
});
