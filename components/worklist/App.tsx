import type { JSX } from 'preact';
import { t } from '@/utils/i18n';
import { AccessBar } from './AccessBar';
import { useWorklist } from './context';
import { Filters } from './Filters';
import { TicketRow } from './TicketRow';

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
        <h1>{t('worklist.title')}</h1>
        <nav>
          <a href="sidepanel.html" onClick={pageLink(w.openSidePanel)}>
            {t('worklist.sidePanel')}
          </a>
          <a href="figures.html" onClick={pageLink(w.openFigures)}>
            {t('worklist.figures')}
          </a>
          <a href="options.html" onClick={pageLink(w.openOptions)}>
            {t('worklist.options')}
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
          {t('worklist.markedDone', { id: done.id })}
          <button type="button" class="secondary" data-testid="undo" onClick={() => void w.undo()}>
            {t('common.undo')}
          </button>
        </p>
      )}
      {w.tickets.value === null ? (
        <p class="empty">{t('common.loading')}</p>
      ) : w.shown.value.length === 0 ? (
        <p class="empty" data-testid="empty">
          {t(`worklist.empty.${w.filter.value}`)}
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
