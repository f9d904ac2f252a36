import { usePanel } from './context';

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
            <li key={d.target}>
              <strong>{d.target}</strong>
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
            <input type="checkbox" checked={p.autoFill.value} onChange={(e) => void p.setAutoFill(e.currentTarget.checked)} />
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
              跳过 {s.target}：{s.because}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
