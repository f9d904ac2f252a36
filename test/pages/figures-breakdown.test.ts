import { describe, expect, it } from 'vitest';
import { breakdown, type Counts } from '@/utils/db/breakdown';
import type { StoredTicket } from '@/utils/db/types';
import { verdictFor } from './stored-tickets';

const BILLING = { code: 'billing-dispute', label: '费用争议类' };
const NETWORK = { code: 'network-quality', label: '网络质量类' };

/** A stored ticket with only what the breakdown reads: its day, class and tag codes. */
function stored(day: string, category: { code: string; label: string } | null, tags: string[] = []): StoredTicket {
  const verdict = verdictFor({ id: day, category, tags: tags.map((code) => ({ code, label: code })) });
  return { day, verdict } as StoredTicket;
}

const counts = (tickets: number, repeat = 0, escalated = 0, appeal = 0): Counts => ({
  tickets,
  repeat,
  escalated,
  appeal,
});

describe('figures breakdown by class', () => {
  it.each([
    { name: 'nothing stored', tickets: [], rows: [] },
    {
      name: 'counts each tag per class, with repeat and escalated shares',
      tickets: [
        stored('2025-06-09', BILLING, ['repeat', 'appeal']),
        stored('2025-06-09', BILLING, ['escalated']),
        stored('2025-06-10', BILLING),
        stored('2025-06-10', BILLING, ['repeat']),
      ],
      rows: [
        { code: 'billing-dispute', label: '费用争议类', ...counts(4, 2, 1, 1), repeatRate: 0.5, escalatedRate: 0.25 },
      ],
    },
    {
      name: 'a tag given twice on one ticket counts once; other tags are not counted',
      tickets: [stored('2025-06-09', NETWORK, ['repeat', 'repeat', 'vip', 'malicious'])],
      rows: [{ code: 'network-quality', label: '网络质量类', ...counts(1, 1), repeatRate: 1, escalatedRate: 0 }],
    },
    {
      name: 'no class is 分类未知; most tickets first, ties by label',
      tickets: [
        stored('2025-06-09', null),
        stored('2025-06-09', NETWORK),
        stored('2025-06-09', BILLING),
        stored('2025-06-10', null, ['appeal']),
      ],
      rows: [
        { code: null, label: '分类未知', ...counts(2, 0, 0, 1), repeatRate: 0, escalatedRate: 0 },
        { code: 'billing-dispute', label: '费用争议类', ...counts(1), repeatRate: 0, escalatedRate: 0 },
        { code: 'network-quality', label: '网络质量类', ...counts(1), repeatRate: 0, escalatedRate: 0 },
      ],
    },
    {
      name: 'tickets accepted outside the period are left out',
      tickets: [
        stored('2025-06-07', BILLING, ['repeat']),
        stored('2025-06-11', BILLING, ['repeat']),
        stored('2025-06-08', BILLING),
      ],
      rows: [{ code: 'billing-dispute', label: '费用争议类', ...counts(1), repeatRate: 0, escalatedRate: 0 }],
    },
  ])('$name', ({ tickets, rows }) => {
    expect(breakdown(tickets, '2025-06-08', '2025-06-10').byClass).toEqual(rows);
  });
});

describe('figures breakdown by day', () => {
  it.each([
    {
      name: 'every day of the period, quiet days as zeros',
      from: '2025-06-08',
      to: '2025-06-10',
      tickets: [
        stored('2025-06-10', BILLING, ['repeat', 'escalated', 'appeal']),
        stored('2025-06-10', NETWORK, ['appeal']),
        stored('2025-06-08', null),
      ],
      days: [
        { day: '2025-06-08', ...counts(1) },
        { day: '2025-06-09', ...counts(0) },
        { day: '2025-06-10', ...counts(2, 1, 1, 2) },
      ],
    },
    {
      name: 'across a month end, leaving out days outside',
      from: '2025-05-31',
      to: '2025-06-01',
      tickets: [
        stored('2025-05-30', BILLING),
        stored('2025-05-31', BILLING, ['repeat']),
        stored('2025-06-01', BILLING),
        stored('2025-06-02', BILLING),
      ],
      days: [
        { day: '2025-05-31', ...counts(1, 1) },
        { day: '2025-06-01', ...counts(1) },
      ],
    },
    {
      name: 'a one-day period',
      from: '2025-06-10',
      to: '2025-06-10',
      tickets: [],
      days: [{ day: '2025-06-10', ...counts(0) }],
    },
  ])('$name', ({ from, to, tickets, days }) => {
    expect(breakdown(tickets, from, to).byDay).toEqual(days);
  });
});
