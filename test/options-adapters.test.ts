import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { browser as wxtBrowser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAccessState } from '@/components/options/access';
import { createAdaptersState, type AdapterRow } from '@/components/options/adapters-state';
import { BUNDLED_ADAPTERS } from '@/rules/sites/bundled';
import { parseSiteAdapter } from '@/rules/sites/schema';

const browser = fakeBrowser as unknown as typeof wxtBrowser;

/** Host access as Chrome keeps it: a set of granted origins; `request` records each call and answers `allow`. */
function fakePermissions(allow = true) {
  const granted = new Set<string>();
  const requests: string[][] = [];
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async (p: { origins?: string[] }) =>
    (p.origins ?? []).every((o) => granted.has(o)),
  );
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async (p: { origins?: string[] }) => {
    requests.push([...(p.origins ?? [])]);
    if (allow) (p.origins ?? []).forEach((o) => granted.add(o));
    return allow;
  });
  return { granted, requests };
}

const MINE = {
  id: 'js-crm',
  name: '江苏投诉系统 工单详情',
  matches: ['http://crm.example.cn/complaint/detail*'],
  fields: {
    id: { required: true, locators: [{ label: ['工单编号', '工单流水号'] }] },
    acceptedAt: { locators: [{ label: '受理时间' }] },
  },
};
const ORIGIN = 'http://crm.example.cn/*';
const POLICY = {
  id: 'centre-crm',
  name: '中心 CRM',
  matches: ['https://crm.centre.cn/*'],
  fields: { id: { locators: [{ css: '#id' }] } },
};

const json = (v: unknown) => JSON.stringify(v, null, 2);
const stored = async () => (await fakeBrowser.storage.local.get('userAdapters')).userAdapters as unknown[] | undefined;

async function setup(
  opts: { allow?: boolean; policy?: Record<string, unknown>; local?: Record<string, unknown> } = {},
) {
  if (opts.policy) await fakeBrowser.storage.managed.set(opts.policy);
  if (opts.local) await fakeBrowser.storage.local.set(opts.local);
  const perms = fakePermissions(opts.allow ?? true);
  const downloads: { text: string; filename: string }[] = [];
  const state = createAdaptersState(browser, {
    bundled: BUNDLED_ADAPTERS,
    download: (text, filename) => void downloads.push({ text, filename }),
  });
  await state.load();
  const row = (id: string, source?: AdapterRow['source']) => {
    const r = state.entries.value?.find((e) => e.id === id && (source === undefined || e.source === source));
    if (!r) throw new Error(`no entry ${id} ${source ?? ''}`);
    return r;
  };
  return { state, perms, downloads, row };
}

