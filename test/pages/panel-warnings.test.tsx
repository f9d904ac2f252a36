// @vitest-environment happy-dom
// The panel never sits silently on its placeholder: a refused reading and a cut field are said.
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '@/components/panel/App';
import { PanelContext } from '@/components/panel/context';
import { createPanelState } from '@/components/panel/state';
import { evaluate } from '@/rules/engine/evaluate';
import { packs } from '@/rules/packs';
import { shapeReading } from '@/utils/content/shape-reading';
import type { Refused, TabState } from '@/utils/messages';
import { fakeBrowser } from './fake-browser';
import { mount } from './render';

const NOW = Date.parse('2026-11-28T10:00:00+08:00');
const TAB = 7;
const fields = { id: 'GD9001', ticketType: '投诉单', acceptedAt: '2026-11-28 09:00', text: '宽带掉线'.repeat(25_000) };
const read = shapeReading({
  adapterId: 'demo-legacy',
  adapterName: '演示：旧版投诉工单页',
  url: 'http://127.0.0.1/legacy/?id=GD9001',
  fields,
  missing: [],
  canFill: true,
  canReply: true,
});
const state: TabState = {
  tabId: TAB,
  frameId: 0,
  read,
  verdict: evaluate(read.fields, packs['china-telecom']!, [], NOW),
  evaluatedAt: NOW,
  autofill: null,
};
const refused: Refused = { tabId: TAB, at: NOW, reason: 'fields.text 过长（100000，上限 20000）', ticketId: 'GD9002' };

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

async function setup(reply: unknown) {
  const fb = fakeBrowser({}, { answer: (raw) => ((raw as { type: string }).type === 'get-state' ? reply : undefined) });
  const panel = createPanelState(fb.browser, { tabId: TAB, now: () => NOW });
  const { root, unmount } = await mount(
    <PanelContext.Provider value={panel}>
      <App />
    </PanelContext.Provider>,
  );
  cleanup.push(panel.start(), unmount);
  const q = (id: string) => root.querySelector(`[data-testid=${id}]`)?.textContent ?? null;
  return { fb, root, q };
}

describe('side panel warnings', () => {
  it('says which field was cut, and by how much', async () => {
    const { q } = await setup({ state });
    await vi.waitFor(() => expect(q('ticket-id')).toBe('GD9001'));
    expect(q('truncated')).toBe('投诉内容过长（100,000 字），已截断保存');
    expect(q('refused')).toBeNull();
  });

  it('shows a refused reading instead of the placeholder, and drops it once a reading is taken', async () => {
    const { fb, root, q } = await setup({ state: null, refused });
    await vi.waitFor(() =>
      expect(q('refused')).toContain(
        '后台未能接收此页的工单 GD9002（fields.text 过长（100000，上限 20000）），该工单未保存，也不会提醒',
      ),
    );
    expect(root.querySelector('.empty')).toBeNull();
    await act(() => fb.deliver({ type: 'state', state }));
    expect(q('ticket-id')).toBe('GD9001');
    expect(q('refused')).toBeNull();
    // A later refusal in the same tab shows above the ticket it still has.
    await act(() => fb.deliver({ type: 'refused', refused: { ...refused, at: NOW + 1 } }));
    expect(q('refused')).toContain('GD9002');
    expect(q('ticket-id')).toBe('GD9001');
    // Another tab's refusal is not this panel's.
    await act(() => fb.deliver({ type: 'state', state }));
    await act(() => fb.deliver({ type: 'refused', refused: { ...refused, tabId: TAB + 1 } }));
    expect(q('refused')).toBeNull();
  });
});
