import 'fake-indexeddb/auto';
import { toIso } from '@/rules/time/shanghai';
import type { ClockResult, Verdict } from '@/rules/verdict';
import { createStore } from '@/utils/db/store';

export const HOUR = 3_600_000;
export const NOW = Date.parse('2025-06-10T10:00:00+08:00');

let dbs = 0;
/** A real Dexie store on fake-indexeddb, a fresh database per call. */
export const freshStore = () => createStore(`pages-test-${++dbs}`);

export interface ClockSpec {
  code: string;
  label: string;
  /** Hours from NOW: negative is already due. */
  dueIn: number;
  /** Hours the clock had when it started (so due-soon can be reached). */
  span?: number;
  stopped?: boolean;
}

function clock({ code, label, dueIn, span = 24, stopped }: ClockSpec): ClockResult {
  const due = NOW + dueIn * HOUR;
  return {
    code,
    label,
    startAt: toIso(due - span * HOUR),
    dueAt: toIso(due),
    basis: 'hours',
    limit: `${span}小时`,
    state: 'running',
    ...(stopped ? { stoppedAt: toIso(due - HOUR) } : {}),
    because: '测试',
  };
}

export interface TicketSpec {
  id: string;
  clocks?: ClockSpec[];
  risk?: Verdict['risk'];
  tags?: { code: string; label: string }[];
  category?: { code: string; label: string } | null;
  phone?: string;
  seenAt?: number;
  /** As the CRM shows it; the store files the ticket under this Shanghai day. */
  acceptedAt?: string;
}

/** A class as the CRM's path gives it. */
const crmClass = (c: { code: string; label: string } | null): Verdict['category'] =>
  c && { ...c, confidence: 1, because: '测试', source: 'crm', autoFill: true, alternatives: [{ ...c, confidence: 1 }] };

export function verdictFor(t: TicketSpec): Verdict {
  return {
    id: t.id,
    pack: 'china-telecom',
    nature: 'complaint',
    natureBecause: '测试',
    category: crmClass(t.category === undefined ? { code: 'top-up', label: '充值缴费类' } : t.category),
    channelLevel: 'province',
    vip: false,
    tags: (t.tags ?? []).map((g) => ({ ...g, because: '测试' })),
    priority: false,
    priorityBecause: [],
    risk: t.risk ?? 'none',
    riskBecause: null,
    reportTo: [],
    dispatch: [],
    clocks: (t.clocks ?? []).map(clock),
    scripts: [],
    unknown: [],
  };
}

/** Store tickets as the background would on reading them. */
export async function seed(store: ReturnType<typeof createStore>, specs: TicketSpec[]) {
  for (const t of specs) {
    await store.recordSeen({
      adapterId: 'demo-legacy',
      url: `http://127.0.0.1/legacy/?id=${t.id}`,
      fields: {
        id: t.id,
        acceptedAt: t.acceptedAt ?? '2025-06-09 09:00:00',
        ...(t.phone ? { customerPhone: t.phone } : {}),
      },
      verdict: verdictFor(t),
      now: t.seenAt ?? NOW - HOUR,
    });
  }
}
