import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { browser as wxtBrowser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AppliedPack } from '@/components/options/catalog';
import { createPacksState, type PackRow } from '@/components/options/packs-state';
import { emptyModel } from '@/rules/classifier/compile';
import { parsePack } from '@/rules/pack/schema';
import { packs } from '@/rules/packs';
import tianyi from '@/rules/packs/tianyi-space.json';

const browser = fakeBrowser as unknown as typeof wxtBrowser;
const SHIPPED = Object.values(packs);

/** A pack of the centre's own: the shipped tianyi-space under another id. */
const MINE = { ...structuredClone(tianyi), id: 'my-centre', name: '本中心规则', version: '2026.1' };

async function setup(opts: { policy?: Record<string, unknown>; local?: Record<string, unknown> } = {}) {
  if (opts.policy) await fakeBrowser.storage.managed.set(opts.policy);
  if (opts.local) await fakeBrowser.storage.local.set(opts.local);
  const applied: AppliedPack[] = [];
  const downloads: { text: string; filename: string }[] = [];
  const state = createPacksState(browser, {
    bundled: SHIPPED,
    download: (text, filename) => void downloads.push({ text, filename }),
    onApplied: (a) => void applied.push(a),
  });
  await state.load();
  const row = (id: string, source?: PackRow['source']) => {
    const r = state.entries.value?.find((e) => e.id === id && (source === undefined || e.source === source));
    if (!r) throw new Error(`no pack ${id}`);
    return r;
  };
  const local = async (key: string) => (await fakeBrowser.storage.local.get(key))[key];
  return { state, applied, downloads, row, local };
}

// A pack's patterns are checked for catastrophic backtracking on import (seconds the first time).
beforeAll(() => {
  expect(parsePack(MINE).ok).toBe(true);
}, 120_000);

beforeEach(() => {
  fakeBrowser.reset();
});

