import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { browser as wxtBrowser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Verdict } from '@/rules/verdict';
import { createSidekick, type SidekickStore } from '@/utils/background/sidekick';
import type { Store } from '@/utils/db/store';
import { crmTime, DAY, fields, freshStore, HOUR, NOW, pack, type Fields } from './fixtures';

const browser = fakeBrowser as unknown as typeof wxtBrowser;
const reading = (f: Fields) => ({
  type: 'ticket',
  adapterId: 'demo-legacy',
  adapterName: '演示旧版 CRM',
  url: `http://127.0.0.1/legacy/?id=${f.id}`,
  fields: f,
  missing: [],
  canFill: true,
  canReply: true,
});
const fromTab = (id: number) => ({ tab: { id }, frameId: 0 });
const tagsOf = (reply: unknown) => (reply as { verdict: Verdict }).verdict.tags.map((t) => t.code);

let t = NOW;
let store: Store;
beforeEach(() => {
  fakeBrowser.reset();
  t = NOW;
  store = freshStore();
});
afterEach(() => store.close());

describe('background with the ticket store', () => {
  it('tags a second ticket of the same customer and class as a repeat, from what the store remembers', async () => {
    const changed = vi.fn();
    const sidekick = createSidekick({ browser, pack, now: () => t, store, onStoreChanged: changed });
    const first = await sidekick.handle(reading(fields('GD1', { acceptedAt: crmTime(NOW - 3 * DAY) })), fromTab(1));
    expect(tagsOf(first)).not.toContain('repeat');
    await sidekick.settled(); // saving follows the answer
    expect(changed).toHaveBeenCalledTimes(1);

    t = NOW + HOUR;
    const second = await sidekick.handle(reading(fields('GD2', { acceptedAt: crmTime(NOW) })), fromTab(2));
    expect(tagsOf(second)).toContain('repeat');
    expect((second as { verdict: Verdict }).verdict.tags.find((x) => x.code === 'repeat')?.because).toContain('30 天内已有 1 张“费用争议类”工单');
    await sidekick.settled();
    expect((await store.getTicket('demo-legacy:GD2'))?.verdict.tags.map((x) => x.code)).toContain('repeat');
    // Another customer, same class: no repeat.
    const other = await sidekick.handle(reading(fields('GD3', { acceptedAt: crmTime(NOW), customerPhone: '18900001111' })), fromTab(3));
    expect(tagsOf(other)).not.toContain('repeat');
    await sidekick.settled();
    // Reading the first ticket again does not make it a repeat of itself or of the later one.
    expect(tagsOf(await sidekick.handle(reading(fields('GD1', { acceptedAt: crmTime(NOW - 3 * DAY) })), fromTab(1)))).not.toContain('repeat');
  });

  it('logs auto-fill and script copies against the tab’s ticket', async () => {
    const sidekick = createSidekick({ browser, pack, now: () => t, store });
    await sidekick.handle(reading(fields('GD1')), fromTab(7));
    const change = { target: 'category', label: '投诉分类', value: '费用争议类', previous: '', stuck: true };
    await sidekick.handle({ type: 'autofill-done', report: { changes: [change], skipped: [] } }, fromTab(7));
    await sidekick.handle({ type: 'autofill-done', report: null }, fromTab(7)); // undo: nothing to log
    expect(await sidekick.handle({ type: 'script-copied', tabId: 7 }, {})).toEqual({ ok: true }); // from the side panel
    expect(await sidekick.handle({ type: 'script-copied', tabId: 8 }, {})).toEqual({ ok: false });
    await vi.waitFor(async () => expect((await store.recentEvents(10)).map((e) => [e.type, e.detail])).toEqual([
      ['script-copied', undefined],
      ['auto-filled', '投诉分类=费用争议类'],
      ['seen', undefined],
    ]));
  });

  it('reschedules reminders when the popup says the store changed', async () => {
    const changed = vi.fn();
    const sidekick = createSidekick({ browser, pack, store, onStoreChanged: changed });
    expect(await sidekick.handle({ type: 'store-changed' }, {})).toEqual({ ok: true });
    expect(changed).toHaveBeenCalledOnce();
    expect(await sidekick.handle({ type: 'store-changed', extra: 1 }, {})).toMatchObject({ error: expect.stringContaining('rejected') });
  });

  it('still answers with a verdict when the store fails', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const broken: SidekickStore = {
      historyFor: () => Promise.reject(new Error('quota')),
      recordSeen: () => Promise.reject(new Error('quota')),
      logEvent: () => Promise.reject(new Error('quota')),
    };
    const sidekick = createSidekick({ browser, pack, now: () => t, store: broken });
    const reply = (await sidekick.handle(reading(fields('GD1', { repeatCount: '2' })), fromTab(1))) as { verdict: Verdict };
    expect(reply.verdict.id).toBe('GD1');
    expect(reply.verdict.tags.map((x) => x.code)).toContain('repeat'); // the CRM's own count still counts
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('evaluates with whatever history a fake store gives', async () => {
    const past = fields('OLD', { acceptedAt: crmTime(NOW - DAY) });
    const fake: SidekickStore = {
      historyFor: vi.fn(async () => [past]),
      recordSeen: vi.fn(async () => null),
      logEvent: vi.fn(async () => {}),
    };
    const sidekick = createSidekick({ browser, pack, now: () => t, store: fake });
    expect(tagsOf(await sidekick.handle(reading(fields('GD1', { acceptedAt: crmTime(NOW) })), fromTab(1)))).toContain('repeat');
    expect(fake.historyFor).toHaveBeenCalledWith(expect.objectContaining({ id: 'GD1' }), 'billing-dispute', pack, NOW);
    expect(fake.recordSeen).toHaveBeenCalledWith(expect.objectContaining({ adapterId: 'demo-legacy', now: NOW }));
  });
});

describe('history lookups while the agent edits a ticket', () => {
  it('re-reading the same ticket reuses its history until another ticket is saved or the store changes', async () => {
    const lookups = vi.spyOn(store, 'historyFor');
    const sidekick = createSidekick({ browser, pack, now: () => t, store });
    const gd1 = reading(fields('GD1', { acceptedAt: crmTime(NOW - 3 * DAY) }));
    const read = async (r: ReturnType<typeof reading>, tab: number) => {
      const reply = await sidekick.handle(r, fromTab(tab));
      await sidekick.settled();
      return reply;
    };
    await read(gd1, 1);
    await read({ ...gd1, fields: { ...gd1.fields, status: '处理中' } }, 1); // a field the lookup does not use
    expect(lookups).toHaveBeenCalledTimes(1);
    await read(reading(fields('GD2', { acceptedAt: crmTime(NOW) })), 2); // another ticket: its own lookup
    expect(lookups).toHaveBeenCalledTimes(2);
    // GD2 was saved and may be in GD1's history now: GD1 asks the store again.
    t = NOW + HOUR;
    await read(gd1, 1);
    expect(lookups).toHaveBeenCalledTimes(3);
    await read(gd1, 1);
    expect(lookups).toHaveBeenCalledTimes(3);
    await sidekick.handle({ type: 'store-changed' }, {});
    await read(gd1, 1);
    expect(lookups).toHaveBeenCalledTimes(4);
  });

  it('the history a re-read reuses still gives the repeat tag', async () => {
    const sidekick = createSidekick({ browser, pack, now: () => t, store });
    await sidekick.handle(reading(fields('GD1', { acceptedAt: crmTime(NOW - 3 * DAY) })), fromTab(1));
    await sidekick.settled();
    const gd2 = reading(fields('GD2', { acceptedAt: crmTime(NOW) }));
    expect(tagsOf(await sidekick.handle(gd2, fromTab(2)))).toContain('repeat');
    await sidekick.settled();
    expect(tagsOf(await sidekick.handle(gd2, fromTab(2)))).toContain('repeat');
  });
});
