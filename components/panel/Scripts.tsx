import { t as tr } from '@/utils/i18n';
import { stageLabel } from '@/utils/i18n/labels';
import { usePanel } from './context';
import { groupScripts } from './stage';

/**
 * Script prompts with their variables filled, by stage: the current stage open and first, each
 * other stage one folded line. Copy, or insert into the CRM's reply box.
 */
export function Scripts() {
  const p = usePanel();
  const t = p.tab.value!;
  if (t.verdict.scripts.length === 0) return <p class="empty">{tr('panel.noScripts')}</p>;
  return (
    <div class="scripts" data-testid="scripts">
      {groupScripts(t.verdict.scripts, p.stage.value).map((g) => (
        <details key={g.stage} class="stage-group" data-stage={g.stage} data-current={g.current} open={g.current}>
          <summary>
            <span class="stage">{stageLabel(g.stage)}</span>
            {g.current && <span class="stage-now">{tr('panel.stageNow')}</span>}
            {g.scripts.length > 1 && (
              <span class="stage-count">{tr('panel.scriptCount', { n: g.scripts.length })}</span>
            )}
          </summary>
          <ul>
            {g.scripts.map((s, i) => (
              <li key={i}>
                <p class="script-text">{s.text}</p>
                <div class="row">
                  <button type="button" class="secondary" onClick={() => void p.copy(s.text)}>
                    {tr('panel.copy')}
                  </button>
                  {t.read.canReply && (
                    <button type="button" class="secondary" onClick={() => void p.insert(s.text)}>
                      {tr('panel.insert')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </div>
  );
}
