// The catalog's pure parts (utils/catalog): which adapters and packs this browser uses, and why not
// the others; what the agent's stored lists become when storage holds garbage.
import { describe, expect, it } from 'vitest';
import { emptyModel } from '@/rules/classifier/compile';
import { parsePack, type Pack } from '@/rules/pack/schema';
import { packs } from '@/rules/packs';
import { parseSiteAdapter, type SiteAdapter } from '@/rules/sites/schema';
import {
  adapterFor,
  buildAdapterCatalog,
  originsOf,
  type AdapterEntry,
  type AdapterInputs,
} from '@/utils/catalog/adapters';
import { appliedPack, buildPackCatalog, type PackEntry, type PackInputs } from '@/utils/catalog/packs';
import { readPolicy } from '@/utils/catalog/policy';
import { AppliedSchema, LOCAL_KEYS, readLocal, VerdictsSchema } from '@/utils/catalog/stored';

const adapter = (id: string, matches: string[], name = `${id} 页面`): SiteAdapter => ({
  id,
  name,
  matches,
  fields: { id: { locators: [{ css: '#id' }] } },
});

const SHIPPED_A = adapter('shipped-a', ['http://a.example/*']);
const SHIPPED_B = adapter('shipped-b', ['http://b.example/*']);
/** The agent's edited copy of a shipped adapter (same id), reading more pages. */
const EDITED_A = adapter('shipped-a', ['http://a.example/*', 'http://a2.example/*'], '我的 A');
const MINE = adapter('mine', ['http://crm.example.cn/complaint/*']);
const CENTRE = adapter('centre', ['https://crm.centre.cn/*']);
const CENTRE_A = adapter('shipped-a', ['http://a.example/*'], '中心的 A');

const POLICY_WINS = 'id "shipped-a" is used by the centre’s policy, which takes its place';
const MINE_WINS = 'id "shipped-a" is used by one of your own, which takes its place';
const REFUSED = 'the centre’s policy does not allow adapters of your own';

function catalog(i: Partial<AdapterInputs>): AdapterEntry[] {
  return buildAdapterCatalog({
    bundled: [SHIPPED_A, SHIPPED_B],
    user: [],
    policy: [],
    disabled: [],
    allowUser: true,
    parse: parseSiteAdapter,
    ...i,
  });
}
/** Each entry as [source, id, active, errors]. */
const brief = (entries: AdapterEntry[]) => entries.map((e) => [e.source, e.id, e.active, e.errors]);

