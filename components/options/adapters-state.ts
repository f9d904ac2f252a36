import { computed, signal } from '@preact/signals';
import type { browser as wxtBrowser } from 'wxt/browser';
import type { ParsedAdapter, SiteAdapter } from '@/rules/sites/schema';
import { TICKET_FIELDS, type TicketField } from '@/rules/ticket';
import { originsOf, type AdapterEntry } from '@/utils/catalog/adapters';
import { t } from '@/utils/i18n';
import { fieldLabel as label } from '@/utils/i18n/labels';
import { disabledIds, LOCAL_KEYS, storedList } from '@/utils/catalog/stored';
import { PickReplySchema, TryReadReplySchema, type TryReadReply } from '@/utils/messages';
import { grantedOrigins, requestOrigins } from './access';
import { adapterCatalog, message, parseJsonText, readSources, userIndexes, watchCatalog } from './catalog';
import { checkHere, type Checker } from './check';
import { createConfirmation } from './confirmation';
import { downloadText } from './download';

type Browser = typeof wxtBrowser;

/** One adapter as the section lists it. */
export interface AdapterRow extends AdapterEntry {
  /** The origins it reads (scheme://host/*), each with whether access is granted (shipped ones: at install). */
  origins: { origin: string; granted: boolean }[];
  /** Active, added at run time, and some origin not granted: it reads nothing until the agent allows. */
  waiting: boolean;
  /** Its place in storage.local userAdapters ('user' entries only). */
  userIndex: number | null;
  /** Valid, but an entry of the same id before it (the policy's, or the agent's copy) takes its place. */
  hidden: boolean;
}

/** What the editor edits: a new adapter, one of the agent's own (by its place), or a shipped one (saved as a copy). */
export type EditTarget =
  { kind: 'new' } | { kind: 'user'; index: number; id: string } | { kind: 'bundled'; id: string };

export type TryView =
  | { error: string; errors: string[] }
  | {
      url: string;
      found: { field: string; label: string; value: string; foundBy: string }[];
      missing: { field: string; label: string; required: boolean; tried: string[] }[];
      /** The 挂起/解挂 rows, when the adapter has `pauses`. */
      pauses?: TryReadReply['pauses'];
    };

export interface PickView {
  field: TicketField;
  url: string;
  suggestions: { locator: Record<string, unknown>; reads: string }[];
}

