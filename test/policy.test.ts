// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { h } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { browser as wxtBrowser } from 'wxt/browser';
import { fakeBrowser as wxtFakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsContext } from '@/components/options/context';
import { Retention } from '@/components/options/Retention';
import { createOptionsState, type OptionsStore } from '@/components/options/state';
import { Toggles } from '@/components/options/Toggles';
import { createLearningState, type LearningApi } from '@/components/options/learning-state';
import { createPanelState } from '@/components/panel/state';
import { createWorklistState } from '@/components/worklist/state';
import { pointAfter } from '@/utils/background/reminder-plan';
import { POLICY_SETTINGS, readPolicy } from '@/utils/catalog/policy';
import { DEFAULT_PACK } from '@/rules/packs/default-pack';
import type { ClockResult } from '@/rules/verdict';
import { t } from '@/utils/i18n';
import { effectiveSettings, readSettings } from '@/utils/settings';
import { fakeBrowser } from './pages/fake-browser';
import { mount } from './pages/render';

const LOCKED_TEXT = t('common.locked');

const SCHEMA = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../public/managed_schema.json'), 'utf8'),
) as Schema;
const ADAPTER = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../rules/sites/demo-spa.json'), 'utf8'),
) as Record<string, unknown>;
const PACK = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../rules/packs/tianyi-space.json'), 'utf8'),
) as Record<string, unknown>;

interface Schema {
  type: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema;
  [k: string]: unknown;
}

describe('managed_schema.json', () => {
  // What Chromium's policy schema parser takes (components/policy/core/common/schema.cc): a schema it
  // refuses stops the extension from loading at all. Tried in Chromium 156: `minimum` on a "number"
  // is refused; "title" and "description" are ignored.
  const TYPES = ['boolean', 'integer', 'number', 'string', 'array', 'object'];
  function check(s: Schema, path: string, out: string[]) {
    if (!TYPES.includes(s.type)) out.push(`${path}: type ${String(s.type)}`);
    for (const k of Object.keys(s))
      if (
        !['type', 'title', 'description', 'properties', 'items', 'additionalProperties', 'minimum', 'maximum'].includes(
          k,
        )
      )
        out.push(`${path}: attribute ${k}`);
    if ((s.minimum !== undefined || s.maximum !== undefined) && s.type !== 'integer')
      out.push(`${path}: minimum/maximum on ${s.type}`);
    if (s.type === 'array' && !s.items) out.push(`${path}: array without items`);
    // Chrome drops every property of an object its schema does not name: an open object arrives as {}.
    if (s.type === 'object' && !s.properties && !s.additionalProperties) out.push(`${path}: object with nothing named`);
    for (const [k, sub] of Object.entries(s.properties ?? {})) check(sub, `${path}.${k}`, out);
    if (s.items) check(s.items, `${path}[]`, out);
    if (s.additionalProperties) check(s.additionalProperties, `${path}{}`, out);
  }

  it('uses only what Chromium’s policy schema accepts, and no open object', () => {
    const problems: string[] = [];
    check(SCHEMA, 'schema', problems);
    expect(problems).toEqual([]);
  });

  it('names what readPolicy reads, and adapters, packs and the model as JSON strings', () => {
    expect(Object.keys(SCHEMA.properties!).sort()).toEqual([
      'adapters',
      'allowUserAdapters',
      'allowUserPacks',
      'appliedPack',
      'classModel',
      'packs',
      'settings',
    ]);
    expect(Object.keys(SCHEMA.properties!.settings!.properties!).sort()).toEqual([...POLICY_SETTINGS].sort());
    expect(SCHEMA.properties!.adapters!.items!.type).toBe('string');
    expect(SCHEMA.properties!.packs!.items!.type).toBe('string');
    expect(SCHEMA.properties!.classModel!.type).toBe('string');
  });
});

