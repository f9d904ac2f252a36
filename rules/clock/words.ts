// The clock vocabulary's words in each language the extension speaks, as data: zh_CN (the packs',
// the engine's and the CLI's) and en. rules/clock/vocabulary.ts builds every clock text from them;
// the views pass the agent's language. `{name}` marks where a value goes.
import type { BASES } from '../pack/vocabulary';
import type { ClockState } from '../verdict';

export const LANGS = ['zh_CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export interface ClockWords {
  /** The BCP 47 locale its dates and numbers are formatted in (Intl). */
  locale: string;
  /** An instant: the day (Intl's month and day, the year when not the current one) and `hh:mm`. */
  instant: string;
  states: Record<ClockState, string>;
  bases: Record<(typeof BASES)[number], string>;
  /** `截止 {time}`: the due time as a line. */
  due: string;
  /** Time left before the due time, and past it; `{span}` is `formatSpan`'s. */
  left: string;
  over: string;
  /** A stopped clock. */
  stopped: string;
  /** A paused clock: its state, then its frozen countdown (`left` or `over`). */
  paused: string;
  /** The share of the allowed time used, in whole percent. */
  used: string;
  /** Whole days before a span's `hh:mm:ss`. */
  days: string;
  /** What a screen reader hears when clocks turn due soon or overdue: `GD1：处理时限即将到期；回复时限已超时`. */
  announce: { ticket: string; clock: string; sep: string };
}

export const CLOCK_WORDS: Record<Lang, ClockWords> = {
  zh_CN: {
    locale: 'zh-CN',
    instant: '{day} {time}',
    states: {
      running: '进行中',
      'due-soon': '即将到期',
      overdue: '已超时',
      met: '按时完成',
      late: '超时完成',
      paused: '已暂停',
    },
    bases: { hours: '自然小时', 'working-days': '工作日', days: '日历日' },
    due: '截止 {time}',
    left: '剩 {span}',
    over: '超 {span}',
    stopped: '完成于 {time}',
    paused: '{state} {countdown}',
    used: '已用时限 {pct}%',
    days: '{d}天',
    announce: { ticket: '{id}：', clock: '{label}{state}', sep: '；' },
  },
  en: {
    locale: 'en',
    instant: '{day}, {time}',
    states: {
      running: 'Running',
      'due-soon': 'Due soon',
      overdue: 'Overdue',
      met: 'Met',
      late: 'Late',
      paused: 'Paused',
    },
    bases: { hours: 'clock hours', 'working-days': 'working days', days: 'calendar days' },
    due: 'Due {time}',
    left: '{span} left',
    over: '{span} over',
    stopped: 'Done {time}',
    paused: '{state}, {countdown}',
    used: '{pct}% of the time used',
    days: '{d}d ',
    announce: { ticket: '{id}: ', clock: '{label}: {state}', sep: '; ' },
  },
};

/** A word with its `{name}` places filled. */
export const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