export interface AdaptersDeps {
  bundled: readonly SiteAdapter[];
  download?: typeof downloadText;
  /** The whole check (schema and ReDoS); the page passes a worker (`checkInWorker`), by default it runs here. */
  checker?: Checker;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const pretty = (v: unknown) => JSON.stringify(v, null, 2);
/** The origins a JSON value's `matches` ask for, read without the full check (for try-read and pick). */
const originsOfRaw = (data: unknown) =>
  isObject(data) && Array.isArray(data.matches)
    ? originsOf(data.matches.filter((m): m is string => typeof m === 'string'))
    : [];

/**
 * The 「CRM 页面」 section: every adapter (shipped, the agent's own, the policy's) with its state,
 * problems and origins; the JSON editor with save, try-read and the field picker; enable, disable,
 * delete, export; and asking for host access. The background rebuilds its catalog on storage.onChanged.
 */
export function createAdaptersState(browser: Browser, deps: AdaptersDeps) {
  const download = deps.download ?? downloadText;
  const checker = deps.checker ?? checkHere;
  const entries = signal<AdapterRow[] | null>(null);
  const policyErrors = signal<string[]>([]);
  const allowUser = signal(true);
  const notice = signal<{ text: string; bad?: boolean } | null>(null);

  const editing = signal<EditTarget | null>(null);
  const text = signal('');
  const errors = signal<string[]>([]);
  const tryResult = signal<TryView | null>(null);
  const trying = signal(false);
  const picking = signal<TicketField | null>(null);
  const picks = signal<PickView | null>(null);
  const checking = signal(false);
  /** The last whole check, of exactly this text: a save already known to fail asks for no access. */
  let lastCheck: { text: string; result: ParsedAdapter } | null = null;
  let pendingChecks = 0;

  const deleting = signal<AdapterRow | null>(null);
  const deleteConfirm = createConfirmation();

  /** Origins known to be granted (from the last look): a save asks only for the others. */
  let granted = new Map<string, boolean>();
  let generation = 0;

  const say = (text: string, bad = false) => (notice.value = { text, bad });

  /** Entries waiting for access, and every origin they miss. */
  const waiting = computed(() => {
    const list = (entries.value ?? []).filter((e) => e.waiting);
    return {
      entries: list,
      origins: [...new Set(list.flatMap((e) => e.origins.filter((o) => !o.granted).map((o) => o.origin)))],
    };
  });

  /** The editor's JSON, if it parses: its fields (for the picker buttons). */
  const editorJson = computed(() => {
    const r = parseJsonText(text.value);
    return r.ok && isObject(r.data) ? r.data : null;
  });
  const editorFields = computed<TicketField[]>(() => {
    const f = editorJson.value?.fields;
    return isObject(f)
      ? (Object.keys(f).filter((k) => (TICKET_FIELDS as readonly string[]).includes(k)) as TicketField[])
      : [];
  });
  const missingFields = computed(() => TICKET_FIELDS.filter((f) => !editorFields.value.includes(f)));

  async function load() {
    const mine = ++generation;
    try {
      const sources = await readSources(browser);
      const list = adapterCatalog(sources, deps.bundled);
      // The shipped adapters' origins too: granted at install (content_scripts), so a try-read or a
      // saved copy of one asks for nothing.
      const known = await grantedOrigins(
        browser,
        list.flatMap((e) => (e.adapter ? originsOf(e.adapter.matches) : [])),
      );
      if (mine !== generation) return; // a later load has begun
      granted = known;
      const indexes = userIndexes(list);
      entries.value = list.map((e, n) => {
        const hidden = e.adapter !== null && list.slice(0, n).some((b) => b.id === e.id && b.adapter !== null);
        const origins = e.adapter
          ? originsOf(e.adapter.matches).map((origin) => ({
              origin,
              granted: e.source === 'bundled' || known.get(origin) === true,
            }))
          : [];
        return {
          ...e,
          origins,
          waiting: e.active && e.source !== 'bundled' && origins.some((o) => !o.granted),
          userIndex: indexes.get(e) ?? null,
          hidden,
        };
      });
      policyErrors.value = sources.policyErrors;
      allowUser.value = sources.policy.allowUserAdapters !== false;
    } catch (e) {
      say(t('adapters.readFailed', { error: message(e) }), true);
    }
  }

  function openEditor(target: EditTarget, value: string, opts: { prepare?: boolean } = {}) {
    editing.value = target;
    text.value = value;
    errors.value = [];
    tryResult.value = null;
    picks.value = null;
    notice.value = null;
    // Check it now (in the worker, on the page), so 保存 finds the verdict ready; a stored adapter
    // that a later check refuses shows its problems at once.
    if (opts.prepare)
      void check(value).then((r) => {
        if (!r.ok && text.value === value && editing.value === target) errors.value = r.errors;
      });
  }

  /** Check the text whole: the adapter, or every problem by its path (remembered for this text). */
  async function check(value: string): Promise<ParsedAdapter> {
    if (lastCheck?.text === value) return lastCheck.result;
    const json = parseJsonText(value);
    checking.value = ++pendingChecks > 0;
    try {
      const result: ParsedAdapter = json.ok ? await checker.adapter(json.data) : { ok: false, errors: [json.error] };
      lastCheck = { text: value, result };
      return result;
    } catch (e) {
      return { ok: false, errors: [`(adapter): cannot be checked: ${message(e)}`] };
    } finally {
      checking.value = --pendingChecks > 0;
    }
  }

  /** Why this adapter may not be saved as the editor targets it, or null; by its id alone, so before the full check. */
  function conflict(id: string, target: EditTarget): string | null {
    if (!allowUser.value) return t('adapters.policyOnly');
    const list = entries.value ?? [];
    if (list.some((e) => e.source === 'policy' && e.id === id)) return t('adapters.idByPolicy', { id });
    const other = list.find(
      (e) => e.source === 'user' && e.id === id && !(target.kind === 'user' && e.userIndex === target.index),
    );
    if (other) return t('adapters.idTaken', { id, name: other.name });
    return null;
  }

  async function writeUser(change: (list: unknown[]) => unknown[]) {
    const v = await browser.storage.local.get(LOCAL_KEYS.adapters);
    await browser.storage.local.set({ [LOCAL_KEYS.adapters]: change(storedList(v[LOCAL_KEYS.adapters])) });
  }

  async function writeDisabled(change: (list: string[]) => string[]) {
    const v = await browser.storage.local.get(LOCAL_KEYS.disabled);
    await browser.storage.local.set({ [LOCAL_KEYS.disabled]: change(disabledIds(v[LOCAL_KEYS.disabled])) });
  }

  /** Show a check's outcome in the editor, of a file read or of the box. */
  function showCheck(r: ParsedAdapter, file: boolean): boolean {
    errors.value = r.ok ? [] : r.errors;
    if (r.ok) say(t(file ? 'adapters.fileRead' : 'adapters.checkedOk', { name: r.adapter.name }));
    else say(t(file ? 'adapters.fileProblems' : 'adapters.problems', { n: r.errors.length }), true);
    return r.ok;
  }

  /** The origins of `origins` not known to be granted. */
  const notGranted = (origins: readonly string[]) => origins.filter((o) => granted.get(o) !== true);

  /** Ask (synchronously) for what the editor's adapter needs, then wait for the answer. */
  function askFor(data: unknown): Promise<boolean> {
    return requestOrigins(browser, notGranted(originsOfRaw(data)));
  }

  return {
    entries,
    policyErrors,
    allowUser,
    notice,
    editing,
    text,
    errors,
    tryResult,
    trying,
    picking,
    picks,
    checking,
    deleting,
    deleteConfirm,
    waiting,
    editorFields,
    missingFields,
    load,

    /** Keep the list current when the policy or the stored lists change elsewhere; returns the stop function. */
    watch: () => {
      const stopStorage = watchCatalog(browser, () => void load());
      const onPermissions = () => void load();
      const events = [browser.permissions?.onAdded, browser.permissions?.onRemoved].filter((e) => e !== undefined);
      events.forEach((e) => e.addListener(onPermissions));
      return () => {
        stopStorage();
        events.forEach((e) => e.removeListener(onPermissions));
      };
    },

    /** An empty editor with a skeleton to fill in. */
    startNew() {
      openEditor(
        { kind: 'new' },
        pretty({
          id: 'my-crm',
          name: t('adapters.skeletonName'),
          matches: ['https://crm.example.cn/ticket/*'],
          fields: { id: { required: true, locators: [{ label: '工单编号' }] } },
        }),
      );
    },

    /** Edit an entry: the agent's own in place; a shipped one becomes the agent's copy when saved. Policy items are locked. */
    startEdit(e: AdapterRow) {
      if (e.locked) return void say(t('adapters.lockedEdit', { name: e.name, locked: t('common.locked') }), true);
      // A shipped adapter hidden by the agent's copy: edit the copy.
      const copy =
        e.source === 'bundled' ? entries.value?.find((u) => u.source === 'user' && u.id === e.id) : undefined;
      const target = copy ?? e;
      openEditor(
        target.source === 'user'
          ? { kind: 'user', index: target.userIndex!, id: target.id }
          : { kind: 'bundled', id: target.id },
        pretty(target.raw),
        { prepare: true },
      );
    },

    /** A .json file chosen: into the editor, pretty printed when it parses, and checked whole. Saved only by 保存. */
    async importText(value: string): Promise<boolean> {
      const json = parseJsonText(value);
      openEditor({ kind: 'new' }, json.ok ? pretty(json.data) : value);
      return showCheck(await check(text.value), true);
    },

    /** Check the editor's JSON whole without saving: every problem by its path. */
    async check(): Promise<boolean> {
      return showCheck(await check(text.value), false);
    },

    setText(value: string) {
      text.value = value;
    },

    close() {
      editing.value = null;
      errors.value = [];
      tryResult.value = null;
      picks.value = null;
      picking.value = null;
    },

    /**
     * Save the editor's adapter; a broken one is refused, every problem named, the text kept. Call
     * from the click handler: when the adapter's origins are not all granted, access is requested
     * before anything is awaited (the click's user gesture), from the origins its JSON names; the
     * whole check (which may take seconds on a new pattern) comes after.
     */
    save(): Promise<boolean> {
      const target = editing.value;
      if (!target) return Promise.resolve(false);
      const value = text.value;
      const json = parseJsonText(value);
      const known = lastCheck?.text === value ? lastCheck.result : null;
      const refuse = (list: string[], why: string) => {
        errors.value = list;
        say(why, true);
        return Promise.resolve(false);
      };
      if (!json.ok) return refuse([json.error], t('adapters.notSaved', { n: 1 }));
      if (known && !known.ok) return refuse(known.errors, t('adapters.notSaved', { n: known.errors.length }));
      const id = isObject(json.data) && typeof json.data.id === 'string' ? json.data.id : null;
      const why = id === null ? null : conflict(id, target);
      if (why) return refuse([], t('adapters.conflict', { why }));
      // Within the gesture: only what the JSON names, and only what is not granted already.
      const origins = originsOfRaw(json.data);
      const asked = notGranted(origins);
      const grant = requestOrigins(browser, asked);
      const data = json.data;
      return (async () => {
        const r = await check(value);
        if (!r.ok) {
          errors.value = r.errors;
          say(t('adapters.notSaved', { n: r.errors.length }), true);
          return false;
        }
        errors.value = [];
        const adapter = r.adapter;
        try {
          let index = target.kind === 'user' ? target.index : -1;
          await writeUser((list) => {
            if (index >= 0 && index < list.length) list[index] = data;
            else {
              index = list.length;
              list.push(data);
            }
            return list;
          });
          await load();
          editing.value = { kind: 'user', index, id: adapter.id };
          const hides = (entries.value ?? []).some((e) => e.source === 'bundled' && e.id === adapter.id);
          const saved = t(hides ? 'adapters.savedCopy' : 'adapters.saved', { name: adapter.name });
          const missing = () => originsOf(adapter.matches).filter((o) => granted.get(o) !== true);
          const tell = (answered: boolean) => {
            const still = missing();
            const origins = still.join(t('common.listSep'));
            say(
              still.length
                ? t(answered ? 'adapters.savedNotGrantedAsk' : 'adapters.savedNotGranted', { saved, origins })
                : saved,
              still.length > 0,
            );
          };
          tell(false);
          // The agent answers the prompt when they will: the list follows then, without holding the save.
          if (asked.length)
            void grant.then(async () => {
              await load();
              if (notice.value?.text.startsWith(saved)) tell(true);
            });
          return true;
        } catch (e) {
          say(t('adapters.saveFailed', { error: message(e) }), true);
          return false;
        }
      })();
    },

    /** Stop or resume using an adapter (by id, in storage.local disabledAdapters); policy items are locked. */
    async setEnabled(e: AdapterRow, on: boolean): Promise<boolean> {
      const id = e.id;
      if (e.locked) {
        say(t('adapters.lockedDisable', { name: e.name, locked: t('common.locked') }), true);
        return false;
      }
      try {
        await writeDisabled((list) => (on ? list.filter((d) => d !== id) : list.includes(id) ? list : [...list, id]));
        await load();
        say(t(on ? 'adapters.enabled' : 'adapters.disabled', { name: e.name }));
        return true;
      } catch (err) {
        say(t('adapters.saveFailed', { error: message(err) }), true);
        return false;
      }
    },

    /** Open the delete confirmation for one of the agent's own adapters. */
    askDelete(e: AdapterRow) {
      if (e.locked) return void say(t('adapters.lockedDelete', { name: e.name, locked: t('common.locked') }), true);
      if (e.source !== 'user') return void say(t('adapters.bundledDelete'), true);
      deleting.value = e;
      deleteConfirm.ask();
    },

    /** Delete the adapter the confirmation is open for (once the word is typed). */
    async remove(): Promise<boolean> {
      const e = deleting.value;
      if (!e || e.userIndex === null || !deleteConfirm.take()) return false;
      deleting.value = null;
      try {
        const at = e.userIndex;
        await writeUser((list) => list.filter((_, i) => i !== at));
        const open = editing.value;
        if (open?.kind === 'user' && open.index === at) editing.value = null;
        else if (open?.kind === 'user' && open.index > at) editing.value = { ...open, index: open.index - 1 };
        await load();
        const back = entries.value?.some((b) => b.source === 'bundled' && b.id === e.id);
        say(t('adapters.deleted', { name: e.name, back: back ? t('adapters.backToBundled') : '' }));
        return true;
      } catch (err) {
        say(t('adapters.deleteFailed', { error: message(err) }), true);
        return false;
      }
    },

    cancelDelete() {
      deleting.value = null;
      deleteConfirm.cancel();
    },

    /** Download an adapter's JSON as stored. */
    exportEntry(e: AdapterRow) {
      download(`${pretty(e.raw)}\n`, `${e.id}.json`, 'application/json');
      say(t('adapters.exported', { file: `${e.id}.json` }));
    },

    /** Ask, in one prompt, for every origin the waiting entries miss. Call from the click handler. */
    grantAll(): Promise<boolean> {
      const origins = waiting.value.origins;
      if (!origins.length) return Promise.resolve(true);
      const grant = requestOrigins(browser, origins);
      return grant.then(async (ok) => {
        await load();
        say(ok ? t('adapters.allowed', { origins: origins.join(t('common.listSep')) }) : t('adapters.denied'), !ok);
        return ok;
      });
    },

    /**
     * Read the open page with the editor's adapter (saved or not): each field, its value and the
     * locator that won; for a missing field, why each locator missed. Call from the click handler:
     * access the adapter still needs is requested first.
     */
    tryRead(): Promise<void> {
      const json = parseJsonText(text.value);
      if (!json.ok) {
        tryResult.value = { error: json.error, errors: [] };
        return Promise.resolve();
      }
      const grant = askFor(json.data);
      trying.value = true;
      tryResult.value = null;
      return (async () => {
        try {
          await grant;
          const reply: unknown = await browser.runtime.sendMessage({ type: 'try-read', adapter: json.data });
          tryResult.value = tryView(reply, json.data);
          if (!('error' in tryResult.value)) void load(); // access may have been granted
        } catch (e) {
          tryResult.value = { error: t('adapters.tryFailed', { error: message(e) }), errors: [] };
        } finally {
          trying.value = false;
        }
      })();
    },

    /**
     * Let the agent click a field's value on the open page; the background answers with locators,
     * best first. Call from the click handler (access is requested first).
     */
    pick(field: TicketField): Promise<void> {
      const json = parseJsonText(text.value);
      if (!json.ok) {
        say(t('adapters.pickBadJson', { error: json.error }), true);
        return Promise.resolve();
      }
      const grant = askFor(json.data);
      picking.value = field;
      picks.value = null;
      say(t('adapters.pickNow', { field: label(field) }));
      return (async () => {
        try {
          await grant;
          const prompt = t('adapters.pickPrompt', { field: label(field) });
          const reply: unknown = await browser.runtime.sendMessage({
            type: 'pick-field',
            adapter: json.data,
            field,
            prompt,
          });
          const picked = isObject(reply) ? PickReplySchema.safeParse(reply.picked) : null;
          if (picked?.success) {
            picks.value = { field, url: picked.data.url, suggestions: picked.data.suggestions };
            say(
              picked.data.suggestions.length
                ? t('adapters.picked', { field: label(field), n: picked.data.suggestions.length })
                : t('adapters.pickedNone', { field: label(field) }),
              picked.data.suggestions.length === 0,
            );
          } else say(errorOf(reply) ?? t('adapters.noPickAnswer'), true);
        } catch (e) {
          say(t('adapters.pickFailed', { error: message(e) }), true);
        } finally {
          picking.value = null;
        }
      })();
    },

    /** Write a suggestion as the first locator of its field in the editor's JSON (adding the field if absent). */
    choose(index: number): boolean {
      const p = picks.value;
      const s = p?.suggestions[index];
      if (!p || !s) return false;
      const json = parseJsonText(text.value);
      if (!json.ok || !isObject(json.data)) {
        say(t('adapters.chooseBadJson'), true);
        return false;
      }
      const data = json.data;
      if (data.fields === undefined) data.fields = {};
      if (!isObject(data.fields)) {
        say(t('adapters.chooseBadFields'), true);
        return false;
      }
      const spec = data.fields[p.field];
      const same = (l: unknown) => JSON.stringify(l) === JSON.stringify(s.locator);
      if (isObject(spec))
        spec.locators = [s.locator, ...(Array.isArray(spec.locators) ? spec.locators.filter((l) => !same(l)) : [])];
      else data.fields[p.field] = { locators: [s.locator] };
      text.value = pretty(data);
      picks.value = null;
      say(
        t('adapters.chosen', {
          locator: JSON.stringify(s.locator),
          field: label(p.field),
          reads: s.reads || t('common.empty'),
        }),
      );
      return true;
    },
  };
}

const errorOf = (reply: unknown): string | null =>
  isObject(reply) && typeof reply.error === 'string' ? reply.error : null;

/** The background's answer to 'try-read', shown field by field in the adapter's order. */
function tryView(reply: unknown, adapter: unknown): TryView {
  const error = errorOf(reply);
  if (error !== null) {
    const list =
      isObject(reply) && Array.isArray(reply.errors)
        ? reply.errors.filter((e): e is string => typeof e === 'string')
        : [];
    return { error, errors: list };
  }
  const r = isObject(reply) ? TryReadReplySchema.safeParse(reply.reading) : null;
  if (!r?.success) return { error: t('adapters.noTryAnswer'), errors: [] };
  const fields = isObject(adapter) && isObject(adapter.fields) ? Object.keys(adapter.fields) : [];
  const order = [...new Set([...fields, ...Object.keys(r.data.fields)])];
  return {
    url: r.data.url,
    found: order
      .filter((f) => r.data.fields[f] !== undefined)
      .map((field) => ({
        field,
        label: label(field),
        value: r.data.fields[field]!,
        foundBy: r.data.foundBy[field] ?? '',
      })),
    missing: r.data.missing.map((m) => ({
      field: m.field,
      label: label(m.field),
      required: m.required,
      tried: m.tried,
    })),
    ...(r.data.pauses ? { pauses: r.data.pauses } : {}),
  };
}

export type AdaptersState = ReturnType<typeof createAdaptersState>;
