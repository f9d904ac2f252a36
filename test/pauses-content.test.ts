// @vitest-environment happy-dom
// The content script's part in pause and resume: it sends the page's 挂起/解挂 rows with the
// reading (only when the adapter has `pauses`), the background's schema takes them within bounds,
// and a new row in the history table is noticed and read again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeEach, describe, expect, it } from 'vitest';
import { BUNDLED_ADAPTERS } from '@/rules/sites/bundled';
import { parseSiteAdapter, type SiteAdapter } from '@/rules/sites/schema';
import { readPage } from '@/utils/content/read-page';
import { shapeReading, type RawReading } from '@/utils/content/shape-reading';
import { watchTicket } from '@/utils/content/watch-ticket';
import { READ_LIMITS, TicketReadSchema, ToBackgroundSchema, type TicketRead } from '@/utils/messages';

// A path, not a URL: under happy-dom, URL is the page's own class, which node:fs does not take.
const FIXTURES = join(import.meta.dirname, 'fixtures/sites');
const fixture = (name: string): Document => parseHTML(readFileSync(join(FIXTURES, name), 'utf8')).document;
const legacy = BUNDLED_ADAPTERS.find((a) => a.id === 'demo-legacy')!;

/** The legacy frameset with a saved main frame inside, as the extension sees it. */
function legacyPage(mainFrame: string): { top: Document; main: Document } {
  const top = fixture('legacy-frameset.html');
  const main = fixture(mainFrame);
  Object.defineProperty(top.querySelector('frame[name=mainFrame]'), 'contentDocument', { value: main });
  return { top, main };
}

const READING: TicketRead = {
  type: 'ticket',
  adapterId: 'demo-legacy',
  adapterName: '旧版',
  url: 'http://127.0.0.1/legacy/?id=GD1',
  fields: { id: 'GD1' },
  missing: [],
  canFill: false,
  canReply: false,
};
const event = (at = '2026-11-25 11:40:00', kind = 'pause') => ({ event: kind, at });

describe('the reading message', () => {
  it.each<[string, unknown, boolean]>([
    ['no pause log (an adapter without pauses)', undefined, true],
    ['an empty, complete log', { log: [], incomplete: false }, true],
    ['pause and resume', { log: [event(), event('2026-11-26 08:15:00', 'resume')], incomplete: false }, true],
    ['an incomplete log', { log: [event()], incomplete: true }, true],
    [
      `${READ_LIMITS.pauseEvents} events`,
      { log: Array(READ_LIMITS.pauseEvents).fill(event()), incomplete: false },
      true,
    ],
    [
      `${READ_LIMITS.pauseEvents + 1} events`,
      { log: Array(READ_LIMITS.pauseEvents + 1).fill(event()), incomplete: false },
      false,
    ],
    ['a time of 101 characters', { log: [event('9'.repeat(READ_LIMITS.pauseAt + 1))], incomplete: false }, false],
    ['an event other than pause or resume', { log: [event(undefined, 'suspend')], incomplete: false }, false],
    ['a time that is not text', { log: [{ event: 'pause', at: 1764042000000 }], incomplete: false }, false],
    ['an event with an extra key', { log: [{ ...event(), note: '客户出差' }], incomplete: false }, false],
    ['no incomplete flag', { log: [] }, false],
    ['a log that is a list', [event()], false],
  ])('%s: accepted %s', (_what, pauseLog, ok) => {
    const msg = pauseLog === undefined ? READING : { ...READING, pauseLog };
    expect(TicketReadSchema.safeParse(msg).success).toBe(ok);
    expect(ToBackgroundSchema.safeParse(msg).success).toBe(ok);
  });
});

describe('shapeReading with a pause log', () => {
  const raw = (pauseLog?: RawReading['pauseLog']): RawReading => ({
    adapterId: 'demo-legacy',
    adapterName: '旧版',
    url: 'http://127.0.0.1/legacy/?id=GD1',
    fields: { id: 'GD1' },
    missing: [],
    pauseLog,
    canFill: false,
    canReply: false,
  });

  it('passes the log on as read, and leaves the key out without one', () => {
    const log = [
      { event: 'pause' as const, at: '2026-11-25 11:40:00' },
      { event: 'resume' as const, at: '2026-11-26 08:15:00' },
    ];
    expect(shapeReading(raw({ log, incomplete: false })).pauseLog).toEqual({ log, incomplete: false });
    expect(shapeReading(raw())).not.toHaveProperty('pauseLog');
  });

  it('leaves out a time too long to be one, marks the log incomplete, and the background takes it', () => {
    const long = { event: 'pause' as const, at: '挂起时间见附件'.repeat(20) };
    const shaped = shapeReading(raw({ log: [event() as { event: 'pause'; at: string }, long], incomplete: false }));
    expect(shaped.pauseLog).toEqual({ log: [event()], incomplete: true });
    expect(TicketReadSchema.safeParse(shaped).success).toBe(true);
  });

  it(`cuts a log over ${READ_LIMITS.pauseEvents} events (the reader already keeps the newest) and says so`, () => {
    const log = Array.from({ length: 150 }, () => ({ event: 'pause' as const, at: '1' }));
    const shaped = shapeReading(raw({ log, incomplete: false }));
    expect(shaped.pauseLog?.log).toHaveLength(READ_LIMITS.pauseEvents);
    expect(shaped.pauseLog?.incomplete).toBe(true);
    expect(ToBackgroundSchema.safeParse(shaped).success).toBe(true);
  });
});

