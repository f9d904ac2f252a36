import { describe, expect, it } from 'vitest';
import { atTime, byDue, countBy, matches } from '@/components/worklist/order';
import type { StoredTicket } from '@/utils/db/types';
import { HOUR, NOW, verdictFor, type TicketSpec } from './stored-tickets';

const stored = (t: TicketSpec): StoredTicket => ({
  key: `demo:${t.id}`,
  id: t.id,
  adapterId: 'demo',
  url: '',
  fields: {},
  acceptedAt: NOW,
  day: '2025-06-10',
  verdict: verdictFor(t),
  firstSeen: NOW,
  lastSeen: t.seenAt ?? NOW,
  done: 0,
  acknowledged: {},
  snoozedUntil: {},
  remindedAt: {},
});

const rowsAt = (specs: TicketSpec[], now = NOW) => byDue(specs.map(stored)).map((e) => atTime(e, now));

describe('worklist order', () => {
  it('puts the nearest open due first and tickets with no open clock last', () => {
    const rows = rowsAt([
      { id: 'later', clocks: [{ code: 'resolve', label: '处理时限', dueIn: 5 }] },
      { id: 'none-old', clocks: [], seenAt: NOW - 2 * HOUR },
      { id: 'over', clocks: [{ code: 'dispatch', label: '派单时限', dueIn: -1 }] },
      { id: 'none-new', clocks: [{ code: 'dispatch', label: '派单时限', dueIn: -3, stopped: true }] },
      {
        id: 'soon',
        clocks: [
          { code: 'resolve', label: '处理时限', dueIn: 8 },
          { code: 'dispatch', label: '派单时限', dueIn: 0.5, span: 1 },
        ],
      },
    ]);
    expect(rows.map((r) => r.ticket.id)).toEqual(['over', 'soon', 'later', 'none-new', 'none-old']);
    // The nearest open clock is the one shown, not the first listed, nor a stopped one.
    expect(rows[1]!.clock?.code).toBe('dispatch');
    expect(rows[3]!.clock).toBeUndefined();
  });

  it('gives each row its live state and countdown', () => {
    const [over, soon, later] = rowsAt([
      { id: 'a', clocks: [{ code: 'c', label: '派单时限', dueIn: -(1 + 5 / 60) }] },
      { id: 'b', clocks: [{ code: 'c', label: '派单时限', dueIn: 1, span: 4 }] },
      { id: 'c', clocks: [{ code: 'c', label: '处理时限', dueIn: 49 + 1 / 3600, span: 72 }] },
    ]);
    expect([over!.state, over!.countdown]).toEqual(['overdue', '超 01:05:00']);
    expect([soon!.state, soon!.countdown]).toEqual(['due-soon', '剩 01:00:00']);
    expect([later!.state, later!.countdown]).toEqual(['running', '剩 2天01:00:01']);
    // Time passing moves the state without re-sorting.
    expect(atTime(soon!, NOW + 2 * HOUR).state).toBe('overdue');
  });

  it('filters and counts by the nearest clock', () => {
    const rows = rowsAt([
      { id: 'a', clocks: [{ code: 'c', label: 'x', dueIn: -1 }] },
      { id: 'b', clocks: [{ code: 'c', label: 'x', dueIn: 1, span: 4 }] },
      { id: 'c', clocks: [{ code: 'c', label: 'x', dueIn: 20 }] },
      { id: 'd', clocks: [] },
    ]);
    expect(countBy(rows)).toEqual({ overdue: 1, 'due-soon': 1, all: 4 });
    expect(rows.filter((r) => matches(r, 'overdue')).map((r) => r.ticket.id)).toEqual(['a']);
    expect(rows.filter((r) => matches(r, 'due-soon')).map((r) => r.ticket.id)).toEqual(['b']);
    expect(rows.filter((r) => matches(r, 'all'))).toHaveLength(4);
  });
});
