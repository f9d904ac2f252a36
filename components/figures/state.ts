import { signal } from '@preact/signals';
import type { Store } from '@/utils/db/store';
import type { Figures, StoredTicket } from '@/utils/db/types';
import { breakdown, type Breakdown } from './breakdown';

/** The store calls the figures page makes. */
export interface FiguresStore {
  figures: Store['figures'];
  /** Every stored ticket accepted on the Shanghai days `from` to `to` (YYYY-MM-DD), both included. */
  ticketsAccepted(from: string, to: string): Promise<StoredTicket[]>;
}

export const PERIOD_DAYS = 30;

/** The figures page reads once on open: the numbers describe past days and need no ticking. */
export function createFiguresState(store: FiguresStore, opts: { now?: () => number } = {}) {
  const clock = opts.now ?? Date.now;
  const figures = signal<Figures | null>(null);
  const split = signal<Breakdown | null>(null);
  const error = signal<string | null>(null);
  return {
    figures,
    /** Per class and per day, over the same period as `figures`. */
    split,
    error,
    async load() {
      try {
        const f = await store.figures(clock(), PERIOD_DAYS);
        split.value = breakdown(await store.ticketsAccepted(f.from, f.to), f.from, f.to);
        figures.value = f;
        error.value = null;
      } catch (e) {
        error.value = `读取统计失败：${e instanceof Error ? e.message : String(e)}`;
      }
    },
  };
}

export type FiguresState = ReturnType<typeof createFiguresState>;
