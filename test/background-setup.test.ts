// The background's part in setting adapters up: content-script registrations and injections for
// run-time adapters (utils/background/content-scripts.ts), and the options page's adapter-for,
// access-needed, try-read and field picker (utils/background/setup.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { browser as wxtBrowser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { knownVerdicts as judgedVerdicts, NOT_CHECKED, patternProblem as judged } from '@/rules/regex-check';
import { BUNDLED_ADAPTERS } from '@/rules/sites/bundled';
import { urlMatchesPattern } from '@/rules/sites/match';
import { parseSiteAdapter } from '@/rules/sites/schema';
import { packs } from '@/rules/packs';
import { createCatalog } from '@/utils/background/catalog';
import { injectIntoOpenTabs, originsToGrant, syncContentScripts } from '@/utils/background/content-scripts';
import { createSetup } from '@/utils/background/setup';
import { buildAdapterCatalog, type AdapterEntry } from '@/utils/catalog/adapters';
import { JudgePatternsSchema } from '@/utils/judge/messages';

type Browser = typeof wxtBrowser;
type Loose = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const BUNDLED = { adapters: BUNDLED_ADAPTERS, packs: Object.values(packs) };
const SCRIPT = '/content-scripts/crm.js';
const PICKER = { target: { tabId: 4, frameIds: [0] }, files: ['/picker.js'] };
const fields = { id: { locators: [{ css: '#id' }] } };
const MINE = { id: 'js-crm', name: '江苏投诉系统', matches: ['http://crm.example.cn/complaint/*'], fields };
const CENTRE = { id: 'centre-crm', name: '中心 CRM', matches: ['https://crm.centre.cn/*'], fields };
const OFF = { id: 'off-crm', name: '停用的', matches: ['http://off.example.cn/*'], fields };
const BROKEN = { id: 'broken-crm', name: '坏的', matches: ['http://broken.example.cn/*'] };
const WIDE = {
  id: 'wide-crm',
  name: '两个站点',
  matches: ['*://wide.example.cn/*', 'http://other.example.cn:8080/x*'],
  fields,
};
const DEMO = BUNDLED_ADAPTERS.find((a) => a.id === 'demo-legacy')!;

const ENTRIES: AdapterEntry[] = buildAdapterCatalog({
  bundled: BUNDLED_ADAPTERS,
  policy: [CENTRE],
  user: [MINE, OFF, BROKEN, WIDE],
  disabled: ['off-crm'],
  allowUser: true,
  parse: parseSiteAdapter,
});

interface Tab {
  id?: number;
  url: string;
  windowId?: number;
  lastAccessed?: number;
}
interface Registration {
  id: string;
  matches?: string[];
  js?: string[];
  [k: string]: unknown;
}

/**
 * The parts of Chrome these files use, as small fakes merged onto fakeBrowser: host access by
 * origin, tabs found by match pattern, content scripts (a tab runs it once injected, or when
 * `running`), registrations that refuse a duplicate id, and every call in `log`, in order.
 */
