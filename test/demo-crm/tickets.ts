// Demo tickets with times stored as offsets from "now" (`-50m`, `-4d2h`), so countdowns on
// the demo pages are live; a fixed now (`?now=ISO` or DEMO_NOW) makes pages reproducible.
import { TIME_FIELDS, type TicketField } from '../../rules/ticket';
import data from './tickets.json';

/** A 挂起 or 解挂 row of the ticket's history, each page wording it its own way. */
interface Suspension<At> {
  event: 'pause' | 'resume';
  at: At;
  note: string;
}
export type DemoTicket = Partial<Record<TicketField, string>> & {
  id: string;
  purpose: string;
  suspensions?: readonly Suspension<string>[];
};
/** A ticket whose time fields and suspensions hold instants (ms) instead of offsets. */
export type LiveTicket = Omit<DemoTicket, (typeof TIME_FIELDS)[number] | 'suspensions'> & {
  times: Partial<Record<(typeof TIME_FIELDS)[number], number>>;
  suspensions: Suspension<number>[];
};

export const TICKETS: readonly DemoTicket[] = data.map((t) => {
  const rows: readonly { event: string }[] = ('suspensions' in t && t.suspensions) || [];
  for (const s of rows)
    if (s.event !== 'pause' && s.event !== 'resume') throw new Error(`tickets.json: ${t.id}: bad event ${s.event}`);
  return t as DemoTicket;
});

const OFFSET = /^([+-])(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const SHANGHAI_MS = 8 * 3_600_000;

function offsetMs(offset: string): number {
  const m = OFFSET.exec(offset);
  if (!m || offset.length < 3) throw new Error(`tickets.json: bad time offset ${JSON.stringify(offset)}`);
  const [, sign, d = '0', h = '0', min = '0', s = '0'] = m;
  const ms = ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000;
  return sign === '-' ? -ms : ms;
}

export function liveTicket(ticket: DemoTicket, nowMs: number): LiveTicket {
  const { suspensions = [], ...fields } = ticket;
  const rest: Record<string, string> = { ...fields };
  const times: LiveTicket['times'] = {};
  for (const field of TIME_FIELDS) {
    const offset = rest[field];
    if (offset === undefined) continue;
    delete rest[field];
    times[field] = nowMs + offsetMs(offset);
  }
  return {
    ...(rest as Omit<LiveTicket, 'times' | 'suspensions'>),
    times,
    suspensions: suspensions.map((s) => ({ ...s, at: nowMs + offsetMs(s.at) })),
  };
}

export function findTicket(id: string | null, nowMs: number): LiveTicket | undefined {
  const ticket = TICKETS.find((t) => t.id === id);
  return ticket && liveTicket(ticket, nowMs);
}

/** `?now=` wins over DEMO_NOW, which wins over the clock. Throws on an unreadable value. */
export function resolveNow(queryNow: string | null): number {
  const given = queryNow || process.env.DEMO_NOW;
  if (!given) return Date.now();
  const ms = Date.parse(given);
  if (Number.isNaN(ms)) throw new Error(`now=${given} is not an ISO time`);
  return ms;
}

/** The display styles the demo pages mix, as real CRM screens do. */
export type TimeStyle = 'dash' | 'dash-seconds' | 'slash-seconds' | 'chinese';

export function formatShanghai(ms: number | undefined, style: TimeStyle): string {
  if (ms === undefined) return '';
  const [date = '', time = ''] = new Date(ms + SHANGHAI_MS).toISOString().split('T');
  const [y, mo, d] = date.split('-');
  const [h, mi, s] = time.slice(0, 8).split(':');
  switch (style) {
    case 'dash':
      return `${y}-${mo}-${d} ${h}:${mi}`;
    case 'dash-seconds':
      return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
    case 'slash-seconds':
      return `${y}/${mo}/${d} ${h}:${mi}:${s}`;
    case 'chinese':
      return `${y}年${mo}月${d}日 ${h}时${mi}分`;
  }
}
