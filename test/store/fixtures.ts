import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { evaluate } from '@/rules/engine/evaluate';
import { packs } from '@/rules/packs';
import { TICKET_FIELDS, type TicketField } from '@/rules/ticket';
import { toIso } from '@/rules/time/shanghai';
import type { ClockResult } from '@/rules/verdict';
import { afterEach } from 'vitest';
import { createStore, type Store } from '@/utils/db/store';
import type { SeenInput } from '@/utils/db/types';

export const pack = packs['china-telecom']!;
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Pinned: every test passes this (or an offset of it) as `now`. */
export const NOW = Date.parse('2026-11-28T10:00:00+08:00');

let n = 0;
/** A real Dexie store on fake-indexeddb, its own database per call. */
export const freshStore = () => createStore(`store-test-${++n}-${Math.random().toString(36).slice(2)}`);

/** Fresh stores for one test file, each closed after its test. */
export function storesClosedAfterEach(): () => Store {
  let open: Store[] = [];
  afterEach(() => {
    open.forEach((s) => s.close());
    open = [];
  });
  return () => {
    const s = freshStore();
    open.push(s);
    return s;
  };
}

/** An instant as the CRM writes it: `2026-11-28 17:00:00`, Shanghai time. */
export const crmTime = (ms: number) => toIso(ms).slice(0, 19).replace('T', ' ');

export type Fields = Partial<Record<TicketField, string>>;

/** A billing-dispute complaint from an ordinary customer on the 10000 line, accepted at `acceptedAt`. */
export function fields(id: string, over: Fields = {}): Fields {
  return {
    id,
    channel: '10000号',
    source: '省内工单',
    ticketType: '投诉单',
    categoryPath: '服务请求->投诉单->费用争议类->违约金/滞纳金争议->违约金',
    customerLevel: '2星',
    customerName: '王**',
    customerPhone: '13312345678',
    area: '南京市-鼓楼区',
    title: '客户对违约金不认可',
    status: '处理中',
    acceptedAt: crmTime(NOW - HOUR),
    ...over,
  };
}

/** What the background hands the store for a reading at `now`, verdict from the real engine. */
export function seen(f: Fields, now = NOW, history: readonly unknown[] = []): SeenInput {
  return {
    adapterId: 'demo-legacy',
    url: `http://127.0.0.1/legacy/?id=${f.id}`,
    fields: f,
    verdict: evaluate(f, pack, history, now),
    now,
  };
}

/** A clock of `hours` started at `start`, as the engine would give it. */
export function clock(code: string, label: string, start: number, hours: number, stoppedAt?: number): ClockResult {
  return {
    code,
    label,
    startAt: toIso(start),
    dueAt: toIso(start + hours * HOUR),
    basis: 'hours',
    limit: `${hours} 小时`,
    state: 'running',
    ...(stoppedAt === undefined ? {} : { stoppedAt: toIso(stoppedAt) }),
    because: '测试',
  };
}

/** A reading whose verdict carries exactly `clocks`, for tests that need precise due times. */
export function withClocks(id: string, clocks: ClockResult[], now = NOW, over: Fields = {}): SeenInput {
  const s = seen(fields(id, over), now);
  return { ...s, verdict: { ...s.verdict, clocks } };
}

/** A labelled ticket of the centre (test/fixtures/labelled): its fields, and the class it belongs to. */
export interface LabelledTicket {
  fields: Fields;
  classIndex: number;
}

const FIELD_NAMES = new Set<string>(TICKET_FIELDS);

/** The labelled tickets whose label names a class of `pack`, in file order; fields only (no `label`). */
export function labelledTickets(): LabelledTicket[] {
  const text = readFileSync(new URL('../fixtures/labelled/china-telecom.jsonl', import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .flatMap((line) => {
      const raw = JSON.parse(line) as Record<string, unknown>;
      const classIndex = pack.classes.findIndex((c) => c.label === raw.label || c.code === raw.label);
      const fields = Object.fromEntries(
        Object.entries(raw).filter(([k, v]) => FIELD_NAMES.has(k) && typeof v === 'string'),
      ) as Fields;
      return classIndex >= 0 && fields.id ? [{ fields, classIndex }] : [];
    });
}