function chrome(
  opts: {
    granted?: string[];
    tabs?: Tab[];
    running?: number[];
    registered?: Registration[];
    answer?: (tabId: number, msg: Loose) => unknown;
    failInject?: number[];
    focusFails?: boolean;
  } = {},
) {
  const log: unknown[][] = [];
  const granted = new Set(opts.granted ?? []);
  const running = new Set(opts.running ?? []);
  const registered = new Map((opts.registered ?? []).map((r) => [r.id, r]));
  const tabs = opts.tabs ?? [];
  const fakes = {
    permissions: {
      contains: async (p: { origins?: string[] }) => {
        log.push(['permissions.contains', p.origins]);
        return (p.origins ?? []).every((o) => granted.has(o));
      },
    },
    scripting: {
      getRegisteredContentScripts: async () => [...registered.values()].map((r) => structuredClone(r)),
      registerContentScripts: async (list: Registration[]) => {
        log.push(['register', list.map((r) => r.id)]);
        for (const r of list) if (registered.has(r.id)) throw new Error(`Duplicate script ID '${r.id}'`);
        for (const r of list) registered.set(r.id, r);
      },
      unregisterContentScripts: async (f: { ids: string[] }) => {
        log.push(['unregister', f.ids]);
        for (const id of f.ids) if (!registered.has(id)) throw new Error(`Nonexistent script ID '${id}'`);
        for (const id of f.ids) registered.delete(id);
      },
      executeScript: async (injection: { target: { tabId: number; allFrames?: boolean }; files: string[] }) => {
        log.push(['executeScript', injection]);
        if (opts.failInject?.includes(injection.target.tabId)) throw new Error('Cannot access contents of the page');
        running.add(injection.target.tabId);
        return [];
      },
    },
    tabs: {
      query: async (q: { url?: string | string[] }) => {
        log.push(['tabs.query', q]);
        return tabs
          .filter((t) => q.url === undefined || [q.url].flat().some((p) => urlMatchesPattern(t.url, p)))
          .map((t) => ({ ...t }));
      },
      sendMessage: async (tabId: number, msg: Loose, options?: unknown) => {
        log.push(['tabs.sendMessage', tabId, msg.type, options]);
        if (!running.has(tabId)) throw new Error('Could not establish connection. Receiving end does not exist.');
        return msg.type === 'ping' ? { ok: true } : opts.answer?.(tabId, msg);
      },
      update: async (tabId: number, props: unknown) => void log.push(['tabs.update', tabId, props]),
    },
    windows: {
      update: async (windowId: number, props: unknown) => {
        log.push(['windows.update', windowId, props]);
        if (opts.focusFails) throw new Error('No window with id');
      },
    },
  };
  return { browser: { ...fakeBrowser, ...fakes } as unknown as Browser, log, registered, fakes };
}
const called = (log: unknown[][], what: string) => log.filter((c) => c[0] === what);

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  fakeBrowser.reset();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('syncContentScripts', () => {
  const reg = (id: string, matches: string[]) => ({
    id: `adapter:${id}`,
    matches,
    js: [SCRIPT],
    allFrames: true,
    runAt: 'document_idle',
    persistAcrossSessions: true,
  });
  const OTHERS = { id: 'crm-helper', matches: ['http://crm.example.cn/*'], js: ['/helper.js'] };

  it.each<[string, Registration[], string[] | null, string[] | null, string[]]>([
    // [registered before, unregistered, registered, registrations after]
    [
      'from none: the active run-time adapters, policy and the agent’s, not the shipped, disabled or invalid ones',
      [],
      null,
      ['adapter:centre-crm', 'adapter:js-crm', 'adapter:wide-crm'],
      ['adapter:centre-crm', 'adapter:js-crm', 'adapter:wide-crm'],
    ],
    [
      'in step: nothing to do',
      [reg('centre-crm', CENTRE.matches), reg('js-crm', MINE.matches), reg('wide-crm', WIDE.matches)],
      null,
      null,
      ['adapter:centre-crm', 'adapter:js-crm', 'adapter:wide-crm'],
    ],
    [
      'stale and changed ones go, changed ones come back with their new pages, others’ registrations stay',
      [
        OTHERS,
        reg('js-crm', MINE.matches),
        reg('centre-crm', ['https://old.centre.cn/*']),
        reg('gone-crm', ['http://gone.cn/*']),
        reg('off-crm', OFF.matches),
      ],
      ['adapter:centre-crm', 'adapter:gone-crm', 'adapter:off-crm'],
      ['adapter:centre-crm', 'adapter:wide-crm'],
      ['crm-helper', 'adapter:js-crm', 'adapter:centre-crm', 'adapter:wide-crm'],
    ],
  ])('%s', async (_, before, unregistered, added, after) => {
    const c = chrome({ registered: before });
    expect(await syncContentScripts(c.browser, ENTRIES)).toEqual(['centre-crm', 'js-crm', 'wide-crm']);
    expect(called(c.log, 'unregister')).toEqual(unregistered ? [['unregister', unregistered]] : []);
    expect(called(c.log, 'register')).toEqual(added ? [['register', added]] : []);
    expect([...c.registered.keys()]).toEqual(after);
    expect(c.registered.get('crm-helper')).toEqual(before.some((r) => r.id === 'crm-helper') ? OTHERS : undefined);
    for (const [id, matches] of [
      ['centre-crm', CENTRE.matches],
      ['js-crm', MINE.matches],
      ['wide-crm', WIDE.matches],
    ] as const)
      expect(c.registered.get(`adapter:${id}`)).toEqual(reg(id, matches));
  });

  it('unregisters every run-time adapter when none is active any more', async () => {
    const c = chrome({ registered: [OTHERS, reg('js-crm', MINE.matches)] });
    const none = buildAdapterCatalog({
      bundled: BUNDLED_ADAPTERS,
      policy: [],
      user: [MINE],
      disabled: [],
      allowUser: false,
      parse: parseSiteAdapter,
    });
    expect(await syncContentScripts(c.browser, none)).toEqual([]);
    expect([...c.registered.keys()]).toEqual(['crm-helper']);
  });
});

