// @vitest-environment happy-dom
// The calm panel: what to do and the nearest open clock on top, stopped clocks folded into one line,
// scripts by stage with the stage the ticket is at open and the others folded.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '@/components/panel/App';
import { PanelContext } from '@/components/panel/context';
import { currentStage, phaseOf, type Phase } from '@/components/panel/stage';
import { createPanelState } from '@/components/panel/state';
import { nearestOpen } from '@/rules/clock/vocabulary';
import { evaluate } from '@/rules/engine/evaluate';
import { STAGES } from '@/rules/pack/vocabulary';
import { packs } from '@/rules/packs';
import type { Verdict } from '@/rules/verdict';
import type { TabState, TicketRead } from '@/utils/messages';
import { fakeBrowser } from './fake-browser';
import { mount, texts } from './render';

const NOW = Date.parse('2026-11-28T10:00:00+08:00');
const TAB = 7;
const BASE = {
  id: 'GD9201',
  ticketType: '投诉单',
  customerLevel: '普通',
  acceptedAt: '2026-11-28 09:00',
  title: '宽带经常掉线',
  text: '客户称宽带每天晚上掉线，要求尽快处理',
};
/** Dispatched in time, responded to late, first check done by that response: three clocks stopped, one late. */
const HANDLING = { ...BASE, dispatchedAt: '2026-11-28 09:20', respondedAt: '2026-11-28 09:55' };

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

async function panelFor(fields: TicketRead['fields'], edit: (v: Verdict) => Verdict = (v) => v) {
  const verdict = edit(evaluate(fields, packs['china-telecom']!, [], NOW));
  const state: TabState = {
    tabId: TAB,
    frameId: 0,
    read: {
      type: 'ticket',
      adapterId: 'demo-legacy',
      adapterName: '演示：旧版投诉工单页',
      url: 'http://127.0.0.1/legacy/?id=GD9201',
      fields,
      missing: [],
      canFill: true,
      canReply: true,
    },
    verdict,
    evaluatedAt: NOW,
    autofill: null,
  };
  const fb = fakeBrowser(
    {},
    { answer: (raw) => ((raw as { type: string }).type === 'get-state' ? { state } : undefined) },
  );
  const panel = createPanelState(fb.browser, { tabId: TAB, now: () => NOW });
  const { root, unmount } = await mount(
    <PanelContext.Provider value={panel}>
      <App />
    </PanelContext.Provider>,
  );
  cleanup.push(panel.start(), unmount);
  await vi.waitFor(() => expect(root.querySelector('[data-testid=ticket-id]')?.textContent).toBe('GD9201'));
  return { root, verdict };
}

const codes = (root: ParentNode, selector: string) =>
  [...root.querySelectorAll(selector)].map((e) => e.getAttribute('data-code'));

