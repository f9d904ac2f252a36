import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { browser as wxtBrowser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Verdict } from '@/rules/verdict';
import { settingsOf } from '@/rules/classifier/compile';
import { createSidekick, type SidekickLearning, type SidekickStore } from '@/utils/background/sidekick';
import { createLearning } from '@/utils/db/learning';
import type { Store } from '@/utils/db/store';
import { shapeReading } from '@/utils/content/shape-reading';
import { RefusedUpdateSchema, StateReplySchema, type Refused, type TabState } from '@/utils/messages';
import { crmTime, DAY, fields, freshStore, HOUR, labelledTickets, NOW, pack, type Fields } from './fixtures';

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
    expect((second as { verdict: Verdict }).verdict.tags.find((x) => x.code === 'repeat')?.because).toContain(
      '30 天内已有 1 张“费用争议类”工单',
    );
    await sidekick.settled();
    expect((await store.getTicket('demo-legacy:GD2'))?.verdict.tags.map((x) => x.code)).toContain('repeat');
    // Another customer, same class: no repeat.
    const other = await sidekick.handle(
      reading(fields('GD3', { acceptedAt: crmTime(NOW), customerPhone: '18900001111' })),
      fromTab(3),
    );
    expect(tagsOf(other)).not.toContain('repeat');
    await sidekick.settled();
    // Reading the first ticket again does not make it a repeat of itself or of the later one.
    expect(
      tagsOf(await sidekick.handle(reading(fields('GD1', { acceptedAt: crmTime(NOW - 3 * DAY) })), fromTab(1))),
    ).not.toContain('repeat');
  });

  it('logs auto-fill and script copies against the tab’s ticket', async () => {
    const sidekick = createSidekick({ browser, pack, now: () => t, store });
    await sidekick.handle(reading(fields('GD1')), fromTab(7));
    const change = { target: 'category', label: '投诉分类', value: '费用争议类', previous: '', stuck: true };
    await sidekick.handle({ type: 'autofill-done', report: { changes: [change], skipped: [] } }, fromTab(7));
    await sidekick.handle({ type: 'autofill-done', report: null }, fromTab(7)); // undo: nothing to log
    expect(await sidekick.handle({ type: 'script-copied', tabId: 7 }, {})).toEqual({ ok: true }); // from the side panel
    expect(await sidekick.handle({ type: 'script-copied', tabId: 8 }, {})).toEqual({ ok: false });
    await vi.waitFor(async () =>
      expect((await store.recentEvents(10)).map((e) => [e.type, e.detail])).toEqual([
        ['script-copied', undefined],
        ['auto-filled', '投诉分类=费用争议类'],
        ['seen', undefined],
      ]),
    );
  });

  it('reschedules reminders when the popup says the store changed', async () => {
    const changed = vi.fn();
    const sidekick = createSidekick({ browser, pack, store, onStoreChanged: changed });
    expect(await sidekick.handle({ type: 'store-changed' }, {})).toEqual({ ok: true });
    expect(changed).toHaveBeenCalledOnce();
    expect(await sidekick.handle({ type: 'store-changed', extra: 1 }, {})).toMatchObject({
      error: expect.stringContaining('rejected'),
    });
  });

  it('still answers with a verdict when the store fails', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const broken: SidekickStore = {
      historyFor: () => Promise.reject(new Error('quota')),
      recordSeen: () => Promise.reject(new Error('quota')),
      logEvent: () => Promise.reject(new Error('quota')),
    };
    const sidekick = createSidekick({ browser, pack, now: () => t, store: broken });
    const reply = (await sidekick.handle(reading(fields('GD1', { repeatCount: '2' })), fromTab(1))) as {
      verdict: Verdict;
    };
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
    expect(tagsOf(await sidekick.handle(reading(fields('GD1', { acceptedAt: crmTime(NOW) })), fromTab(1)))).toContain(
      'repeat',
    );
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

describe('the class model in the background', () => {
  const labelled = labelledTickets().filter((x) => x.fields.categoryPath);
  /** A ticket of the centre as the agent opens it, without the CRM's category path. */
  const unfiled = (id: string) => {
    const { categoryPath: _, ...rest } = labelled[labelled.length - 1]!.fields;
    return { ...rest, id };
  };

  it('learns the classes of the tickets it sees, then reads a ticket without a path with the model', async () => {
    const learning = createLearning(store.db, pack, () => t);
    const sidekick = createSidekick({ browser, pack, now: () => t, store, learning });
    // Before it has seen anything, the pack's words classify.
    expect(categoryOf(await sidekick.handle(reading(unfiled('NEW0')), fromTab(99)))).toMatchObject({ source: 'rules' });
    for (const [i, x] of labelled.slice(0, 40).entries()) {
      expect(categoryOf(await sidekick.handle(reading(x.fields), fromTab(1 + (i % 3))))).toMatchObject({
        source: 'crm',
      });
      await sidekick.settled();
    }
    const counts = await learning.counts();
    expect(counts.total).toBe(40);
    expect(counts.bySource).toEqual({ crm: 40, agent: 0, import: 0 });
    expect(await store.db.labels.get(ticketKeyOf(labelled[0]!.fields))).toMatchObject({
      source: 'crm',
      classCode: pack.classes[labelled[0]!.classIndex]!.code,
    });

    // Reading the same tickets again teaches nothing new.
    for (const x of labelled.slice(0, 5)) await sidekick.handle(reading(x.fields), fromTab(1));
    await sidekick.settled();
    expect((await learning.counts()).total).toBe(40);

    const category = categoryOf(await sidekick.handle(reading(unfiled('NEW1')), fromTab(4)));
    expect(category).toMatchObject({ source: 'model', confidence: expect.any(Number) });
    expect(category?.because).toContain('从本中心 40 张已分类工单学得');
    await sidekick.settled();
    // A ticket without a class teaches nothing.
    expect(await store.db.labels.get('demo-legacy:NEW1')).toBeUndefined();
  });

  it('follows the admin’s auto-fill threshold from storage, as it changes', async () => {
    const learning = createLearning(store.db, pack, () => t);
    await fakeBrowser.storage.local.set({ autoFillAt: 1 });
    const sidekick = createSidekick({ browser, pack, now: () => t, store, learning });
    for (const x of labelled.slice(0, 30)) await sidekick.handle(reading(x.fields), fromTab(1));
    await sidekick.settled();
    const strict = categoryOf(await sidekick.handle(reading(unfiled('NEW1')), fromTab(2)));
    expect(strict).toMatchObject({ source: 'model', autoFill: false });

    await fakeBrowser.storage.local.set({ autoFillAt: 0.5 });
    const lenient = categoryOf(await sidekick.handle(reading(unfiled('NEW1')), fromTab(2)));
    expect(lenient?.autoFill).toBe((lenient?.confidence ?? 0) >= 0.5);
    await fakeBrowser.storage.local.set({ autoFillAt: 7 }); // out of range: the pack's own threshold
    const own = categoryOf(await sidekick.handle(reading(unfiled('NEW1')), fromTab(2)));
    expect(own?.confidence).toBe(lenient?.confidence);
    expect(own?.autoFill).toBe((own?.confidence ?? 0) >= settingsOf(pack).autoFillAt);
  });

  it('keeps the verdict when the learning store fails, and reloads the model when the store changes', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const broken: SidekickLearning = {
      model: () => Promise.reject(new Error('quota')),
      add: vi.fn(() => Promise.reject(new Error('quota'))),
      forget: vi.fn(),
    };
    const sidekick = createSidekick({ browser, pack, now: () => t, store, learning: broken });
    const reply = await sidekick.handle(reading(fields('GD1')), fromTab(1));
    expect(categoryOf(reply)).toMatchObject({ code: 'billing-dispute', source: 'crm' });
    await sidekick.settled();
    expect(broken.add).toHaveBeenCalledOnce();
    expect(await store.getTicket('demo-legacy:GD1')).toBeDefined(); // the ticket is still saved
    expect(warn).toHaveBeenCalledTimes(2); // the model, then the lesson
    await sidekick.handle({ type: 'store-changed' }, {});
    expect(broken.forget).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});

describe('the agent picks a class', () => {
  afterEach(() => vi.restoreAllMocks());
  const sent = () => vi.spyOn(fakeBrowser.runtime, 'sendMessage');
  const statesSent = (spy: ReturnType<typeof sent>) =>
    spy.mock.calls
      .map(([m]) => m as { type: string; state?: TabState })
      .filter((m) => m.type === 'state')
      .map((m) => m.state!);

  it('judges the ticket again with the pick, keeps it for the ticket, and learns it as the agent’s word', async () => {
    const learning = createLearning(store.db, pack, () => t);
    const sidekick = createSidekick({ browser, pack, now: () => t, store, learning });
    const gd1 = reading(fields('GD1'));
    expect(((await sidekick.handle(gd1, fromTab(5))) as { verdict: Verdict }).verdict.category).toMatchObject({
      code: 'billing-dispute',
      source: 'crm',
    });
    await sidekick.settled();
    expect(await store.db.labels.get('demo-legacy:GD1')).toMatchObject({ classCode: 'billing-dispute', source: 'crm' });

    const spy = sent();
    t = NOW + 60_000;
    const reply = await sidekick.handle({ type: 'pick-class', tabId: 5, code: 'network-quality' }, {});
    expect((reply as { verdict: Verdict }).verdict.category).toMatchObject({
      code: 'network-quality',
      source: 'agent',
      confidence: 1,
    });
    await sidekick.settled();
    expect(await store.db.labels.get('demo-legacy:GD1')).toMatchObject({
      classCode: 'network-quality',
      source: 'agent',
      at: NOW + 60_000,
    });
    expect((await learning.counts()).bySource).toEqual({ crm: 0, agent: 1, import: 0 });
    // Every panel hears the new verdict; the tab's state and the stored ticket carry it.
    expect(statesSent(spy).map((s) => s.verdict.category?.source)).toEqual(['agent']);
    expect(
      ((await sidekick.handle({ type: 'get-state', tabId: 5 }, {})) as { state: TabState }).state.verdict.category
        ?.code,
    ).toBe('network-quality');
    expect((await store.getTicket('demo-legacy:GD1'))?.category).toBe('network-quality');
    await vi.waitFor(async () =>
      expect((await store.recentEvents(5)).map((e) => [e.type, e.detail])).toContainEqual([
        'class-picked',
        'network-quality=网络质量类',
      ]),
    );

    // The same ticket read again in that tab keeps the pick, and the label stays the agent's.
    t = NOW + 120_000;
    expect(
      categoryOf(await sidekick.handle({ ...gd1, fields: { ...gd1.fields, status: '处理中（已回访）' } }, fromTab(5))),
    ).toMatchObject({ source: 'agent', code: 'network-quality' });
    await sidekick.settled();
    expect(await store.db.labels.get('demo-legacy:GD1')).toMatchObject({
      classCode: 'network-quality',
      source: 'agent',
    });
    // Another tab showing the same ticket, and another ticket in this tab, go by the CRM again.
    expect(categoryOf(await sidekick.handle(gd1, fromTab(6)))).toMatchObject({ source: 'crm' });
    expect(categoryOf(await sidekick.handle(reading(fields('GD2')), fromTab(5)))).toMatchObject({ source: 'crm' });
    expect(categoryOf(await sidekick.handle(gd1, fromTab(5)))).toMatchObject({ source: 'crm' });
    await sidekick.settled();
  });

  it('refuses a code that is no class of the pack, and changes nothing', async () => {
    const learning = createLearning(store.db, pack, () => t);
    const sidekick = createSidekick({ browser, pack, now: () => t, store, learning });
    await sidekick.handle(reading(fields('GD1')), fromTab(5));
    await sidekick.settled();
    const before = sidekick.tabs.get(5);
    const labels = await store.db.labels.toArray();
    const events = await store.recentEvents(10);
    const spy = sent();
    expect(await sidekick.handle({ type: 'pick-class', tabId: 5, code: 'no-such-class' }, {})).toEqual({
      error: expect.stringContaining('no-such-class'),
    });
    expect(await sidekick.handle({ type: 'pick-class', tabId: 5, code: '网络质量类' }, {})).toEqual({
      error: expect.any(String),
    }); // a label is no code
    await sidekick.settled();
    expect(sidekick.tabs.get(5)).toBe(before);
    expect(await store.db.labels.toArray()).toEqual(labels);
    expect(await store.recentEvents(10)).toEqual(events);
    expect(statesSent(spy)).toEqual([]);
    // A later reading still goes by the CRM.
    expect(categoryOf(await sidekick.handle(reading(fields('GD1')), fromTab(5)))).toMatchObject({ source: 'crm' });
    // A tab that shows no ticket has nothing to pick for.
    expect(await sidekick.handle({ type: 'pick-class', tabId: 9, code: 'network-quality' }, {})).toEqual({
      error: expect.any(String),
    });
  });
});

const ticketKeyOf = (f: Fields) => `demo-legacy:${f.id}`;
const categoryOf = (reply: unknown) => (reply as { verdict: Verdict }).verdict.category;

describe('never lose a ticket', () => {
  const longText = '客户反映家中宽带每晚频繁掉线，多次报修未果，要求赔偿。'.repeat(4000).slice(0, 100_000);
  const sentOf = (spy: { mock: { calls: unknown[][] } }, type: string) =>
    spy.mock.calls
      .map(([m]) => m as { type: string; state?: TabState; refused?: Refused })
      .filter((m) => m.type === type);
  /** What the background broadcasts, from now on (a spy of an earlier test may still be there). */
  const listen = () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    spy.mockClear();
    return spy;
  };

  it('takes a reading with a 100,000-character complaint once the content script shaped it, stores it and says what was cut', async () => {
    const changed = vi.fn();
    const sidekick = createSidekick({ browser, pack, now: () => t, store, onStoreChanged: changed });
    const spy = listen();
    const raw = reading(fields('GD100', { text: longText }));
    const shaped = shapeReading(raw);
    const reply = await sidekick.handle(shaped, fromTab(3));
    expect((reply as { verdict: Verdict }).verdict.id).toBe('GD100');
    await sidekick.settled();
    expect(changed).toHaveBeenCalledOnce(); // reminders are rebuilt from the store, as for any ticket
    const stored = await store.getTicket('demo-legacy:GD100');
    expect(stored?.fields.text).toHaveLength(20_000);
    expect(stored?.fields.text?.startsWith(longText.slice(0, 19_000))).toBe(true);
    expect(stored?.fields.text?.endsWith('…［已截断，原文 100000 字］')).toBe(true);
    const { state } = (await sidekick.handle({ type: 'get-state', tabId: 3 }, {})) as {
      state: TabState;
      refused?: Refused;
    };
    expect(state.read.truncated).toEqual([{ field: 'text', length: 100_000 }]);
    expect(StateReplySchema.safeParse({ state }).success).toBe(true); // what the panel checks
    expect(
      sentOf(spy, 'state')
        .filter((m) => m.state?.tabId === 3)
        .map((m) => m.state?.read.truncated),
    ).toEqual([[{ field: 'text', length: 100_000 }]]);
    expect(sidekick.refusals.size).toBe(0);
  });

  it('refuses an oversized reading nobody shaped, logs why, and keeps the refusal for the tab’s panel until a reading is taken', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const changed = vi.fn();
    const sidekick = createSidekick({ browser, pack, now: () => t, store, onStoreChanged: changed });
    const spy = listen();
    const reply = await sidekick.handle(reading(fields('GD101', { text: longText })), fromTab(4));
    expect(reply).toEqual({ error: expect.stringContaining('fields.text 过长（100000，上限 20000）') });
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]![0])).toContain(
      '拒收消息 ticket（标签页 4）：fields.text 过长（100000，上限 20000）',
    );
    await sidekick.settled();
    expect(await store.getTicket('demo-legacy:GD101')).toBeUndefined();
    expect(changed).not.toHaveBeenCalled();

    const note = { tabId: 4, at: NOW, reason: 'fields.text 过长（100000，上限 20000）', ticketId: 'GD101' };
    expect(sidekick.refusals.get(4)).toEqual(note);
    // The panel hears it at once, and finds it when it opens (for that tab, or following the last one).
    await vi.waitFor(() => expect(sentOf(spy, 'refused')).toEqual([{ type: 'refused', refused: note }]));
    expect(RefusedUpdateSchema.safeParse(sentOf(spy, 'refused')[0]).success).toBe(true);
    const got = await sidekick.handle({ type: 'get-state', tabId: 4 }, {});
    expect(got).toEqual({ state: null, refused: note });
    expect(StateReplySchema.safeParse(got).success).toBe(true);
    expect(await sidekick.handle({ type: 'get-state' }, {})).toEqual({ state: null, refused: note });

    // The next reading the tab sends is taken, and the refusal is over.
    t = NOW + 1000;
    await sidekick.handle(shapeReading(reading(fields('GD101', { text: longText }))), fromTab(4));
    await sidekick.settled();
    expect(sidekick.refusals.has(4)).toBe(false);
    expect(await sidekick.handle({ type: 'get-state', tabId: 4 }, {})).toEqual({
      state: expect.objectContaining({ tabId: 4 }),
    });
    expect(
      sentOf(spy, 'state')
        .filter((m) => m.state?.tabId === 4)
        .at(-1),
    ).not.toHaveProperty('refused');
    expect(await store.getTicket('demo-legacy:GD101')).toBeDefined();
    warn.mockRestore();
  });

  it('logs every refused message, but keeps a note only for a tab’s reading', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const sidekick = createSidekick({ browser, pack, now: () => t, store });
    expect(await sidekick.handle({ type: 'pick-class', code: 1 }, {})).toEqual({
      error: expect.stringContaining('code 类型不对'),
    });
    expect(await sidekick.handle('hello', fromTab(2))).toEqual({ error: expect.stringContaining('rejected') });
    expect(await sidekick.handle({ ...reading(fields('GD1')), extra: 1 }, fromTab(2))).toEqual({
      error: expect.stringContaining('多余的键 extra'),
    });
    expect(await sidekick.handle(reading(fields('GD1')), {})).toEqual({ error: expect.stringContaining('tabs only') });
    expect(warn).toHaveBeenCalledTimes(4);
    expect([...sidekick.refusals.keys()]).toEqual([2]);
    // A closed tab's refusal goes with it.
    sidekick.forget(2);
    expect(sidekick.refusals.size).toBe(0);
    warn.mockRestore();
  });
});
