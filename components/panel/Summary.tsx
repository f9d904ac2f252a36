import { CHANNEL_LABELS, NATURE_LABELS, RISK_LABELS } from '@/rules/pack/vocabulary';
import type { Category, Verdict } from '@/rules/verdict';
import { usePanel } from './context';

/** A confidence as agents read it: 0.874 → 87%. */
export const pct = (p: number) => `${Math.round(p * 100)}%`;

/** Where the class came from, in a word. */
export const SOURCE_LABELS: Record<Category['source'], string> = {
  crm: 'CRM',
  agent: '坐席选定',
  model: '模型',
  rules: '规则',
};

/**
 * The class with its confidence and source, the next two classes as one-click picks, the ask when
 * the class is too unsure to fill, and, when the text reads otherwise, both readings.
 */
function ClassLine({ c }: { c: Category | null }) {
  const p = usePanel();
  if (!c)
    return (
      <div class="class-line" aria-label="投诉分类">
        <span class="cls" data-testid="category">
          分类未知
        </span>
      </div>
    );
  const others = c.alternatives.filter((a) => a.code !== c.code).slice(0, 2);
  return (
    <div class="class-line" aria-label="投诉分类" data-code={c.code} data-source={c.source}>
      <span class="cls" title={c.because} data-testid="category">
        {c.label}
      </span>{' '}
      <span class="conf" data-testid="category-confidence">
        {pct(c.confidence)}
      </span>{' '}
      <span class={`src src-${c.source}`} data-testid="category-source">
        {SOURCE_LABELS[c.source]}
      </span>
      {!c.autoFill && (
        <>
          <span class="ask" data-testid="category-ask">
            把握不足，请确认分类
          </span>
          <button
            type="button"
            class="alt"
            data-code={c.code}
            data-testid="category-confirm"
            title={`确认为${c.label}`}
            onClick={() => void p.pick(c.code)}
          >
            确认
          </button>
        </>
      )}
      {others.map((a) => (
        <button
          key={a.code}
          type="button"
          class="alt"
          data-code={a.code}
          data-testid="category-alt"
          title={`改为${a.label}`}
          onClick={() => void p.pick(a.code)}
        >
          {a.label} {pct(a.confidence)}
        </button>
      ))}
      {c.disagreement && (
        <p class="disagree" data-testid="disagreement">
          {c.source === 'agent' ? `坐席选定${c.label}` : `CRM 分类为${c.label}（${c.because}）`}；内容更像
          {c.disagreement.label}（{pct(c.disagreement.confidence)}）：
          {c.disagreement.because}
        </p>
      )}
    </div>
  );
}

/** Kind, class, channel, VIP, tags and risk: each with its "because" one click away. */
export function Summary({ v }: { v: Verdict }) {
  return (
    <section class="summary" aria-label="工单判断">
      <div class="chips">
        <span class="chip" title={v.natureBecause} data-testid="nature">
          {NATURE_LABELS[v.nature]}
        </span>
        <span class="chip">{CHANNEL_LABELS[v.channelLevel]}</span>
        <span class="chip">{v.vip === null ? 'VIP 未知' : v.vip ? 'VIP' : '普通客户'}</span>
        {v.priority && (
          <span class="chip prio" title={v.priorityBecause.join('\n')}>
            优先处理
          </span>
        )}
      </div>
      <ClassLine c={v.category} />
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
      <p class="pack" data-testid="pack" data-pack={v.pack}>
        规则包：{v.packName ?? v.pack}
        {v.packVersion && ` ${v.packVersion}`}
      </p>
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
