// @vitest-environment happy-dom
// What a screen reader or keyboard agent gets: a clock becoming due-soon or overdue said once (the
// side panel and the badge), risk and state in the badge's name and the worklist row's words, and
// confirmations that Escape closes and that hand the focus back.
import { signal } from '@preact/signals';
import type { ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountBadge } from '@/components/badge/badge';
import { announcement, createTransitions, type ClockNow } from '@/components/live/transitions';
import { ClearAll } from '@/components/options/ClearAll';
import { Confirm } from '@/components/options/Confirm';
import { createConfirmation } from '@/components/options/confirmation';
import { OptionsContext } from '@/components/options/context';
import type { OptionsState } from '@/components/options/state';
import { App } from '@/components/panel/App';
import { ClockAnnouncer } from '@/components/panel/ClockAnnouncer';
import { PanelContext } from '@/components/panel/context';
import { createPanelState } from '@/components/panel/state';
import { WorklistContext } from '@/components/worklist/context';
import { atTime, byDue } from '@/components/worklist/order';
import { TicketRow } from '@/components/worklist/TicketRow';
import type { ClockState } from '@/rules/verdict';
import type { TabState } from '@/utils/messages';
import { fakeBrowser } from './fake-browser';
import { click, mount } from './render';
import { NOW, verdictFor } from './stored-tickets';

const MIN = 60_000;

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
  vi.restoreAllMocks();
});

describe('the transition tracker', () => {
  const run = (steps: (ClockState | string)[][]) => {
    const track = createTransitions();
    // Each step: the ticket, then the state of clocks a and b (a dash: the clock is not there).
    return steps.map(([ticket, ...states]) => {
      const clocks: ClockNow[] = states.flatMap((s, i) =>
        s === '-' ? [] : [{ code: 'ab'[i]!, label: 'ab'[i]!, state: s as ClockState }],
      );
      return track(ticket, clocks)
        .map((c) => `${c.code}:${c.state}`)
        .join(',');
    });
  };

  it.each([
    ['silent on first sight, even overdue', [['T1', 'overdue', 'due-soon']], ['']],
    [
      'running → due-soon → overdue, each once however often asked',
      [
        ['T1', 'running'],
        ['T1', 'running'],
        ['T1', 'due-soon'],
        ['T1', 'due-soon'],
        ['T1', 'due-soon'],
        ['T1', 'overdue'],
        ['T1', 'overdue'],
      ],
      ['', '', 'a:due-soon', '', '', 'a:overdue', ''],
    ],
    [
      'straight from running to overdue (a panel asleep for a while)',
      [
        ['T1', 'running'],
        ['T1', 'overdue'],
      ],
      ['', 'a:overdue'],
    ],
    [
      'two clocks at once',
      [
        ['T1', 'running', 'due-soon'],
        ['T1', 'due-soon', 'overdue'],
      ],
      ['', 'a:due-soon,b:overdue'],
    ],
    [
      'paused and resumed in the same state: not again; stopped: never',
      [
        ['T1', 'due-soon', 'running'],
        ['T1', 'paused', 'met'],
        ['T1', 'due-soon', 'met'],
      ],
      ['', '', ''],
    ],
    [
      'running again after a pause moved the due, then due-soon again: said again',
      [
        ['T1', 'due-soon'],
        ['T1', 'running'],
        ['T1', 'due-soon'],
      ],
      ['', '', 'a:due-soon'],
    ],
    [
      'another ticket starts afresh; a clock new to a ticket is not news',
      [
        ['T1', 'running'],
        ['T2', 'due-soon'],
        ['T2', 'due-soon', 'overdue'],
        ['T1', 'due-soon', '-'],
      ],
      ['', '', '', ''],
    ],
  ])('%s', (_, steps, expected) => {
    expect(run(steps as string[][])).toEqual(expected);
  });

  it('says the ticket and each clock with its state', () => {
    expect(
      announcement('GD1', [
        { code: 'a', label: '处理时限', state: 'due-soon' },
        { code: 'b', label: '回复时限', state: 'overdue' },
      ]),
    ).toBe('GD1：处理时限即将到期；回复时限已超时');
  });
});

/** A ticket with a 100-minute clock starting at NOW: due-soon at +75 min, overdue at +100 min. */
function tabState(id = 'GD7', tabId = 7): TabState {
  const verdict = verdictFor({
    id,
    risk: 'red',
    clocks: [{ code: 'resolve', label: '处理时限', dueIn: 100 / 60, span: 100 / 60 }],
  });
  return {
    tabId,
    frameId: 0,
    read: {
      type: 'ticket',
      adapterId: 'demo-legacy',
      adapterName: '演示',
      url: 'http://127.0.0.1/legacy/?id=GD7',
      fields: { id },
      missing: [],
      canFill: false,
      canReply: false,
    },
    verdict,
    evaluatedAt: NOW,
    autofill: null,
  } as TabState;
}