describe('readPolicy', () => {
  it('parses adapters, packs and the model given as JSON strings, as Chrome delivers them', () => {
    const { policy, errors } = readPolicy({
      adapters: [JSON.stringify(ADAPTER)],
      packs: [`\uFEFF${JSON.stringify(PACK)}`],
      appliedPack: 'tianyi-space',
      classModel: '{"version":1}',
      allowUserAdapters: false,
    });
    expect(errors).toEqual([]);
    expect(policy.adapters).toEqual([ADAPTER]);
    expect(policy.packs).toEqual([PACK]);
    expect(policy.classModel).toEqual({ version: 1 });
    expect(policy).toMatchObject({ appliedPack: 'tianyi-space', allowUserAdapters: false });
    expect('allowUserPacks' in policy).toBe(false);
  });

  it('takes objects as they are, and a whole list given as one JSON string', () => {
    expect(readPolicy({ adapters: [ADAPTER], classModel: { version: 1 } }).policy).toEqual({
      adapters: [ADAPTER],
      classModel: { version: 1 },
    });
    expect(readPolicy({ adapters: JSON.stringify([ADAPTER, JSON.stringify(ADAPTER)]) }).policy.adapters).toEqual([
      ADAPTER,
      ADAPTER,
    ]);
  });

  it('drops only the bad item, named by its path', () => {
    const { policy, errors } = readPolicy({
      adapters: [JSON.stringify(ADAPTER), '{"id": "broken",', '[1, 2]', 7],
      packs: 'not json',
      classModel: '"a string"',
      appliedPack: '',
      allowUserPacks: 'no',
      extra: 1,
    });
    expect(policy.adapters).toEqual([ADAPTER]);
    expect(policy).not.toHaveProperty('packs');
    expect(policy).not.toHaveProperty('classModel');
    expect(policy).not.toHaveProperty('appliedPack');
    expect(policy).not.toHaveProperty('allowUserPacks');
    expect(errors.map((e) => e.split(':')[0])).toEqual([
      'policy.extra',
      'policy.adapters.1',
      'policy.adapters.2',
      'policy.adapters.3',
      'policy.packs',
      'policy.appliedPack',
      'policy.classModel',
      'policy.allowUserPacks',
    ]);
    expect(errors[1]).toMatch(/^policy\.adapters\.1: not valid JSON/);
    expect(errors[2]).toBe('policy.adapters.2: expected an object (or a JSON string of one)');
  });

  it('checks each setting alone: a bad one costs only itself', () => {
    const { policy, errors } = readPolicy({
      settings: {
        autoFill: true,
        autoFillAt: 1.5,
        retentionDays: 30.5,
        maskPhones: false,
        remindBefore: [30, 120, 30],
        colour: 'red',
      },
    });
    expect(policy.settings).toEqual({ autoFill: true, maskPhones: false, remindBefore: [120, 30] });
    expect(errors.map((e) => e.split(':')[0])).toEqual([
      'policy.settings.autoFillAt',
      'policy.settings.retentionDays',
      'policy.settings.colour',
    ]);
    expect(readPolicy({ settings: '{"retentionDays": 90}' }).policy.settings).toEqual({ retentionDays: 90 });
    expect(readPolicy({ settings: { remindBefore: [0] } }).errors[0]).toMatch(/^policy\.settings\.remindBefore\.0: /);
  });

  it('keeps too long a list to its limit, saying so', () => {
    const { policy, errors } = readPolicy({ packs: Array.from({ length: 51 }, () => '{}') });
    expect(policy.packs).toHaveLength(50);
    expect(errors).toEqual(['policy.packs: more than 50 items; the rest are left out']);
  });
});

describe('effective settings', () => {
  it('takes the policy’s value if set, else the agent’s, else the default; the policy’s are locked', () => {
    expect(effectiveSettings({}, {})).toEqual({
      values: {
        autoFill: false,
        autoFillAt: undefined,
        retentionDays: undefined,
        revealPhones: false,
        remindBefore: undefined,
        language: 'auto',
      },
      locked: {
        autoFill: false,
        autoFillAt: false,
        retentionDays: false,
        revealPhones: false,
        remindBefore: false,
        language: false,
      },
      errors: [],
    });
    const local = { autoFill: true, autoFillAt: 0.7, retentionDays: 90, revealPhones: true };
    expect(effectiveSettings(local, {}).values).toMatchObject(local);
    const s = effectiveSettings(local, {
      settings: { autoFill: false, maskPhones: true, remindBefore: [60] },
      appliedPack: 'x',
    });
    expect(s.values).toEqual({
      autoFill: false,
      autoFillAt: 0.7,
      retentionDays: 90,
      revealPhones: false,
      remindBefore: [60],
      language: 'auto',
    });
    expect(s.locked).toEqual({
      autoFill: true,
      autoFillAt: false,
      retentionDays: false,
      revealPhones: true,
      remindBefore: true,
      language: false,
    });
    // maskPhones false: full numbers, locked so.
    expect(effectiveSettings({}, { settings: { maskPhones: false } }).values.revealPhones).toBe(true);
  });

  it('ignores the agent’s values out of range, and leaves a bad policy setting to the agent, naming it', () => {
    expect(effectiveSettings({ autoFillAt: 7, retentionDays: 0, autoFill: 'yes' }, {}).values).toMatchObject({
      autoFillAt: undefined,
      retentionDays: undefined,
      autoFill: false,
    });
    const s = effectiveSettings({ retentionDays: 90 }, { settings: { retentionDays: 99_999 }, adapters: ['{'] });
    expect(s.values.retentionDays).toBe(90);
    expect(s.locked.retentionDays).toBe(false);
    expect(s.errors).toHaveLength(1); // the adapter's error is the catalog's to show
    expect(s.errors[0]).toMatch(/^policy\.settings\.retentionDays: /);
  });

  it('reads storage.managed and storage.local, and a browser without a policy store', async () => {
    wxtFakeBrowser.reset();
    const browser = wxtFakeBrowser as unknown as typeof wxtBrowser;
    await wxtFakeBrowser.storage.local.set({ autoFill: true, retentionDays: 30 });
    await wxtFakeBrowser.storage.managed.set({ settings: { retentionDays: 7 } });
    const s = await readSettings(browser);
    expect(s.values).toMatchObject({ autoFill: true, retentionDays: 7 });
    expect(s.locked).toMatchObject({ autoFill: false, retentionDays: true });
    // test/pages/fake-browser.ts has no storage.managed at all.
    expect((await readSettings(fakeBrowser({ autoFill: true }).browser)).values.autoFill).toBe(true);
  });
});

