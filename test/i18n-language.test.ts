// Which language the extension speaks: the browser's (any Chinese → zh_CN, else en), unless the agent
// chose one on the options page, unless the centre's policy sets it (then locked). And what it says
// in English: dates and numbers through Intl, clocks still in Shanghai, a midnight due at 24:00.
import { describe, expect, it, vi } from 'vitest';
import type { browser as wxtBrowser } from 'wxt/browser';
import { countdownText, dueLine, formatSpan, timeText, usedText } from '@/rules/clock/vocabulary';
import { intlTime } from '@/rules/clock/intl-time';
import { cnTime, toIso } from '@/rules/time/shanghai';
import type { ClockResult } from '@/rules/verdict';
import { badgeText } from '@/components/badge/text';
import { announcement } from '@/components/live/transitions';
import { reminderText } from '@/utils/background/reminder-plan';
import { currentLang } from '@/utils/i18n/current';
import { cw } from '@/utils/i18n/content';
import { browserLocale, langOf, langOfLocale } from '@/utils/i18n/language';
import { translate } from '@/utils/i18n/translate';
import { effectiveSettings } from '@/utils/settings';
import { verdictFor } from './pages/stored-tickets';

const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-11-28T10:00:00+08:00');
const MIN = 60_000;

describe('the language', () => {
  it.each([
    ['zh-CN', 'zh_CN'],
    ['zh', 'zh_CN'],
    ['zh-TW', 'zh_CN'],
    ['zh_CN', 'zh_CN'],
    ['ZH-hk', 'zh_CN'],
    ['en-US', 'en'],
    ['en', 'en'],
    ['fr-FR', 'en'],
    ['zu', 'en'], // Zulu is not Chinese
    ['', 'zh_CN'], // nothing known: the manifest's default_locale
    [undefined, 'zh_CN'],
  ] as const)('the browser says %s: %s', (locale, lang) => {
    expect(langOfLocale(locale)).toBe(lang);
    expect(langOf('auto', locale)).toBe(lang);
  });

  it('a language chosen (by the agent or the policy) wins over the browser’s', () => {
    expect(langOf('en', 'zh-CN')).toBe('en');
    expect(langOf('zh_CN', 'en-US')).toBe('zh_CN');
  });

  it('the browser’s: navigator.language (the agent’s preferred), else i18n.getUILanguage', () => {
    // This file runs in Node, which has no navigator: the UI language decides.
    expect((globalThis as { navigator?: unknown }).navigator).toBeUndefined();
    const withUi = { i18n: { getUILanguage: () => 'en-GB' } } as unknown as typeof wxtBrowser;
    expect(browserLocale(withUi)).toBe('en-GB');
    const broken = {
      i18n: {
        getUILanguage: () => {
          throw new Error('no');
        },
      },
    } as unknown as typeof wxtBrowser;
    expect(browserLocale(broken)).toBeUndefined();
    vi.stubGlobal('navigator', { language: 'zh-TW' });
    try {
      expect(browserLocale(withUi)).toBe('zh-TW');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('the setting: the agent’s own, unless the policy sets it (then locked); nonsense is ignored', () => {
    expect(effectiveSettings({}, {}).values.language).toBe('auto');
    expect(effectiveSettings({ language: 'en' }, {}).values.language).toBe('en');
    expect(effectiveSettings({ language: 'fr' }, {}).values.language).toBe('auto');
    const locked = effectiveSettings({ language: 'en' }, { settings: { language: 'zh_CN' } });
    expect([locked.values.language, locked.locked.language]).toEqual(['zh_CN', true]);
    const bad = effectiveSettings({ language: 'en' }, { settings: { language: 'de' } });
    expect([bad.values.language, bad.locked.language]).toEqual(['en', false]);
    expect(bad.errors.join()).toContain('policy.settings.language');
  });

  /** A browser with a UI language, the agent's storage and a policy store. */
  const browserWith = (ui: string, local: Record<string, unknown>, managed: Record<string, unknown> = {}) =>
    ({
      i18n: { getUILanguage: () => ui },
      storage: {
        local: { get: async () => local },
        managed: { get: async () => managed },
      },
    }) as unknown as typeof wxtBrowser;

  it.each([
    ['an English browser', browserWith('en-US', {}), 'en'],
    ['a Chinese browser', browserWith('zh-CN', {}), 'zh_CN'],
    ['an English browser, Chinese chosen', browserWith('en-US', { language: 'zh_CN' }), 'zh_CN'],
    ['a Chinese browser, English chosen', browserWith('zh-CN', { language: 'en' }), 'en'],
    [
      'the policy’s English over the agent’s Chinese',
      browserWith('zh-CN', { language: 'zh_CN' }, { settings: { language: 'en' } }),
      'en',
    ],
    [
      'the policy’s auto over the agent’s English',
      browserWith('zh-CN', { language: 'en' }, { settings: '{"language":"auto"}' }),
      'zh_CN',
    ],
  ] as const)('%s: %s', async (_, browser, lang) => {
    expect(await currentLang(browser)).toBe(lang);
  });
});

describe('English clock words, from the same rules as the Chinese', () => {
  // [instant, now, English, Chinese]
  it.each([
    ['2026-11-28T16:36:05+08:00', NOW, 'Nov 28, 16:36', '11月28日 16:36'],
    // Midnight is the end of the day before, in English too.
    ['2026-11-29T00:00:00+08:00', NOW, 'Nov 28, 24:00', '11月28日 24:00'],
    ['2027-01-01T00:00:00+08:00', NOW, 'Dec 31, 24:00', '12月31日 24:00'],
    ['2027-01-01T00:00:00+08:00', at('2027-01-01T10:00:00+08:00'), 'Dec 31, 2026, 24:00', '2026年12月31日 24:00'],
    ['2025-11-28T16:36:00+08:00', NOW, 'Nov 28, 2025, 16:36', '2025年11月28日 16:36'],
    // Shanghai's day and year, not the host's or UTC's.
    ['2026-12-31T17:00:00Z', NOW, 'Jan 1, 2027, 01:00', '2027年1月1日 01:00'],
  ])('%s at %s', (iso, now, english, chinese) => {
    expect(timeText(iso, now, 'en')).toBe(english);
    expect(timeText(iso, now)).toBe(chinese);
    expect(timeText(iso, now, 'zh_CN')).toBe(chinese);
  });

  it('the hand-made Chinese (the engine’s hot path) is what Intl says for zh-CN, day by day for three years', () => {
    const start = at('2025-01-01T00:00:00+08:00');
    for (let d = 0; d < 3 * 366; d++)
      for (const minute of [0, 1, 16 * 60 + 36]) {
        const ms = start + d * 86_400_000 + minute * MIN;
        expect(intlTime(ms, NOW, 'zh_CN')).toBe(cnTime(ms, NOW));
      }
  });

  const clock = (c: Partial<ClockResult> = {}): ClockResult => ({
    code: 'handle',
    label: '处理时限',
    startAt: toIso(NOW - 80 * MIN),
    dueAt: toIso(NOW + 20 * MIN),
    basis: 'hours',
    limit: '100 分钟',
    state: 'running',
    because: '测试',
    ...c,
  });

  it('countdowns, due lines, the share used and the days of a span', () => {
    expect(countdownText(clock(), NOW, 'en')).toBe('00:20:00 left');
    expect(countdownText(clock({ dueAt: toIso(NOW - 3 * MIN) }), NOW, 'en')).toBe('00:03:00 over');
    expect(countdownText(clock({ stoppedAt: toIso(NOW) }), NOW, 'en')).toBe('Done Nov 28, 10:00');
    expect(dueLine({ dueAt: '2026-11-29T00:00:00+08:00' }, NOW, 'en')).toBe('Due Nov 28, 24:00');
    expect(usedText(clock(), NOW, 'en')).toBe('80% of the time used');
    expect(formatSpan(2 * 86_400_000 + 3_600_000, 'en')).toBe('2d 01:00:00');
    expect(formatSpan(2 * 86_400_000 + 3_600_000)).toBe('2天01:00:00');
  });

  it('a paused clock says so in each language', () => {
    const paused = clock({ pauses: [{ from: toIso(NOW - 10 * MIN) }] } as Partial<ClockResult>);
    expect(countdownText(paused, NOW)).toBe('已暂停 剩 00:30:00');
    expect(countdownText(paused, NOW, 'en')).toBe('Paused, 00:30:00 left');
  });

  it('the badge, the screen reader’s announcement and the reminder speak English when asked', () => {
    const v = { ...verdictFor({ id: 'GD1', risk: 'red' }), clocks: [clock()], unknown: [] };
    const b = badgeText(v, NOW, false, 'en');
    expect(b.label).toBe('处理时限 · Due soon'); // the pack's clock label stays the pack's
    expect(b.time).toBe('00:20:00 left');
    expect(b.title).toBe('Due Nov 28, 10:20; Ticket Sidekick: Red risk; click to open the side panel');
    expect(badgeText({ ...v, clocks: [] }, NOW, false, 'en').label).toBe('No time limit');
    expect(announcement('GD1', [{ code: 'x', label: 'Reply', state: 'overdue' }], 'en')).toBe('GD1: Reply: Overdue');
    expect(announcement('GD1', [{ code: 'x', label: '回复时限', state: 'overdue' }])).toBe('GD1：回复时限已超时');
    const ticket = { id: 'GD1', verdict: v } as unknown as Parameters<typeof reminderText>[0];
    expect(reminderText(ticket, clock(), NOW, 'en')).toEqual({
      title: 'GD1 处理时限 · 00:20:00 left (Due Nov 28, 10:20)',
      message:
        'Due soon · 充值缴费类 · 80% of the time used\nClick to open the ticket; close this to stop reminders of this time limit',
    });
    expect(cw('fill.unsure', { pct: 62 }, 'en')).toContain('62%');
  });

  it('numbers in messages go through Intl', () => {
    expect(translate('en', 'options.imported', { n: 12345 })).toBe('Tickets imported: 12,345');
    expect(translate('zh_CN', 'options.imported', { n: 12345 })).toBe('已导入 12,345 张工单');
    // A value given as a string is left as it is (ticket numbers, years, ids).
    expect(translate('en', 'worklist.markedDone', { id: '20261128' })).toBe('20261128 marked as done');
  });
});