describe('buildAdapterCatalog', () => {
  it.each<[string, Partial<AdapterInputs>, unknown[]]>([
    [
      'only the shipped ones: all active',
      {},
      [
        ['bundled', 'shipped-a', true, []],
        ['bundled', 'shipped-b', true, []],
      ],
    ],
    [
      'the agent’s own copy of a shipped adapter hides the shipped one',
      { user: [EDITED_A, MINE] },
      [
        ['user', 'shipped-a', true, []],
        ['user', 'mine', true, []],
        ['bundled', 'shipped-a', false, [MINE_WINS]],
        ['bundled', 'shipped-b', true, []],
      ],
    ],
    [
      'the policy’s item hides the agent’s and the shipped one of its id',
      { policy: [CENTRE_A, CENTRE], user: [EDITED_A] },
      [
        ['policy', 'shipped-a', true, []],
        ['policy', 'centre', true, []],
        ['user', 'shipped-a', false, [POLICY_WINS]],
        ['bundled', 'shipped-a', false, [POLICY_WINS]],
        ['bundled', 'shipped-b', true, []],
      ],
    ],
    [
      'of two of the agent’s own with one id, the first is used',
      { user: [MINE, { ...MINE, name: '另一个' }] },
      [
        ['user', 'mine', true, []],
        ['user', 'mine', false, ['id "mine" is used by one of your own, which takes its place']],
        ['bundled', 'shipped-a', true, []],
        ['bundled', 'shipped-b', true, []],
      ],
    ],
    [
      'a policy that forbids the agent’s own refuses them, and then they hide nothing',
      { allowUser: false, user: [EDITED_A, MINE] },
      [
        ['user', 'shipped-a', false, [REFUSED]],
        ['user', 'mine', false, [REFUSED]],
        ['bundled', 'shipped-a', true, []],
        ['bundled', 'shipped-b', true, []],
      ],
    ],
    [
      'an invalid copy of a shipped adapter hides nothing',
      { user: [{ ...EDITED_A, matches: [] }] },
      [
        ['user', 'shipped-a', false, ['matches: Too small: expected array to have >=1 items']],
        ['bundled', 'shipped-a', true, []],
        ['bundled', 'shipped-b', true, []],
      ],
    ],
    [
      'an invalid policy item hides nothing either',
      { policy: [{ ...CENTRE_A, fields: {} }] },
      [
        ['policy', 'shipped-a', false, ['fields: declare at least one field']],
        ['bundled', 'shipped-a', true, []],
        ['bundled', 'shipped-b', true, []],
      ],
    ],
  ])('%s', (_, inputs, expected) => {
    expect(brief(catalog(inputs))).toEqual(expected);
  });

  it('names every problem of an invalid adapter by its path, keeps the raw JSON, and does not use it', () => {
    const raw = {
      id: 'Bad Id',
      name: '',
      matches: ['crm.example.cn'],
      fields: { id: { locators: [] } },
      colour: 'red',
    };
    const [e] = catalog({ user: [raw], bundled: [] });
    expect(e).toMatchObject({
      id: 'Bad Id',
      name: 'Bad Id',
      source: 'user',
      active: false,
      enabled: true,
      locked: false,
      adapter: null,
      raw,
    });
    expect(e!.errors.map((x) => x.split(':')[0]).sort()).toEqual([
      'colour',
      'fields.id.locators',
      'id',
      'matches.0',
      'name',
    ]);
    expect(e!.errors).toContain('colour: unknown key');
    expect(e!.errors).toContain('matches.0: not a match pattern such as http://127.0.0.1/legacy/*');
  });

  it.each([
    ['not an object', 42, 'user-2', 'user-2'],
    ['no id', { name: '无编号' }, 'user-2', '无编号'],
    ['an id of another type', { id: 7, name: 5 }, 'user-2', 'user-2'],
    ['a very long id', { id: 'x'.repeat(300) }, 'x'.repeat(100), 'x'.repeat(100)],
    ['a blank name', { id: 'no-name', name: '  ' }, 'no-name', 'no-name'],
    ['a blank id', { id: '', name: '空编号' }, 'user-2', '空编号'],
  ])('names an item it cannot read (%s) by what it can', (_, raw, id, name) => {
    const entries = catalog({ user: [MINE, raw], bundled: [] });
    expect(entries[1]).toMatchObject({ id, name, active: false, adapter: null, raw });
    expect(entries[1]!.errors.length).toBeGreaterThan(0);
  });

  it.each<[string, Partial<AdapterInputs>, [string, string, boolean, boolean, boolean][]]>([
    // [source, id, enabled, locked, active]
    [
      'a disabled shipped adapter is kept, unused',
      { disabled: ['shipped-b'] },
      [
        ['bundled', 'shipped-a', true, false, true],
        ['bundled', 'shipped-b', false, false, false],
      ],
    ],
    [
      'a disabled adapter of the agent’s own is unused',
      { user: [MINE], disabled: ['mine'] },
      [
        ['user', 'mine', false, false, false],
        ['bundled', 'shipped-a', true, false, true],
        ['bundled', 'shipped-b', true, false, true],
      ],
    ],
    [
      'the policy’s items are locked and never disabled',
      { policy: [CENTRE, CENTRE_A], disabled: ['centre', 'shipped-a'] },
      [
        ['policy', 'centre', true, true, true],
        ['policy', 'shipped-a', true, true, true],
        ['bundled', 'shipped-a', false, false, false],
        ['bundled', 'shipped-b', true, false, true],
      ],
    ],
  ])('%s', (_, inputs, expected) => {
    expect(catalog(inputs).map((e) => [e.source, e.id, e.enabled, e.locked, e.active])).toEqual(expected);
  });

  it('does not parse the shipped adapters again, and keeps them as they are', () => {
    let parsed = 0;
    const entries = catalog({ user: [MINE], parse: (raw) => (parsed++, parseSiteAdapter(raw)) });
    expect(parsed).toBe(1);
    expect(entries.find((e) => e.source === 'bundled')!.adapter).toBe(SHIPPED_A);
  });
});