describe('side panel: one polite announcement per transition', () => {
  async function setup(node: (p: ReturnType<typeof createPanelState>) => ComponentChild) {
    const panel = createPanelState(fakeBrowser().browser, { tabId: 7, now: () => NOW });
    const { root, unmount } = await mount(<PanelContext.Provider value={panel}>{node(panel)}</PanelContext.Provider>);
    cleanup.push(unmount);
    const region = () => root.querySelector('[data-testid=announcer]')!;
    // Every announcement, in order: each is a new node, so the same words said twice count twice.
    const heard: string[] = [];
    let last: Node | null = null;
    const at = async (ms: number) => {
      await act(() => void (panel.now.value = ms));
      const node = region().firstChild;
      if (node && node !== last) heard.push(node.textContent ?? '');
      last = node;
    };
    return { panel, root, region, heard, at };
  }

  it('says due-soon once and overdue once, second after second; nothing on opening', async () => {
    const { panel, region, heard, at } = await setup(() => <App />);
    await act(() => void (panel.tab.value = tabState()));
    expect(region().getAttribute('aria-live')).toBe('polite');
    expect(region().getAttribute('class')).toBe('visually-hidden');
    for (let s = 0; s <= 10; s++) await at(NOW + 74 * MIN + s * 1000); // running → due-soon at 75 min
    for (let s = 0; s <= 10; s++) await at(NOW + 99 * MIN + 55_000 + s * 1000); // → overdue at 100 min
    expect(heard).toEqual(['GD7：处理时限即将到期', 'GD7：处理时限已超时']);
    const nodes = region().querySelectorAll('p');
    expect(nodes).toHaveLength(1);
  });

  it('says nothing when the panel opens on (or switches to) a ticket already due-soon', async () => {
    const { panel, heard, at } = await setup(() => <App />);
    await act(() => void (panel.now.value = NOW + 80 * MIN));
    await act(() => void (panel.tab.value = tabState('GD7')));
    await at(NOW + 80 * MIN + 1000);
    await act(() => void (panel.tab.value = tabState('GD8')));
    await at(NOW + 80 * MIN + 2000);
    expect(heard).toEqual([]);
    await at(NOW + 100 * MIN);
    expect(heard).toEqual(['GD8：处理时限已超时']);
  });

  it('leaves it to the badge while the panel does not have the focus', async () => {
    const focused = signal(false);
    const { panel, heard, at } = await setup(() => <ClockAnnouncer speaks={() => focused.value} />);
    await act(() => void (panel.tab.value = tabState()));
    await at(NOW + 74 * MIN);
    await at(NOW + 76 * MIN);
    expect(heard).toEqual([]);
    // The transition was counted while silent: focusing the panel later does not say it late.
    focused.value = true;
    await at(NOW + 77 * MIN);
    expect(heard).toEqual([]);
    await at(NOW + 101 * MIN);
    expect(heard).toEqual(['GD7：处理时限已超时']);
  });
});

describe('the badge: its name, its live region, its focus', () => {
  function badge() {
    const roots: ShadowRoot[] = [];
    const attach = HTMLElement.prototype.attachShadow;
    vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init) {
      const r = attach.call(this, init);
      roots.push(r);
      return r;
    });
    const b = mountBadge(document, () => {});
    cleanup.push(() => b.remove());
    const root = roots[0]!;
    return { b, button: root.querySelector('button')!, said: root.querySelector('.said')! };
  }

  it('is named by what it shows, then the due time and the risk; the name holds still while focused', () => {
    const { b, button } = badge();
    b.show(tabState().verdict);
    b.tick(NOW + 80 * MIN);
    const name = () => button.getAttribute('aria-label');
    expect(name()).toMatch(/^处理时限 · 即将到期 剩 00:20:00，截止 .+；红色风险；工单助手$/);
    // Focused (the agent's shortcut), it is not read out anew every second; exact again on focusing.
    expect(b.focus()).toBe(true);
    const focused = name();
    b.tick(NOW + 80 * MIN + 1000);
    expect(button.querySelector('.time')!.textContent).toBe('剩 00:19:59');
    expect(name()).toBe(focused);
    button.blur();
    b.tick(NOW + 101 * MIN);
    expect(name()).toMatch(/^处理时限 · 已超时 超 00:01:00，截止 .+；红色风险；工单助手$/);
    button.focus();
    b.tick(NOW + 101 * MIN + 5000);
    expect(name()).toContain('超 00:01:00');
    // Taking the focus again, it says the latest.
    button.blur();
    button.focus();
    expect(name()).toContain('超 00:01:05');
  });

  it('says each transition once in a polite region beside the button', () => {
    const { b, said } = badge();
    expect(said.getAttribute('role')).toBe('status');
    expect(said.getAttribute('aria-live')).toBe('polite');
    b.show(tabState().verdict);
    const heard: string[] = [];
    let last: Node | null = null;
    for (let t = NOW + 70 * MIN; t <= NOW + 105 * MIN; t += 30_000) {
      b.tick(t);
      if (said.firstChild && said.firstChild !== last) heard.push(said.textContent ?? '');
      last = said.firstChild;
    }
    expect(heard).toEqual(['GD7：处理时限即将到期', 'GD7：处理时限已超时']);
  });

  it('is silent while the agent is elsewhere (the side panel says it)', () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    const { b, said } = badge();
    b.show(tabState().verdict);
    for (let t = NOW + 70 * MIN; t <= NOW + 105 * MIN; t += 60_000) b.tick(t);
    expect(said.textContent).toBe('');
  });

  it('takes the keyboard focus on the shortcut, as a real button', () => {
    const { b, button } = badge();
    expect(b.focus()).toBe(false);
    b.show(tabState().verdict);
    expect(button.type).toBe('button');
    expect(b.focus()).toBe(true);
  });
});

