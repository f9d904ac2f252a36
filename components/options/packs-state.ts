import { signal } from '@preact/signals';
import type { browser as wxtBrowser } from 'wxt/browser';
import type { Pack } from '@/rules/pack/schema';
import type { PackEntry } from '@/utils/catalog/packs';
import { LOCAL_KEYS, storedList } from '@/utils/catalog/stored';
import { t } from '@/utils/i18n';
import {
  message,
  packCatalog,
  parseJsonText,
  readSources,
  userIndexes,
  watchCatalog,
  type AppliedPack,
} from './catalog';
import { checkHere, type Checker } from './check';
import { createConfirmation } from './confirmation';
import { downloadText } from './download';

type Browser = typeof wxtBrowser;

export interface PackRow extends PackEntry {
  /** Its place in storage.local userPacks ('user' entries only). */
  userIndex: number | null;
  /** Usable: it can be applied. */
  usable: boolean;
}

export interface PacksDeps {
  bundled: readonly Pack[];
  download?: typeof downloadText;
  /** The whole check of a pack file; the page passes a worker (`checkInWorker`), by default it runs here. */
  checker?: Checker;
  /** The applied pack (or its model) changed: the page rebuilds what depends on it (the learning). */
  onApplied?: (applied: AppliedPack) => void;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The 「规则包」 section: the packs this browser can apply (shipped, imported, the policy's), which
 * one applies and why, choosing it (locked when the policy chooses), importing a pack file (a
 * `model` in it is checked against the pack), deleting imported ones, export.
 */
export function createPacksState(browser: Browser, deps: PacksDeps) {
  const download = deps.download ?? downloadText;
  const checker = deps.checker ?? checkHere;
  const importing = signal(false);
  const entries = signal<PackRow[] | null>(null);
  const applied = signal<AppliedPack | null>(null);
  const allowUser = signal(true);
  const policyErrors = signal<string[]>([]);
  const notice = signal<{ text: string; bad?: boolean } | null>(null);
  const importErrors = signal<string[]>([]);
  const deleting = signal<PackRow | null>(null);
  const deleteConfirm = createConfirmation();
  let generation = 0;

  const say = (t: string, bad = false) => (notice.value = { text: t, bad });

  async function load() {
    const mine = ++generation;
    try {
      const sources = await readSources(browser);
      const built = packCatalog(sources, deps.bundled);
      if (mine !== generation) return;
      const indexes = userIndexes(built.entries);
      entries.value = built.entries.map((e) => ({ ...e, userIndex: indexes.get(e) ?? null, usable: e.pack !== null }));
      allowUser.value = sources.policy.allowUserPacks !== false;
      policyErrors.value = built.errors;
      const before = applied.value;
      applied.value = built.applied;
      // A pack read again is a new object: compare by what the learning depends on.
      if (before && appliedKey(before) !== appliedKey(built.applied)) deps.onApplied?.(built.applied);
    } catch (e) {
      say(t('packs.readFailed', { error: message(e) }), true);
    }
  }

  const readUser = async () => storedList((await browser.storage.local.get(LOCAL_KEYS.packs))[LOCAL_KEYS.packs]);

  return {
    entries,
    applied,
    allowUser,
    policyErrors,
    notice,
    importErrors,
    importing,
    deleting,
    deleteConfirm,
    load,
    watch: () => watchCatalog(browser, () => void load()),

    /** Apply this pack (storage.local appliedPack); refused when the policy chooses, or the pack has problems. */
    async choose(id: string): Promise<boolean> {
      const a = applied.value;
      if (a?.locked) {
        say(t('packs.lockedChoice', { locked: t('common.locked') }), true);
        return false;
      }
      const e = entries.value?.find((p) => p.id === id && p.usable);
      if (!e) {
        say(t('packs.badChoice', { id }), true);
        return false;
      }
      try {
        await browser.storage.local.set({ [LOCAL_KEYS.applied]: id });
        await load();
        say(t('packs.chosen', { name: e.name, version: e.version }));
        return true;
      } catch (err) {
        say(t('packs.saveFailed', { error: message(err) }), true);
        return false;
      }
    },

    /**
     * A pack file: checked whole (the pack, and a `model` in it against the pack), every problem by
     * its path; a file with problems is not kept. The same id as an imported pack replaces it.
     */
    async importText(text: string): Promise<boolean> {
      importErrors.value = [];
      const json = parseJsonText(text);
      if (!json.ok) {
        importErrors.value = [json.error];
        say(t('packs.cannotImport'), true);
        return false;
      }
      if (!allowUser.value) {
        say(t('packs.policyOnly'), true);
        return false;
      }
      let checked: PackEntry;
      importing.value = true;
      try {
        checked = await checker.pack(json.data);
      } catch (e) {
        importErrors.value = [`(pack): cannot be checked: ${message(e)}`];
        say(t('packs.cannotImport'), true);
        return false;
      } finally {
        importing.value = false;
      }
      if (checked.errors.length || !checked.pack) {
        importErrors.value = checked.errors.length ? checked.errors : ['(pack): not a rule pack'];
        say(t('packs.problems', { n: importErrors.value.length }), true);
        return false;
      }
      const list = entries.value ?? [];
      if (list.some((p) => p.source === 'policy' && p.id === checked.id)) {
        say(t('packs.idByPolicy', { id: checked.id }), true);
        return false;
      }
      try {
        const stored = await readUser();
        const at = (entries.value ?? []).find((p) => p.source === 'user' && p.id === checked.id)?.userIndex ?? -1;
        if (at >= 0 && at < stored.length) stored[at] = json.data;
        else stored.push(json.data);
        await browser.storage.local.set({ [LOCAL_KEYS.packs]: stored });
        await load();
        const shipped = list.some((p) => p.source === 'bundled' && p.id === checked.id);
        say(
          t('packs.imported', { name: checked.name, version: checked.version }) +
            (checked.model ? t('packs.importedModel') : '') +
            (at >= 0 ? t('packs.importedReplaced') : shipped ? t('packs.importedOverBundled') : ''),
        );
        return true;
      } catch (e) {
        say(t('packs.importFailed', { error: message(e) }), true);
        return false;
      }
    },

    askDelete(e: PackRow) {
      if (e.locked) return void say(t('packs.lockedDelete', { name: e.name, locked: t('common.locked') }), true);
      if (e.source !== 'user') return void say(t('packs.bundledDelete'), true);
      deleting.value = e;
      deleteConfirm.ask();
    },

    cancelDelete() {
      deleting.value = null;
      deleteConfirm.cancel();
    },

    /** Delete the imported pack the confirmation is open for; the agent's choice of it is forgotten. */
    async remove(): Promise<boolean> {
      const e = deleting.value;
      if (!e || e.userIndex === null || !deleteConfirm.take()) return false;
      deleting.value = null;
      try {
        const stored = await readUser();
        await browser.storage.local.set({ [LOCAL_KEYS.packs]: stored.filter((_, i) => i !== e.userIndex) });
        const chosen = (await browser.storage.local.get(LOCAL_KEYS.applied))[LOCAL_KEYS.applied];
        const stillThere = (entries.value ?? []).some(
          (p) => p !== e && p.id === e.id && p.usable && p.source !== 'user',
        );
        if (chosen === e.id && !stillThere) await browser.storage.local.remove(LOCAL_KEYS.applied);
        await load();
        say(t('packs.deleted', { name: e.name }));
        return true;
      } catch (err) {
        say(t('packs.deleteFailed', { error: message(err) }), true);
        return false;
      }
    },

    /** Download a pack as stored (an imported one with its model). */
    exportEntry(e: PackRow) {
      const raw = isObject(e.raw) ? e.raw : e.pack;
      download(`${JSON.stringify(raw, null, 2)}\n`, `${e.id}-${e.version}.json`, 'application/json');
      say(t('packs.exported', { file: `${e.id}-${e.version}.json` }));
    },
  };
}

/** What the learning depends on: the pack (source, id, version) and the model it starts from. */
const appliedKey = (a: AppliedPack) =>
  [
    a.entry.source,
    a.pack.id,
    a.pack.version,
    a.model ? `${a.model.pack.id}@${a.model.pack.version}:${a.model.class.examples.join(',')}` : '-',
  ].join('|');

export type PacksState = ReturnType<typeof createPacksState>;
