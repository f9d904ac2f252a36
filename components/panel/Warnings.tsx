import { FIELD_LABELS } from '@/rules/ticket';
import type { Refused, TicketRead } from '@/utils/messages';

const label = (field: string) => (FIELD_LABELS as Record<string, string>)[field] ?? field;

/** The background refused the tab's last reading: that ticket is not stored nor reminded, and the agent is told. */
export function RefusedNote({ refused }: { refused: Refused }) {
  return (
    <p class="warning" role="alert" data-testid="refused">
      后台未能接收此页的工单{refused.ticketId ? ` ${refused.ticketId}` : ''}（{refused.reason}
      ），该工单未保存，也不会提醒。请刷新页面后重试，仍不行请告知管理员。
    </p>
  );
}

/** Fields the content script cut to fit: the ticket is stored with their start and a mark. */
export function TruncatedNote({ read }: { read: TicketRead }) {
  if (!read.truncated?.length) return null;
  return (
    <div class="warning" role="status" data-testid="truncated">
      {read.truncated.map((t) => (
        <p key={t.field} data-field={t.field}>
          {label(t.field)}过长（{t.length} 字），已截断保存
        </p>
      ))}
    </div>
  );
}
