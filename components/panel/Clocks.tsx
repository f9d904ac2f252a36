import { stateClass } from '@/rules/clock/vocabulary';
import { basisLabel, stateLabel, t } from '@/utils/i18n';
import { usePanel } from './context';
import type { PanelState } from './state';

type LiveClock = PanelState['clocks']['value'][number];

function Clock({ c, nearest = false }: { c: LiveClock; nearest?: boolean }) {
  return (
    <li
      class={`clock ${stateClass(c.live)}${nearest ? ' nearest' : ''}`}
      data-code={c.code}
      data-state={c.live}
      title={c.because}
    >
      <div class="clock-head">
        <span class="clock-label">{c.label}</span>
        <span class="clock-state">{stateLabel(c.live)}</span>
      </div>
      <div class="clock-time">{c.countdown}</div>
      <div class="clock-meta">{t('panel.clockMeta', { limit: c.limit, basis: basisLabel(c.basis), due: c.due })}</div>
      {c.provisional && (
        <div class="clock-meta clock-provisional" data-testid="clock-provisional">
          {t('panel.provisional')}
        </div>
      )}
    </li>
  );
}

/**
 * The clocks as live countdowns, driven by the panel's single ticking `now`: the open ones, the
 * nearest first and largest (the one to act on), then the stopped ones folded into one line. A
 * folded clock stays in the document, so what reads it by its code still finds it.
 */
export function Clocks() {
  const { clocks, nearest } = usePanel();
  if (clocks.value.length === 0) return <p class="empty">{t('panel.noClocks')}</p>;
  const open = clocks.value.filter((c) => c.stoppedAt === undefined);
  const stopped = clocks.value.filter((c) => c.stoppedAt !== undefined);
  const late = stopped.filter((c) => c.live === 'late').length;
  return (
    <div data-testid="clocks">
      {open.length > 0 && (
        <ul class="clocks">
          {open.map((c) => (
            <Clock key={c.code} c={c} nearest={c.code === nearest.value} />
          ))}
        </ul>
      )}
      {stopped.length > 0 && (
        <details class="stopped" data-testid="stopped-clocks">
          <summary>
            {late ? t('panel.metClocksLate', { n: stopped.length, late }) : t('panel.metClocks', { n: stopped.length })}
          </summary>
          <ul class="clocks">
            {stopped.map((c) => (
              <Clock key={c.code} c={c} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