describe('adapterFor', () => {
  const entries = catalog({
    policy: [adapter('centre', ['http://a.example/centre/*'])],
    user: [
      adapter('mine', ['http://a.example/*']),
      adapter('off', ['http://c.example/*']),
      { id: 'broken', matches: ['http://d.example/*'] },
    ],
    disabled: ['off'],
  });
  it.each([
    ['the policy’s before the agent’s', 'http://a.example/centre/1', 'policy', 'centre'],
    ['the agent’s before the shipped one it overlaps', 'http://a.example/list', 'user', 'mine'],
    ['a shipped one', 'http://b.example/x?id=1', 'bundled', 'shipped-b'],
    ['not a disabled one', 'http://c.example/x', undefined, undefined],
    ['not an invalid one', 'http://d.example/x', undefined, undefined],
    ['none for another site', 'https://a.example/x', undefined, undefined],
    ['none for garbage', 'not a url', undefined, undefined],
  ])('%s', (_, url, source, id) => {
    const e = adapterFor(entries, url);
    expect(e && [e.source, e.id]).toEqual(source === undefined ? undefined : [source, id]);
  });
});

describe('originsOf', () => {
  it.each<[string, string[], string[]]>([
    [
      'one origin for any path, once',
      ['http://127.0.0.1/legacy/', 'http://127.0.0.1/legacy/?*', 'http://127.0.0.1/desk/*'],
      ['http://127.0.0.1/*'],
    ],
    ['a port is dropped: access is granted for the host', ['http://localhost:8080/crm/*'], ['http://localhost/*']],
    ['any port is dropped too', ['http://localhost:*/crm/*'], ['http://localhost/*']],
    [
      'a wildcard scheme asks for http and https',
      ['*://crm.example.cn/detail*'],
      ['http://crm.example.cn/*', 'https://crm.example.cn/*'],
    ],
    ['<all_urls> asks for every http(s) site', ['<all_urls>'], ['http://*/*', 'https://*/*']],
    ['a wildcard host stays a wildcard host', ['https://*.example.cn/ticket/*'], ['https://*.example.cn/*']],
    ['any host', ['https://*/ticket/*'], ['https://*/*']],
    ['file pages need no host access', ['file:///C:/crm/*'], []],
    [
      'several sites, in order',
      ['https://b.cn/*', 'http://a.cn:81/x', 'https://b.cn/y'],
      ['https://b.cn/*', 'http://a.cn/*'],
    ],
  ])('%s', (_, matches, origins) => {
    expect(originsOf(matches)).toEqual(origins);
  });
});

// Packs: copies of the shipped ones under other ids. Their patterns are the shipped ones, which
// test/regex-check.test.ts checks, so the parse skips the checker here.
const CT = packs['china-telecom']!;
const TS = packs['tianyi-space']!;
const parse: PackInputs['parse'] = (d) => parsePack(d, { patternsChecked: true });
const copy = (p: Pack, id: string, extra: Record<string, unknown> = {}) => ({
  ...structuredClone(p),
  id,
  name: `${id} 包`,
  ...extra,
});
const model = (p: Pack) => JSON.parse(JSON.stringify(emptyModel(p))) as unknown;

function packCatalog(i: Partial<PackInputs>): PackEntry[] {
  return buildPackCatalog({ bundled: [CT, TS], user: [], policy: [], allowUser: true, parse, ...i });
}
const packBrief = (entries: PackEntry[]) => entries.map((e) => [e.source, e.id, e.pack !== null, e.errors]);

