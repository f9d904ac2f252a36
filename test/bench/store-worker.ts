// Runs inside the extension's service worker, where the store lives (store.ts bundles it and
// evaluates it there): fills a database through the store's own schema, then times the store's
// history lookups, a naive full scan for the same lookups, and the reminders' alarm rebuild.
import Dexie from 'dexie';
import type { browser as wxtBrowser } from 'wxt/browser';
import { evaluate } from '@/rules/engine/evaluate';
import { packs } from '@/rules/packs';
import type { Ticket } from '@/rules/ticket';
import { parseCrmTime } from '@/rules/time/parse';
import { nextReminder, planReminders } from '@/utils/background/reminder-plan';
import { createReminders } from '@/utils/background/reminders';
import { areaKey, customerOf, historyRanges, historyRow } from '@/utils/db/history';
import { createStore, storedTicket } from '@/utils/db/store';
import { ticketKey, type StoredTicket } from '@/utils/db/types';
import { prng } from '../prng';
import { generateTickets } from './tickets';

const pack = packs['china-telecom']!;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ADAPTER = 'demo-heavy';
const SHOWN_AHEAD = 30 * 60_000;

type Fields = StoredTicket['fields'];
interface Query {
  fields: Fields;
  category: string | null;
}

export interface PopulateOptions {
  dbName: string;
  count: number;
  /** Tickets are accepted over this many days before `now`. */
  days: number;
  /** Older tickets are done (the agent finished them); newer ones are open unless the CRM closed them. */
  openDays: number;
  now: number;
  chunk: number;
  queries: number;
  checked: number;
}

let queries: Query[] = [];

/** The ticket `recordSeen` would store for this reading, built directly so 200,000 fit in seconds. */
function stored(t: Ticket, seenAt: number, o: PopulateOptions): StoredTicket {
  const fields = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, String(v)])) as Fields;
  const verdict = evaluate(fields, pack, [], seenAt);
  const row = storedTicket(
    { adapterId: ADAPTER, url: `http://127.0.0.1/heavy/?id=${fields.id}`, fields, verdict, now: seenAt },
    fields.id!,
  );
  if (row.done) return row; // closed by the CRM
  if (row.acceptedAt < o.now - o.openDays * DAY) return { ...row, done: 1, doneAt: seenAt, doneBy: 'agent' }; // the agent finished the older ones
  // Steady state: every reminder up to a while past now was shown (filling the store takes a
  // minute or more), so the rebuild arms a future alarm and shows none.
  const shownUntil = o.now + SHOWN_AHEAD;
  row.remindedAt = Object.fromEntries(
    verdict.clocks.filter((c) => c.stoppedAt === undefined).map((c) => [c.code, shownUntil]),
  );
  return row;
}

/**
 * Tickets and their history rows, as `recordSeen` writes them, but no event log: that (a small row
 * or two per ticket) would add half again to the insert time and nothing to the lookups or the
 * rebuild. Each chunk is built while the one before is written.
 */
async function populate(o: PopulateOptions) {
  const t0 = performance.now();
  const tickets = generateTickets(o.count, 20261128, { now: o.now, days: o.days });
  const r = prng(7);
  const store = createStore(o.dbName);
  const every = Math.floor(o.count / o.queries);
  queries = [];
  let open = 0;
  let writing: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < tickets.length; i += o.chunk) {
    const rows = tickets.slice(i, i + o.chunk).map((t, j) => {
      const accepted = parseCrmTime(String(t.acceptedAt));
      // Seen within hours of acceptance, or some time in the period when the CRM gave no time.
      const seenAt = accepted.ok ? Math.min(accepted.ms + r() * 4 * HOUR, o.now) : o.now - r() * o.days * DAY;
      const row = stored(t, seenAt, o);
      open += 1 - row.done;
      if ((i + j) % every === 0) queries.push({ fields: row.fields, category: row.verdict.category?.code ?? null });
      return row;
    });
    await writing;
    const { tickets: all, history } = store.db;
    writing = store.db.transaction('rw', all, history, () =>
      Promise.all([all.bulkPut(rows), history.bulkPut(rows.map(historyRow))]),
    );
  }
  await writing;
  const count = await store.db.tickets.count();
  store.close();
  return { stored: count, open, ms: performance.now() - t0, ...(await checkRows(o.dbName, o.checked)) };
}

