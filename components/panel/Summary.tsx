import { CHANNEL_LABELS, NATURE_LABELS } from '@/rules/pack/vocabulary';
import type { Verdict } from '@/rules/verdict';
import { RISK_LABELS } from '../countdown';

/** Kind, class, channel, VIP, tags and risk: each with its "because" one click away. */
export function Summary({ v }: { v: Verdict }) {
  return (
    <section class="summary" aria-label="工单判断">
      <div class="chips">
        <span class="chip" title={v.natureBecause} data-testid="nature">
          {NATURE_LABELS[v.nature]}
        </span>
        <span class="chip" title={v.category?.because ?? '分类未知'} data-testid="category">
          {v.category?.label ?? '分类未知'}
        </span>
        <span class="chip">{CHANNEL_LABELS[v.channelLevel]}</span>
        <span class="chip">{v.vip === null ? 'VIP 未知' : v.vip ? 'VIP' : '普通客户'}</span>
        {v.priority && (
          <span class="chip prio" title={v.priorityBecause.join('\n')}>
            优先处理
          </span>
        )}
      </div>
      <div class={`risk risk-${v.risk}`} data-testid="risk">
        <strong>{RISK_LABELS[v.risk]}</strong>
        {v.reportTo.length > 0 && <span>　报告：{v.reportTo.join('、')}</span>}
        {v.riskBecause && <p class="because">{v.riskBecause}</p>}
      </div>
      {v.tags.length > 0 && (
        <ul class="tags" data-testid="tags">
          {v.tags.map((t) => (
            <li key={t.code} data-code={t.code}>
              <span class="tag">{t.label}</span>
              <span class="because">{t.because}</span>
            </li>
          ))}
        </ul>
      )}
      <details class="why">
        <summary>为什么这样判断</summary>
        <p>接触类型：{v.natureBecause}</p>
        <p>分类：{v.category?.because ?? '未能分类'}</p>
        {v.priorityBecause.map((b) => (
          <p key={b}>优先：{b}</p>
        ))}
      </details>
    </section>
  );
}