/** A page fake with a policy store. */
function withPolicy(local: Record<string, unknown>, managed: Record<string, unknown>) {
  const fb = fakeBrowser(local);
  const storage = (fb.browser as unknown as { storage: Record<string, unknown> }).storage;
  storage.managed = { get: async () => managed };
  return fb;
}
const noStore = {} as OptionsStore;

describe('locked settings on the pages', () => {
  let unmounts: (() => void)[] = [];
  afterEach(() => {
    unmounts.forEach((u) => u());
    unmounts = [];
  });

  it('shows the policy’s settings disabled, 「由中心策略设定」, and does not write them', async () => {
    const fb = withPolicy(
      { autoFill: false, revealPhones: true, retentionDays: 90 },
      { settings: { autoFill: true, retentionDays: 30, autoFillAt: 2 } },
    );
    const state = createOptionsState(fb.browser, noStore, { defaultRetentionDays: 365 });
    await state.load();
    const { root, unmount } = await mount(
      h(OptionsContext.Provider, { value: state }, h(Toggles, null), h(Retention, null)),
    );
    unmounts.push(unmount);
    const $ = (id: string) => root.querySelector(`[data-testid=${id}]`) as HTMLInputElement;
    expect($('auto-fill').checked).toBe(true);
    expect($('auto-fill').disabled).toBe(true);
    expect($('auto-fill').closest('label')!.textContent).toContain(LOCKED_TEXT);
    expect($('reveal-phones').checked).toBe(true); // the agent's: the policy does not set it
    expect($('reveal-phones').disabled).toBe(false);
    expect($('retention').value).toBe('30');
    expect($('retention').disabled).toBe(true);
    expect($('policy-settings-errors').textContent).toContain('policy.settings.autoFillAt');
    await state.setAutoFill(false);
    await state.setRetention('60');
    expect(fb.local).toMatchObject({ autoFill: false, retentionDays: 90 });
    expect(state.notice.value?.text).toContain(LOCKED_TEXT);
  });

  it('locks the threshold in 「分类学习」, and the panel and worklist follow the policy', async () => {
    const fb = withPolicy(
      { autoFillAt: 0.6, autoFill: false, revealPhones: true },
      { settings: { autoFillAt: 0.95, autoFill: true, maskPhones: true } },
    );
    const learning = createLearningState(
      fb.browser,
      { forget: () => {}, counts: async () => null } as unknown as LearningApi,
      { pack: DEFAULT_PACK },
    );
    await learning.load();
    expect(learning.threshold.value).toBe(0.95);
    expect(learning.thresholdLocked.value).toBe(true);
    await learning.setThreshold('0.7');
    expect(fb.local.autoFillAt).toBe(0.6);

    const panel = createPanelState(fb.browser);
    const stopPanel = panel.start();
    const worklist = createWorklistState(fb.browser, { openTickets: async () => [] } as never);
    const stopList = worklist.start();
    unmounts.push(stopPanel, stopList);
    await new Promise((r) => setTimeout(r, 10));
    expect(panel.autoFill.value).toBe(true);
    expect(panel.autoFillLocked.value).toBe(true);
    expect(worklist.revealPhones.value).toBe(false);
  });
});

describe('reminder points from the policy', () => {
  const MIN = 60_000;
  const start = Date.parse('2024-11-28T01:00:00Z');
  const clock = {
    code: 'resolve',
    label: '处理时限',
    startAt: new Date(start).toISOString(),
    dueAt: new Date(start + 240 * MIN).toISOString(),
  } as ClockResult;
  const due = start + 240 * MIN;
  const points = (before?: number[]) => {
    const out: number[] = [];
    for (let at = start; out.length < 5;) out.push((at = pointAfter(clock, at, before)));
    return out.map((p) => (p - due) / MIN);
  };

  it('replaces the due-soon point with the minutes before due; due and every 30 minutes after stay', () => {
    expect(points()).toEqual([-60, 0, 30, 60, 90]); // 75% of 4 hours
    expect(points([120, 30])).toEqual([-120, -30, 0, 30, 60]);
    expect(points([])).toEqual([0, 30, 60, 90, 120]);
    // A point before the clock started is left out.
    expect(points([300, 10])).toEqual([-10, 0, 30, 60, 90]);
  });
});

beforeEach(() => {
  document.body.innerHTML = '';
});