describe('「规则包」 state', () => {
  it('lists the shipped packs; the first applies by default', async () => {
    const { state } = await setup();
    expect(state.entries.value!.map((e) => [e.id, e.source, e.usable])).toEqual(
      SHIPPED.map((p) => [p.id, 'bundled', true]),
    );
    expect(state.applied.value).toMatchObject({
      entry: { id: 'china-telecom' },
      locked: false,
      because: '默认',
      model: null,
    });
    expect(state.applied.value!.pack).toBe(packs['china-telecom']);
  });

  it('the agent chooses the applied pack (storage.local appliedPack); the page is told to rebuild the learning', async () => {
    const { state, applied, local } = await setup();
    expect(await state.choose('tianyi-space')).toBe(true);
    expect(await local('appliedPack')).toBe('tianyi-space');
    expect(state.applied.value).toMatchObject({ entry: { id: 'tianyi-space' }, because: '本机选择', locked: false });
    expect(applied.map((a) => a.pack.id)).toEqual(['tianyi-space']);
    // Loading again without a change tells nobody.
    await state.load();
    expect(applied).toHaveLength(1);
    expect(await state.choose('no-such-pack')).toBe(false);
    expect(await local('appliedPack')).toBe('tianyi-space');
  });

  it('is locked when the policy chooses the pack', async () => {
    const { state, local, applied } = await setup({ policy: { appliedPack: 'tianyi-space' } });
    expect(state.applied.value).toMatchObject({ entry: { id: 'tianyi-space' }, locked: true, because: '中心策略指定' });
    expect(await state.choose('china-telecom')).toBe(false);
    expect(state.notice.value?.text).toContain('由中心策略设定');
    expect(await local('appliedPack')).toBeUndefined();
    expect(applied).toEqual([]);
  });

  it('lists the policy’s packs as locked, before the others', async () => {
    const { row, state } = await setup({ policy: { packs: [MINE] } });
    expect(row('my-centre')).toMatchObject({ source: 'policy', locked: true, usable: true });
    state.askDelete(row('my-centre'));
    expect(state.deleting.value).toBeNull();
    expect(await state.importText(JSON.stringify({ ...MINE, name: 'x' }))).toBe(false);
    expect(state.notice.value?.text).toContain('已由中心策略');
  });

  it('imports a pack file checked whole, every problem by its path, and keeps nothing of a broken one', async () => {
    const { state, local } = await setup();
    expect(await state.importText('{ not json')).toBe(false);
    expect(state.importErrors.value[0]).toMatch(/^不是有效的 JSON/);

    const broken = structuredClone(MINE) as Record<string, unknown>;
    broken.retentionDays = -1;
    (broken.classes as Record<string, unknown>[])[0]!.code = 'Bad Code';
    delete broken.name;
    expect(await state.importText(JSON.stringify(broken))).toBe(false);
    const errors = state.importErrors.value.join('\n');
    expect(errors).toMatch(/^retentionDays: /m);
    expect(errors).toMatch(/^classes\.0\.code: /m);
    expect(errors).toMatch(/^name: /m);
    expect(await local('userPacks')).toBeUndefined();
  });

  it('imports a valid pack, with its model checked against it; the agent can then apply it', async () => {
    const { state, row, local, applied } = await setup();
    const pack = parsePack(MINE);
    if (!pack.ok) throw new Error('MINE is a pack');
    const model = emptyModel(pack.pack);
    expect(await state.importText(JSON.stringify({ ...MINE, model }))).toBe(true);
    expect(await local('userPacks')).toEqual([{ ...MINE, model }]);
    expect(row('my-centre')).toMatchObject({ source: 'user', usable: true, userIndex: 0 });
    expect(row('my-centre').model).toEqual(model);
    expect(state.notice.value?.text).toContain('附带分类模型');

    expect(await state.choose('my-centre')).toBe(true);
    expect(applied.at(-1)).toMatchObject({ pack: { id: 'my-centre' }, model });

    // The same id again replaces it.
    expect(await state.importText(JSON.stringify({ ...MINE, version: '2026.2' }))).toBe(true);
    expect(await local('userPacks')).toEqual([{ ...MINE, version: '2026.2' }]);
  });

  it('refuses a pack whose model is broken or made for another pack, naming why', async () => {
    const { state, local } = await setup();
    expect(await state.importText(JSON.stringify({ ...MINE, model: { format: 'nope' } }))).toBe(false);
    expect(state.importErrors.value.every((e) => e.startsWith('model.'))).toBe(true);
    expect(state.importErrors.value.join('\n')).toContain('model.format');
    const other = emptyModel(packs['china-telecom']!);
    expect(await state.importText(JSON.stringify({ ...MINE, model: other }))).toBe(false);
    expect(state.importErrors.value).toEqual([
      expect.stringMatching(/^model: the model was made for pack "china-telecom"/),
    ]);
    expect(await local('userPacks')).toBeUndefined();
  });

  it('refuses imports when the policy forbids packs of the agent’s own', async () => {
    const { state, local } = await setup({ policy: { allowUserPacks: false } });
    expect(state.allowUser.value).toBe(false);
    expect(await state.importText(JSON.stringify(MINE))).toBe(false);
    expect(await local('userPacks')).toBeUndefined();
  });

  it('deletes an imported pack once the word is typed, forgetting the choice of it', async () => {
    const { state, row, local, applied } = await setup({ local: { userPacks: [MINE], appliedPack: 'my-centre' } });
    expect(state.applied.value?.entry.id).toBe('my-centre');
    state.askDelete(row('china-telecom')); // shipped: cannot be deleted
    expect(state.deleting.value).toBeNull();
    state.askDelete(row('my-centre'));
    expect(await state.remove()).toBe(false); // the word not typed
    state.deleteConfirm.text.value = '确认';
    expect(await state.remove()).toBe(true);
    expect(await local('userPacks')).toEqual([]);
    expect(await local('appliedPack')).toBeUndefined();
    expect(state.applied.value).toMatchObject({ entry: { id: 'china-telecom' }, because: '默认' });
    expect(applied.map((a) => a.pack.id)).toEqual(['china-telecom']);
  });

  it('shows a stored pack that no longer passes, with its problems, and does not apply it', async () => {
    const { row, state } = await setup({
      local: { userPacks: [{ ...MINE, retentionDays: 0 }], appliedPack: 'my-centre' },
    });
    expect(row('my-centre')).toMatchObject({ usable: false, pack: null });
    expect(row('my-centre').errors[0]).toMatch(/^retentionDays: /);
    expect(state.applied.value).toMatchObject({
      entry: { id: 'china-telecom' },
      because: '所选规则包 my-centre 不可用，使用默认',
    });
  });

  it('exports a pack as stored', async () => {
    const { state, row, downloads } = await setup({ local: { userPacks: [MINE] } });
    state.exportEntry(row('my-centre'));
    expect(downloads).toEqual([{ text: `${JSON.stringify(MINE, null, 2)}\n`, filename: 'my-centre-2026.1.json' }]);
    state.exportEntry(row('china-telecom'));
    expect(JSON.parse(downloads[1]!.text)).toMatchObject({ id: 'china-telecom' });
  });

  it('the policy’s model for the applied pack is the learning’s starting point', async () => {
    const model = emptyModel(packs['china-telecom']!);
    const { state } = await setup({ policy: { classModel: model } });
    expect(state.applied.value?.model).toEqual(model);
    const wrong = await setup({ policy: { classModel: emptyModel(packs['tianyi-space']!) } });
    expect(wrong.state.applied.value?.model).toBeNull();
    expect(wrong.state.policyErrors.value[0]).toMatch(/^policy\.classModel: /);
  });
});
