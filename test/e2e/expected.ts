import { nearestOpen } from '../../rules/clock/vocabulary';
import { pairPauseLog } from '../../rules/clock/pauses';
import { evaluate } from '../../rules/engine/evaluate';
import { packs } from '../../rules/packs';
import { toIso } from '../../rules/time/shanghai';
import type { Verdict } from '../../rules/verdict';
import { findTicket } from '../demo-crm/tickets';

/** The verdict the engine gives, in Node, for a demo ticket as the server rendered it at `serverNow`. */
export function expectedVerdict(id: string, serverNow: number, now = Date.now()): Verdict {
  const live = findTicket(id, serverNow);
  if (!live) throw new Error(`no demo ticket ${id}`);
  const { times, purpose: _purpose, suspensions, ...fields } = live;
  const ticket = {
    ...fields,
    ...Object.fromEntries(Object.entries(times).map(([k, ms]) => [k, toIso(ms)])),
    pauses: pairPauseLog(suspensions.map((s) => ({ event: s.event, at: toIso(s.at) }))),
  };
  return evaluate(ticket, packs['china-telecom']!, [], now);
}

/** Seconds left (negative when over) that a badge or panel text like "超 00:08:27" shows. */
export function shownSeconds(text: string): number {
  const m = /(剩|超)\s*(?:(\d+)天)?(\d\d):(\d\d):(\d\d)/.exec(text);
  if (!m) throw new Error(`no countdown in "${text}"`);
  const s = Number(m[2] ?? 0) * 86400 + Number(m[3]) * 3600 + Number(m[4]) * 60 + Number(m[5]);
  return m[1] === '剩' ? s : -s;
}

export function nearestClock(v: Verdict) {
  return nearestOpen(v.clocks);
}
