import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { dateKey } from '@/rules/time/shanghai';
import { historyRow } from './history';
import { DEFAULT_PACK } from '@/rules/packs/default-pack';
import { crmLabel } from './labels';
import type { HistoryRow, LabelRow, ModelRow, StoredTicket, TicketEvent } from './types';

export const DB_NAME = 'ticket-sidekick';

// Each version stays declared as it shipped: Dexie needs every version an agent's browser may
// still hold to upgrade it, and the upgrade tests open versions 1 and 2 with exactly these declarations.
const V1_STORES = {
  tickets: 'key, customer, category, area, acceptedAt, lastSeen, done, [customer+acceptedAt], [category+acceptedAt]',
  events: '++seq, ticketKey, at, type',
};

/** Version 1 as it shipped. */
export function declareV1(db: Dexie): void {
  db.version(1).stores(V1_STORES);
}

/**
 * Version 2, for the figures and the worklist: `day` (Shanghai date of acceptance) for per-day
 * counts, `[done+lastSeen]` for open tickets newest first, `[ticketKey+at]` for one ticket's
 * recent events; `remindedAt` starts empty.
 */
const V2_STORES = {
  tickets: `${V1_STORES.tickets}, day, [done+lastSeen]`,
  events: `${V1_STORES.events}, [ticketKey+at]`,
};

/** Versions 1 and 2 as they shipped; `SidekickDb` builds on them. */
export function declareV2(db: Dexie): void {
  declareV1(db);
  db.version(2)
    .stores(V2_STORES)
    .upgrade((tx) =>
      tx
        .table<StoredTicket, string>('tickets')
        .toCollection()
        .modify((t) => {
          t.day = dateKey(t.acceptedAt);
          t.remindedAt ??= {};
        }),
    );
}

/**
 * Version 3, for the history lookups: `history` holds a slim row per ticket (`historyRow`), indexed
 * for the two questions, the same class by area too; the tickets' own customer and class indexes,
 * which only those lookups asked, go.
 */
const V3_STORES = {
  tickets: 'key, acceptedAt, lastSeen, done, day, [done+lastSeen]',
  history: 'key, [customer+acceptedAt], [category+acceptedAt], [category+area+acceptedAt]',
};
/** Tickets read per step of the backfill, so a large store is never in memory all at once. */
const BACKFILL_STEP = 1000;

async function backfillHistory(tx: Transaction): Promise<void> {
  const tickets = tx.table<StoredTicket, string>('tickets');
  const history = tx.table<HistoryRow, string>('history');
  // Every key is a non-empty string, so all are above ''.
  for (let after = ''; ;) {
    const step = await tickets.where('key').above(after).limit(BACKFILL_STEP).toArray();
    if (step.length === 0) return;
    await history.bulkAdd(step.map(historyRow));
    after = step[step.length - 1]!.key;
  }
}

/** Versions 1 to 3 as they shipped; `SidekickDb` builds on them. */
export function declareV3(db: Dexie): void {
  declareV2(db);
  db.version(3).stores(V3_STORES).upgrade(backfillHistory);
}

/**
 * Version 4, for learning the centre's classes: `labels` holds one labelled example per ticket (its
 * text, the class the CRM's path or the agent gave it, the handling line), `models` the model
 * learned from them. The labels of tickets already stored are learned on the next start, when the
 * model is found missing.
 */
const V4_STORES = { labels: 'key, classCode, source, at', models: 'id' };

export class SidekickDb extends Dexie {
  tickets!: EntityTable<StoredTicket, 'key'>;
  events!: EntityTable<TicketEvent, 'seq'>;
  history!: EntityTable<HistoryRow, 'key'>;
  labels!: EntityTable<LabelRow, 'key'>;
  models!: EntityTable<ModelRow, 'id'>;

  constructor(name = DB_NAME) {
    super(name);
    declareV3(this);
    this.version(4).stores(V4_STORES).upgrade(backfillLabels);
  }
}

async function backfillLabels(tx: Transaction): Promise<void> {
  const tickets = tx.table<StoredTicket, string>('tickets');
  const labels = tx.table<LabelRow, string>('labels');
  for (let after = ''; ;) {
    const step = await tickets.where('key').above(after).limit(BACKFILL_STEP).toArray();
    if (step.length === 0) return;
    await labels.bulkPut(step.flatMap((t) => crmLabel(t.key, t.fields, t.lastSeen, DEFAULT_PACK) ?? []));
    after = step[step.length - 1]!.key;
  }
}
