import type { Pause } from '../clock/pauses';
import type { StringFact } from '../pack/condition';
import type { CountField, TimeField } from '../ticket';

/** A reason the engine could not decide something from the ticket. */
export interface UnknownEntry {
  field: string;
  because: string;
}

export interface TagResult {
  code: string;
  label: string;
  kind?: string;
  because: string;
}

/** The ticket after normalisation: what conditions, clocks and history read. */
export interface Facts {
  s: Partial<Record<StringFact, string>>;
  n: Partial<Record<CountField, number>>;
  t: Partial<Record<TimeField, number>>;
  /** Time fields present but unreadable: a clock must not treat them as absent. */
  badTime: TimeField[];
  vip: boolean | null;
  /** The ticket's suspensions, sorted, merged, an open one last; null when they cannot be told (pausable clocks are then unknown). */
  pauses: Pause[] | null;
  /** At most one per code, in the order first set; a verdict has only a few, so a list beats a Map. */
  tags: TagResult[];
  unknown: UnknownEntry[];
}

// One function per field, each reading its own property: compiled rules and clocks read a field whose
// name they hold in a variable, and such a read (f.s[k]) is a slow, megamorphic lookup, some 40 a verdict.
export type TimeReader = (t: Facts['t']) => number | undefined;
export const READ_TIME: Record<TimeField, TimeReader> = {
  acceptedAt: (t) => t.acceptedAt,
  dispatchedAt: (t) => t.dispatchedAt,
  respondedAt: (t) => t.respondedAt,
  preRepliedAt: (t) => t.preRepliedAt,
  repliedAt: (t) => t.repliedAt,
  closedAt: (t) => t.closedAt,
  appealReceivedAt: (t) => t.appealReceivedAt,
  supervisedAt: (t) => t.supervisedAt,
};
export type TextReader = (s: Facts['s']) => string | undefined;
export const READ_TEXT: Record<StringFact, TextReader> = {
  id: (s) => s.id,
  channel: (s) => s.channel,
  source: (s) => s.source,
  ticketType: (s) => s.ticketType,
  categoryPath: (s) => s.categoryPath,
  customerLevel: (s) => s.customerLevel,
  customerName: (s) => s.customerName,
  customerPhone: (s) => s.customerPhone,
  business: (s) => s.business,
  area: (s) => s.area,
  title: (s) => s.title,
  text: (s) => s.text,
  status: (s) => s.status,
  handlingLine: (s) => s.handlingLine,
  content: (s) => s.content,
  nature: (s) => s.nature,
  category: (s) => s.category,
  channelLevel: (s) => s.channelLevel,
};

export function tagOf(f: Facts, code: string): TagResult | undefined {
  for (const t of f.tags) if (t.code === code) return t;
  return undefined;
}

/** Set a tag; a later reason for the same code replaces the earlier one in its place. */
export function setTag(f: Facts, tag: TagResult) {
  for (let i = 0; i < f.tags.length; i++)
    if (f.tags[i]!.code === tag.code) {
      f.tags[i] = tag;
      return;
    }
  f.tags.push(tag);
}

export function addUnknown(f: Facts, field: string, because: string) {
  for (const u of f.unknown) if (u.field === field && u.because === because) return;
  f.unknown.push({ field, because });
}
