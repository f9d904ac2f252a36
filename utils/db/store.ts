import Dexie from 'dexie';
import type { PauseSeen } from './pauses-seen';
import type { Pack } from '@/rules/pack/schema';
import type { TicketField } from '@/rules/ticket';
import { parseCrmTime } from '@/rules/time/parse';
import { addDaysToKey, dateKey, toIso } from '@/rules/time/shanghai';
import type { Verdict } from '@/rules/verdict';
import { t as tr } from '@/utils/i18n';
import { ticketsCsv } from './csv';
import { computeFigures } from './figures';
import { customerOf, historyRanges, historyRow } from './history';
import { DB_NAME, SidekickDb } from './schema';
import { EXPORT_FORMAT, EXPORT_VERSION, parseExport, type ExportFile } from './transfer';
import {
  ticketKey,
  type DoneBy,
  type EventType,
  type Figures,
  type SeenInput,
  type StoredTicket,
  type TicketEvent,
} from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A ticket read again and again while the agent works on it is one `seen` per this span. */
const SEEN_EVERY = 10 * MINUTE;
// 未结案 / 待结案 are still open; every other form of these words means the CRM closed it.
const CLOSED_STATUS = /已结单|已办结|已关闭|已归档|(?<![未待])结案/;

type Fields = Partial<Record<TicketField, string>>;

/** The CRM's ticket number in a key `系统:工单编号`. */
const idOf = (key: string) => key.slice(key.indexOf(':') + 1);

const closedByCrm = (fields: Fields) => Boolean(fields.closedAt?.trim()) || CLOSED_STATUS.test(fields.status ?? '');

function acceptedAtOf(fields: Fields, verdict: Verdict): number | undefined {
  const read = parseCrmTime(fields.acceptedAt);
  if (read.ok) return read.ms;
  // Without an accepted time, the earliest clock start is the best the CRM told us.
  const starts = verdict.clocks.map((c) => Date.parse(c.startAt)).filter(Number.isFinite);
  return starts.length ? Math.min(...starts) : undefined;
}

/** What `recordSeen` stores for a reading with ticket number `id`, given what was stored before. */
export function storedTicket(
  { adapterId, url, fields, verdict, now, pausesSeen }: SeenInput,
  id: string,
  prev?: StoredTicket,
): StoredTicket {
  const acceptedAt = acceptedAtOf(fields, verdict) ?? prev?.acceptedAt ?? now;
  const closed = closedByCrm(fields);
  // The CRM closing a ticket marks it done; its reopening undoes only what it did itself.
  let state: Pick<StoredTicket, 'done' | 'doneAt' | 'doneBy'> = {
    done: prev?.done ?? 0,
    doneAt: prev?.doneAt,
    doneBy: prev?.doneBy,
  };
  if (closed && !state.done) state = { done: 1, doneAt: now, doneBy: 'crm-status' };
  else if (!closed && state.doneBy === 'crm-status') state = { done: 0 };
  return {
    key: ticketKey(adapterId, id),
    id,
    adapterId,
    url,
    fields,
    customer: customerOf(fields),
    category: verdict.category?.code,
    area: fields.area,
    acceptedAt,
    day: dateKey(acceptedAt),
    verdict,
    firstSeen: prev?.firstSeen ?? now,
    lastSeen: now,
    ...state,
    acknowledged: prev?.acknowledged ?? {},
    snoozedUntil: prev?.snoozedUntil ?? {},
    remindedAt: prev?.remindedAt ?? {},
    ...((pausesSeen ?? prev?.pausesSeen)?.length ? { pausesSeen: [...(pausesSeen ?? prev!.pausesSeen!)] } : {}),
  };
}

/** Done tickets purged in the first step when the browser refuses a write for quota; each next step doubles. */
const QUOTA_PURGE_FIRST = 20;
/** Steps tried per refused write before giving up: 20 + 40 + … + 320 = 620 done tickets at most. */
const QUOTA_PURGE_STEPS = 5;

