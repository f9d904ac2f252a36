// The background's catalog (utils/background/catalog.ts): adapters and packs read from
// storage.local and the centre's policy, rebuilt as they change, and patterns the service worker
// cannot judge sent to the offscreen checker.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { browser as wxtBrowser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptyModel } from '@/rules/classifier/compile';
import type { Pack } from '@/rules/pack/schema';
import { packs } from '@/rules/packs';
import { knownVerdicts as judgedVerdicts, NOT_CHECKED, patternProblem as judged } from '@/rules/regex-check';
import { BUNDLED_ADAPTERS } from '@/rules/sites/bundled';
import { createCatalog, type Catalog, type CatalogState } from '@/utils/background/catalog';
import { JudgePatternsSchema } from '@/utils/judge/messages';

type Browser = typeof wxtBrowser;
type Loose = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const CT = packs['china-telecom']!;
const TS = packs['tianyi-space']!;
const BUNDLED = { adapters: BUNDLED_ADAPTERS, packs: [CT, TS] };
const SLOW = 60_000;

const MINE = {
  id: 'js-crm',
  name: '江苏投诉系统',
  matches: ['http://crm.example.cn/complaint/*'],
  fields: { id: { locators: [{ label: '工单编号' }] } },
};
const CENTRE = {
  id: 'centre-crm',
  name: '中心 CRM',
  matches: ['https://crm.centre.cn/*'],
  fields: { id: { locators: [{ css: '#id' }] } },
};
const PHONE_RE = '1[3-9]\\d{9}';
const PHONE = {
  id: 'phone-crm',
  name: '号码 CRM',
  matches: ['http://phone.example.cn/*'],
  fields: { customerPhone: { locators: [{ css: '#phone' }], transform: [{ regex: PHONE_RE }] } },
};
const EVIL_RE = '^(a+)+$';
const EVIL = {
  id: 'evil-crm',
  name: '回溯 CRM',
  matches: ['http://evil.example.cn/*'],
  fields: { title: { locators: [{ css: '#t' }], transform: [{ regex: EVIL_RE }] } },
};
const copy = (p: Pack, id: string, extra: Record<string, unknown> = {}) => ({
  ...structuredClone(p),
  id,
  name: `${id} 包`,
  ...extra,
});
const json = <T>(v: T) => JSON.parse(JSON.stringify(v)) as T;

/** The verdicts the offscreen checker answers (utils/judge/judge.worker.ts), reached by the judged instance this file imports. */
function judgeElsewhere(patterns: [string, string][]): Record<string, string | null> {
  for (const [source, flags] of patterns) judged(source, flags);
  const all = judgedVerdicts();
  return Object.fromEntries(patterns.map(([s, f]) => [`${f}/${s}`, all[`${f}/${s}`]!]));
}
const offscreenAnswer = (msg: unknown) => {
  const m = JudgePatternsSchema.safeParse(msg); // what the offscreen document accepts
  return m.success ? { verdicts: judgeElsewhere(m.data.patterns) } : undefined;
};

/**
 * fakeBrowser with what it lacks: an offscreen document (open or not, created and closed) and a
 * runtime.sendMessage answered by `answer`; storage.managed as given.
 */
function world(opts: { answer?: (msg: unknown) => unknown; open?: boolean; managed?: unknown } = {}) {
  const off = { open: opts.open ?? false, created: [] as unknown[], closed: 0 };
  const sent: unknown[] = [];
  const offscreen = {
    Reason: { WORKERS: 'WORKERS' },
    hasDocument: async () => off.open,
    createDocument: async (p: unknown) => {
      off.created.push(p);
      off.open = true;
    },
    closeDocument: async () => {
      off.closed++;
      off.open = false;
    },
  };
  const runtime = {
    ...fakeBrowser.runtime,
    sendMessage: async (msg: unknown) => {
      sent.push(msg);
      return (opts.answer ?? offscreenAnswer)(msg);
    },
  };
  const storage = 'managed' in opts ? { ...fakeBrowser.storage, managed: opts.managed } : fakeBrowser.storage;
  return { browser: { ...fakeBrowser, runtime, offscreen, storage } as unknown as Browser, off, sent };
}

/** Every (now, before) the catalog's listeners hear, from the first build on. */
function heard(catalog: Catalog) {
  const calls: [CatalogState, CatalogState | null][] = [];
  catalog.onChange((now, before) => void calls.push([now, before]));
  return calls;
}
const entry = (s: CatalogState, id: string, source?: string) =>
  s.adapters.find((e) => e.id === id && (source === undefined || e.source === source))!;