describe('injectIntoOpenTabs', () => {
  const TABS: Tab[] = [
    { id: 1, url: 'http://crm.example.cn/complaint/detail?id=1' }, // js-crm, granted
    { id: 2, url: 'https://crm.centre.cn/t/1' }, // centre-crm, not granted
    { id: 3, url: 'http://127.0.0.1/legacy/?id=1' }, // shipped: in the manifest already
    { id: 4, url: 'http://off.example.cn/x' }, // disabled
    { id: 5, url: 'http://broken.example.cn/x' }, // invalid
    { url: 'http://crm.example.cn/complaint/detail?id=2' }, // no tab id (devtools)
    { id: 7, url: 'https://wide.example.cn/t' }, // wide-crm, https granted
    { id: 8, url: 'http://wide.example.cn/t' }, // wide-crm, http not granted
    { id: 9, url: 'http://crm.example.cn/complaint/detail?id=3' }, // js-crm, granted
  ];
  const ALL_BUT = (...not: string[]) =>
    [
      'http://crm.example.cn/*',
      'https://crm.centre.cn/*',
      'http://127.0.0.1/*',
      'http://off.example.cn/*',
      'http://broken.example.cn/*',
      'https://wide.example.cn/*',
      'http://wide.example.cn/*',
      'http://other.example.cn/*',
    ].filter((o) => !not.includes(o));
  const injected = (log: unknown[][]) =>
    called(log, 'executeScript').map(([, i]) => (i as { target: { tabId: number } }).target.tabId);

  it.each<[string, string[], number[]]>([
    [
      'only active run-time adapters, only in tabs of granted origins',
      ALL_BUT('https://crm.centre.cn/*', 'http://wide.example.cn/*'),
      [1, 9, 7],
    ],
    ['nothing granted: nothing injected', [], []],
    ['every origin granted', ALL_BUT(), [2, 1, 9, 7, 8]],
  ])('%s', async (_, granted, tabIds) => {
    const c = chrome({ granted, tabs: TABS });
    expect(await injectIntoOpenTabs(c.browser, ENTRIES)).toBe(tabIds.length);
    expect(injected(c.log)).toEqual(tabIds);
    for (const [, i] of called(c.log, 'executeScript'))
      expect(i).toEqual({ target: { tabId: expect.any(Number), allFrames: true }, files: [SCRIPT] });
    // The shipped, disabled and invalid adapters' tabs are never looked for.
    const looked = called(c.log, 'tabs.query').map(([, q]) => (q as { url: string[] }).url);
    for (const m of [DEMO.matches, OFF.matches, BROKEN.matches]) expect(looked).not.toContainEqual(m);
  });

  it('goes on after a tab it cannot inject, saying which', async () => {
    const c = chrome({ granted: ALL_BUT(), tabs: TABS, failInject: [1] });
    expect(await injectIntoOpenTabs(c.browser, ENTRIES)).toBe(4);
    expect(injected(c.log)).toEqual([2, 1, 9, 7, 8]);
    expect(warn).toHaveBeenCalledOnce();
    expect(warn).toHaveBeenCalledWith('[工单助手] 无法在标签页 1 启用适配器 js-crm', expect.any(Error));
  });
});