/** The store's own `recordSeen`, given the same readings in a scratch database, indexes them alike and writes the same history rows. */
async function checkRows(dbName: string, count: number) {
  const bench = createStore(dbName);
  const scratch = createStore(`${dbName}-check`);
  const indexed = (t: StoredTicket, crmClosed: boolean, h: unknown) =>
    JSON.stringify([t.key, t.customer, t.category, t.area, t.acceptedAt, t.day, crmClosed, h]);
  let same = 0;
  for (const q of queries.slice(0, count)) {
    const key = ticketKey(ADAPTER, q.fields.id!);
    const row = (await bench.db.tickets.get(key))!;
    const t = await scratch.recordSeen({
      adapterId: ADAPTER,
      url: row.url,
      fields: row.fields,
      verdict: row.verdict,
      now: row.lastSeen,
    });
    if (
      t &&
      indexed(t, t.done === 1, await scratch.db.history.get(key)) ===
        indexed(row, row.doneBy === 'crm-status', await bench.db.history.get(key))
    )
      same++;
  }
  bench.close();
  scratch.close();
  await Dexie.delete(`${dbName}-check`);
  return { checked: Math.min(count, queries.length), same };
}

/** The windows `historyFor` reads, as the pack sets them: the same customer's and the same class's (and area's). */
function windows(q: Query, now: number) {
  const read = parseCrmTime(q.fields.acceptedAt);
  const at = read.ok ? read.ms : now;
  const area = areaKey(q.fields.area);
  return {
    at,
    area,
    customer: customerOf(q.fields),
    sinceRepeat: at - pack.history.repeat.windowDays * DAY,
    sinceGroup: at - pack.history.group.windowHours * HOUR,
  };
}

/**
 * Each query's history lookup, timed on its own after a few to warm up; and, to show where the
 * time goes, the same index ranges read as keys only (finding them without reading the rows).
 */
async function lookups(dbName: string, now: number) {
  const store = createStore(dbName);
  const h = store.db.history;
  for (const q of queries.slice(0, 10)) await store.historyFor(q.fields, q.category, pack, now);
  const ms: number[] = [];
  const keysMs: number[] = [];
  let rows = 0;
  for (const q of queries) {
    let t0 = performance.now();
    rows += (await store.historyFor(q.fields, q.category, pack, now)).length;
    ms.push(performance.now() - t0);
    t0 = performance.now();
    await store.db.transaction('r', h, () =>
      Promise.all(historyRanges(h, q.fields, q.category, pack, now).map((r) => r.primaryKeys())),
    );
    keysMs.push(performance.now() - t0);
  }
  store.close();
  return { ms, keysMs, rows };
}

/**
 * The peer: what a store without the compound indexes would do for the same lookups, a scan of
 * every ticket with `.filter()`. Also checks that it finds as many tickets as `historyFor`.
 */
async function scans(dbName: string, now: number, count: number) {
  const store = createStore(dbName);
  const ms: number[] = [];
  let agree = 0;
  for (const q of queries.slice(0, count)) {
    const w = windows(q, now);
    const t0 = performance.now();
    const found = await store.db.tickets
      .filter(
        (t) =>
          t.id !== q.fields.id &&
          t.acceptedAt <= w.at &&
          ((w.customer !== undefined && t.customer === w.customer && t.acceptedAt >= w.sinceRepeat) ||
            (q.category !== null &&
              t.category === q.category &&
              t.acceptedAt >= w.sinceGroup &&
              (!w.area || !areaKey(t.area) || areaKey(t.area) === w.area))),
      )
      .toArray();
    ms.push(performance.now() - t0);
    if (found.length === (await store.historyFor(q.fields, q.category, pack, now)).length) agree++;
  }
  store.close();
  return { ms, agree };
}

/**
 * The reminders' full rebuild over the open tickets, as after a worker restart: its time, the open
 * clocks with a reminder ahead (each held an alarm of its own before), the alarms Chromium then
 * holds, whether the one is set for the plan's next point, and what it complained of; then it goes.
 */
async function rebuild(dbName: string, now: number) {
  const store = createStore(dbName);
  const api = (globalThis as unknown as { chrome: typeof wxtBrowser }).chrome;
  const reminders = createReminders({ browser: api, store, now: () => now });
  const open = await store.openTickets();
  let clocks = 0;
  for (const t of open) for (const c of t.verdict.clocks) if (nextReminder(t, c) !== null) clocks++;
  const { wake } = planReminders(open, now);
  // The rebuild logs its failures rather than throwing them: keep the first to report.
  const warn = console.warn;
  let complaint = 'none';
  console.warn = (...a: unknown[]) => void (complaint === 'none' && (complaint = a.map(String).join(' ')));
  const t0 = performance.now();
  try {
    await reminders.reschedule();
  } finally {
    console.warn = warn;
  }
  const ms = performance.now() - t0;
  const held = await api.alarms.getAll();
  await api.alarms.clearAll();
  store.close();
  return { ms, clocks, alarms: held.length, atNext: held.length === 1 && held[0]!.scheduledTime === wake, complaint };
}

async function usage(): Promise<number> {
  return (await navigator.storage.estimate()).usage ?? 0;
}

const storeBench = { populate, lookups, scans, rebuild, usage, remove: (dbName: string) => Dexie.delete(dbName) };
export type StoreBench = typeof storeBench;
Object.assign(globalThis, { storeBench });
