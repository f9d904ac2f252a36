import Dexie from 'dexie';
import type { Pack } from '@/rules/pack/schema';
import type { TicketField } from '@/rules/ticket';
import { parseCrmTime } from '@/rules/time/parse';
import { addDaysToKey, dateKey, toIso } from '@/rules/time/shanghai';
import type { Verdict } from '@/rules/verdict';
import { ticketsCsv } from './csv';
import { computeFigures } from './figures';
import { customerOf, historyRanges, historyRow } from './history';
import { DB_NAME, SidekickDb } from './schema';
import { EXPORT_FORMAT, EXPORT_VERSION, parseExport, type ExportFile } from './transfer';
import { ticketKey, type DoneBy, type EventType, type Figures, type SeenInput, type StoredTicket, type TicketEvent } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A ticket read again and again while the agent works on it is one `seen` per this span. */
const SEEN_EVERY = 10 * MINUTE;
// 未结案 / 待结案 are still open; every other form of these words means the CRM closed it.
const CLOSED_STATUS = /已结单|已办结|已关闭|已归档|(?<![未待])结案/;

type Fields = Partial<Record<TicketField, string>>;

const closedByCrm = (fields: Fields) => Boolean(fields.closedAt?.trim()) || CLOSED_STATUS.test(fields.status ?? '');

function acceptedAtOf(fields: Fields, verdict: Verdict): number | undefined {
  const read = parseCrmTime(fields.acceptedAt);
  if (read.ok) return read.ms;
  // Without an accepted time, the earliest clock start is the best the CRM told us.
  const starts = verdict.clocks.map((c) => Date.parse(c.startAt));
  return starts.length ? Math.min(...starts) : undefined;
}

/** What `recordSeen` stores for a reading with ticket number `id`, given what was stored before. */
export function storedTicket({ adapterId, url, fields, verdict, now }: SeenInput, id: string, prev?: StoredTicket): StoredTicket {
  const acceptedAt = acceptedAtOf(fields, verdict) ?? prev?.acceptedAt ?? now;
  const closed = closedByCrm(fields);
  // The CRM closing a ticket marks it done; its reopening undoes only what it did itself.
  let state: Pick<StoredTicket, 'done' | 'doneAt' | 'doneBy'> = { done: prev?.done ?? 0, doneAt: prev?.doneAt, doneBy: prev?.doneBy };
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
  };
}

/**
 * The ticket store: every ticket the agent opened, its latest verdict, and what happened to it.
 * Built by a factory so tests (and the upgrade test) each use their own database.
 */
export function createStore(dbName: string = DB_NAME) {
  const db = new SidekickDb(dbName);

  /** Change one ticket inside a transaction that also logs the event; false when it is not stored. */
  async function update(key: string, change: (t: StoredTicket) => void, event?: Omit<TicketEvent, 'ticketKey' | 'seq'>): Promise<boolean> {
    return db.transaction('rw', db.tickets, db.events, async () => {
      const t = await db.tickets.get(key);
      if (!t) return false;
      change(t);
      await db.tickets.put(t);
      if (event) await db.events.add({ ...event, ticketKey: key });
      return true;
    });
  }

  return {
    db,

    /** Upsert what was just read; a reading without a ticket number is not stored. */
    async recordSeen(input: SeenInput): Promise<StoredTicket | null> {
      const { adapterId, fields, now } = input;
      const id = fields.id?.trim();
      if (!id) return null;
      const key = ticketKey(adapterId, id);
      return db.transaction('rw', db.tickets, db.events, db.history, async () => {
        const prev = await db.tickets.get(key);
        const t = storedTicket(input, id, prev);
        await db.tickets.put(t);
        await db.history.put(historyRow(t));
        const recent = await db.events
          .where('[ticketKey+at]')
          .between([key, now - SEEN_EVERY], [key, Dexie.maxKey], false)
          .filter((e) => e.type === 'seen')
          .count();
        if (recent === 0) await db.events.add({ ticketKey: key, at: now, type: 'seen' });
        if (t.done && !prev?.done) await db.events.add({ ticketKey: key, at: now, type: 'done', detail: 'crm-status' });
        return t;
      });
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
      return update(key, (t) => void (t.acknowledged[clockCode] = now), { at: now, type: 'acknowledged', detail: clockCode });
    },

    snooze(key: string, clockCode: string, untilMs: number, now: number): Promise<boolean> {
      return update(key, (t) => void (t.snoozedUntil[clockCode] = untilMs), { at: now, type: 'snoozed', detail: `${clockCode} 至 ${toIso(untilMs)}` });
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
      return db.transaction('rw', db.tickets, db.events, db.history, async () => {
        const keys = await db.tickets.where('lastSeen').below(cutoff).primaryKeys();
        await db.tickets.bulkDelete(keys);
        await db.history.bulkDelete(keys);
        await db.events.where('ticketKey').anyOf(keys).delete();
        await db.events.where('at').below(cutoff).delete();
        return keys.length;
      });
    },

    async exportJson(): Promise<string> {
      const [tickets, events] = await Promise.all([db.tickets.toArray(), db.events.orderBy('seq').toArray()]);
      const file: ExportFile = { format: EXPORT_FORMAT, version: EXPORT_VERSION, tickets, events: events.map(({ seq: _seq, ...e }) => e) };
      return JSON.stringify(file);
    },

    /** Tickets replace stored ones with the same key; events already stored are not doubled. */
    async importJson(text: string): Promise<{ imported: number; errors: string[] }> {
      const { tickets, events, errors } = parseExport(text);
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
      return { imported: tickets.length, errors };
    },

    async exportCsv(now: number = Date.now()): Promise<string> {
      return ticketsCsv(await db.tickets.orderBy('acceptedAt').toArray(), now);
    },

    async clearAll(): Promise<void> {
      await db.transaction('rw', db.tickets, db.events, db.history, async () => {
        await db.tickets.clear();
        await db.history.clear();
        await db.events.clear();
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
