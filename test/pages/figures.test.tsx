// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '@/components/figures/App';
import { FiguresContext } from '@/components/figures/context';
import { formatRate } from '@/components/figures/format';
import { createFiguresState } from '@/components/figures/state';
import { mount, texts } from './render';
import { freshStore, NOW, seed } from './stored-tickets';

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

async function show(seedIt: (store: ReturnType<typeof freshStore>) => Promise<void>) {
  const store = freshStore();
  await seedIt(store);
  const state = createFiguresState(store, { now: () => NOW });
  await state.load();
  const { root, unmount } = await mount(
    <FiguresContext.Provider value={state}>
      <App />
    </FiguresContext.Provider>,
  );
  cleanup.push(unmount, () => store.close());
  return root;
}

describe('figures page', () => {
  it('formats rates, keeping "nothing to count" apart from 0%', () => {
    expect([formatRate(null), formatRate(0), formatRate(2 / 3), formatRate(1)]).toEqual(['—', '0%', '66.7%', '100%']);
  });

  it('shows handled tickets, on-time rate per clock, rates, and tickets, repeats, escalations and appeals per class and per day', async () => {
    const root = await show(async (store) => {
      const dispatch = { code: 'dispatch', label: '派单时限', span: 1 };
      await seed(store, [
        {
          id: 'A',
          clocks: [
            { ...dispatch, dueIn: -20, stopped: true },
            { code: 'resolve', label: '处理时限', dueIn: 5 },
          ],
          tags: [{ code: 'repeat', label: '重复投诉' }],
        },
        { id: 'B', clocks: [{ ...dispatch, dueIn: -1 }], tags: [{ code: 'escalated', label: '升级投诉' }] },
        {
          id: 'C',
          clocks: [{ ...dispatch, dueIn: -200, stopped: true }],
          category: null,
          acceptedAt: '2025-06-01 08:00:00',
          tags: [{ code: 'appeal', label: '申诉' }],
        },
        { id: 'old', clocks: [], tags: [{ code: 'repeat', label: '重复投诉' }], acceptedAt: '2025-04-01 08:00:00' },
      ]);
      await store.markDone('demo-legacy:C', 'agent', NOW);
    });
    expect(root.querySelector('.period')!.textContent).toBe('近 30 天（5月12日 – 6月10日），按受理日期统计');
    expect(root.querySelector('[data-testid=handled]')!.textContent).toBe('3');
    expect(texts(root, '.cards dd')).toEqual(['3', '1', '33.3%', '33.3%']);
    const rows = [...root.querySelectorAll('[data-testid=clock-rates] tbody tr')].map((tr) => texts(tr, 'td'));
    expect(rows).toEqual([
      ['派单时限', '66.7%', '2 / 0 / 1'],
      ['处理时限', '—', '0 / 0 / 0'],
    ]);
    const days = [...root.querySelectorAll('[data-testid=day-chart] li[data-day]')];
    expect(days).toHaveLength(30);
    const count = (g: Element, series: string) =>
      g.querySelector(`[data-series=${series}]`)!.getAttribute('data-count');
    const busy = days.filter((g) => g.classList.contains('busy'));
    expect(
      busy.map((g) => [
        g.getAttribute('data-day'),
        ...['tickets', 'repeat', 'escalated', 'appeal'].map((s) => count(g, s)),
      ]),
    ).toEqual([
      ['2025-06-01', '1', '0', '0', '1'],
      ['2025-06-09', '2', '1', '1', '0'],
    ]);
    // The busiest day reaches the top, a tag bar in proportion, the count written on the bar; a
    // quiet day draws no bar and is a narrow gap.
    const height = (g: Element, series: string) =>
      (g.querySelector(`[data-series=${series}]`) as HTMLElement).style.height;
    expect(height(days[28]!, 'tickets')).toBe('100%');
    expect(height(days[28]!, 'repeat')).toBe('50%');
    expect(texts(days[28]!, '.count')).toEqual(['2']);
    expect(days[0]!.querySelector('[data-series]')).toBeNull();
    expect(days[0]!.classList.contains('busy')).toBe(false);
    expect(days[28]!.getAttribute('title')).toBe('6月9日：工单 2 张，重复 1，升级 1，申诉 0');
    // Dates under the axis: the first and the last day, and a week apart counted back from the last.
    expect(texts(root, '.day-label')).toEqual(['5月12日', '5月20日', '5月27日', '6月3日', '6月10日']);
    expect(root.querySelector('.chart-max')?.textContent).toBe('2 张');
    expect(texts(root, '[data-testid=legend] li')).toEqual(['工单 3', '重复 1', '升级 1', '申诉 1']);

    const cell = (td: Element) =>
      [td.firstChild?.textContent, td.querySelector('.share')?.textContent].filter(Boolean).join(' ');
    const classes = [...root.querySelectorAll('[data-testid=by-class] tbody tr')];
    expect(classes.map((tr) => [tr.getAttribute('data-code'), ...[...tr.querySelectorAll('td')].map(cell)])).toEqual([
      ['top-up', '充值缴费类', '2', '1 50%', '1 50%', '0'],
      // A share shows only beside a count: a column of 0% would hide the few that matter.
      ['', '分类未知', '1', '0', '0', '1'],
    ]);
  });

  it('says so when nothing was recorded', async () => {
    const root = await show(async () => {});
    expect(root.querySelector('[data-testid=handled]')!.textContent).toBe('0');
    expect(root.querySelector('[data-testid=day-chart]')).toBeNull();
    expect(texts(root, '.empty')).toEqual(['没有可统计的时限', '这段时间没有记录的工单', '没有记录的工单']);
  });
});