const ticks = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0));
};

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  fakeBrowser.reset();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('createCatalog: what it reads', () => {
  it(
    'takes the agent’s lists from storage.local and the policy from storage.managed',
    async () => {
      await fakeBrowser.storage.local.set({
        userAdapters: [MINE, 7],
        disabledAdapters: ['demo-spa'],
        userPacks: [copy(TS, 'my-pack')],
        appliedPack: 'my-pack',
      });
      await fakeBrowser.storage.managed.set({ adapters: [JSON.stringify(CENTRE)], allowUserPacks: true });
      const s = await createCatalog(world().browser, BUNDLED).ready;
      expect(s.adapters.map((e) => [e.source, e.id, e.active])).toEqual([
        ['policy', 'centre-crm', true],
        ['user', 'js-crm', true],
        ['user', 'user-2', false],
        ...BUNDLED_ADAPTERS.map((a) => ['bundled', a.id, a.id !== 'demo-spa']),
      ]);
      expect(entry(s, 'centre-crm').locked).toBe(true);
      expect(s.packs.map((e) => [e.source, e.id, e.pack !== null])).toEqual([
        ['user', 'my-pack', true],
        ['bundled', 'china-telecom', true],
        ['bundled', 'tianyi-space', true],
      ]);
      expect(s).toMatchObject({
        packLocked: false,
        packBecause: '本机选择',
        packModel: null,
        policy: { adapters: [CENTRE], allowUserPacks: true },
        policyErrors: [],
      });
      expect(s.pack.id).toBe('my-pack');
      expect(warn).not.toHaveBeenCalled();
    },
    SLOW,
  );

  it.each<
    [
      string,
      Record<string, unknown>,
      { pack: string; locked: boolean; because: string; model: string | null; errors: string[] },
    ]
  >([
    ['nothing chosen', {}, { pack: 'china-telecom', locked: false, because: '默认', model: null, errors: [] }],
    [
      'the policy’s choice, locked',
      { appliedPack: 'tianyi-space' },
      { pack: 'tianyi-space', locked: true, because: '中心策略指定', model: null, errors: [] },
    ],
    [
      'the policy’s model for the applied pack',
      { appliedPack: 'tianyi-space', classModel: JSON.stringify(emptyModel(TS)) },
      { pack: 'tianyi-space', locked: true, because: '中心策略指定', model: 'tianyi-space', errors: [] },
    ],
    [
      'a policy model made for another pack is left out, and named',
      { classModel: JSON.stringify(emptyModel(TS)) },
      {
        pack: 'china-telecom',
        locked: false,
        because: '默认',
        model: null,
        errors: ['policy.classModel: the model was made for pack "tianyi-space", not "china-telecom"'],
      },
    ],
    [
      'a broken policy model is named by its path',
      { classModel: '{"format": 1}' },
      { pack: 'china-telecom', locked: false, because: '默认', model: null, errors: ['policy.classModel: format'] },
    ],
    [
      'a policy choice that is no pack',
      { appliedPack: 'nope', colour: 'red' },
      {
        pack: 'china-telecom',
        locked: false,
        because: '策略指定的规则包 nope 不可用，使用默认',
        model: null,
        errors: ['policy.colour: unknown key'],
      },
    ],
  ])('the applied pack and model: %s', async (_, policy, want) => {
    await fakeBrowser.storage.managed.set(policy);
    const s = await createCatalog(world().browser, BUNDLED).ready;
    expect([s.pack.id, s.packLocked, s.packBecause, s.packModel?.pack.id ?? null]).toEqual([
      want.pack,
      want.locked,
      want.because,
      want.model,
    ]);
    expect(
      s.policyErrors.map((e) => (want.errors.some((w) => w === e) ? e : e.split(':').slice(0, 2).join(':').trim())),
    ).toEqual(want.errors);
    expect(warn).toHaveBeenCalledTimes(want.errors.length);
    for (const e of s.policyErrors) expect(warn).toHaveBeenCalledWith('[工单助手] 中心策略有误', e);
  });

  it(
    'takes the model an agent’s pack carries as the learning’s starting point, unless the policy brings one',
    async () => {
      const mine = copy(TS, 'my-pack');
      const model = json(emptyModel({ ...TS, id: 'my-pack' }));
      await fakeBrowser.storage.local.set({ userPacks: [{ ...mine, model }], appliedPack: 'my-pack' });
      const s = await createCatalog(world().browser, BUNDLED).ready;
      expect(s.pack.id).toBe('my-pack');
      expect(s.packModel).toEqual(model);
      await fakeBrowser.storage.managed.set({ classModel: { ...model, classes: [...model.classes] } });
      const t = await createCatalog(world().browser, BUNDLED).ready;
      expect(t.packModel).toEqual(model);
      expect(t.packModel).not.toBe(s.packModel);
    },
    SLOW,
  );

  it.each<[string, unknown]>([
    [
      'a policy store that refuses (no managed schema)',
      { get: () => Promise.reject(new Error('Managed storage manifest not found')) },
    ],
    [
      'a policy store that throws at once',
      {
        get: () => {
          throw new Error('not supported');
        },
      },
    ],
    ['a policy store that answers nothing', { get: async () => undefined }],
    ['a browser without a policy store', undefined],
  ])('%s: no policy, and no error', async (_, managed) => {
    await fakeBrowser.storage.local.set({ userAdapters: [MINE] });
    const s = await createCatalog(world({ managed }).browser, BUNDLED).ready;
    expect(s.policy).toEqual({});
    expect(s.policyErrors).toEqual([]);
    expect(entry(s, 'js-crm').active).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('createCatalog: kept current', () => {
  it('tells its listeners each new catalog with the one before, and answers with the latest', async () => {
    const catalog = createCatalog(world().browser, BUNDLED);
    const calls = heard(catalog);
    const first = await catalog.ready;
    expect(calls).toEqual([[first, null]]);
    expect(await catalog.current()).toBe(first);
    expect(await catalog.adapterFor('http://crm.example.cn/complaint/1')).toBeUndefined();

    await fakeBrowser.storage.local.set({ userAdapters: [MINE] });
    // A rebuild under way: `current` waits for it.
    const second = await catalog.current();
    expect(second).not.toBe(first);
    expect(calls).toEqual([
      [first, null],
      [second, first],
    ]);
    expect((await catalog.adapterFor('http://crm.example.cn/complaint/1'))?.adapter).toEqual(MINE);
  });

  it.each<[string, boolean, (b: typeof fakeBrowser) => Promise<void>]>([
    ['the agent’s adapters', true, (b) => b.storage.local.set({ userAdapters: [MINE] })],
    ['the disabled list', true, (b) => b.storage.local.set({ disabledAdapters: ['demo-spa'] })],
    ['the agent’s packs', true, (b) => b.storage.local.set({ userPacks: [] })],
    ['the agent’s pack choice', true, (b) => b.storage.local.set({ appliedPack: 'tianyi-space' })],
    ['one of its keys removed', true, (b) => b.storage.local.remove('userAdapters')],
    ['the policy', true, (b) => b.storage.managed.set({ appliedPack: 'tianyi-space' })],
    ['another setting', false, (b) => b.storage.local.set({ autoFillAt: 0.9 })],
    ['the verdicts it keeps itself', false, (b) => b.storage.local.set({ patternVerdicts: { '/x': null } })],
    ['its keys in another area', false, (b) => b.storage.session.set({ userAdapters: [MINE] })],
  ])('a change of %s: built again %s', async (_, rebuilds, change) => {
    await fakeBrowser.storage.local.set({ userAdapters: [CENTRE] });
    const catalog = createCatalog(world().browser, BUNDLED);
    const calls = heard(catalog);
    await catalog.ready;
    await change(fakeBrowser);
    await catalog.current();
    await ticks();
    expect(calls).toHaveLength(rebuilds ? 2 : 1);
  });

  it('follows the agent’s pack choice and the policy as they change', async () => {
    const catalog = createCatalog(world().browser, BUNDLED);
    expect((await catalog.ready).pack.id).toBe('china-telecom');
    await fakeBrowser.storage.local.set({ appliedPack: 'tianyi-space' });
    expect(await catalog.current()).toMatchObject({ pack: { id: 'tianyi-space' }, packLocked: false });
    await fakeBrowser.storage.managed.set({ appliedPack: 'china-telecom' });
    expect(await catalog.current()).toMatchObject({ pack: { id: 'china-telecom' }, packLocked: true });
    await fakeBrowser.storage.managed.set({ appliedPack: null });
    expect(await catalog.current()).toMatchObject({ pack: { id: 'tianyi-space' }, packLocked: false });
  });
});

// The service worker does not load the ReDoS checker (rules/regex-judge.ts): a pattern it has no
// verdict for is refused as not yet checked until the offscreen document has judged it. This
// file's module graph has the checker (the setup file installs it), so each "wake" below empties
// the module registry and imports the catalog anew: its regex-check has no judge, as in the
// worker. Verdicts are reached by the judged instance imported above, as the offscreen worker would.
describe('createCatalog in a worker without the checker', () => {
  async function wake() {
    vi.resetModules();
    return import('@/utils/background/catalog');
  }

  it(
    'refuses an adapter whose pattern is not yet judged, has the offscreen document judge it, then uses it',
    async () => {
      await fakeBrowser.storage.local.set({ userAdapters: [PHONE, EVIL, MINE] });
      const w = world();
      const catalog = (await wake()).createCatalog(w.browser, BUNDLED);
      const calls = heard(catalog);
      const first = await catalog.ready;
      expect(entry(first, 'phone-crm')).toMatchObject({
        active: false,
        errors: [`fields.customerPhone.transform.0.regex: ${NOT_CHECKED}`],
      });
      expect(entry(first, 'evil-crm')).toMatchObject({
        active: false,
        errors: [`fields.title.transform.0.regex: ${NOT_CHECKED}`],
      });
      expect(entry(first, 'js-crm').active).toBe(true);

      await vi.waitFor(() => expect(calls).toHaveLength(2), { timeout: SLOW });
      const [now, before] = calls[1]!;
      expect(before).toBe(first);
      expect(entry(now, 'phone-crm')).toMatchObject({ active: true, errors: [] });
      expect(entry(now, 'evil-crm').active).toBe(false);
      expect(entry(now, 'evil-crm').errors).toEqual([
        expect.stringMatching(/^fields\.title\.transform\.0\.regex: catastrophic backtracking/),
      ]);
      expect(await catalog.current()).toBe(now);
      // One document, opened for the job and closed after it; one question with the two patterns.
      expect(w.sent).toEqual([
        {
          type: 'judge-patterns',
          patterns: [
            [PHONE_RE, ''],
            [EVIL_RE, ''],
          ],
        },
      ]);
      expect(w.off.created).toEqual([
        { url: '/offscreen.html', reasons: ['WORKERS'], justification: expect.any(String) },
      ]);
      expect([w.off.open, w.off.closed]).toEqual([false, 1]);
      expect(warn).not.toHaveBeenCalled();
    },
    SLOW,
  );

  it(
    'keeps the verdicts, so a later change is not judged again and the next wake needs no document',
    async () => {
      await fakeBrowser.storage.local.set({ userAdapters: [PHONE, EVIL] });
      const w = world();
      const catalog = (await wake()).createCatalog(w.browser, BUNDLED);
      const calls = heard(catalog);
      await vi.waitFor(() => expect(calls).toHaveLength(2), { timeout: SLOW });
      await ticks();
      const stored = (await fakeBrowser.storage.local.get('patternVerdicts')).patternVerdicts as Record<
        string,
        string | null
      >;
      expect(stored).toEqual({
        [`/${PHONE_RE}`]: null,
        [`/${EVIL_RE}`]: expect.stringMatching(/^catastrophic backtracking/),
      });
      expect(calls).toHaveLength(2); // writing them is no reason to build again

      // Another change: the catalog is built again, and nothing is waiting for a judge.
      await fakeBrowser.storage.local.set({ disabledAdapters: ['demo-spa'] });
      await catalog.current();
      await ticks();
      expect(calls).toHaveLength(3);
      expect(entry(calls[2]![0], 'phone-crm').active).toBe(true);
      expect(w.sent).toHaveLength(1);
      expect(w.off.created).toHaveLength(1);

      // The worker wakes again: the stored verdicts are enough.
      const w2 = world();
      const again = await (await wake()).createCatalog(w2.browser, BUNDLED).ready;
      expect(entry(again, 'phone-crm').active).toBe(true);
      expect(entry(again, 'evil-crm').errors).toEqual([expect.stringMatching(/catastrophic backtracking/)]);
      await ticks();
      expect(w2.sent).toEqual([]);
      expect(w2.off.created).toEqual([]);
    },
    SLOW,
  );

  it(
    'applies the agent’s chosen pack once its patterns are judged, falling back meanwhile and saying why',
    async () => {
      await fakeBrowser.storage.local.set({ userPacks: [copy(TS, 'my-pack')], appliedPack: 'my-pack' });
      const w = world();
      const catalog = (await wake()).createCatalog(w.browser, BUNDLED);
      const calls = heard(catalog);
      const first = await catalog.ready;
      expect(first.packs[0]).toMatchObject({ id: 'my-pack', pack: null });
      expect(first.packs[0]!.errors.every((e) => e.endsWith(NOT_CHECKED))).toBe(true);
      expect(first).toMatchObject({
        pack: { id: 'china-telecom' },
        packBecause: '所选规则包 my-pack 不可用，使用默认',
      });
      await vi.waitFor(() => expect(calls).toHaveLength(2), { timeout: SLOW });
      const [now, before] = calls[1]!;
      expect(now).toMatchObject({ pack: { id: 'my-pack' }, packBecause: '本机选择' });
      expect(now.pack).not.toBe(before!.pack);
      expect((w.sent[0] as { patterns: [string, string][] }).patterns.every(([, flags]) => flags === 'iu')).toBe(true);
    },
    SLOW,
  );

  it.each<[string, (msg: unknown) => unknown, { rebuilt: boolean; warned: boolean }]>([
    ['nobody answers', () => undefined, { rebuilt: false, warned: false }],
    ['an answer of another shape', () => ({ verdicts: { [`/${PHONE_RE}`]: 1 } }), { rebuilt: false, warned: false }],
    ['the worker failed: no verdicts', () => ({ verdicts: {} }), { rebuilt: true, warned: false }],
    [
      'the message fails',
      () => Promise.reject(new Error('Could not establish connection')),
      { rebuilt: false, warned: true },
    ],
  ])('when %s, the pattern stays refused and the document is closed', async (_, answer, want) => {
    await fakeBrowser.storage.local.set({ userAdapters: [PHONE] });
    const w = world({ answer });
    const catalog = (await wake()).createCatalog(w.browser, BUNDLED);
    const calls = heard(catalog);
    await catalog.ready;
    await vi.waitFor(() => expect(w.off.closed).toBe(1));
    await catalog.current();
    await ticks();
    expect(calls).toHaveLength(want.rebuilt ? 2 : 1);
    expect(entry(calls.at(-1)![0], 'phone-crm')).toMatchObject({
      active: false,
      errors: [`fields.customerPhone.transform.0.regex: ${NOT_CHECKED}`],
    });
    expect(w.off.open).toBe(false);
    if (want.warned) expect(warn).toHaveBeenCalledWith('[工单助手] 检查正则表达式失败', expect.any(Error));
    else expect(warn).not.toHaveBeenCalled();
  });

  it(
    'uses an offscreen document already open, and asks nothing when every pattern has a verdict',
    async () => {
      await fakeBrowser.storage.local.set({ userAdapters: [PHONE] });
      const w = world({ open: true });
      const catalog = (await wake()).createCatalog(w.browser, BUNDLED);
      const calls = heard(catalog);
      await vi.waitFor(() => expect(calls).toHaveLength(2), { timeout: SLOW });
      expect(w.off.created).toEqual([]);
      expect(w.sent).toHaveLength(1);

      fakeBrowser.reset();
      await fakeBrowser.storage.local.set({ userAdapters: [MINE] }); // no pattern at all
      const w2 = world();
      await (await wake()).createCatalog(w2.browser, BUNDLED).ready;
      await ticks();
      expect([w2.sent, w2.off.created]).toEqual([[], []]);
    },
    SLOW,
  );

  it(
    'still builds when the verdicts cannot be kept',
    async () => {
      await fakeBrowser.storage.local.set({ userAdapters: [PHONE] });
      const w = world();
      const local = {
        ...fakeBrowser.storage.local,
        set: (items: Record<string, unknown>) =>
          'patternVerdicts' in items
            ? Promise.reject(new Error('QUOTA_BYTES quota exceeded'))
            : fakeBrowser.storage.local.set(items),
      };
      (w.browser as Loose).storage = { ...fakeBrowser.storage, local };
      const catalog = (await wake()).createCatalog(w.browser, BUNDLED);
      const calls = heard(catalog);
      await vi.waitFor(() => expect(calls).toHaveLength(2), { timeout: SLOW });
      expect(entry(calls[1]![0], 'phone-crm').active).toBe(true);
      expect(warn).toHaveBeenCalledWith('[工单助手] 保存正则表达式检查结果失败', expect.any(Error));
    },
    SLOW,
  );
});