describe('side panel: clocks', () => {
  it('folds the stopped clocks into one closed line with their count, keeps them readable by code', async () => {
    const { root, verdict } = await panelFor(HANDLING);
    const stopped = verdict.clocks.filter((c) => c.stoppedAt !== undefined);
    expect(stopped.map((c) => c.code).sort()).toEqual(['dispatch', 'first-check', 'respond']);
    const fold = root.querySelector<HTMLDetailsElement>('[data-testid=stopped-clocks]')!;
    expect(fold.tagName).toBe('DETAILS');
    expect(fold.open).toBe(false);
    expect(fold.querySelector('summary')?.textContent).toBe('3 个时限已完成，其中 1 个超时');
    expect(codes(fold, 'li').sort()).toEqual(['dispatch', 'first-check', 'respond']);
    expect(fold.querySelector('[data-code=respond]')?.getAttribute('data-state')).toBe('late');
    // The open ones are not in the fold; every clock is still one `li` under the clocks.
    expect(codes(root, '[data-testid=clocks] > ul > li').sort()).toEqual(['operator-reply', 'reply-user', 'resolve']);
    expect(codes(root, '[data-testid=clocks] li').sort()).toEqual(verdict.clocks.map((c) => c.code).sort());
  });

  it('has no fold when no clock has stopped, and says so without a late count when none is late', async () => {
    const none = await panelFor(BASE);
    expect(none.root.querySelector('[data-testid=stopped-clocks]')).toBeNull();
    cleanup.forEach((f) => f());
    cleanup = [];
    const inTime = await panelFor({ ...HANDLING, respondedAt: '2026-11-28 09:40' });
    expect(inTime.root.querySelector('[data-testid=stopped-clocks] summary')?.textContent).toBe('3 个时限已完成');
  });

  it('puts the next step first, then the nearest open clock, large', async () => {
    const { root, verdict } = await panelFor(BASE);
    const next = root.querySelector('[data-testid=next-step]')!;
    const first = root.querySelector('[data-testid=clocks] li')!;
    expect(next.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // Nothing of the ticket's judgement stands between the top and these two.
    expect(root.querySelector('main > header')!.nextElementSibling).toBe(next);
    expect(first.getAttribute('data-code')).toBe(nearestOpen(verdict.clocks, NOW)!.code);
    expect(first.getAttribute('data-code')).toBe('dispatch');
    expect(first.classList.contains('nearest')).toBe(true);
    expect(root.querySelectorAll('.clock.nearest')).toHaveLength(1);
    // At intake, dispatch: to the first suggestion.
    expect(next.getAttribute('data-phase')).toBe('intake');
    expect(next.textContent).toBe(`下一步 派单到${verdict.dispatch[0]!.target}`);
  });

  it('does not put a paused clock first, though its frozen due is the nearest', async () => {
    // The resolve clock paused since 09:30 with its due moved only to 10:10: still the earliest due.
    const pause = (v: Verdict): Verdict => ({
      ...v,
      clocks: v.clocks.map((c) =>
        c.code === 'resolve'
          ? { ...c, dueAt: '2026-11-28T10:10:00+08:00', pauses: [{ from: '2026-11-28T09:30:00+08:00' }] }
          : c,
      ),
    });
    const { root, verdict } = await panelFor(HANDLING, pause);
    const open = codes(root, '[data-testid=clocks] > ul > li');
    expect(root.querySelector('[data-code=resolve]')?.getAttribute('data-state')).toBe('paused');
    expect(open[0]).toBe(nearestOpen(verdict.clocks, NOW)!.code);
    expect(open[0]).not.toBe('resolve');
    expect(open).toContain('resolve');
  });
});

/**
 * One script for each stage whose condition is not a tag (升级/申诉 and 催办 are only there for an
 * escalated, appealed or chased ticket, and then go first: see the table below), so only the ticket's
 * times decide which is open.
 */
const PLAIN = STAGES.filter((s) => s !== '升级/申诉' && s !== '催办');
const plainStages = (v: Verdict): Verdict => ({
  ...v,
  scripts: PLAIN.map((stage) => ({ stage, text: `${stage}的话术` })),
});

describe('side panel: scripts by stage', () => {
  it.each([
    ['not dispatched', 'intake', '受理', BASE],
    ['dispatched and responded to', 'handling', '告知时限', HANDLING],
    ['replied', 'replied', '回访', { ...HANDLING, repliedAt: '2026-11-28 09:58' }],
    ['closed', 'closed', '回访', { ...HANDLING, closedAt: '2026-11-28 09:59' }],
  ] as const)('%s (%s): the %s scripts open and first, every other stage folded', async (_, phase, stage, fields) => {
    const { root } = await panelFor(fields, plainStages);
    expect(root.querySelector('[data-testid=next-step]')?.getAttribute('data-phase')).toBe(phase);
    const groups = [...root.querySelectorAll<HTMLDetailsElement>('[data-testid=scripts] > details')];
    expect(groups).toHaveLength(PLAIN.length);
    expect(groups.filter((g) => g.open).map((g) => g.dataset.stage)).toEqual([stage]);
    expect(groups[0]!.dataset.stage).toBe(stage);
    expect(groups[0]!.querySelector('summary')?.textContent).toBe(`${stage}当前`);
    // The others keep the pack's order.
    expect(groups.slice(1).map((g) => g.dataset.stage)).toEqual(PLAIN.filter((s) => s !== stage));
    // The first script in the list is the open stage's: its text and its two buttons.
    const first = root.querySelector('[data-testid=scripts] li')!;
    expect(first.querySelector('.script-text')?.textContent).toBe(`${stage}的话术`);
    expect(texts(first, 'button')).toEqual(['复制', '插入回复框']);
  });

  it('counts a stage’s scripts in its folded line when it has more than one', async () => {
    const twice = (v: Verdict): Verdict => ({
      ...v,
      scripts: [
        { stage: '受理', text: '一' },
        { stage: '安抚', text: '二' },
        { stage: '安抚', text: '三' },
      ],
    });
    const { root } = await panelFor(BASE, twice);
    expect(texts(root, '[data-testid=scripts] summary')).toEqual(['受理当前', '安抚2 条']);
    expect(texts(root, '[data-stage=安抚] .script-text')).toEqual(['二', '三']);
  });
});

describe('the stage a ticket is at (components/panel/stage.ts)', () => {
  const f = (...names: (keyof TicketRead['fields'])[]) => Object.fromEntries(names.map((n) => [n, '2026-11-28 09:30']));
  it.each([
    [{}, 'intake'],
    [f('dispatchedAt'), 'handling'],
    [f('respondedAt'), 'handling'],
    [f('dispatchedAt', 'repliedAt'), 'replied'],
    [f('repliedAt', 'closedAt'), 'closed'],
    [{ dispatchedAt: '  ' }, 'intake'],
  ] as [TicketRead['fields'], Phase][])('%j is %s', (fields, phase) => {
    expect(phaseOf(fields)).toBe(phase);
  });

  const only = (...stages: (typeof STAGES)[number][]) => stages.map((stage) => ({ stage, text: stage }));
  it.each([
    ['intake', only('受理', '安抚', '告知时限'), '受理'],
    ['intake', only('受理', '催办', '安抚'), '催办'],
    ['intake', only('受理', '升级/申诉', '催办'), '升级/申诉'],
    ['handling', only('受理', '安抚', '告知时限'), '告知时限'],
    ['handling', only('受理', '安抚'), '安抚'],
    ['handling', only('升级/申诉', '告知时限'), '升级/申诉'],
    ['replied', only('安抚', '告知时限'), '安抚'],
    ['closed', only('受理', '回访'), '回访'],
    // None of the phase's: the first the pack gives.
    ['closed', only('退费补偿', '安抚'), '退费补偿'],
    ['intake', [], undefined],
  ] as [Phase, Verdict['scripts'], string | undefined][])('%s with %j: %s', (phase, scripts, stage) => {
    expect(currentStage(phase, scripts)).toBe(stage);
  });
});