describe('originsToGrant', () => {
  it.each<[string, string[], { origins: string[]; adapters: { id: string; name: string }[] }]>([
    [
      'nothing granted: every active run-time adapter’s origins',
      [],
      {
        origins: [
          'https://crm.centre.cn/*',
          'http://crm.example.cn/*',
          'http://wide.example.cn/*',
          'https://wide.example.cn/*',
          'http://other.example.cn/*',
        ],
        adapters: [
          { id: 'centre-crm', name: '中心 CRM' },
          { id: 'js-crm', name: '江苏投诉系统' },
          { id: 'wide-crm', name: '两个站点' },
        ],
      },
    ],
    [
      'some granted: only what is missing',
      ['https://crm.centre.cn/*', 'http://wide.example.cn/*'],
      {
        origins: ['http://crm.example.cn/*', 'https://wide.example.cn/*', 'http://other.example.cn/*'],
        adapters: [
          { id: 'js-crm', name: '江苏投诉系统' },
          { id: 'wide-crm', name: '两个站点' },
        ],
      },
    ],
    [
      'all granted',
      [
        'https://crm.centre.cn/*',
        'http://crm.example.cn/*',
        'http://wide.example.cn/*',
        'https://wide.example.cn/*',
        'http://other.example.cn/*',
      ],
      { origins: [], adapters: [] },
    ],
  ])('%s', async (_, granted, want) => {
    const c = chrome({ granted });
    expect(await originsToGrant(c.browser, ENTRIES)).toEqual(want);
    // Never the shipped, disabled or invalid adapters' origins.
    const asked = called(c.log, 'permissions.contains').flatMap(([, o]) => o as string[]);
    for (const o of ['http://127.0.0.1/*', 'http://off.example.cn/*', 'http://broken.example.cn/*'])
      expect(asked).not.toContain(o);
  });
});

