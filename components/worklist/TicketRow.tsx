import { STATE_LABELS, stateClass } from '@/rules/clock/vocabulary';
import { RISK_LABELS } from '@/rules/pack/vocabulary';
import { maskPhone } from '@/utils/db/mask';
import { useWorklist } from './context';
import type { Row } from './order';

/** One open ticket: id, class, the clock to watch with its countdown, tags, and the two actions. */
export function TicketRow({ row }: { row: Row }) {
  const w = useWorklist();
  const t = row.ticket;
  const v = t.verdict;
  const phone = t.fields.customerPhone;
  return (
    <li class="ticket" data-testid="ticket" data-key={t.key} data-state={row.state ?? 'none'}>
      <span class={`strip risk-${v.risk}`} role="img" title={RISK_LABELS[v.risk]} aria-label={RISK_LABELS[v.risk]} />
      <div class="head">
        <strong class="id" data-testid="ticket-id">
          {t.id}
        </strong>
        <span class="class">{v.category?.label ?? '分类未知'}</span>
        <span class="actions">
          <button type="button" class="secondary" onClick={() => void w.open(t)}>
            打开
          </button>
          <button type="button" data-testid="done" onClick={() => void w.done(t)}>
            完成
          </button>
        </span>
      </div>
      {row.clock && row.state ? (
        <div class={`due ${stateClass(row.state)}`} title={row.due}>
          <span class="clock-label">{row.clock.label}</span>
          <span class="countdown" data-testid="countdown">
            {row.countdown}
          </span>
          <span class="clock-state">{STATE_LABELS[row.state]}</span>
        </div>
      ) : (
        <div class="due none">没有进行中的时限</div>
      )}
      {(v.tags.length > 0 || phone) && (
        <div class="meta">
          {v.tags.map((tag) => (
            <span key={tag.code} class="tag" title={tag.because}>
              {tag.label}
            </span>
          ))}
          {phone && <span class="phone">{maskPhone(phone, w.revealPhones.value)}</span>}
        </div>
      )}
    </li>
  );
}