describe('buildPackCatalog', () => {
  const MINE_PACK = copy(TS, 'my-pack');
  const OTHER_WINS = (id: string) => `id "${id}" is used by another pack before it in the list, which takes its place`;
  it.each<[string, Partial<PackInputs>, unknown[]]>([
    [
      'the shipped ones',
      {},
      [
        ['bundled', 'china-telecom', true, []],
        ['bundled', 'tianyi-space', true, []],
      ],
    ],
    [
      'policy, then the agent’s, then the shipped ones; the policy’s locked',
      { policy: [copy(CT, 'centre-pack')], user: [MINE_PACK] },
      [
        ['policy', 'centre-pack', true, []],
        ['user', 'my-pack', true, []],
        ['bundled', 'china-telecom', true, []],
        ['bundled', 'tianyi-space', true, []],
      ],
    ],
    [
      'an id used before takes its place',
      { policy: [copy(TS, 'tianyi-space')], user: [copy(TS, 'tianyi-space'), MINE_PACK, MINE_PACK] },
      [
        ['policy', 'tianyi-space', true, []],
        ['user', 'tianyi-space', false, [OTHER_WINS('tianyi-space')]],
        ['user', 'my-pack', true, []],
        ['user', 'my-pack', false, [OTHER_WINS('my-pack')]],
        ['bundled', 'china-telecom', true, []],
        ['bundled', 'tianyi-space', false, [OTHER_WINS('tianyi-space')]],
      ],
    ],
    [
      'a policy that forbids the agent’s own refuses them, and they hide nothing',
      { allowUser: false, user: [MINE_PACK, copy(CT, 'china-telecom')] },
      [
        ['user', 'my-pack', false, ['the centre’s policy does not allow rule packs of your own']],
        ['user', 'china-telecom', false, ['the centre’s policy does not allow rule packs of your own']],
        ['bundled', 'china-telecom', true, []],
        ['bundled', 'tianyi-space', true, []],
      ],
    ],
  ])('%s', (_, inputs, expected) => {
    const entries = packCatalog(inputs);
    expect(packBrief(entries)).toEqual(expected);
    expect(entries.filter((e) => e.locked).map((e) => e.source)).toEqual(
      entries.filter((e) => e.source === 'policy').map(() => 'policy'),
    );
  });

  it('names an invalid pack by what it can read, every problem by its path, and keeps its raw JSON', () => {
    const raw = { ...copy(TS, 'broken-pack'), version: 3, classes: 'none' };
    const [e] = packCatalog({ user: [raw], bundled: [] });
    expect(e).toMatchObject({
      id: 'broken-pack',
      name: 'broken-pack 包',
      version: '?',
      source: 'user',
      locked: false,
      pack: null,
      model: null,
      raw,
    });
    expect(e!.errors.map((x) => x.split(':')[0])).toEqual(expect.arrayContaining(['version', 'classes']));
    expect(packCatalog({ user: ['not a pack'], bundled: [] })[0]).toMatchObject({
      id: 'user-pack',
      name: 'user-pack',
      pack: null,
    });
    expect(packCatalog({ user: [{ id: ' ', name: '' }], bundled: [] })[0]).toMatchObject({
      id: 'user-pack',
      name: 'user-pack',
      version: '?',
      pack: null,
    });
  });

  it.each<[string, (p: Pack) => unknown, string[] | null]>([
    ['a model made for the pack is taken', (p) => model(p), null],
    [
      'a model made for another pack is refused',
      () => model(CT),
      ['model: the model was made for pack "china-telecom", not "my-pack"'],
    ],
    [
      'a model made for another version is refused',
      (p) => model({ ...p, version: '1999.1' }),
      [`model: the model was made for version 1999.1 of pack "my-pack", not ${TS.version}`],
    ],
    [
      'a broken model is refused, by its path',
      (p) => ({ ...(model(p) as object), features: 'bigrams' }),
      ['model.features'],
    ],
  ])('%s', (_, modelOf, errors) => {
    const pack = parsePack(copy(TS, 'my-pack'), { patternsChecked: true });
    if (!pack.ok) throw new Error(pack.errors.join('\n'));
    const m = modelOf(pack.pack);
    const [e] = packCatalog({ user: [{ ...copy(TS, 'my-pack'), model: m }], bundled: [] });
    if (errors === null) {
      expect(e!.errors).toEqual([]);
      expect(e!.pack).toEqual(pack.pack); // the model is not part of the pack
      expect(e!.model).toEqual(m);
    } else {
      expect(e!.errors.map((x) => (errors[0]!.includes(':') ? x : x.split(':')[0]))).toEqual(errors);
      expect(e!.pack).toBeNull();
      expect(e!.model).toBeNull();
    }
  });
});