describe('readPage: what the content script sends', () => {
  it.each([
    ['GD100217', [{ event: 'pause', at: '2026-11-25 11:20:00' }]],
    [
      'GD100218',
      [
        { event: 'pause', at: '2026-11-25 11:40:00' },
        { event: 'resume', at: '2026-11-26 08:15:00' },
      ],
    ],
    ['GD100201', []],
  ])('sends %s’s 挂起/解挂 rows from the legacy page’s frame, as the background accepts them', (id, log) => {
    const { top } = legacyPage(`legacy-${id}.html`);
    const { msg } = readPage(top, legacy, `http://127.0.0.1/legacy/?id=${id}`);
    expect(msg?.fields.id).toBe(id);
    expect(msg?.pauseLog).toEqual({ log, incomplete: false });
    expect(ToBackgroundSchema.safeParse(msg).success).toBe(true);
  });

  it('sends no pause log for an adapter without pauses', () => {
    const { pauses: _none, ...plain } = legacy;
    const { msg } = readPage(legacyPage('legacy-GD100217.html').top, plain, 'http://127.0.0.1/legacy/');
    expect(msg).not.toBeNull();
    expect(msg).not.toHaveProperty('pauseLog');
  });

  it('reads again when only the history changed: a new row changes the key, and the message carries it', () => {
    const { top, main } = legacyPage('legacy-GD100217.html');
    const before = readPage(top, legacy, 'http://127.0.0.1/legacy/?id=GD100217');
    const row = main.createElement('tr');
    for (const text of ['2026-11-26 10:20:00', '处理部门', 'clbm0415', '解挂', '客户提前返回'])
      row.appendChild(main.createElement('td')).textContent = text;
    main.querySelector('#flowTable tbody')!.appendChild(row);
    const after = readPage(top, legacy, 'http://127.0.0.1/legacy/?id=GD100217');
    expect(after.msg?.fields).toEqual(before.msg?.fields);
    expect(after.key).not.toBe(before.key);
    expect(after.msg?.pauseLog?.log.at(-1)).toEqual({ event: 'resume', at: '2026-11-26 10:20:00' });
  });

  it('sends nothing for a page without a ticket, pause rows or not', () => {
    const doc = parseHTML(
      '<html><body><table id="flowTable"><tr><td>1</td><td></td><td></td><td>挂起</td></tr></table></body></html>',
    ).document;
    const { frame: _frame, ...here } = legacy.pauses!;
    expect(
      readPage(doc, { ...legacy, fields: { id: { locators: [{ css: '#none' }] } }, pauses: here }, '').msg,
    ).toBeNull();
  });
});

describe('the ticket watcher and the history table', () => {
  const settle = () => new Promise((r) => setTimeout(r, 0));
  let calls = 0;
  const desk = (() => {
    const parsed = parseSiteAdapter({
      id: 'desk',
      name: 'desk',
      matches: ['<all_urls>'],
      ticketRoot: { css: '#ticket' },
      fields: { id: { locators: [{ css: '#id' }] } },
      pauses: {
        rows: '#history li',
        action: { css: '.action' },
        at: { css: 'small' },
        pause: ['挂起'],
        resume: ['取消挂起'],
      },
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    return parsed.adapter as SiteAdapter;
  })();

  beforeEach(() => {
    calls = 0;
    document.body.innerHTML =
      '<div id="ticket"><span id="id">GD100217</span><ul id="history"><li><b class="action">派单</b> <small>Nov 25, 2026 08:49</small></li></ul></div>';
    watchTicket(
      () => document.querySelector('#ticket'),
      () => calls++,
      new AbortController().signal,
    );
  });

  it('wakes on a 挂起 row added to a history list inside the ticket root, and the reading carries it', async () => {
    const before = readPage(document, desk, location.href);
    const li = document.createElement('li');
    li.innerHTML = '<b class="action">挂起</b> <small>Nov 25, 2026 11:20</small>';
    document.querySelector('#history')!.prepend(li);
    await settle();
    expect(calls).toBe(1);
    const after = readPage(document, desk, location.href);
    expect(after.key).not.toBe(before.key);
    expect(after.msg?.pauseLog).toEqual({ log: [{ event: 'pause', at: 'Nov 25, 2026 11:20' }], incomplete: false });
  });
});
