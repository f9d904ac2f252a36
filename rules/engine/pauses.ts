// The ticket's suspensions as facts: the CRM's pause records (or the sidekick's own record of the
// statuses it saw), checked and put in order, and held against the current status. Anything that
// does not add up makes the pauses unknown, so no pausable clock shows a countdown it cannot back.
import { MAX_PAUSE_MS, type Pause } from '../clock/pauses';
import { MAX_PAUSES } from '../clock/vocabulary';
import { PAUSES_LABEL } from '../ticket';
import { parseCrmTime } from '../time/parse';
import type { CompiledPack } from './compile';
import { addUnknown, type Facts } from './facts';
import { absent } from './normalize';

/** The CRM's clock may run a little ahead of this machine's. */
const CLOCK_SKEW_MS = 5 * 60_000;

const bad = (f: Facts, why: string) => {
  f.pauses = null;
  addUnknown(f, 'pauses', `${PAUSES_LABEL}${why}，可暂停的时限不计算`);
};

const timeOf = (v: unknown) => (absent(v) ? undefined : parseCrmTime(v));

/**
 * Read `raw` (the ticket's `pauses`) into `f.pauses`. A status the pack names as suspended with no
 * open pause on record opens one now, marked observed: the sidekick saw it first at this reading.
 */
export function readPauses(f: Facts, raw: unknown, c: CompiledPack, now: number): void {
  const status = f.s.status;
  const suspended = status === undefined || c.pauseStatuses.size === 0 ? null : c.pauseStatuses.has(status);
  const list: Pause[] = [];
  if (raw !== undefined && raw !== null) {
    if (!Array.isArray(raw) || raw.length > MAX_PAUSES) return bad(f, `不是至多 ${MAX_PAUSES} 条的列表`);
    for (const item of raw as unknown[]) {
      const r = item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {};
      const from = timeOf(r.from);
      const to = timeOf(r.to);
      if (!from?.ok) return bad(f, `中的挂起时间无法识别（${from ? from.reason : '缺少时间 / time is missing'}）`);
      if (to && !to.ok) return bad(f, `中的解挂时间无法识别（${to.reason}）`);
      if (from.ms > now + CLOCK_SKEW_MS) return bad(f, '中的挂起时间晚于当前时间');
      if (to && to.ms < from.ms) return bad(f, '中的解挂时间早于挂起时间');
      if ((to ? to.ms : now) - from.ms > MAX_PAUSE_MS) return bad(f, '中有一次挂起超过 400 天');
      list.push({
        from: Math.min(from.ms, now),
        ...(to ? { to: to.ms } : {}),
        ...(r.observed === true ? { observed: true } : {}),
      });
    }
  }
  list.sort((a, b) => a.from - b.from);
  const merged: Pause[] = [];
  for (const p of list) {
    const last = merged[merged.length - 1];
    if (last && last.to === undefined) return bad(f, '中有未解挂的挂起之后又有挂起');
    // Overlapping records (the same suspension written twice) are one pause.
    if (last && p.from <= last.to!) {
      if (p.to === undefined || p.to > last.to!) last.to = p.to;
      if (last.to === undefined) delete last.to;
    } else merged.push({ ...p });
  }
  const last = merged[merged.length - 1];
  const open = last !== undefined && (last.to === undefined || last.to > now);
  if (suspended === false && last?.to === undefined && last !== undefined)
    return bad(f, `显示仍在挂起，但工单状态为“${status}”`);
  if (suspended === true && !open) merged.push({ from: now, observed: true });
  f.pauses = merged;
}
