import { addDaysToKey } from '@/rules/time/shanghai';
import { t as tr } from '@/utils/i18n';
import type { StoredTicket } from './types';

/** The verdict tags the figures count per class and per day, in the order the page shows them. */
export const COUNTED_TAGS = [{ code: 'repeat' }, { code: 'escalated' }, { code: 'appeal' }] as const;
export type CountedTag = (typeof COUNTED_TAGS)[number]['code'];

export type Counts = { tickets: number } & Record<CountedTag, number>;
export interface ClassRow extends Counts {
  /** null: class unknown. */
  code: string | null;
  label: string;
  /** The pack's English label for the class, if it gives one. */
  labelEn?: string;
  /** Share of the class's tickets tagged repeat / escalated. */
  repeatRate: number;
  escalatedRate: number;
}
export interface DayRow extends Counts {
  day: string;
}
export interface Breakdown {
  /** Most tickets first. */
  byClass: ClassRow[];
  /** Every day from `from` to `to`, oldest first, quiet days as zeros. */
  byDay: DayRow[];
}

const zero = (): Counts => ({ tickets: 0, repeat: 0, escalated: 0, appeal: 0 });

function add(into: Counts, t: StoredTicket): void {
  into.tickets += 1;
  // A tag counts once per ticket, however many times the engine gave it.
  const codes = new Set(t.verdict.tags.map((g) => g.code));
  for (const { code } of COUNTED_TAGS) if (codes.has(code)) into[code] += 1;
}

/** Tickets, repeats, escalations and appeals per class and per day, for tickets accepted from `from` to `to` (Shanghai dates). */
export function breakdown(tickets: readonly StoredTicket[], from: string, to: string): Breakdown {
  const classes = new Map<string | null, Omit<ClassRow, 'repeatRate' | 'escalatedRate'>>();
  const days = new Map<string, Counts>();
  for (const t of tickets) {
    if (t.day < from || t.day > to) continue;
    const cls = t.verdict.category;
    const code = cls?.code ?? null;
    const row = classes.get(code) ?? {
      code,
      label: cls?.label ?? tr('common.unknownClass'),
      ...(cls?.labelEn && { labelEn: cls.labelEn }),
      ...zero(),
    };
    classes.set(code, row);
    add(row, t);
    const day = days.get(t.day) ?? zero();
    days.set(t.day, day);
    add(day, t);
  }

  const byDay: DayRow[] = [];
  for (let d = from; d <= to; d = addDaysToKey(d, 1)) byDay.push({ day: d, ...(days.get(d) ?? zero()) });
  const byClass = [...classes.values()]
    .map((c) => ({ ...c, repeatRate: c.repeat / c.tickets, escalatedRate: c.escalated / c.tickets }))
    .sort((a, b) => b.tickets - a.tickets || a.label.localeCompare(b.label, 'zh'));
  return { byClass, byDay };
}
