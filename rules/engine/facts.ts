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
  tags: Map<string, TagResult>;
  unknown: UnknownEntry[];
}

export function addUnknown(f: Facts, field: string, because: string) {
  if (!f.unknown.some((u) => u.field === field && u.because === because)) f.unknown.push({ field, because });
}