// The shipped adapters' patterns, judged once (the ReDoS checker takes seconds on some): an edited
// copy of one is then checked as fast as the page checks it the second time.
beforeAll(() => {
  for (const a of BUNDLED_ADAPTERS) expect(parseSiteAdapter(structuredClone(a)).ok).toBe(true);
}, 120_000);

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('「CRM 页面」 state', () => {
  it('lists the shipped adapters as 内置, used, with the origins they read', async () => {
    const { state } = await setup();
    const list = state.entries.value!;
    expect(list.map((e) => e.id)).toEqual(BUNDLED_ADAPTERS.map((a) => a.id));
    for (const e of list) {
      expect(e).toMatchObject({
        source: 'bundled',
        active: true,
        enabled: true,
        locked: false,
        errors: [],
        waiting: false,
      });
      expect(e.origins.length).toBeGreaterThan(0);
      expect(e.origins.every((o) => o.granted)).toBe(true);
    }
    expect(state.waiting.value.entries).toEqual([]);
  });

  it('saves a valid adapter as raw JSON, asking for its origins within the click (before any await)', async () => {
    const { state, perms, row } = await setup();
    state.startNew();
    state.setText(json(MINE));
    const saving = state.save();
    // The request was made synchronously: the click's user gesture is still there.
    expect(perms.requests).toEqual([[ORIGIN]]);
    expect(await saving).toBe(true);
    expect(await stored()).toEqual([MINE]);
    expect(row('js-crm')).toMatchObject({
      source: 'user',
      active: true,
      waiting: false,
      userIndex: 0,
      origins: [{ origin: ORIGIN, granted: true }],
    });
    expect(state.notice.value?.bad).toBe(false);
    // The editor now edits the saved one: saving again replaces it in place.
    expect(state.editing.value).toEqual({ kind: 'user', index: 0, id: 'js-crm' });
    state.setText(json({ ...MINE, name: '改名' }));
    const again = state.save();
    expect(perms.requests).toHaveLength(1); // granted already: nothing to ask
    await again;
    expect(await stored()).toEqual([{ ...MINE, name: '改名' }]);
  });

  it('saves even when access is refused; the entry then waits, and 允许访问 asks for all missing origins at once', async () => {
    const { state, perms, row } = await setup({ allow: false });
    state.startNew();
    state.setText(json(MINE));
    await state.save();
    expect(await stored()).toEqual([MINE]);
    expect(row('js-crm')).toMatchObject({ waiting: true, origins: [{ origin: ORIGIN, granted: false }] });
    expect(state.notice.value).toMatchObject({ bad: true });
    expect(state.notice.value?.text).toContain(ORIGIN);

    const other = { ...MINE, id: 'other', matches: ['*://crm2.example.cn/*'] };
    state.startNew();
    state.setText(json(other));
    await state.save();
    expect(state.waiting.value.entries.map((e) => e.id)).toEqual(['js-crm', 'other']);
    expect(state.waiting.value.origins).toEqual([ORIGIN, 'http://crm2.example.cn/*', 'https://crm2.example.cn/*']);

    perms.requests.length = 0;
    vi.mocked(fakeBrowser.permissions.request).mockImplementation(async (p: { origins?: string[] }) => {
      perms.requests.push([...(p.origins ?? [])]);
      (p.origins ?? []).forEach((o) => perms.granted.add(o));
      return true;
    });
    const granting = state.grantAll();
    expect(perms.requests).toEqual([[ORIGIN, 'http://crm2.example.cn/*', 'https://crm2.example.cn/*']]);
    expect(await granting).toBe(true);
    expect(state.waiting.value.entries).toEqual([]);
  });

  it('refuses to save a broken adapter, naming every problem by its path, and keeps the text', async () => {
    const { state, perms } = await setup();
    state.startNew();
    state.setText('{ "id": "x", ');
    expect(await state.save()).toBe(false);
    expect(state.errors.value[0]).toMatch(/^不是有效的 JSON/);
    expect(state.text.value).toBe('{ "id": "x", ');

    const broken = json({
      id: 'Bad Id',
      name: '',
      matches: ['nowhere'],
      fields: { id: { locators: [{ css: 3 }] }, ticketNo: { locators: [{ label: 'x' }] } },
    });
    state.setText(broken);
    expect(await state.save()).toBe(false);
    const errors = state.errors.value.join('\n');
    expect(errors).toContain('id: use lowercase letters');
    expect(errors).toContain('name: must not be empty');
    expect(errors).toContain('matches.0: not a match pattern');
    expect(errors).toContain('fields.id.locators.0.css');
    expect(errors).toContain('fields.ticketNo: unknown key');
    expect(state.text.value).toBe(broken);
    expect(await stored()).toBeUndefined();
    expect(perms.requests).toEqual([]); // nothing asked for a broken one
  });

  it('a broken adapter already checked asks for no access; one not yet checked is refused after the ask', async () => {
    const { state, perms } = await setup();
    state.startNew();
    const broken = json({ ...MINE, fields: { id: { locators: [] } } });
    state.setText(broken);
    expect(await state.check()).toBe(false);
    expect(state.errors.value).toEqual([expect.stringMatching(/^fields\.id\.locators: /)]);
    expect(await state.save()).toBe(false);
    expect(perms.requests).toEqual([]);

    state.setText(json({ ...MINE, fields: { id: { locators: [{ css: '' }] } } }));
    const saving = state.save();
    expect(perms.requests).toEqual([[ORIGIN]]); // asked in the gesture, before the whole check
    expect(await saving).toBe(false);
    expect(state.errors.value).toEqual([expect.stringMatching(/^fields\.id\.locators\.0\.css: must not be empty/)]);
    expect(await stored()).toBeUndefined();
  });

  it('reads a .json file into the editor, checked whole, and saves only when told', async () => {
    const { state } = await setup();
    expect(await state.importText(JSON.stringify(MINE))).toBe(true);
    expect(state.text.value).toBe(json(MINE)); // pretty printed
    expect(state.errors.value).toEqual([]);
    expect(await stored()).toBeUndefined();
    expect(await state.importText('{"id":"x","name":"x","matches":[],"fields":{}}')).toBe(false);
    expect(state.errors.value).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^matches: /),
        expect.stringMatching(/^fields: declare at least one field/),
      ]),
    );
    expect(state.text.value).toContain('"matches": []');
  });

  it('editing a shipped adapter saves the agent’s copy with the same id, which takes its place', async () => {
    const { state, row } = await setup();
    const legacy = row('demo-legacy');
    state.startEdit(legacy);
    expect(state.editing.value).toEqual({ kind: 'bundled', id: 'demo-legacy' });
    expect(JSON.parse(state.text.value)).toEqual(legacy.raw);
    const edited = { ...(JSON.parse(state.text.value) as Record<string, unknown>), name: '旧版工单页（本中心）' };
    state.setText(json(edited));
    expect(await state.save()).toBe(true);
    expect(await stored()).toEqual([edited]);
    expect(row('demo-legacy', 'user')).toMatchObject({ active: true, name: '旧版工单页（本中心）', hidden: false });
    expect(row('demo-legacy', 'bundled')).toMatchObject({ active: false, hidden: true });
    // Editing the shipped entry again opens the copy.
    state.startEdit(row('demo-legacy', 'bundled'));
    expect(state.editing.value).toEqual({ kind: 'user', index: 0, id: 'demo-legacy' });
  });

  it('disables and enables by id in storage.local disabledAdapters', async () => {
    const { state, row } = await setup();
    expect(await state.setEnabled(row('demo-spa'), false)).toBe(true);
    expect((await fakeBrowser.storage.local.get('disabledAdapters')).disabledAdapters).toEqual(['demo-spa']);
    expect(row('demo-spa')).toMatchObject({ enabled: false, active: false });
    expect(await state.setEnabled(row('demo-spa'), true)).toBe(true);
    expect((await fakeBrowser.storage.local.get('disabledAdapters')).disabledAdapters).toEqual([]);
    expect(row('demo-spa')).toMatchObject({ enabled: true, active: true });
  });

  it('deletes one of the agent’s own only once the word is typed; a deleted copy gives the shipped one back', async () => {
    const copy = { ...BUNDLED_ADAPTERS.find((a) => a.id === 'demo-spa'), name: '副本' };
    const { state, row } = await setup({ local: { userAdapters: [MINE, copy] } });
    expect(row('demo-spa', 'bundled').hidden).toBe(true);
    state.askDelete(row('demo-legacy')); // shipped: cannot be deleted
    expect(state.deleting.value).toBeNull();

    state.askDelete(row('demo-spa', 'user'));
    expect(state.deleteConfirm.open.value).toBe(true);
    state.deleteConfirm.text.value = '确';
    expect(await state.remove()).toBe(false);
    expect(await stored()).toHaveLength(2);
    state.deleteConfirm.text.value = '确认';
    expect(await state.remove()).toBe(true);
    expect(await stored()).toEqual([MINE]);
    expect(row('demo-spa')).toMatchObject({ source: 'bundled', active: true, hidden: false });
    expect(state.notice.value?.text).toContain('恢复使用内置版本');
  });

  it('policy items are locked: no edit, disable or delete, and their id cannot be taken', async () => {
    const { state, row } = await setup({ policy: { adapters: [POLICY] } });
    const p = row('centre-crm');
    expect(p).toMatchObject({ source: 'policy', locked: true, enabled: true, active: true, waiting: true });
    state.startEdit(p);
    expect(state.editing.value).toBeNull();
    expect(state.notice.value?.text).toContain('由中心策略设定');
    expect(await state.setEnabled(p, false)).toBe(false);
    state.askDelete(p);
    expect(state.deleting.value).toBeNull();
    expect((await fakeBrowser.storage.local.get('disabledAdapters')).disabledAdapters).toBeUndefined();

    state.startNew();
    state.setText(json({ ...MINE, id: 'centre-crm' }));
    expect(await state.save()).toBe(false);
    expect(state.notice.value?.text).toContain('已由中心策略使用');
    expect(await stored()).toBeUndefined();
    // Export still works.
    state.exportEntry(p);
  });

  it('refuses adapters of the agent’s own when the policy forbids them', async () => {
    const { state } = await setup({ policy: { allowUserAdapters: false } });
    expect(state.allowUser.value).toBe(false);
    state.startNew();
    state.setText(json(MINE));
    expect(await state.save()).toBe(false);
    expect(await stored()).toBeUndefined();
  });

  it('refuses a second adapter of the agent’s with an id already used', async () => {
    const { state } = await setup({ local: { userAdapters: [MINE] } });
    state.startNew();
    state.setText(json({ ...MINE, name: '另一个' }));
    expect(await state.save()).toBe(false);
    expect(state.notice.value?.text).toContain('本机已有 id 为「js-crm」');
  });

  it('lists a stored adapter that a later check refuses, with every problem, so it can be fixed', async () => {
    const { row, state } = await setup({ local: { userAdapters: [{ ...MINE, fields: { id: { locators: [] } } }] } });
    expect(row('js-crm')).toMatchObject({ source: 'user', active: false, adapter: null });
    expect(row('js-crm').errors).toEqual([expect.stringMatching(/^fields\.id\.locators: /)]);
    state.startEdit(row('js-crm'));
    expect(state.editing.value).toEqual({ kind: 'user', index: 0, id: 'js-crm' });
    await vi.waitFor(() => expect(state.errors.value).toEqual([expect.stringMatching(/^fields\.id\.locators: /)]));
  });

  it('exports the JSON as stored', async () => {
    const { state, row, downloads } = await setup({ local: { userAdapters: [MINE] } });
    state.exportEntry(row('js-crm'));
    expect(downloads).toEqual([{ text: `${json(MINE)}\n`, filename: 'js-crm.json' }]);
  });

  it('try-read sends the editor’s adapter (unsaved) and shows each field, its locator, and why missing ones missed', async () => {
    const { state, perms } = await setup();
    state.startNew();
    state.setText(json(MINE));
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({
      reading: {
        url: 'http://crm.example.cn/complaint/detail?id=1',
        fields: { id: 'JS2611280001' },
        foundBy: { id: 'label 工单编号' },
        missing: [{ field: 'acceptedAt', required: false, tried: ['label 受理时间: not found'] }],
      },
    });
    const trying = state.tryRead();
    expect(perms.requests).toEqual([[ORIGIN]]); // asked within the click
    await trying;
    expect(send).toHaveBeenCalledWith({ type: 'try-read', adapter: MINE });
    expect(state.tryResult.value).toEqual({
      url: 'http://crm.example.cn/complaint/detail?id=1',
      found: [{ field: 'id', label: '工单编号', value: 'JS2611280001', foundBy: 'label 工单编号' }],
      missing: [{ field: 'acceptedAt', label: '受理时间', required: false, tried: ['label 受理时间: not found'] }],
    });

    send.mockResolvedValue({ error: '适配器有误', errors: ['fields.id.locators: too small'] });
    await state.tryRead();
    expect(state.tryResult.value).toEqual({ error: '适配器有误', errors: ['fields.id.locators: too small'] });
    send.mockResolvedValue(undefined);
    await state.tryRead();
    expect(state.tryResult.value).toEqual({ error: '后台没有回答试读', errors: [] });
  });

  it('saves an adapter with pauses as written, lists only its ticket fields, and names a broken pauses by path', async () => {
    const { state } = await setup();
    const pauses = {
      rows: ['#flowTable tr', 'table.history tr'],
      action: { css: 'td:nth-child(4)' },
      at: { css: 'td:nth-child(1)', transform: [{ date: 'YYYY/MM/DD HH:mm' }] },
      pause: ['挂起'],
      resume: ['解挂', '取消挂起'],
    };
    state.startNew();
    state.setText(json({ ...MINE, pauses }));
    expect(state.editorFields.value).toEqual(['id', 'acceptedAt']);
    expect(await state.save()).toBe(true);
    expect(await stored()).toEqual([{ ...MINE, pauses }]);

    state.setText(json({ ...MINE, pauses: { ...pauses, resume: ['挂起'], rows: [] } }));
    expect(await state.save()).toBe(false);
    expect(state.errors.value).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^pauses\.rows: /),
        expect.stringMatching(/^pauses\.resume\.0: "挂起" is also a pause word/),
      ]),
    );
    expect(await stored()).toEqual([{ ...MINE, pauses }]);
  });

  it('try-read shows the 挂起/解挂 rows the page gave, and what was tried', async () => {
    const { state } = await setup();
    state.startNew();
    state.setText(json(MINE));
    const pauses = {
      log: [{ event: 'pause', at: '2026-11-25 11:20:00' }],
      incomplete: true,
      tried: ['row 6 (解挂): no time'],
    };
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({
      reading: { url: 'http://crm.example.cn/complaint/detail?id=1', fields: {}, foundBy: {}, missing: [], pauses },
    });
    await state.tryRead();
    expect(state.tryResult.value).toMatchObject({ pauses });
  });

  it('the picker writes the chosen locator first in its field, adding the field when absent', async () => {
    const { state } = await setup();
    state.startNew();
    state.setText(json(MINE));
    expect(state.editorFields.value).toEqual(['id', 'acceptedAt']);
    expect(state.missingFields.value).not.toContain('id');
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({
      picked: {
        url: 'http://crm.example.cn/complaint/detail?id=1',
        suggestions: [
          { locator: { css: '#ticketNo' }, reads: 'JS2611280001' },
          { locator: { label: '工单编号' }, reads: 'JS2611280001' },
        ],
      },
    });
    await state.pick('id');
    expect(send).toHaveBeenCalledWith({
      type: 'pick-field',
      adapter: MINE,
      field: 'id',
      prompt: '点选「工单编号」的值　「Esc 取消」',
    });
    expect(state.picks.value?.suggestions).toHaveLength(2);
    expect(state.choose(0)).toBe(true);
    const after = JSON.parse(state.text.value) as typeof MINE;
    expect(after.fields.id.locators).toEqual([{ css: '#ticketNo' }, { label: ['工单编号', '工单流水号'] }]);
    expect(after.fields.id).toMatchObject({ required: true });
    expect(state.notice.value?.text).toContain('JS2611280001');
    expect(state.picks.value).toBeNull();

    send.mockResolvedValue({
      picked: { url: 'u', suggestions: [{ locator: { label: '客户名称' }, reads: '王先生' }] },
    });
    await state.pick('customerName');
    state.choose(0);
    const added = JSON.parse(state.text.value) as { fields: Record<string, unknown> };
    expect(added.fields.customerName).toEqual({ locators: [{ label: '客户名称' }] });
    expect(state.editorFields.value).toContain('customerName');

    send.mockResolvedValue({ error: '没有打开的页面符合 …' });
    await state.pick('title');
    expect(state.notice.value).toEqual({ text: '没有打开的页面符合 …', bad: true });
  });
});

describe('the popup’s access bar state', () => {
  it('shows what waits and asks for all origins within the click', async () => {
    const perms = fakePermissions(true);
    let waiting = { origins: ['https://crm.centre.cn/*'], adapters: [{ id: 'centre-crm', name: '中心 CRM' }] };
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async () => waiting);
    const s = createAccessState(browser);
    await s.load();
    expect(s.needed.value).toEqual(waiting);
    const granting = s.grant();
    expect(perms.requests).toEqual([['https://crm.centre.cn/*']]);
    waiting = { origins: [], adapters: [] };
    expect(await granting).toBe(true);
    expect(s.needed.value).toBeNull();
  });

  it('shows nothing when nothing waits or no background answers', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    const s = createAccessState(browser);
    await s.load();
    expect(s.needed.value).toBeNull();
    expect(await s.grant()).toBe(false);
  });
});
