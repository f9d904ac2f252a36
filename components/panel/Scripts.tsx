import { usePanel } from './context';

/** Script prompts with their variables filled; copy, or insert into the CRM's reply box. */
export function Scripts() {
  const p = usePanel();
  const t = p.tab.value!;
  if (t.verdict.scripts.length === 0) return <p class="empty">没有适用的话术</p>;
  return (
    <ul class="scripts" data-testid="scripts">
      {t.verdict.scripts.map((s, i) => (
        <li key={`${s.stage}-${i}`}>
          <div class="stage">{s.stage}</div>
          <p class="script-text">{s.text}</p>
          <div class="row">
            <button type="button" class="secondary" onClick={() => void p.copy(s.text)}>
              复制
            </button>
            {t.read.canReply && (
              <button type="button" class="secondary" onClick={() => void p.insert(s.text)}>
                插入回复框
              </button>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
