// One field table (rules/ticket.ts): every list, label, schema key, fact reader and history column
// comes from it, so these checks hold for any field added there.
import { describe, expect, it } from 'vitest';
import { READ_TEXT, READ_TIME } from '../rules/engine/facts';
import {
  COUNT_FIELDS,
  FIELD_LABELS,
  FIELD_TABLE,
  HISTORY_FIELDS,
  TEXT_FIELDS,
  TICKET_FIELDS,
  TIME_FIELDS,
} from '../rules/ticket';
import { TicketSchema } from '../rules/ticket-schema';
import { guessColumns } from '../utils/db/labelled-import';
import { historyRow } from '../utils/db/history';
import type { StoredTicket } from '../utils/db/types';

const fields = Object.keys(FIELD_TABLE);

describe('the field table', () => {
  it('gives each field exactly one kind, in the table order', () => {
    expect([...TICKET_FIELDS]).toEqual(fields);
    expect([...TEXT_FIELDS, ...TIME_FIELDS, ...COUNT_FIELDS].sort()).toEqual([...fields].sort());
    expect(new Set([...TEXT_FIELDS, ...TIME_FIELDS, ...COUNT_FIELDS]).size).toBe(fields.length);
  });

  it.each(fields)('%s: a label, a schema key, and a fact reader of its own kind that reads it', (k) => {
    expect(FIELD_LABELS[k as keyof typeof FIELD_LABELS]).toBe(FIELD_TABLE[k as keyof typeof FIELD_TABLE].label);
    expect(Object.keys(TicketSchema.shape)).toContain(k);
    const def = FIELD_TABLE[k as keyof typeof FIELD_TABLE];
    if (def.kind === 'time') expect(READ_TIME[k as keyof typeof READ_TIME]({ [k]: 42 })).toBe(42);
    if (def.kind === 'text') expect(READ_TEXT[k as keyof typeof READ_TEXT]({ [k]: 'v' })).toBe('v');
  });

  it('keeps in a history row exactly the fields marked `history`', () => {
    const all = Object.fromEntries(fields.map((k) => [k, `${k}-value`]));
    const row = historyRow({
      key: 'a:1',
      customer: undefined,
      category: null,
      area: '',
      acceptedAt: 0,
      fields: all,
    } as unknown as StoredTicket);
    expect(Object.keys(row.fields).sort()).toEqual(
      fields.filter((k) => FIELD_TABLE[k as keyof typeof FIELD_TABLE].history).sort(),
    );
    expect([...HISTORY_FIELDS].sort()).toEqual(Object.keys(row.fields).sort());
  });

  it.each(['title', 'text', 'business', 'categoryPath', 'handlingLine'] as const)(
    '%s: a labelled CSV column named by its label or any alias is found',
    (k) => {
      for (const name of [FIELD_TABLE[k].label, ...FIELD_TABLE[k].aliases])
        expect(guessColumns(['无关', name])[k], name).toBe(1);
    },
  );
});
