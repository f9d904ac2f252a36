// The adapter's `pauses` (where the page shows 挂起/解挂) and the reader that takes the rows off the
// page: errors named by path, events in page order, nothing thrown whatever the page or selector.
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { BUNDLED_ADAPTERS } from '../rules/sites/bundled';
import { MAX_PAUSE_EVENTS, readPauseLog } from '../rules/sites/read-pauses';
import { parseSiteAdapter, type SiteAdapter } from '../rules/sites/schema';
import deskJson from './demo-crm/adapters/desk.json';

// Saved from the demo CRM at now = 2026-11-26T10:30:00+08:00 (test/demo-crm/save-fixtures.ts).
const FIXTURES = new URL('./fixtures/sites/', import.meta.url);
const dom = (html: string): Document => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
const fixture = (name: string): Document => parseHTML(readFileSync(new URL(name, FIXTURES), 'utf8')).document;

const PAUSES = {
  rows: '#flow tr',
  action: { css: 'td:nth-child(2)' },
  at: { css: 'td:nth-child(1)' },
  pause: ['挂起'],
  resume: ['解挂', '取消挂起', '恢复处理'],
};
const BASE = { id: 't', name: 't', matches: ['<all_urls>'], fields: { id: { locators: [{ css: '#id' }] } } };

function adapter(pauses: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): SiteAdapter {
  const parsed = parseSiteAdapter({ ...BASE, ...extra, pauses: { ...PAUSES, ...pauses } });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.adapter;
}
const errorsOf = (pauses: Record<string, unknown>) => {
  const parsed = parseSiteAdapter({ ...BASE, pauses: { ...PAUSES, ...pauses } });
  return parsed.ok ? [] : parsed.errors;
};

/** A history table, one `[time, action]` row each, under a header row. */
const table = (rows: [string, string][], id = 'flow') =>
  `<table id="${id}"><tr><td>操作时间</td><td>动作</td></tr>${rows.map(([at, act]) => `<tr><td>${at}</td><td>${act}</td></tr>`).join('')}</table>`;

describe('pauses in the site adapter', () => {
  it('is optional, and parsed as written', () => {
    const plain = parseSiteAdapter(BASE);
    expect(plain.ok && plain.adapter).not.toHaveProperty('pauses');
    expect(adapter().pauses).toEqual(PAUSES);
  });

  const many = (n: number, word = 'w') => Array.from({ length: n }, (_, i) => `${word}${i}`);
  it.each<[string, Record<string, unknown>, RegExp[]]>([
    ['a word in both lists', { resume: ['解挂', '挂起'] }, [/^pauses\.resume\.1: "挂起" is also a pause word$/]],
    ['the same word after trimming', { resume: [' 挂起 '] }, [/^pauses\.resume\.0: "挂起" is also a pause word$/]],
    ['an empty pause list', { pause: [] }, [/^pauses\.pause: /]],
    ['an empty resume list', { resume: [] }, [/^pauses\.resume: /]],
    ['an empty word', { pause: ['挂起', '  '] }, [/^pauses\.pause\.1: must not be empty$/]],
    ['too many words', { pause: many(51) }, [/^pauses\.pause: .*50/]],
    ['a word too long', { resume: ['解'.repeat(1001)] }, [/^pauses\.resume\.0: .*1000/]],
    ['rows as a number', { rows: 3 }, [/^pauses\.rows: expected a selector or a list of at most 50 selectors$/]],
    ['rows as an empty list', { rows: [] }, [/^pauses\.rows: /]],
    ['rows as an empty selector', { rows: '' }, [/^pauses\.rows: /]],
    ['too many rows selectors', { rows: many(51, 'tr.r') }, [/^pauses\.rows: /]],
    ['an action as a bare selector', { action: 'td' }, [/^pauses\.action: /]],
    [
      'an action by label',
      { action: { label: '动作' } },
      [/^pauses\.action\.css: /, /^pauses\.action\.label: unknown key$/],
    ],
    ['a time by xpath', { at: { xpath: '//td' } }, [/^pauses\.at\.css: /, /^pauses\.at\.xpath: unknown key$/]],
    [
      'an unknown date pattern',
      { at: { css: 'td', transform: [{ date: 'QQ' }] } },
      [/^pauses\.at\.transform\.0\.date: /],
    ],
    ['an empty frame path', { frame: [] }, [/^pauses\.frame: /]],
    ['an unknown key', { order: 'newest-first' }, [/^pauses\.order: unknown key$/]],
    [
      'several problems at once, the overlap too',
      { rows: [], at: { css: '' }, resume: ['挂起'] },
      [/^pauses\.rows: /, /^pauses\.at\.css: must not be empty$/, /^pauses\.resume\.0: "挂起" is also/],
    ],
  ])('names %s by its path', (_what, pauses, expected) => {
    const errors = errorsOf(pauses);
    expect(errors).toHaveLength(expected.length);
    for (const pattern of expected) expect(errors).toContainEqual(expect.stringMatching(pattern));
  });

  it('is required in full: rows, action, at and both word lists', () => {
    const parsed = parseSiteAdapter({ ...BASE, pauses: {} });
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.split(':')[0]).sort()).toEqual([
      'pauses.action',
      'pauses.at',
      'pauses.pause',
      'pauses.resume',
      'pauses.rows',
    ]);
  });

  it('is in the shipped legacy adapter and in the desk adapter', () => {
    expect(BUNDLED_ADAPTERS.find((a) => a.id === 'demo-legacy')?.pauses).toMatchObject({ frame: ['mainFrame'] });
    expect(parseSiteAdapter(deskJson)).toMatchObject({ ok: true, adapter: { pauses: { resume: ['取消挂起'] } } });
  });
});

