import { signal } from '@preact/signals';
import type { Store } from '@/utils/db/store';
import type { Figures } from '@/utils/db/types';
import { t } from '@/utils/i18n';

/** The store call the figures page makes. */
export type FiguresStore = Pick<Store, 'figures'>;

export const PERIOD_DAYS = 30;

/** The figures page reads once on open: the numbers describe past days and need no ticking. */
export function createFiguresState(store: FiguresStore, opts: { now?: () => number } = {}) {
  const clock = opts.now ?? Date.now;
  const figures = signal<Figures | null>(null);
  const error = signal<string | null>(null);
  return {
    figures,
    error,
    async load() {
      try {
        figures.value = await store.figures(clock(), PERIOD_DAYS);
        error.value = null;
      } catch (e) {
        error.value = t('figures.readFailed', { error: e instanceof Error ? e.message : String(e) });
      }
    },
  };
}

export type FiguresState = ReturnType<typeof createFiguresState>;
