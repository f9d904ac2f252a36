import { dueText, liveState, nearestOpen } from '@/rules/clock/vocabulary';
import { toIso } from '@/rules/time/shanghai';
import { language, stateLabel, t as tr, type MessageKey } from '@/utils/i18n';
import { classLabel } from '@/utils/i18n/labels';
import { maskPhone } from './mask';
import type { StoredTicket } from './types';

// The header and the words in the cells follow the page's language, as the page does (an English
// admin's export reads in English); the pack's own words (class, tags, clock) stay the pack's.
const HEADERS: MessageKey[] = [
  'csv.id',
  'csv.adapter',
  'csv.class',
  'csv.nature',
  'csv.risk',
  'csv.tags',
  'csv.clock',
  'csv.due',
  'csv.state',
  'csv.accepted',
  'csv.firstSeen',
  'csv.lastSeen',
  'csv.done',
  'csv.doneAt',
  'csv.phone',
];

const time = (ms: number | undefined) => (ms === undefined ? '' : toIso(ms).slice(0, 16).replace('T', ' '));

// Quoted always; a leading = + - @ would make a spreadsheet run the cell as a formula (CRM text is
// typed by customers), so such cells get an apostrophe first.
function cell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * One ticket's cells at `now`. The nearest open clock, its due time and state read as the panel,
 * worklist and reminders write them (rules/clock/vocabulary.ts: `11月28日 24:00`, the year when not
 * `now`'s), in the page's language; the other times are the store's own records, written in full.
 */
export function ticketRow(t: StoredTicket, now: number): string[] {
  const v = t.verdict;
  const c = nearestOpen(v.clocks, now);
  return [
    t.id,
    t.adapterId,
    v.category ? classLabel(v.category) : tr('common.unknownClass'),
    tr(`nature.${v.nature}`),
    tr(`risk.${v.risk}`),
    v.tags.map((g) => g.label).join(tr('common.listSep')),
    c?.label ?? '',
    c ? dueText(c.dueAt, now, language.value) : '',
    c ? stateLabel(liveState(c, now)) : '',
    time(t.acceptedAt),
    time(t.firstSeen),
    time(t.lastSeen),
    tr(t.done ? 'csv.yes' : 'csv.no'),
    time(t.doneAt),
    maskPhone(t.fields.customerPhone),
  ];
}

/** One row per ticket, for Excel: UTF-8 with BOM (or it guesses GBK), CRLF, phone masked. */
export function ticketsCsv(tickets: readonly StoredTicket[], now: number): string {
  const rows = tickets.map((t) => ticketRow(t, now));
  const header = HEADERS.map((k) => tr(k));
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
