import { t as tr } from '@/utils/i18n';
import { Actions } from './Actions';
import { ClockAnnouncer } from './ClockAnnouncer';
import { Clocks } from './Clocks';
import { usePanel } from './context';
import { NextStep } from './NextStep';
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
      <p class="empty">{tr('panel.empty')}</p>
    );
  const ticket = `${t.tabId}:${t.verdict.id ?? ''}`;
  return (
    <main>
      <header>
        <h1 data-testid="ticket-id">{t.verdict.id ?? tr('panel.noTicketId')}</h1>
        <div class="site">{t.read.adapterName}</div>
      </header>
      {refused && <RefusedNote refused={refused} />}
      <TruncatedNote read={t.read} />
      {p.notice.value && (
        <p class="notice" role="status">
          {p.notice.value}
        </p>
      )}
      {/* What to do and by when first; a fold opened on one ticket is closed on the next (the key). */}
      <NextStep />
      <section key={`clocks ${ticket}`} aria-labelledby="clocks-heading">
        <h2 id="clocks-heading">{tr('panel.clocks')}</h2>
        <Clocks />
      </section>
      <Summary v={t.verdict} />
      <Actions />
      <section key={`scripts ${ticket}`} aria-labelledby="scripts-heading">
        <h2 id="scripts-heading">{tr('panel.scripts')}</h2>
        <Scripts />
      </section>
      <Unknowns />
      <ClockAnnouncer />
    </main>
  );
}
