// @vitest-environment happy-dom
// The field picker as the background injects it into the CRM page at each 「点选」 (entrypoints/picker,
// utils/content/pick-field.ts): it answers a checked pick-field with locators for the clicked value,
// takes no other message, and a copy injected again (the next click) adds no second listener.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startPicker } from '@/utils/content/pick-field';
import { PickReplySchema } from '@/utils/messages';

const ADAPTER = {
  id: 'desk',
  name: '工单台',
  matches: ['http://crm.example.cn/*'],
  ticketRoot: { css: '#ticket' },
  fields: { id: { locators: [{ css: '#id' }] } },
};
const PICK = { type: 'pick-field', adapter: ADAPTER, field: 'customerLevel', prompt: '点选「客户级别」的值' };

const hosts = () => document.querySelectorAll('ticket-sidekick-picker').length;
/** Every listener's answer to one message, as the runtime would deliver it. */
const send = (msg: unknown) => fakeBrowser.runtime.onMessage.trigger(msg, {}) as Promise<unknown[]>;
/** Resolves once the page shows the picker, so a click can be made. */
const shown = () => expect.poll(hosts).toBe(1);
function click(el: Element) {
  el.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, composed: true }));
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
}
const value = () => document.querySelector('#level')!;

beforeEach(() => {
  // A fresh page: no picker left in its world, no listener on the runtime.
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('ticket-sidekick-picker')];
  fakeBrowser.reset();
  document.body.innerHTML =
    '<div id="ticket"><span id="id">GD1</span><dl><dt>客户级别</dt><dd id="level">钻石</dd></dl></div>';
});

describe('the injected field picker', () => {
  it('answers a pick-field with locators for the clicked value, each reading it, and leaves nothing behind', async () => {
    startPicker();
    const answers = send(PICK);
    await shown();
    click(value());
    const [reply, ...others] = await answers;
    expect(others).toEqual([]);
    const parsed = PickReplySchema.parse(reply);
    expect(parsed.url).toBe(location.href);
    expect(parsed.suggestions.length).toBeGreaterThan(0);
    expect(parsed.suggestions.map((s) => s.reads)).toEqual(parsed.suggestions.map(() => '钻石'));
    expect(hosts()).toBe(0);
  });

  it('Escape: no suggestions', async () => {
    startPicker();
    const answers = send(PICK);
    await shown();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    expect(await answers).toEqual([{ url: location.href, suggestions: [] }]);
    expect(hosts()).toBe(0);
  });

  it.each<[string, unknown]>([
    ['the content script’s ping', { type: 'ping' }],
    ['the content script’s try-read', { type: 'try-read', adapter: ADAPTER }],
    ['an unknown field', { ...PICK, field: 'colour' }],
    ['no adapter', { type: 'pick-field', field: 'id' }],
    ['an adapter of another shape', { ...PICK, adapter: { id: 'desk' } }],
    ['an unknown key', { ...PICK, frameId: 3 }],
    ['an overlong prompt', { ...PICK, prompt: '点'.repeat(201) }],
  ])('ignores %s', async (_, msg) => {
    startPicker();
    expect(await send(msg)).toEqual([undefined]);
    expect(hosts()).toBe(0);
  });

  it('injected again (the next 「点选」), adds no second listener: one picker, one answer', async () => {
    startPicker();
    startPicker();
    const answers = send(PICK);
    await shown();
    click(value());
    expect(await answers).toHaveLength(1);
  });

  it('a new pick ends the one waiting, which answers with no suggestions', async () => {
    startPicker();
    const first = send(PICK);
    await shown();
    const second = send({ ...PICK, field: 'id' });
    expect(await first).toEqual([{ url: location.href, suggestions: [] }]);
    expect(hosts()).toBe(1);
    click(value());
    const [reply] = await second;
    expect(PickReplySchema.parse(reply).suggestions.length).toBeGreaterThan(0);
  });

  it('a copy cut off by a reload of the extension gives way: its pick ends, and the new copy answers', async () => {
    startPicker();
    const old = send(PICK);
    await shown();
    // The reload: the old copy's runtime loses its id and hears nothing more.
    const id = fakeBrowser.runtime.id;
    Object.assign(fakeBrowser.runtime, { id: undefined });
    fakeBrowser.runtime.onMessage.removeAllListeners();
    startPicker();
    Object.assign(fakeBrowser.runtime, { id });
    expect(await old).toEqual([{ url: location.href, suggestions: [] }]);
    expect(hosts()).toBe(0);
    const answers = send(PICK);
    await shown();
    click(value());
    expect(PickReplySchema.parse((await answers)[0]).suggestions.length).toBeGreaterThan(0);
  });
});
