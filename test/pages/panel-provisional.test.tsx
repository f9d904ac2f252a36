// @vitest-environment happy-dom
// A clock whose due reaches into a year without a State Council notice says so in the panel.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '@/components/panel/App';
import { PanelContext } from '@/components/panel/context';
import { createPanelState } from '@/components/panel/state';
import { evaluate } from '@/rules/engine/evaluate';
import { packs } from '@/rules/packs';
import { shapeReading } from '@/utils/content/shape-reading';
import type { TabState } from '@/utils/messages';
import { fakeBrowser } from './fake-browser';
import { mount } from './render';

const TAB = 7;

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

async function panelFor(acceptedAt: string, now: number) {
  const fields = { id: 'GD9101', ticketType: '投诉单', customerLevel: '普通', acceptedAt, title: '宽带经常掉线' };
  const read = shapeReading({
    adapterId: 'demo-legacy',
    adapterName: '演示：旧版投诉工单页',
    url: 'http://127.0.0.1/legacy/?id=GD9101',
    fields,
    missing: [],
    canFill: true,
    canReply: true,
  });
  const state: TabState = {
    tabId: TAB,
    frameId: 0,
    read,
    verdict: evaluate(read.fields, packs['china-telecom']!, [], now),
    evaluatedAt: now,
    autofill: null,
  };
  const fb = fakeBrowser(
    {},
    { answer: (raw) => ((raw as { type: string }).type === 'get-state' ? { state } : undefined) },
  );
  const panel = createPanelState(fb.browser, { tabId: TAB, now: () => now });
  const { root, unmount } = await mount(
    <PanelContext.Provider value={panel}>
      <App />
    </PanelContext.Provider>,
  );
  cleanup.push(panel.start(), unmount);
  await vi.waitFor(() => expect(root.querySelector('[data-code="reply-user"]')).not.toBeNull());
  return root;
}

describe('side panel: provisional clocks', () => {
  it('says 「按法定假日推算，待国务院通知」 next to a clock reaching into 2027, and only there', async () => {
    const root = await panelFor('2027-02-04 10:00', Date.parse('2027-02-04T11:00:00+08:00'));
    expect(root.querySelector('[data-code="reply-user"] [data-testid=clock-provisional]')?.textContent).toBe(
      '按法定假日推算，待国务院通知',
    );
    expect(root.querySelector('[data-code="resolve"] [data-testid=clock-provisional]')).toBeNull();
  });

  it('says nothing for a clock within a year whose notice is loaded', async () => {
    const root = await panelFor('2026-03-10 09:00', Date.parse('2026-03-10T10:00:00+08:00'));
    expect(root.querySelector('[data-testid=clock-provisional]')).toBeNull();
  });
});
