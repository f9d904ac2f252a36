import type { Collection, EntityTable, InsertType } from 'dexie';
import type { Pack } from '@/rules/pack/schema';
import { HISTORY_FIELDS, phoneKey, type TicketField } from '@/rules/ticket';
import { parseCrmTime } from '@/rules/time/parse';
import type { HistoryRow, StoredTicket } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Fields = Partial<Record<TicketField, string>>;
type HistoryRange = Collection<HistoryRow, string, InsertType<HistoryRow, 'key'>>;

/**
 * What the engine reads from an earlier ticket (`pastTicket` in rules/engine/history.ts): its number,
 * customer, class (the category path, else the pack's keywords in title, text and business), channel
 * level, area, VIP level, accepted and closed times. A history row keeps only these, as read: the
 * fields rules/ticket.ts marks `history`.
 */
export { HISTORY_FIELDS };

/** The engine's own customer key, so the store finds exactly the customers the engine compares. */
export const customerOf = (fields: Fields) => phoneKey(fields.customerPhone);

/** The area as the engine reads it (trimmed); '' when unknown, as a compound index skips a row with a part missing. */
export const areaKey = (area: string | undefined) => area?.trim() ?? '';

/** The slim copy of a stored ticket that the history lookups read. */
export function historyRow(t: StoredTicket): HistoryRow {
  const fields: HistoryRow['fields'] = {};
  for (const k of HISTORY_FIELDS) if (t.fields[k] !== undefined) fields[k] = t.fields[k];
  return {
    key: t.key,
    customer: t.customer,
    category: t.category,
    area: areaKey(t.area),
    acceptedAt: t.acceptedAt,
    fields,
  };
}

/**
 * The index ranges holding every earlier ticket the history tags could count for this one: the same
 * customer within the repeat window, the same class within the group window. The engine counts an
 * earlier ticket of the class when the areas match or either is unknown, so with the area known only
 * that area and the unknown one are asked. Ranges include `at`; the engine drops what is not earlier.
 */
export function historyRanges(
  history: EntityTable<HistoryRow, 'key'>,
  fields: Fields,
  categoryCode: string | null,
  pack: Pack,
  now: number,
): HistoryRange[] {
  const read = parseCrmTime(fields.acceptedAt);
  const at = read.ok ? read.ms : now;
  const { repeat, group } = pack.history;
  const customer = customerOf(fields);
  const area = areaKey(fields.area);
  const since = at - group.windowHours * HOUR;
  const ranges: HistoryRange[] = [];
  if (customer)
    ranges.push(
      history
        .where('[customer+acceptedAt]')
        .between([customer, at - repeat.windowDays * DAY], [customer, at], true, true),
    );
  if (categoryCode && group.sameArea && area)
    for (const a of [area, ''])
      ranges.push(
        history
          .where('[category+area+acceptedAt]')
          .between([categoryCode, a, since], [categoryCode, a, at], true, true),
      );
  else if (categoryCode)
    ranges.push(history.where('[category+acceptedAt]').between([categoryCode, since], [categoryCode, at], true, true));
  return ranges;
}