/** What a write refused for quota cost: the oldest done tickets purged (with their events, history and labels) to make room. */
export interface QuotaPurge {
  /** Keys of the tickets purged, oldest first. */
  tickets: string[];
  /** For the agent: what was purged and why. */
  message: string;
}

/** A ticket as `recordSeen` stored it; `purged` says what made room when the browser's storage was full. */
export type SavedTicket = StoredTicket & { purged?: QuotaPurge };

/** The browser refused a write for quota even after the oldest done tickets were purged; the message is for the agent. */
export class StoreFullError extends Error {
  override name = 'StoreFullError';
  constructor(
    message: string,
    readonly purged: string[],
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/**
 * Whether IndexedDB refused a write for quota: Dexie's `QuotaExceededError`, the DOMException of the
 * same name, or an abort (or bulk error) that carries one.
 */
export function isQuotaError(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  const x = e as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (x.name === 'QuotaExceededError') return true;
  if (isQuotaError(x.inner, depth + 1) || isQuotaError(x.cause, depth + 1)) return true;
  return Array.isArray(x.failures) && x.failures.some((f) => isQuotaError(f, depth + 1));
}

/**
 * The ticket store: every ticket the agent opened, its latest verdict, and what happened to it.
 * Built by a factory so tests (and the upgrade test) each use their own database.
 */
export function createStore(dbName: string = DB_NAME) {
  const db = new SidekickDb(dbName);

  /** Change one ticket inside a transaction that also logs the event; false when it is not stored. */
  async function update(
    key: string,
    change: (t: StoredTicket) => void,
    event?: Omit<TicketEvent, 'ticketKey' | 'seq'>,
  ): Promise<boolean> {
    return db.transaction('rw', db.tickets, db.events, async () => {
      const t = await db.tickets.get(key);
      if (!t) return false;
      change(t);
      await db.tickets.put(t);
      if (event) await db.events.add({ ...event, ticketKey: key });
      return true;
    });
  }

  async function writeSeen(input: SeenInput, id: string, key: string): Promise<StoredTicket> {
    const { now } = input;
    return db.transaction('rw', db.tickets, db.events, db.history, async () => {
      const prev = await db.tickets.get(key);
      // Saved out of order: the newer reading stands, only the first sighting moves back.
      const t =
        prev && prev.lastSeen > now
          ? { ...prev, firstSeen: Math.min(prev.firstSeen, now) }
          : storedTicket(input, id, prev);
      await db.tickets.put(t);
      await db.history.put(historyRow(t));
      // A `seen` at or after `now - SEEN_EVERY` (a newer one included) makes this reading the same visit.
      const recent = await db.events
        .where('[ticketKey+at]')
        .between([key, now - SEEN_EVERY], [key, Dexie.maxKey], false)
        .filter((e) => e.type === 'seen')
        .count();
      if (recent === 0) await db.events.add({ ticketKey: key, at: now, type: 'seen' });
      if (t.done && !prev?.done) await db.events.add({ ticketKey: key, at: now, type: 'done', detail: 'crm-status' });
      return t;
    });
  }

  /** Forget up to `limit` of the done tickets seen longest ago (never `keep`), with their events, history and labels. */
  async function purgeOldestDone(limit: number, keep: string): Promise<string[]> {
    return db.transaction('rw', [db.tickets, db.events, db.history, db.labels], async () => {
      const keys = await db.tickets
        .where('[done+lastSeen]')
        .between([1, Dexie.minKey], [1, Dexie.maxKey])
        .filter((t) => t.key !== keep)
        .limit(limit)
        .primaryKeys();
      if (keys.length === 0) return keys;
      await db.tickets.bulkDelete(keys);
      await db.history.bulkDelete(keys);
      await db.labels.bulkDelete(keys);
      await db.events.where('ticketKey').anyOf(keys).delete();
      return keys;
    });
  }

  /** The browser refused to store `key` for quota: purge the oldest done tickets step by step, retrying after each. */
  async function makeRoomFor(input: SeenInput, id: string, key: string, refused: unknown): Promise<SavedTicket> {
    const purged: string[] = [];
    let last = refused;
    for (let step = 0, size = QUOTA_PURGE_FIRST; step < QUOTA_PURGE_STEPS; step++, size *= 2) {
      const keys = await purgeOldestDone(size, key);
      if (keys.length === 0) break;
      purged.push(...keys);
      try {
        const t = await writeSeen(input, id, key);
        const message = tr('store.purged', {
          id,
          n: purged.length,
          ids: purged.map(idOf).slice(0, 5).join(tr('common.listSep')),
          more: purged.length > 5 ? tr('store.more') : '',
        });
        console.warn(`[工单助手] ${message}`);
        return { ...t, purged: { tickets: purged, message } };
      } catch (e) {
        if (!isQuotaError(e)) throw e;
        last = e;
      }
    }
    const cleared = purged.length ? tr('store.notEnough', { n: purged.length }) : tr('store.nothingLeft');
    throw new StoreFullError(tr('store.full', { id, cleared }), purged, last);
  }

  return {
    db,

    /**
     * Upsert what was just read, in one transaction with its history row and events, so a write cut
     * short (the worker stopped) leaves the previous state whole. A reading older than the one stored
     * (two tabs on one ticket, saved out of order) only moves `firstSeen` back. When the browser
     * refuses the write for quota, the oldest done tickets are purged in growing steps and the write
     * retried; the result's `purged` says what went. Throws `StoreFullError` (its message is for the
     * agent) when even that does not make room. A reading without a ticket number is not stored.
     */
    async recordSeen(input: SeenInput): Promise<SavedTicket | null> {
      const id = input.fields.id?.trim();
      if (!id) return null;
      const key = ticketKey(input.adapterId, id);
      try {
        return await writeSeen(input, id, key);
      } catch (e) {
        if (!isQuotaError(e)) throw e;
        return await makeRoomFor(input, id, key, e);
      }
    },

    /**
     * Earlier tickets the engine's history tags need, with the fields it reads from them: the same
     * customer within the repeat window, the same class (and area) within the group window.
     */
    async historyFor(fields: Fields, categoryCode: string | null, pack: Pack, now: number): Promise<Fields[]> {
      const found = await db.transaction('r', db.history, () =>
        Promise.all(historyRanges(db.history, fields, categoryCode, pack, now).map((r) => r.toArray())),
      );
      const self = fields.id?.trim();
      const out = new Map<string, Fields>();
      for (const h of found.flat()) if (h.fields.id?.trim() !== self) out.set(h.key, h.fields);
      return [...out.values()];
    },

    /** Tickets not yet done, most recently seen first. */
    openTickets(): Promise<StoredTicket[]> {
      return db.tickets.where('[done+lastSeen]').between([0, Dexie.minKey], [0, Dexie.maxKey]).reverse().toArray();
    },

    getTicket(key: string): Promise<StoredTicket | undefined> {
      return db.tickets.get(key);
    },

    /** The suspensions the sidekick saw on the ticket (utils/db/pauses-seen.ts), oldest first. */
    async pausesSeen(key: string): Promise<PauseSeen[]> {
      return (await db.tickets.get(key))?.pausesSeen ?? [];
    },

    markDone(key: string, by: DoneBy, now: number): Promise<boolean> {
      return update(
        key,
        (t) => {
          t.done = 1;
          t.doneAt = now;
          t.doneBy = by;
        },
        { at: now, type: 'done', detail: by },
      );
    },

    reopen(key: string): Promise<boolean> {
      return update(key, (t) => {
        t.done = 0;
        delete t.doneAt;
        delete t.doneBy;
      });
    },

    /** The agent has seen this clock's reminder: no more for it. */
    acknowledge(key: string, clockCode: string, now: number): Promise<boolean> {
      return update(key, (t) => void (t.acknowledged[clockCode] = now), {
        at: now,
        type: 'acknowledged',
        detail: clockCode,
      });
    },

    snooze(key: string, clockCode: string, untilMs: number, now: number): Promise<boolean> {
      return update(key, (t) => void (t.snoozedUntil[clockCode] = untilMs), {
        at: now,
        type: 'snoozed',
        detail: `${clockCode} 至 ${toIso(untilMs)}`,
      });
    },

    /** A reminder for this clock was shown at `now`; reminder points up to then are spent. */
    markReminded(key: string, clockCode: string, now: number, detail: string): Promise<boolean> {
      return update(key, (t) => void (t.remindedAt[clockCode] = now), { at: now, type: 'reminder-shown', detail });
    },

    async logEvent(key: string, type: EventType, detail: string | undefined, now: number): Promise<void> {
      await db.events.add({ ticketKey: key, at: now, type, ...(detail === undefined ? {} : { detail }) });
    },

    /** Newest first. */
    recentEvents(limit: number): Promise<TicketEvent[]> {
      return db.events.orderBy('seq').reverse().limit(limit).toArray();
    },

    /** Forget tickets not seen for `retentionDays`, their events, and any older event; returns tickets removed. */
    async purge(now: number, retentionDays: number): Promise<number> {
      const cutoff = now - retentionDays * DAY;
      return db.transaction('rw', [db.tickets, db.events, db.history, db.labels], async () => {
        const keys = await db.tickets.where('lastSeen').below(cutoff).primaryKeys();
        await db.tickets.bulkDelete(keys);
        await db.history.bulkDelete(keys);
        await db.events.where('ticketKey').anyOf(keys).delete();
        await db.events.where('at').below(cutoff).delete();
        // A labelled example holds the ticket's text: it goes with the retention period too. The
        // model keeps its counts, which name no customer.
        await db.labels.where('at').below(cutoff).delete();
        return keys.length;
      });
    },

    async exportJson(): Promise<string> {
      const [tickets, events] = await Promise.all([db.tickets.toArray(), db.events.orderBy('seq').toArray()]);
      const file: ExportFile = {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        tickets,
        events: events.map(({ seq: _seq, ...e }) => e),
      };
      return JSON.stringify(file);
    },

    /**
     * Tickets replace stored ones with the same key; events already stored are not doubled. A ticket
     * twice in the file is imported once (`duplicates` counts the others, each named in `errors`).
     */
    async importJson(text: string): Promise<{ imported: number; duplicates?: number; errors: string[] }> {
      const { tickets, events, errors, duplicates } = parseExport(text);
      await db.transaction('rw', db.tickets, db.events, db.history, async () => {
        await db.tickets.bulkPut(tickets);
        await db.history.bulkPut(tickets.map(historyRow));
        for (const e of events) {
          const same = await db.events
            .where('[ticketKey+at]')
            .equals([e.ticketKey, e.at])
            .filter((x) => x.type === e.type && x.detail === e.detail)
            .count();
          if (same === 0) await db.events.add(e);
        }
      });
      return { imported: tickets.length, ...(duplicates ? { duplicates } : {}), errors };
    },

    async exportCsv(now: number = Date.now()): Promise<string> {
      return ticketsCsv(await db.tickets.orderBy('acceptedAt').toArray(), now);
    },

    async clearAll(): Promise<void> {
      await db.transaction('rw', [db.tickets, db.events, db.history, db.labels, db.models], async () => {
        await db.tickets.clear();
        await db.history.clear();
        await db.events.clear();
        await db.labels.clear();
        await db.models.clear();
      });
    },

    /** Figures for the tickets accepted in the last `days` Shanghai days, today included. */
    async figures(now: number, days = 30): Promise<Figures> {
      days = Math.max(1, Math.floor(days));
      const to = dateKey(now);
      const from = addDaysToKey(to, -(days - 1));
      return computeFigures(await db.tickets.where('day').between(from, to, true, true).toArray(), now, from, to, days);
    },

    close(): void {
      db.close();
    },
  };
}

export type Store = ReturnType<typeof createStore>;
