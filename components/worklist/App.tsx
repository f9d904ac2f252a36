import type { JSX } from 'preact';
import { AccessBar } from './AccessBar';
import { useWorklist } from './context';
import { Filters } from './Filters';
import type { Filter } from './order';
import { TicketRow } from './TicketRow';

const EMPTY: Record<Filter, string> = {
  overdue: '没有超时的工单。',
  'due-soon': '没有即将到期的工单。',
  all: '没有未完成的工单。在客服系统中打开工单后，会自动记录在这里。',
};

/** A link that opens an extension page in a tab: a popup closes on navigation, so it goes through the state. */
const pageLink = (go: () => Promise<void>) => (e: JSX.TargetedMouseEvent<HTMLAnchorElement>) => {
  e.preventDefault();
  void go();
};

export function App() {
  const w = useWorklist();
  const done = w.lastDone.value;
  return (
    <main class="worklist">
      <header>
        <h1>待办工单</h1>
        <nav>
          <a href="sidepanel.html" onClick={pageLink(w.openSidePanel)}>
            侧边栏
          </a>
          <a href="figures.html" onClick={pageLink(w.openFigures)}>
            统计
          </a>
          <a href="options.html" onClick={pageLink(w.openOptions)}>
            设置
          </a>
        </nav>
      </header>
      <AccessBar />
      <Filters />
      {w.error.value && (
        <p class="error" role="alert">
          {w.error.value}
        </p>
      )}
      {done && (
        <p class="undo" role="status">
          已将 {done.id} 标记为完成
          <button type="button" class="secondary" data-testid="undo" onClick={() => void w.undo()}>
            撤销
          </button>
        </p>
      )}
      {w.tickets.value === null ? (
        <p class="empty">读取中…</p>
      ) : w.shown.value.length === 0 ? (
        <p class="empty" data-testid="empty">
          {EMPTY[w.filter.value]}
        </p>
      ) : (
        <ul class="tickets" data-testid="tickets">
          {w.shown.value.map((r) => (
            <TicketRow key={r.ticket.key} row={r} />
          ))}
        </ul>
      )}
    </main>
  );
}
