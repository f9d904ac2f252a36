import { dueText, liveState, nearestOpen, STATE_LABELS } from '@/rules/clock/vocabulary';
import { NATURE_LABELS, RISK_LABELS } from '@/rules/pack/vocabulary';
import { toIso } from '@/rules/time/shanghai';
import { maskPhone } from './mask';
import type { StoredTicket } from './types';

const HEADERS = [
  '工单编号',
  '客服系统',
  '分类',
  '接触类型',
  '风险',
  '标签',
  '最近时限',
  '时限截止',
  '时限状态',
  '受理时间',
  '首次查看',
  '最近查看',
  '已办结',
  '办结时间',
  '联系电话',
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
 * `now`'s); the other times are the store's own records, written in full.
 */
export function ticketRow(t: StoredTicket, now: number): string[] {
  const v = t.verdict;
  const c = nearestOpen(v.clocks);
  return [
    t.id,
    t.adapterId,
    v.category?.label ?? '分类未知',
    NATURE_LABELS[v.nature],
    RISK_LABELS[v.risk],
    v.tags.map((g) => g.label).join('、'),
    c?.label ?? '',
    c ? dueText(c.dueAt, now) : '',
    c ? STATE_LABELS[liveState(c, now)] : '',
    time(t.acceptedAt),
    time(t.firstSeen),
    time(t.lastSeen),
    t.done ? '是' : '否',
    time(t.doneAt),
    maskPhone(t.fields.customerPhone),
  ];
}

/** One row per ticket, for Excel: UTF-8 with BOM (or it guesses GBK), CRLF, phone masked. */
export function ticketsCsv(tickets: readonly StoredTicket[], now: number): string {
  const rows = tickets.map((t) => ticketRow(t, now));
  return `\uFEFF${[HEADERS, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
