// Reads when the ticket was suspended (挂起) and resumed off the CRM page's history table, with the
// adapter's `pauses`. Like read.ts it never throws and says what it tried. Times stay as the page
// shows them (after the adapter's transforms): the background parses, sorts and pairs them, so
// the content script stays small.
import { resolveFrame } from './frames';
import { findTicketRoot } from './read';
import type { RowPart, SiteAdapter } from './schema';
import { applyTransforms } from './transforms';

export interface PauseEvent {
  event: 'pause' | 'resume';
  at: string;
}

export interface PauseLogReading {
  /** In page order. */
  log: PauseEvent[];
  /**
   * Events are known to be missing (a 挂起/解挂 row without a readable time, more than
   * MAX_PAUSE_EVENTS, a frame or selector that failed): paired as it is, the log could mislead.
   * No rows at all is a complete, empty log: a ticket never suspended shows none.
   */
  incomplete: boolean;
  tried: string[];
}

/**
 * Events read at most: fifty suspensions of one ticket is beyond any real one, so more means words
 * that match too much. The reading stops at the next one, and says the log is incomplete.
 */
export const MAX_PAUSE_EVENTS = 100;
/** Problems named in `tried`: an adapter whose `at` misses names its first rows, not thousands. */
const MAX_TRIED = 20;

/** `doc` is the top document; undefined when the adapter does not say where pauses show. */
export function readPauseLog(doc: Document, adapter: SiteAdapter): PauseLogReading | undefined {
  const spec = adapter.pauses;
  if (!spec) return undefined;
  // Incomplete until every row was read.
  const r: PauseLogReading = { log: [], incomplete: true, tried: [] };
  const note = (why: string) => r.tried.length < MAX_TRIED && r.tried.push(why);
  try {
    const frame = resolveFrame(doc, spec.frame);
    if (!frame.ok) {
      note(`frame ${frame.failedStep}: not found or not accessible`);
      return r;
    }
    const rows = findRows(frame.doc, [spec.rows].flat(), note);
    // No history rows is a ticket never suspended (a new one shows none); a broken selector is not.
    if (!rows?.length) {
      r.incomplete = rows === null;
      return r;
    }
    const root = findTicketRoot(doc, adapter);
    if (root && !root.contains(rows[0]!)) note('rows outside ticketRoot: a new one alone is not noticed');
    // Longest word first, resume before pause on a tie: 取消挂起 is a resume though it holds 挂起.
    const words = [
      ...spec.resume.map((w) => [w, 'resume'] as const),
      ...spec.pause.map((w) => [w, 'pause'] as const),
    ].sort((a, b) => b[0].length - a[0].length);
    let untimed = false;
    for (let i = 0; i < rows.length; i++) {
      const action = cellText(rows[i]!, spec.action);
      const hit = words.find(([w]) => action.includes(w));
      if (!hit) continue;
      const at = cellText(rows[i]!, spec.at);
      if (!at) {
        untimed = true;
        note(`row ${i + 1} ${hit[0]}: no time`);
      } else if (r.log.length === MAX_PAUSE_EVENTS) {
        note(`more than ${MAX_PAUSE_EVENTS} events`);
        return r;
      } else r.log.push({ event: hit[1], at });
    }
    r.incomplete = untimed;
  } catch (e) {
    note(String(e));
  }
  return r;
}

/** The rows of the first selector that finds any, each miss noted; null when none found and a selector was invalid. */
function findRows(doc: Document, selectors: string[], note: (why: string) => void): Element[] | null {
  let invalid = false;
  for (const css of selectors) {
    try {
      const rows = doc.querySelectorAll(css);
      if (rows.length) return Array.from(rows);
      note(`rows ${css}: not found`);
    } catch {
      invalid = true;
      note(`rows ${css}: invalid selector`);
    }
  }
  return invalid ? null : [];
}

/** Text (or attribute) of a row's cell, transformed; '' when absent. An invalid selector throws. */
function cellText(row: Element, part: RowPart): string {
  const el = part.css === ':scope' ? row : row.querySelector(part.css);
  const raw = el && (part.attr ? el.getAttribute(part.attr) : el.textContent);
  return applyTransforms((raw ?? '').replace(/\s+/g, ' ').trim(), part.transform);
}