describe('createSetup', () => {
  const READING = {
    url: 'http://crm.example.cn/complaint/detail?id=2',
    fields: { id: 'GD2' },
    foundBy: { id: '#id' },
    missing: [],
  };
  const PICKED = {
    url: 'http://crm.example.cn/complaint/detail?id=2',
    suggestions: [{ locator: { label: '工单编号' }, reads: 'GD2' }],
  };
  const CRM_TABS: Tab[] = [
    { id: 3, url: 'http://crm.example.cn/complaint/detail?id=1', windowId: 1, lastAccessed: 100 },
    { id: 4, url: 'http://crm.example.cn/complaint/detail?id=2', windowId: 2, lastAccessed: 300 },
    { id: 5, url: 'http://crm.example.cn/other', windowId: 1, lastAccessed: 900 },
    { id: 9, url: 'chrome-extension://x/options.html', windowId: 1, lastAccessed: 800 },
  ];
  const answer = (_: number, msg: Loose) =>
    msg.type === 'try-read' ? READING : msg.type === 'pick-field' ? PICKED : undefined;

  async function setup(
    opts: Parameters<typeof chrome>[0] = {},
    local: Record<string, unknown> = { userAdapters: [MINE], disabledAdapters: ['demo-spa'] },
  ) {
    await fakeBrowser.storage.local.set(local);
    const c = chrome({ answer, ...opts });
    const catalog = createCatalog(c.browser, BUNDLED);
    await catalog.ready;
    c.log.length = 0;
    return { ...c, handle: createSetup(c.browser, catalog).handle };
  }

  it.each<[string, string, string | null]>([
    ['an agent’s adapter', 'http://crm.example.cn/complaint/detail?id=1', 'js-crm'],
    ['a shipped adapter', 'http://127.0.0.1/legacy/?id=1', 'demo-legacy'],
    ['no adapter', 'http://elsewhere.cn/', null],
    ['not a disabled one', 'http://127.0.0.1/spa/#/ticket/1', null],
  ])('adapter-for: %s', async (_, url, id) => {
    const { handle } = await setup();
    const reply = (await handle({ type: 'adapter-for', url }, {})) as { adapter: { id: string } | null };
    expect(reply.adapter?.id ?? null).toBe(id);
    if (id === 'js-crm') expect(reply.adapter).toEqual(MINE);
  });

  it('access-needed: the origins the catalog’s run-time adapters still wait for', async () => {
    const { handle } = await setup({ granted: [] }, { userAdapters: [MINE, WIDE] });
    expect(await handle({ type: 'access-needed' }, {})).toEqual({
      origins: [
        'http://crm.example.cn/*',
        'http://wide.example.cn/*',
        'https://wide.example.cn/*',
        'http://other.example.cn/*',
      ],
      adapters: [
        { id: 'js-crm', name: '江苏投诉系统' },
        { id: 'wide-crm', name: '两个站点' },
      ],
    });
  });

  it.each<[string, unknown, string[]]>([
    ['not an object', 'js-crm', ['(adapter)']],
    ['no fields', { ...MINE, fields: {} }, ['fields']],
    [
      'a bad pattern and an unknown key',
      { ...MINE, matches: ['crm.example.cn'], colour: 'red' },
      ['colour', 'matches.0'],
    ],
    [
      'an evil regex',
      { ...MINE, fields: { id: { locators: [{ css: '#id' }], transform: [{ regex: '^(a+)+$' }] } } },
      ['fields.id.transform.0.regex'],
    ],
  ])('%s: refused by path, and no page is touched', async (_, adapter, paths) => {
    const { handle, log } = await setup({ granted: ['http://crm.example.cn/*'], tabs: CRM_TABS, running: [4] });
    for (const type of ['try-read', 'pick-field'] as const) {
      const reply = (await handle(type === 'try-read' ? { type, adapter } : { type, adapter, field: 'id' }, {
        tab: { id: 9 },
      })) as { error: string; errors: string[] };
      expect(reply.error).toBe('适配器有误');
      expect(reply.errors.map((e) => e.split(':')[0]).sort()).toEqual(paths);
    }
    expect(log).toEqual([]);
  });

  it.each<[string, Parameters<typeof chrome>[0], unknown, string, string[]]>([
    [
      'access not granted',
      { granted: [], tabs: CRM_TABS },
      MINE,
      '尚未允许访问 http://crm.example.cn/*：请先点「允许访问」',
      ['permissions.contains'],
    ],
    [
      'one of two origins not granted',
      { granted: ['http://wide.example.cn/*'], tabs: CRM_TABS },
      WIDE,
      '尚未允许访问 http://wide.example.cn/*、https://wide.example.cn/*、http://other.example.cn/*：请先点「允许访问」',
      ['permissions.contains'],
    ],
    [
      'pages no host access can reach',
      { granted: ['http://crm.example.cn/*'] },
      { ...MINE, matches: ['file:///C:/crm/*'] },
      '尚未允许访问 file:///C:/crm/*：请先点「允许访问」',
      [],
    ],
    [
      'no open page',
      { granted: ['http://crm.example.cn/*'], tabs: CRM_TABS.slice(2) },
      MINE,
      '没有打开的页面符合 http://crm.example.cn/complaint/*：请先在浏览器中打开一张工单',
      ['permissions.contains', 'tabs.query'],
    ],
  ])('try-read with %s: says so, and sends the page nothing', async (_, world, adapter, error, calls) => {
    const { handle, log } = await setup(world);
    expect(await handle({ type: 'try-read', adapter }, {})).toEqual({ error });
    expect(log.map((c) => c[0])).toEqual(calls);
  });

  it.each<[string, number[], string[]]>([
    [
      'a page opened before the adapter: the script is injected first',
      [],
      ['permissions.contains', 'tabs.query', 'tabs.sendMessage', 'executeScript', 'tabs.sendMessage'],
    ],
    [
      'a page already running the script',
      [3, 4],
      ['permissions.contains', 'tabs.query', 'tabs.sendMessage', 'tabs.sendMessage'],
    ],
  ])('try-read on %s, in the page used last', async (_, running, calls) => {
    const { handle, log } = await setup({ granted: ['http://crm.example.cn/*'], tabs: CRM_TABS, running });
    // The editor's adapter, not saved: the catalog does not have it.
    const unsaved = { ...MINE, id: 'js-crm-2', name: '  新的  ' };
    expect(await handle({ type: 'try-read', adapter: unsaved }, { tab: { id: 9 } })).toEqual({ reading: READING });
    expect(log.map((c) => c[0])).toEqual(calls);
    const messages = called(log, 'tabs.sendMessage');
    expect(messages.map(([, tabId, type, options]) => [tabId, type, options])).toEqual([
      [4, 'ping', { frameId: 0 }],
      [4, 'try-read', { frameId: 0 }],
    ]);
    if (!running.length)
      expect(called(log, 'executeScript')).toEqual([
        ['executeScript', { target: { tabId: 4, allFrames: true }, files: [SCRIPT] }],
      ]);
    expect(called(log, 'tabs.update')).toEqual([]); // reading does not bring the page to the front
  });

  it('sends the page the adapter as checked (trimmed), not as typed', async () => {
    const sent: unknown[] = [];
    const { handle } = await setup({
      granted: ['http://crm.example.cn/*'],
      tabs: CRM_TABS,
      running: [4],
      answer: (_, msg) => (sent.push(msg), READING),
    });
    const unsaved = { ...MINE, name: '  新的  ' };
    await handle({ type: 'try-read', adapter: unsaved }, {});
    expect(sent).toEqual([{ type: 'try-read', adapter: { ...MINE, name: '新的' } }]);
  });

  it.each<[string, unknown]>([
    ['nothing', undefined],
    ['an answer of another shape', { fields: {} }],
  ])('try-read when the page answers %s', async (_, reply) => {
    const { handle } = await setup({
      granted: ['http://crm.example.cn/*'],
      tabs: CRM_TABS,
      running: [4],
      answer: () => reply,
    });
    expect(await handle({ type: 'try-read', adapter: MINE }, {})).toEqual({ error: '页面没有回答试读' });
    expect(await handle({ type: 'pick-field', adapter: MINE, field: 'id' }, {})).toEqual({ error: '页面没有回答点选' });
  });

  // The picker is not in the content script (its size is a budget, test/e2e/bundle.e2e.ts): it is
  // injected at each pick, into the top frame only, and needs no content script there.
  it.each<[string, number[]]>([
    ['a page running the content script', [4]],
    ['a page opened before the adapter', []],
  ])(
    'pick-field on %s injects the picker, brings the page to the front, waits for the click, then goes back to the options page',
    async (_, running) => {
      const { handle, log } = await setup({ granted: ['http://crm.example.cn/*'], tabs: CRM_TABS, running });
      expect(
        await handle({ type: 'pick-field', adapter: MINE, field: 'acceptedAt' }, { tab: { id: 9, windowId: 1 } }),
      ).toEqual({ picked: PICKED });
      expect(log.filter((c) => c[0] !== 'permissions.contains' && c[0] !== 'tabs.query')).toEqual([
        ['executeScript', PICKER],
        ['tabs.update', 4, { active: true }],
        ['windows.update', 2, { focused: true }],
        ['tabs.sendMessage', 4, 'pick-field', { frameId: 0 }],
        ['tabs.update', 9, { active: true }],
      ]);
    },
  );

  it('pick-field where the picker cannot be injected: says so, and leaves the tabs alone', async () => {
    const { handle, log } = await setup({
      granted: ['http://crm.example.cn/*'],
      tabs: CRM_TABS,
      running: [4],
      failInject: [4],
    });
    expect(await handle({ type: 'pick-field', adapter: MINE, field: 'id' }, { tab: { id: 9 } })).toEqual({
      error: '页面没有回答点选',
    });
    expect(log.filter((c) => c[0] !== 'permissions.contains' && c[0] !== 'tabs.query')).toEqual([
      ['executeScript', PICKER],
    ]);
    expect(warn).toHaveBeenCalledWith('[工单助手] 无法在页面上启动点选', expect.any(Error));
  });

  it('pick-field goes on when the window cannot be focused, and from no tab stays on the CRM page', async () => {
    const { handle, log } = await setup({
      granted: ['http://crm.example.cn/*'],
      tabs: CRM_TABS,
      running: [4],
      focusFails: true,
    });
    expect(await handle({ type: 'pick-field', adapter: MINE, field: 'id' }, {})).toEqual({ picked: PICKED });
    expect(called(log, 'tabs.update')).toEqual([['tabs.update', 4, { active: true }]]);
  });

  it('pick-field sends the field asked for', async () => {
    const sent: unknown[] = [];
    const { handle } = await setup({
      granted: ['http://crm.example.cn/*'],
      tabs: CRM_TABS,
      running: [4],
      answer: (_, msg) => (sent.push(msg), PICKED),
    });
    await handle({ type: 'pick-field', adapter: MINE, field: 'customerPhone' }, { tab: { id: 9 } });
    expect(sent).toEqual([{ type: 'pick-field', adapter: MINE, field: 'customerPhone' }]);
  });
});

