import { t } from '@/utils/i18n';
import { fieldLabel as label } from '@/utils/i18n/labels';
import type { Refused, TicketRead } from '@/utils/messages';

/** The background refused the tab's last reading: that ticket is not stored nor reminded, and the agent is told. */
export function RefusedNote({ refused }: { refused: Refused }) {
  return (
    <p class="warning" role="alert" data-testid="refused">
      {t('panel.refused', { id: refused.ticketId ? ` ${refused.ticketId}` : '', reason: refused.reason })}
    </p>
  );
}

/** Fields the content script cut to fit: the ticket is stored with their start and a mark. */
export function TruncatedNote({ read }: { read: TicketRead }) {
  if (!read.truncated?.length) return null;
  return (
    <div class="warning" role="status" data-testid="truncated">
      {read.truncated.map((f) => (
        <p key={f.field} data-field={f.field}>
          {t('panel.truncated', { field: label(f.field), length: f.length })}
        </p>
      ))}
    </div>
  );
}