describe('appliedPack', () => {
  const entries = packCatalog({
    policy: [copy(CT, 'centre-pack')],
    user: [copy(TS, 'my-pack'), { ...copy(TS, 'broken-pack'), classes: [] }],
  });
  const refused = packCatalog({ allowUser: false, user: [copy(TS, 'my-pack')] });
  it.each<[string, PackEntry[], string | undefined, string | undefined, string, boolean, string]>([
    ['nothing chosen: the first shipped pack', entries, undefined, undefined, 'china-telecom', false, '默认'],
    ['the agent’s choice', entries, undefined, 'my-pack', 'my-pack', false, '本机选择'],
    ['the agent may choose a shipped pack', entries, undefined, 'tianyi-space', 'tianyi-space', false, '本机选择'],
    ['the policy’s choice wins, locked', entries, 'tianyi-space', 'my-pack', 'tianyi-space', true, '中心策略指定'],
    ['the policy may choose its own pack', entries, 'centre-pack', undefined, 'centre-pack', true, '中心策略指定'],
    [
      'a policy choice that is no pack: the agent’s, saying so',
      entries,
      'nope',
      'my-pack',
      'my-pack',
      false,
      '策略指定的规则包 nope 不可用，按本机选择',
    ],
    [
      'a policy choice that is no pack: the default, saying so',
      entries,
      'nope',
      undefined,
      'china-telecom',
      false,
      '策略指定的规则包 nope 不可用，使用默认',
    ],
    [
      'a policy choice of an invalid pack',
      entries,
      'broken-pack',
      undefined,
      'china-telecom',
      false,
      '策略指定的规则包 broken-pack 不可用，使用默认',
    ],
    [
      'an agent choice that is no pack',
      entries,
      undefined,
      'nope',
      'china-telecom',
      false,
      '所选规则包 nope 不可用，使用默认',
    ],
    [
      'an agent choice of an invalid pack',
      entries,
      undefined,
      'broken-pack',
      'china-telecom',
      false,
      '所选规则包 broken-pack 不可用，使用默认',
    ],
    [
      'an agent choice of a pack the policy refuses',
      refused,
      undefined,
      'my-pack',
      'china-telecom',
      false,
      '所选规则包 my-pack 不可用，使用默认',
    ],
  ])('%s', (_, list, policyChoice, agentChoice, id, locked, because) => {
    const r = appliedPack(list, policyChoice, agentChoice);
    expect([r.entry.id, r.entry.pack !== null, r.locked, r.because]).toEqual([id, true, locked, because]);
  });

  it('applies the usable pack of an id, not the one it hides', () => {
    const list = packCatalog({ user: [copy(TS, 'china-telecom', { name: '我的电信包' })] });
    expect(appliedPack(list, undefined, 'china-telecom').entry).toMatchObject({ source: 'user', name: '我的电信包' });
    expect(appliedPack(list, undefined, undefined).entry).toMatchObject({ source: 'bundled', id: 'tianyi-space' });
  });

  it('throws only when no pack at all is usable', () => {
    expect(() => appliedPack(packCatalog({ bundled: [], user: [{}] }), undefined, undefined)).toThrow(
      'no usable rule pack',
    );
    expect(appliedPack(packCatalog({ bundled: [], user: [copy(TS, 'my-pack')] }), undefined, undefined).entry.id).toBe(
      'my-pack',
    );
  });
});

