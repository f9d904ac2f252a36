import type { ReadonlySignal } from '@preact/signals';

/** One announcement; `n` numbers them, so the same words said again are read again. */
export interface Said {
  n: number;
  text: string;
}

/**
 * A polite live region, visually hidden: a screen reader reads each new announcement once, when
 * the agent pauses, without moving focus. It is in the page before anything is said, as live
 * regions must be; each announcement replaces the last as a new node.
 */
export function LiveRegion({ said }: { said: ReadonlySignal<Said | null> }) {
  const s = said.value;
  return (
    <div class="visually-hidden" aria-live="polite" data-testid="announcer">
      {s && <p key={s.n}>{s.text}</p>}
    </div>
  );
}