// The service worker has no ReDoS checker (see test/background-catalog.test.ts): an unsaved
// adapter with a pattern new to it is judged by the offscreen document before the page reads it.
describe('createSetup in a worker without the checker', () => {
  const PHONE_RE = '(?:\\+86)?1[3-9]\\d{9}';
  const PHONE = {
    ...MINE,
    id: 'phone-crm',
    fields: { customerPhone: { locators: [{ css: '#phone' }], transform: [{ regex: PHONE_RE }] } },
  };

  async function wake(answer: (msg: unknown) => unknown) {
    vi.resetModules();
    const { createCatalog: fresh } = await import('@/utils/background/catalog');
    const { createSetup: freshSetup } = await import('@/utils/background/setup');
    const c = chrome({
      granted: ['http://crm.example.cn/*'],
      tabs: [{ id: 4, url: 'http://crm.example.cn/complaint/1', windowId: 1 }],
      running: [4],
      answer: () => ({ url: 'u', fields: {}, foundBy: {}, missing: [] }),
    });
    const offscreen = { open: false, created: 0 };
    const sent: unknown[] = [];
    const browser = {
      ...c.browser,
      offscreen: {
        Reason: { WORKERS: 'WORKERS' },
        hasDocument: async () => offscreen.open,
        createDocument: async () => void ((offscreen.open = true), offscreen.created++),
        closeDocument: async () => void (offscreen.open = false),
      },
      runtime: { ...fakeBrowser.runtime, sendMessage: async (msg: unknown) => (sent.push(msg), answer(msg)) },
    } as unknown as Browser;
    const catalog = fresh(browser, BUNDLED);
    await catalog.ready;
    return { handle: freshSetup(browser, catalog).handle, sent, offscreen };
  }
  const judgeElsewhere = (msg: unknown) => {
    const m = JudgePatternsSchema.parse(msg);
    for (const [s, f] of m.patterns) judged(s, f);
    const all = judgedVerdicts();
    return { verdicts: Object.fromEntries(m.patterns.map(([s, f]) => [`${f}/${s}`, all[`${f}/${s}`]!])) };
  };

  it('has a new pattern judged, then reads the page with the adapter', async () => {
    const { handle, sent, offscreen } = await wake(judgeElsewhere);
    expect(await handle({ type: 'try-read', adapter: PHONE }, {})).toEqual({
      reading: { url: 'u', fields: {}, foundBy: {}, missing: [] },
    });
    expect(sent).toEqual([{ type: 'judge-patterns', patterns: [[PHONE_RE, '']] }]);
    expect(offscreen).toEqual({ open: false, created: 1 });
    // Judged once: the next try needs no document.
    await handle({ type: 'try-read', adapter: PHONE }, {});
    expect(sent).toHaveLength(1);
  });

  it.each<[string, (msg: unknown) => unknown, string]>([
    ['an evil pattern is refused with the checker’s reason', (msg) => judgeElsewhere(msg), 'catastrophic backtracking'],
    [
      'when the checker cannot answer, the pattern stays unchecked',
      () => Promise.reject(new Error('Could not establish connection')),
      NOT_CHECKED,
    ],
  ])('%s', async (_, answer, why) => {
    const { handle } = await wake(answer);
    const evil = {
      ...PHONE,
      fields: {
        customerPhone: {
          locators: [{ css: '#phone' }],
          transform: [{ regex: why === NOT_CHECKED ? PHONE_RE : '(\\d+)*$' }],
        },
      },
    };
    const reply = (await handle({ type: 'try-read', adapter: evil }, {})) as { error: string; errors: string[] };
    expect(reply.error).toBe('适配器有误');
    expect(reply.errors).toEqual([expect.stringContaining(why)]);
    expect(reply.errors[0]).toMatch(/^fields\.customerPhone\.transform\.0\.regex: /);
  });
});
