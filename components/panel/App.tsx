import { Actions } from './Actions';
import { Clocks } from './Clocks';
import { usePanel } from './context';
import { Scripts } from './Scripts';
import { Summary } from './Summary';
import { Unknowns } from './Unknowns';
import { RefusedNote, TruncatedNote } from './Warnings';

export function App() {
  const p = usePanel();
  const t = p.tab.value;
  const refused = p.refused.value;
  if (!t)
    return refused ? (
      <main>
        <RefusedNote refused={refused} />
      </main>
    ) : (
      <p class="empty">打开客服系统中的工单后，这里会显示时限、派单建议和话术。</p>
    );
  return (
    <main>
      <header>
        <h1 data-testid="ticket-id">{t.verdict.id ?? '（无工单号）'}</h1>
        <div class="site">{t.read.adapterName}</div>
      </header>
      {refused && <RefusedNote refused={refused} />}
      <TruncatedNote read={t.read} />
      {p.notice.value && (
        <p class="notice" role="status">
          {p.notice.value}
        </p>
      )}
      <Summary v={t.verdict} />
      <h2>时限</h2>
      <Clocks />
      <Actions />
      <h2>话术</h2>
      <Scripts />
      <Unknowns />
    </main>
  );
}
