import { BASIS_LABELS, STATE_LABELS, stateClass } from '@/rules/clock/vocabulary';
import { PROVISIONAL_TEXT } from '@/rules/calendar/notes';
import { usePanel } from './context';

/** Every clock as a live countdown, driven by the panel's single ticking `now`. */
export function Clocks() {
  const { clocks } = usePanel();
  if (clocks.value.length === 0) return <p class="empty">没有适用的时限</p>;
  return (
    <ul class="clocks" data-testid="clocks">
      {clocks.value.map((c) => (
        <li key={c.code} class={`clock ${stateClass(c.live)}`} data-code={c.code} data-state={c.live} title={c.because}>
          <div class="clock-head">
            <span class="clock-label">{c.label}</span>
            <span class="clock-state">{STATE_LABELS[c.live]}</span>
          </div>
          <div class="clock-time">{c.countdown}</div>
          <div class="clock-meta">
            {c.limit}（{BASIS_LABELS[c.basis]}）· {c.due}
          </div>
          {c.provisional && (
            <div class="clock-meta clock-provisional" data-testid="clock-provisional">
              {PROVISIONAL_TEXT}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
