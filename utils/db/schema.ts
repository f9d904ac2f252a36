import Dexie, { type EntityTable } from 'dexie';
import { dateKey } from '@/rules/time/shanghai';
import type { StoredTicket, TicketEvent } from './types';

export const DB_NAME = 'ticket-sidekick';

// Each version stays declared as it shipped: Dexie needs every version an agent's browser may
// still hold to upgrade it, and the upgrade test opens version 1 with exactly this declaration.
const V1_STORES = {
  tickets: 'key, customer, category, area, acceptedAt, lastSeen, done, [customer+acceptedAt], [category+acceptedAt]',
  events: '++seq, ticketKey, at, type',
};

/** Version 1 as it shipped; `SidekickDb` builds on it. */
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

export class SidekickDb extends Dexie {
  tickets!: EntityTable<StoredTicket, 'key'>;
  events!: EntityTable<TicketEvent, 'seq'>;

  constructor(name = DB_NAME) {
    super(name);
    declareV1(this);
    this.version(2)
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
}
