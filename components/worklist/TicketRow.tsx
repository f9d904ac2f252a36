import { stateClass } from '@/rules/clock/vocabulary';
import { stateLabel, t as tr } from '@/utils/i18n';
import { classLabel } from '@/utils/i18n/labels';
import { maskPhone } from '@/utils/db/mask';
import { useWorklist } from './context';
import type { Row } from './order';

/** One open ticket: id, class, the clock to watch with its countdown and state, risk and tags in words, and the two actions. */
export function TicketRow({ row }: { row: Row }) {
  const w = useWorklist();
  const t = row.ticket;
  const v = t.verdict;
  const phone = t.fields.customerPhone;
  const risky = v.risk !== 'none';
  return (
    <li class="ticket" data-testid="ticket" data-key={t.key} data-state={row.state ?? 'none'}>
      {/* The risk at a glance; said in words below, so colour is never all there is to it. */}
      <span class={`strip risk-${v.risk}`} aria-hidden="true" />
      <div class="head">
        <strong class="id" data-testid="ticket-id">
          {t.id}
        </strong>
        <span class="class">{v.category ? classLabel(v.category) : tr('common.unknownClass')}</span>
        <span class="actions">
          <button type="button" class="secondary" onClick={() => void w.open(t)}>
            {tr('worklist.open')}
          </button>
          <button type="button" data-testid="done" onClick={() => void w.done(t)}>
            {tr('worklist.done')}
          </button>
        </span>
      </div>
      {row.clock && row.state ? (
        <div class={`due ${stateClass(row.state)}`} title={row.due}>
          <span class="clock-label">{row.clock.label}</span>
          <span class="countdown" data-testid="countdown">
            {row.countdown}
          </span>
          <span class="clock-state">{stateLabel(row.state)}</span>
        </div>
      ) : (
        <div class="due none">{tr('worklist.noClock')}</div>
      )}
      {(risky || v.tags.length > 0 || phone) && (
        <div class="meta">
          {risky && (
            <span class={`risk-text risk-${v.risk}`} data-testid="risk">
              {tr(`risk.${v.risk}`)}
            </span>
          )}
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
