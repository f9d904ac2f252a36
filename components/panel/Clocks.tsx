import { formatCn } from '@/rules/time/parse';
import { STATE_LABELS } from '../countdown';
import { usePanel } from './context';

const BASIS = { hours: '自然小时', 'working-days': '工作日', days: '日历日' } as const;

/** Every clock as a live countdown, driven by the panel's single ticking `now`. */
export function Clocks() {
  const { clocks } = usePanel();
  if (clocks.value.length === 0) return <p class="empty">没有适用的时限</p>;
  return (
    <ul class="clocks" data-testid="clocks">
      {clocks.value.map((c) => (
        <li key={c.code} class={`clock state-${c.live}`} data-code={c.code} data-state={c.live} title={c.because}>
          <div class="clock-head">
            <span class="clock-label">{c.label}</span>
            <span class="clock-state">{STATE_LABELS[c.live]}</span>
          </div>
          <div class="clock-time">{c.stoppedAt ? `完成于 ${formatCn(c.stoppedAt)}` : c.countdown}</div>
          <div class="clock-meta">
            {c.limit}（{BASIS[c.basis]}）· 截止 {formatCn(c.dueAt)}
          </div>
        </li>
      ))}
    </ul>
  );
}
