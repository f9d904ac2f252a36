import { usePanel } from './context';
import { pct } from './Summary';

/** The fill targets as the CRM form names them (a skipped target has no change label). */
const TARGETS: Record<string, string> = {
  ticketType: '工单类型',
  category: '投诉分类',
  department: '处理部门',
  tags: '标签',
};

/** Dispatch suggestions and the auto-fill controls. */
export function Actions() {
  const p = usePanel();
  const t = p.tab.value!;
  const v = t.verdict;
  return (
    <section aria-label="派单与自动填写">
      <h2>派单建议</h2>
      {v.dispatch.length ? (
        <ol class="dispatch" data-testid="dispatch">
          {v.dispatch.map((d) => (
            <li key={d.target} data-source={d.source}>
              <strong>{d.target}</strong> {d.confidence > 0 && <span class="conf">{pct(d.confidence)}</span>}
              {d.source === 'model' && (
                <>
                  {' '}
                  <span class="src src-model" title="从本中心已派单工单学得">
                    学得
                  </span>
                </>
              )}
              <span class="because">{d.because}</span>
            </li>
          ))}
        </ol>
      ) : (
        <p class="empty">没有派单建议（分类未知或无匹配规则）</p>
      )}
      {t.read.canFill && (
        <div class="fill">
          <button type="button" onClick={() => void p.fill()} data-testid="fill">
            一键填写
          </button>
          {t.autofill && t.autofill.changes.length > 0 && (
            <button type="button" class="secondary" onClick={() => void p.undo()} data-testid="undo">
              撤销
            </button>
          )}
          <label>
            <input
              type="checkbox"
              checked={p.autoFill.value}
              onChange={(e) => void p.setAutoFill(e.currentTarget.checked)}
            />
            自动填写
          </label>
        </div>
      )}
      {t.autofill && (
        <ul class="filled" data-testid="filled">
          {t.autofill.changes.map((c) => (
            <li key={c.target} class={c.stuck ? 'ok' : 'bad'}>
              {c.label}：{c.previous || '（空）'} → {c.value} {c.stuck ? '✓' : '✗ 未生效'}
            </li>
          ))}
          {t.autofill.skipped.map((s) => (
            <li key={s.target} class="skip">
              跳过 {TARGETS[s.target] ?? s.target}：{s.because}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