describe('readPolicy: what test/policy.test.ts leaves out', () => {
  it.each<[string, unknown, object, string[]]>([
    ['no policy', {}, {}, []],
    ['not an object', null, {}, []],
    ['a list', [1], {}, []],
    ['the pack id trimmed', { appliedPack: '  tianyi-space ' }, { appliedPack: 'tianyi-space' }, []],
    ['a pack id too long', { appliedPack: 'x'.repeat(101) }, {}, ['policy.appliedPack']],
    ['adapters not a list', { adapters: { id: 'x' } }, {}, ['policy.adapters']],
    ['settings not an object', { settings: '[1]' }, {}, ['policy.settings']],
    ['allowUserAdapters as a string', { allowUserAdapters: 'false' }, {}, ['policy.allowUserAdapters']],
  ])('%s', (_, raw, policy, paths) => {
    const r = readPolicy(raw as Record<string, unknown>);
    expect(r.policy).toEqual(policy);
    expect(r.errors.map((e) => e.split(':')[0])).toEqual(paths);
  });
});

describe('readLocal', () => {
  const EMPTY = { adapters: [], disabled: [], packs: [], applied: undefined };
  it.each<[string, Record<string, unknown>, object]>([
    ['nothing stored', {}, EMPTY],
    [
      'what the options page writes',
      { userAdapters: [MINE], disabledAdapters: ['shipped-a'], userPacks: [{ id: 'p' }], appliedPack: 'p' },
      { adapters: [MINE], disabled: ['shipped-a'], packs: [{ id: 'p' }], applied: 'p' },
    ],
    [
      'items of any kind are kept for the catalog to name',
      { userAdapters: [1, 'x', null], userPacks: [[]] },
      { ...EMPTY, adapters: [1, 'x', null], packs: [[]] },
    ],
    ['lists that are no lists', { userAdapters: { 0: MINE }, disabledAdapters: 'shipped-a', userPacks: 'p' }, EMPTY],
    ['null everywhere', { userAdapters: null, disabledAdapters: null, userPacks: null, appliedPack: null }, EMPTY],
    [
      'a disabled id that is no string costs only itself',
      { disabledAdapters: ['a', 7] },
      { ...EMPTY, disabled: ['a'] },
    ],
    [
      'a disabled id too long costs only itself',
      { disabledAdapters: ['x'.repeat(101), 'b'] },
      { ...EMPTY, disabled: ['b'] },
    ],
    [
      'too many items: the first 200 are read',
      {
        userAdapters: new Array(201).fill({}),
        userPacks: new Array(201).fill({}),
        disabledAdapters: new Array(201).fill('a'),
      },
      {
        ...EMPTY,
        adapters: new Array(200).fill({}),
        packs: new Array(200).fill({}),
        disabled: new Array(200).fill('a'),
      },
    ],
    ['an applied pack that is no string', { appliedPack: 7 }, EMPTY],
    ['an applied pack too long', { appliedPack: 'x'.repeat(101) }, EMPTY],
    ['other keys are not read', { autoFillAt: 0.9, patternVerdicts: {} }, EMPTY],
  ])('%s', (_, stored, expected) => {
    expect(readLocal(stored)).toEqual(expected);
  });

  it('reads the keys the options page writes', () => {
    expect(LOCAL_KEYS).toEqual({
      adapters: 'userAdapters',
      disabled: 'disabledAdapters',
      packs: 'userPacks',
      applied: 'appliedPack',
      patternVerdicts: 'patternVerdicts',
    });
  });

  it.each<[string, unknown, object]>([
    [
      'verdicts',
      { '/\\d+': null, 'iu/(a+)+': 'catastrophic backtracking' },
      { '/\\d+': null, 'iu/(a+)+': 'catastrophic backtracking' },
    ],
    ['not an object', 'x', {}],
    ['a verdict of another type', { '/\\d+': 1 }, {}],
    ['nothing', undefined, {}],
  ])('pattern verdicts: %s', (_, stored, expected) => {
    expect(VerdictsSchema.parse(stored)).toEqual(expected);
  });

  it('an applied pack of 100 characters is still read', () => {
    expect(AppliedSchema.parse('x'.repeat(100))).toBe('x'.repeat(100));
  });
});