describe('readPauseLog', () => {
  it('gives nothing for an adapter without pauses', () => {
    const { pauses: _none, ...plain } = adapter();
    expect(readPauseLog(dom(table([['2026-11-25 11:40', '挂起']])), plain)).toBeUndefined();
  });

  const OLDEST_FIRST: [string, string][] = [
    ['2026-11-25 10:30', '受理'],
    ['2026-11-25 11:40', '挂起'],
    ['2026-11-25 15:00', '解挂'],
    ['2026-11-26 09:00', '挂起（客户要求改约）'],
  ];
  it.each<[string, string, Record<string, unknown>, { event: string; at: string }[]]>([
    [
      'an oldest-first table, in page order, other rows skipped',
      table(OLDEST_FIRST),
      {},
      [
        { event: 'pause', at: '2026-11-25 11:40' },
        { event: 'resume', at: '2026-11-25 15:00' },
        { event: 'pause', at: '2026-11-26 09:00' },
      ],
    ],
    [
      'a newest-first table, still in page order (the background sorts)',
      table([...OLDEST_FIRST].reverse()),
      {},
      [
        { event: 'pause', at: '2026-11-26 09:00' },
        { event: 'resume', at: '2026-11-25 15:00' },
        { event: 'pause', at: '2026-11-25 11:40' },
      ],
    ],
    [
      '取消挂起 as a resume though it holds 挂起; 恢复处理 too',
      table([
        ['1', '挂起'],
        ['2', '取消挂起'],
        ['3', '挂起'],
        ['4', '恢复处理'],
      ]),
      {},
      [
        { event: 'pause', at: '1' },
        { event: 'resume', at: '2' },
        { event: 'pause', at: '3' },
        { event: 'resume', at: '4' },
      ],
    ],
    [
      'the longest word deciding, whichever list it is in',
      table([
        ['1', '挂起审批'],
        ['2', '解挂'],
      ]),
      { pause: ['挂起审批'], resume: ['挂起', '解挂'] },
      [
        { event: 'pause', at: '1' },
        { event: 'resume', at: '2' },
      ],
    ],
    [
      'a time from an attribute, through the date transform, and the action as the row itself',
      `<ul class="log"><li><time datetime="x" title="26 Nov 2026 9:05">昨天</time> 王工 挂起</li><li>王工 备注</li></ul>`,
      {
        rows: 'ul.log li',
        action: { css: ':scope' },
        at: { css: 'time', attr: 'title', transform: [{ date: 'DD MMM YYYY HH:mm' }] },
      },
      [{ event: 'pause', at: '2026-11-26 09:05' }],
    ],
    [
      'the first rows selector that finds any, after an invalid and an absent one',
      table([['1', '挂起']], 'flow2'),
      { rows: ['#flow tr:::', '#flow tr', '#flow2 tr'] },
      [{ event: 'pause', at: '1' }],
    ],
  ])('reads %s', (_what, html, pauses, log) => {
    expect(readPauseLog(dom(html), adapter(pauses))).toMatchObject({ log, incomplete: false });
  });

  it('reads whitespace and line breaks in a cell as single spaces', () => {
    const doc = dom(table([['\n  2026-11-25\n 11:40  ', ' \n挂起 ']]));
    expect(readPauseLog(doc, adapter())?.log).toEqual([{ event: 'pause', at: '2026-11-25 11:40' }]);
  });

  it.each<[string, string, Record<string, unknown>, RegExp]>([
    [
      'a 挂起 row with an empty time cell',
      table([
        ['2026-11-25 11:40', '挂起'],
        ['', '解挂'],
      ]),
      {},
      /^row 3 解挂: no time$/,
    ],
    [
      'a time the date transform cannot read',
      table([['昨天下午', '挂起']]),
      { at: { css: 'td:nth-child(1)', transform: [{ date: 'YYYY/MM/DD HH:mm' }] } },
      /^row 2 挂起: no time$/,
    ],
    ['no time cell at all', table([['2026-11-25 11:40', '挂起']]), { at: { css: 'td:nth-child(9)' } }, /no time/],
  ])('marks the log incomplete for %s, leaving the row out', (_what, html, pauses, why) => {
    const r = readPauseLog(dom(html), adapter(pauses))!;
    expect(r.incomplete).toBe(true);
    expect(r.log.every((e) => e.at !== '')).toBe(true);
    expect(r.tried).toContainEqual(expect.stringMatching(why));
  });

  it('names the first 20 problems, not every row', () => {
    const rows = Array.from({ length: 25 }, (): [string, string] => ['', '挂起']);
    const r = readPauseLog(dom(table(rows)), adapter())!;
    expect(r).toMatchObject({ log: [], incomplete: true });
    expect(r.tried).toHaveLength(20);
    expect(r.tried.at(-1)).toBe('row 21 挂起: no time');
  });

  it.each<[string, string, Record<string, unknown>, RegExp]>([
    ['an invalid rows selector', table([['1', '挂起']]), { rows: '#flow tr[' }, /^rows #flow tr\[: invalid selector$/],
    ['an invalid action selector', table([['1', '挂起']]), { action: { css: 'td:nth-child(' } }, /Error/],
    ['an invalid time selector', table([['1', '挂起']]), { at: { css: '##' } }, /Error/],
  ])('never throws on %s: the log is incomplete and says why', (_what, html, pauses, why) => {
    let r;
    expect(() => (r = readPauseLog(dom(html), adapter(pauses)))).not.toThrow();
    expect(r).toMatchObject({ incomplete: true });
    expect(r!.tried).toContainEqual(expect.stringMatching(why));
  });

  it('no history rows on the page: a ticket never suspended, a complete empty log that says where it looked', () => {
    const r = readPauseLog(dom('<p>没有流转记录</p>'), adapter());
    expect(r).toMatchObject({ log: [], incomplete: false });
    expect(r!.tried).toEqual(['rows #flow tr: not found']);
  });

  it('never throws on an adapter built in code with parts missing', () => {
    const broken = { ...adapter(), pauses: { rows: '#flow tr' } } as unknown as SiteAdapter;
    const r = readPauseLog(dom(table([['1', '挂起']])), broken);
    expect(r).toMatchObject({ log: [], incomplete: true });
    expect(r!.tried[0]).toMatch(/^TypeError: /);
  });

  const events = (n: number) =>
    Array.from({ length: n }, (_, i): [string, string] => [
      `2026-11-${String(1 + Math.floor(i / 24)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:00`,
      i % 2 ? '解挂' : '挂起',
    ]);
  it(`stops at event ${MAX_PAUSE_EVENTS + 1}, keeping the first ${MAX_PAUSE_EVENTS} in page order, incomplete`, () => {
    // The engine shows the pausable clocks as unknown for an incomplete log, so no end is worth more
    // than the other; stopping bounds the work on a page whose words match too much.
    const rows = [...events(150), ['', '挂起'] as [string, string]];
    const r = readPauseLog(dom(table(rows)), adapter())!;
    expect(r.log.map((e) => e.at)).toEqual(events(MAX_PAUSE_EVENTS).map(([at]) => at));
    expect(r.incomplete).toBe(true);
    expect(r.tried).toEqual([`more than ${MAX_PAUSE_EVENTS} events`]); // the row after was never read
  });

  it(`keeps exactly ${MAX_PAUSE_EVENTS} events whole`, () => {
    expect(readPauseLog(dom(table(events(MAX_PAUSE_EVENTS))), adapter())).toMatchObject({ incomplete: false });
  });

  it('says when the rows sit outside the ticket root, where a new row alone is not noticed', () => {
    const html = `<div id="ticket"><span id="id">GD1</span>${table([['1', '挂起']], 'inner')}</div>${table([['2', '挂起']])}`;
    const outside = readPauseLog(dom(html), adapter({}, { ticketRoot: { css: '#ticket' } }))!;
    expect(outside).toMatchObject({ log: [{ event: 'pause', at: '2' }], incomplete: false });
    expect(outside.tried).toEqual([expect.stringMatching(/^rows outside ticketRoot: /)]);
    const inside = readPauseLog(dom(html), adapter({ rows: '#inner tr' }, { ticketRoot: { css: '#ticket' } }))!;
    expect(inside.tried).toEqual([]);
  });
});

describe('readPauseLog on the saved demo pages', () => {
  /** The legacy frameset with a saved main frame inside, as the extension sees it. */
  function legacyPage(mainFrame: string): Document {
    const top = fixture('legacy-frameset.html');
    Object.defineProperty(top.querySelector('frame[name=mainFrame]'), 'contentDocument', {
      value: fixture(mainFrame),
    });
    return top;
  }
  const legacy = BUNDLED_ADAPTERS.find((a) => a.id === 'demo-legacy')!;
  const desk = parseSiteAdapter(deskJson);
  if (!desk.ok) throw new Error(desk.errors.join('\n'));

  it.each([
    [
      'legacy GD100217, suspended now',
      () => readPauseLog(legacyPage('legacy-GD100217.html'), legacy),
      [{ event: 'pause', at: '2026-11-25 11:20:00' }],
    ],
    [
      'legacy GD100218, oldest first',
      () => readPauseLog(legacyPage('legacy-GD100218.html'), legacy),
      [
        { event: 'pause', at: '2026-11-25 11:40:00' },
        { event: 'resume', at: '2026-11-26 08:15:00' },
      ],
    ],
    [
      'desk GD100218, newest first, month names',
      () => readPauseLog(fixture('desk-GD100218.html'), desk.adapter),
      [
        { event: 'resume', at: '2026-11-26 08:15' },
        { event: 'pause', at: '2026-11-25 11:40' },
      ],
    ],
    ['legacy GD100201, never suspended', () => readPauseLog(legacyPage('legacy-GD100201.html'), legacy), []],
  ])('%s', (_what, read, log) => {
    expect(read()).toEqual({ log, incomplete: false, tried: [] });
  });

  it('says which frame it could not reach', () => {
    const top = fixture('legacy-frameset.html'); // the main frame not loaded
    expect(readPauseLog(top, legacy)).toEqual({
      log: [],
      incomplete: true,
      tried: ['frame mainFrame: not found or not accessible'],
    });
  });
});
