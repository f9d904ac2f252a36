import { countdownText, dueLine, liveState, nearestOpen } from '@/rules/clock/vocabulary';
import { CLOCK_WORDS, type Lang } from '@/rules/clock/words';
import type { ClockState, Verdict } from '@/rules/verdict';
import { contentLang, cw } from '@/utils/i18n/content';

/** What the badge shows for a verdict at `now`: all from the clock vocabulary. */
export interface BadgeText {
  /** The nearest open clock's state; null when no clock is open. */
  state: ClockState | null;
  /** `处理时限 · 即将到期`, or why there is no countdown. */
  label: string;
  /** `剩 01:12:05`; empty without an open clock. */
  time: string;
  /** The hover text: the due time, risk and unknowns, and what a click does. */
  title: string;
  /** The accessible name: what the badge shows (so a voice command can say it), then the due time and the risk. */
  name: string;
}

/** The badge's texts in `lang` (the page's); `mini` (shrunk to a dot, no text shown) puts label and countdown in the title. */
export function badgeText(verdict: Verdict, now: number, mini = false, lang: Lang = contentLang()): BadgeText {
  const w = (key: Parameters<typeof cw>[0], values?: Record<string, string | number>) => cw(key, values, lang);
  const clock = nearestOpen(verdict.clocks, now);
  const state = clock ? liveState(clock, now) : null;
  const label = clock
    ? `${clock.label} · ${CLOCK_WORDS[lang].states[state!]}`
    : w(verdict.clocks.length ? 'badge.allDone' : 'badge.noClock');
  const time = clock ? countdownText(clock, now, lang) : '';
  const due = clock ? dueLine(clock, now, lang) : '';
  const sep = w('badge.sep');
  const shown = mini ? `${time ? `${label} ${time}` : label}${sep}` : '';
  const head = `${shown}${clock ? `${due}${sep}` : ''}`;
  const unknown = verdict.unknown.length ? w('badge.unknown', { n: verdict.unknown.length }) : '';
  const risk = `${w(`risk.${verdict.risk}`)}${unknown}`;
  return {
    state,
    label,
    time,
    title: w('badge.title', { head, risk }),
    name: w('badge.name', { label, due: clock ? ` ${time}${w('badge.comma')}${due}` : '', risk }),
  };
}
