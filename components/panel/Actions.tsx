import { percent, t as tr } from '@/utils/i18n';
import { fillTargetLabel as targetLabel } from '@/utils/i18n/labels';
import { usePanel } from './context';

/** Dispatch suggestions and the auto-fill controls. */
export function Actions() {
  const p = usePanel();
  const t = p.tab.value!;
  const v = t.verdict;
  return (
    <section aria-label={tr('panel.dispatchSection')}>
      <h2>{tr('panel.dispatch')}</h2>
      {v.dispatch.length ? (
        <ol class="dispatch" data-testid="dispatch">
          {v.dispatch.map((d) => (
            <li key={d.target} data-source={d.source}>
              <strong>{d.target}</strong> {d.confidence > 0 && <span class="conf">{percent(d.confidence)}</span>}
              {d.source === 'model' && (
                <>
                  {' '}
                  <span class="src src-model" title={tr('panel.learnedTitle')}>
                    {tr('panel.learned')}
                  </span>
                </>
              )}
              <span class="because">{d.because}</span>
            </li>
          ))}
        </ol>
      ) : (
        <p class="empty">{tr('panel.noDispatch')}</p>
      )}
      {t.read.canFill && (
        <div class="fill">
          <button type="button" onClick={() => void p.fill()} data-testid="fill">
            {tr('panel.fill')}
          </button>
          {t.autofill && t.autofill.changes.length > 0 && (
            <button type="button" class="secondary" onClick={() => void p.undo()} data-testid="undo">
              {tr('common.undo')}
            </button>
          )}
          <label>
            <input
              type="checkbox"
              checked={p.autoFill.value}
              onChange={(e) => void p.setAutoFill(e.currentTarget.checked)}
            />
            {tr('panel.autoFill')}
          </label>
        </div>
      )}
      {t.autofill && (
        <ul class="filled" data-testid="filled">
          {t.autofill.changes.map((c) => (
            <li key={c.target} class={c.stuck ? 'ok' : 'bad'}>
              {tr('panel.change', {
                label: targetLabel(c.target),
                previous: c.previous || tr('common.empty'),
                value: c.value,
              })}{' '}
              {c.stuck ? '✓' : tr('panel.notApplied')}
            </li>
          ))}
          {t.autofill.skipped.map((s) => (
            <li key={s.target} class="skip">
              {tr('panel.skipped', { target: targetLabel(s.target), because: s.because })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