describe('worklist row: risk in words, not colour alone', () => {
  it.each([
    ['red', '红色风险'],
    ['orange', '橙色风险'],
    ['yellow', '黄色风险'],
    ['none', null],
  ] as const)('%s', async (risk, words) => {
    const v = verdictFor({ id: 'GD1', risk, clocks: [{ code: 'resolve', label: '处理时限', dueIn: 0.5, span: 2 }] });
    const ticket = { key: 'k', id: 'GD1', fields: {}, verdict: v } as never;
    const [entry] = byDue([ticket]);
    const w = { revealPhones: signal(false), open: async () => {}, done: async () => {} } as never;
    const { root, unmount } = await mount(
      <WorklistContext.Provider value={w}>
        <ul>
          <TicketRow row={atTime(entry!, NOW)} />
        </ul>
      </WorklistContext.Provider>,
    );
    cleanup.push(unmount);
    expect(root.querySelector('.strip')!.getAttribute('aria-hidden')).toBe('true');
    expect(root.querySelector('[data-testid=risk]')?.textContent ?? null).toBe(words);
    expect(root.querySelector('.clock-state')!.textContent).toBe('即将到期');
  });
});

describe('confirmations: Escape closes them, the focus goes back', () => {
  it('clear-all: the box takes the focus, Escape anywhere on the page closes it, the button has it again', async () => {
    const clearing = createConfirmation();
    const o = { clearing, clear: async () => {} } as unknown as OptionsState;
    const { root, unmount } = await mount(
      <OptionsContext.Provider value={o}>
        <ClearAll />
      </OptionsContext.Provider>,
    );
    cleanup.push(unmount);
    const opener = root.querySelector<HTMLButtonElement>('[data-testid=clear]')!;
    opener.focus();
    await act(() => click(opener));
    expect(opener.getAttribute('aria-expanded')).toBe('true');
    const input = root.querySelector('[data-testid=confirm-text]')!;
    expect(document.activeElement).toBe(input);
    expect(input.getAttribute('aria-describedby')).toBe(root.querySelector('.confirm p')!.id);
    // The agent clicked on blank page: the focus is nowhere, and Escape still closes the box.
    (document.activeElement as HTMLElement).blur();
    await act(() => void document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(root.querySelector('[data-testid=confirm]')).toBeNull();
    expect(clearing.open.value).toBe(false);
    expect(opener.getAttribute('aria-expanded')).toBe('false');

    // Escape from inside the box, with the focus there: back on the button.
    await act(() => click(opener));
    const again = root.querySelector<HTMLInputElement>('[data-testid=confirm-text]')!;
    expect(document.activeElement).toBe(again);
    await act(() => void again.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(root.querySelector('[data-testid=confirm]')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('an Escape meant for another control of the page leaves the box open', async () => {
    const c = createConfirmation();
    c.ask();
    const { root, unmount } = await mount(
      <div>
        <input data-testid="elsewhere" />
        <Confirm
          confirmation={c}
          warning="w"
          action="删除"
          onConfirm={() => {}}
          testIds={{ box: 'b', text: 't', confirm: 'c' }}
        />
      </div>,
    );
    cleanup.push(unmount);
    const elsewhere = root.querySelector<HTMLInputElement>('[data-testid=elsewhere]')!;
    elsewhere.focus();
    await act(() => void elsewhere.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(c.open.value).toBe(true);
  });

  it('a delete box closes through its own cancel (the list forgets which entry), by Escape and by 取消', async () => {
    const deleting = signal<string | null>('desk');
    const c = createConfirmation();
    c.ask();
    const cancelDelete = () => {
      deleting.value = null;
      c.cancel();
    };
    const Box = () =>
      deleting.value ? (
        <Confirm
          confirmation={c}
          warning="将删除"
          action="删除"
          onConfirm={() => {}}
          onCancel={cancelDelete}
          testIds={{ box: 'b', text: 't', confirm: 'c' }}
        />
      ) : null;
    const { root, unmount } = await mount(<Box />);
    cleanup.push(unmount);
    await act(
      () => void document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })),
    );
    expect(deleting.value).toBeNull();
    expect(root.querySelector('[data-testid=b]')).toBeNull();

    await act(() => {
      deleting.value = 'desk';
      c.ask();
    });
    await act(() => click([...root.querySelectorAll('button')].find((b) => b.textContent === '取消')));
    expect(deleting.value).toBeNull();
  });
});
