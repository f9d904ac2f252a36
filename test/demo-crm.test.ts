import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../rules/engine/evaluate';
import { packs } from '../rules/packs';
import { BUNDLED_ADAPTERS } from '../rules/sites/bundled';
import { findTicketRoot, parseSiteAdapter, readTicket, type SiteAdapter } from '../rules/sites/index';
import { suggestLocators } from '../rules/sites/suggest-locator';
import { TIME_FIELDS } from '../rules/ticket';
import { parseCrmTime } from '../rules/time/parse';
import { planFill } from '../utils/content/autofill';
import deskJson from './demo-crm/adapters/desk.json';
import { startDemoCrm, type DemoCrm } from './demo-crm/serve';
import { expectedVerdict } from './e2e/expected';
import { liveTicket, TICKETS } from './demo-crm/tickets';

const NOW = '2026-11-26T10:30:00+08:00';
const now = `now=${encodeURIComponent(NOW)}`;
let crm: DemoCrm;

beforeAll(async () => {
  crm = await startDemoCrm(0);
});
afterAll(async () => {
  await crm.close();
});

const get = (path: string, init?: RequestInit) => fetch(`${crm.url}${path}`, init);
const gbkPage = async (path: string) => {
  const res = await get(path);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
};
const adapter = (id: string) => BUNDLED_ADAPTERS.find((a) => a.id === id) as SiteAdapter;
const submits = async () =>
  (await (await get('/__submits')).json()) as { count: number; byPath: Record<string, number> };

describe('demo CRM', () => {
  it('binds to loopback on the port it was given (0 = any free one)', () => {
    expect(crm.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('has the tickets the scenarios need', () => {
    const has = (test: (t: (typeof TICKETS)[number]) => boolean) => TICKETS.some(test);
    expect(has((t) => /钻石/.test(t.customerLevel ?? '') && /费用争议类->违约金/.test(t.categoryPath ?? ''))).toBe(
      true,
    );
    expect(has((t) => /网络质量类->宽带/.test(t.categoryPath ?? ''))).toBe(true);
    expect(has((t) => t.repeatCount === '2' && t.urgeCount === '1')).toBe(true);
    expect(has((t) => /工信部|通信管理局/.test(t.source ?? '') && t.appealReceivedAt !== undefined)).toBe(true);
    expect(has((t) => /4008810000|集团网厅/.test(t.channel ?? ''))).toBe(true);
    expect(has((t) => t.ticketType === '投诉单' && t.acceptedAt === undefined)).toBe(true);
    expect(has((t) => t.ticketType === '咨询单')).toBe(true);
    expect(has((t) => t.ticketType === '查询单')).toBe(true);
    for (const t of TICKETS) expect(t.customerPhone).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });

  it('shows a department response 10–25 min after dispatch on all dispatched tickets but one', () => {
    const nowMs = Date.parse(NOW);
    const gapMin = (t: (typeof TICKETS)[number]) => {
      const { respondedAt = NaN, dispatchedAt = NaN } = liveTicket(t, nowMs).times;
      return (respondedAt - dispatchedAt) / 60_000;
    };
    const dispatched = TICKETS.filter((t) => t.dispatchedAt !== undefined);
    expect(dispatched.filter((t) => gapMin(t) >= 10 && gapMin(t) <= 25)).toHaveLength(dispatched.length - 1);
    expect(TICKETS.filter((t) => t.dispatchedAt === undefined && t.respondedAt !== undefined)).toEqual([]);
    // So 接单响应 runs overdue on that one ticket only, not across the whole demo.
    const overdue = TICKETS.filter((t) =>
      expectedVerdict(t.id, nowMs, nowMs).clocks.some((c) => c.code === 'respond' && c.state === 'overdue'),
    );
    expect(overdue.map((t) => t.id)).toEqual(['GD100203']);
  });

  it('serves the legacy frameset with a GBK main frame and a ticket list', async () => {
    const { res, bytes } = await gbkPage(`/legacy/?id=GD100203&${now}`);
    expect(res.headers.get('content-type')).toBe('text/html; charset=GBK');
    const top = parseHTML(iconv.decode(bytes, 'gbk')).document;
    expect(top.querySelector('frame[name=mainFrame]')?.getAttribute('src')).toBe(`ticket.asp?id=GD100203&${now}`);

    const list = iconv.decode((await gbkPage(`/legacy/list.asp?${now}`)).bytes, 'gbk');
    for (const t of TICKETS) expect(list).toContain(`ticket.asp?id=${t.id}&${now}`);
  });

  it('encodes the legacy ticket page in GBK, not UTF-8', async () => {
    const { res, bytes } = await gbkPage(`/legacy/ticket.asp?id=GD100201&${now}`);
    expect(res.headers.get('content-type')).toBe('text/html; charset=GBK');
    expect(bytes.includes(iconv.encode('受理时间：', 'gbk'))).toBe(true);
    expect(bytes.includes(Buffer.from('受理时间', 'utf8'))).toBe(false);
    const html = iconv.decode(bytes, 'gbk');
    expect(html).toContain('<meta charset="gbk">');
    expect(html).toContain(TICKETS[0]?.text);
    expect(html).toContain('<td class="lbl">客户级别 ：</td>');
    expect(html).toContain('<form name="dealForm" action="/legacy/save.asp" method="post"');
    for (const choice of ['商机单', '网络质量类', '网信安']) expect(html).toContain(`>${choice}</option>`);
    expect(html).toMatch(/<select name="tsfl" onchange="[^"]+"/);
    expect(html).toContain('<textarea name="replyText"');
  });

  it('renders times from a fixed now, given by ?now= or DEMO_NOW', async () => {
    const read = async (path: string) => {
      const page = parseHTML(iconv.decode((await gbkPage(path)).bytes, 'gbk')).document;
      return readTicket(page, {
        ...adapter('demo-legacy'),
        fields: { acceptedAt: { locators: [{ label: '受理时间' }] } },
      }).fields.acceptedAt;
    };
    expect(await read(`/legacy/ticket.asp?id=GD100201&${now}`)).toBe('2026-11-26 09:40');
    process.env.DEMO_NOW = '2026-12-01T08:00:00+08:00';
    try {
      expect(await read('/legacy/ticket.asp?id=GD100201')).toBe('2026-12-01 07:10');
    } finally {
      delete process.env.DEMO_NOW;
    }
    expect((await get('/legacy/ticket.asp?id=GD100201&now=yesterday')).status).toBe(400);
  });

  it('serves the SPA shell and its ticket API', async () => {
    const shell = await (await get(`/spa/ticket/GD100202?${now}`)).text();
    expect(shell).toContain('<main id="workspace">');
    expect(shell).toContain('history.pushState');

    const list = (await (await get('/api/tickets')).json()) as { id: string }[];
    expect(list.map((t) => t.id)).toEqual(TICKETS.map((t) => t.id));
    const ticket = (await (await get(`/api/tickets/GD100204?${now}`)).json()) as Record<string, string>;
    expect(ticket).toMatchObject({
      id: 'GD100204',
      source: '工信部申诉',
      appealReceivedAt: '2026-11-25 13:00:00',
      respondedAt: '2026-11-25 14:00:00',
    });
    expect(ticket).not.toHaveProperty('purpose');
    expect((await get('/api/tickets/NOPE')).status).toBe(404);
  });

  it('serves a heavy page with 5,000 history rows, a ticking clock, and a readable ticket', async () => {
    const html = await (await get(`/heavy/?id=GD100206&${now}`)).text();
    const doc = parseHTML(html).document;
    expect(doc.querySelectorAll('#contactHistory tbody tr')).toHaveLength(5000);
    expect(doc.getElementById('sysClock')?.textContent).toBe('2026-11-26 10:30:00');
    expect(html).toMatch(/setInterval\([\s\S]+, 1000\)/);

    const started = performance.now();
    const reading = readTicket(doc, adapter('demo-heavy'));
    const elapsed = performance.now() - started;
    expect(reading.fields).toMatchObject({
      id: 'GD100206',
      acceptedAt: '2026/11/26 05:30:00',
      respondedAt: '2026/11/26 06:10:00',
      channel: '集团热线4008810000',
    });
    expect(reading.missing.map((m) => m.field)).toEqual(['closedAt', 'appealReceivedAt', 'supervisedAt']);
    expect(elapsed).toBeLessThan(2000);
  });

  it('counts form submissions so tests can prove the extension never submits', async () => {
    const before = await submits();
    await get('/legacy/save.asp', { method: 'POST', body: new URLSearchParams({ gdlx: '01', replyText: '已处理' }) });
    await get('/heavy/save.asp', { method: 'POST', body: 'ticketType=01' });
    await get('/desk/save', { method: 'POST', body: 'type=T1' });
    await get('/api/tickets/GD100202/deal', { method: 'POST', body: '{}' });
    expect((await get('/legacy/nothing.asp', { method: 'POST', body: '' })).status).toBe(404);
    const after = await submits();
    expect(after.count).toBe(before.count + 4);
    expect(after.byPath['/legacy/save.asp']).toBe((before.byPath['/legacy/save.asp'] ?? 0) + 1);
    expect(after.byPath['/api/tickets/:id/deal']).toBe((before.byPath['/api/tickets/:id/deal'] ?? 0) + 1);
  });

  it('loads nothing from outside 127.0.0.1', async () => {
    const pages = [
      '/',
      '/legacy/',
      '/legacy/top.asp',
      '/legacy/list.asp',
      '/legacy/ticket.asp?id=GD100201',
      '/spa/',
      '/heavy/?id=GD100201',
      '/hostile/',
      '/desk/ticket/GD100201',
    ];
    for (const path of pages) {
      const bytes = Buffer.from(await (await get(path)).arrayBuffer());
      const text = path.startsWith('/legacy/') ? iconv.decode(bytes, 'gbk') : bytes.toString('utf8');
      expect(text, path).not.toMatch(/(src|href|action)\s*=\s*["']?(https?:)?\/\//i);
      expect(text, path).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    }
  });
});

describe('demo CRM desk page, read with test/demo-crm/adapters/desk.json', () => {
  const parsed = parseSiteAdapter(deskJson);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const desk = parsed.adapter;
  const deskPage = async (id: string) => parseHTML(await (await get(`/desk/ticket/${id}?${now}`)).text()).document;
  /** The legacy frameset with its main frame loaded, as the extension sees it. */
  const legacyPage = async (id: string) => {
    const decode = async (path: string) => parseHTML(iconv.decode((await gbkPage(path)).bytes, 'gbk')).document;
    const top = await decode(`/legacy/?id=${id}&${now}`);
    Object.defineProperty(top.querySelector('frame[name=mainFrame]'), 'contentDocument', {
      value: await decode(`/legacy/ticket.asp?id=${id}&${now}`),
    });
    return top;
  };
  /** What the engine takes from a reading: times as instants, the rest as read. */
  const canonical = (fields: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(fields).map(([field, value]) => {
        if (!(TIME_FIELDS as readonly string[]).includes(field)) return [field, value];
        const time = parseCrmTime(value);
        return [field, time.ok ? time.ms : `unreadable: ${value}`];
      }),
    );

  it('shows a navbar with 新建工单, a header to anchor the badge to, cards and no table or frame', async () => {
    const doc = await deskPage('GD100201');
    expect(doc.querySelector('nav.navbar .logo')).not.toBeNull();
    expect(doc.querySelector('nav.navbar #newTicket')?.textContent).toBe('新建工单');
    expect(Array.from(doc.querySelectorAll(desk.badge!.anchor)).map((el) => el.tagName.toLowerCase())).toEqual([
      'header',
    ]);
    expect(doc.querySelectorAll('table, frame, iframe')).toHaveLength(0);
    const created = Array.from(doc.querySelectorAll('dt')).find((dt) => dt.textContent?.startsWith('创建时间'));
    expect(created?.querySelector('svg')).not.toBeNull();
    expect(created?.nextElementSibling?.textContent).toBe('2026-十一月-26 09:40:00 星期四');
    expect(Array.from(doc.querySelectorAll('select[name=type] option')).map((o) => o.textContent)).toEqual([
      '--请选择--',
      '投诉',
      '报修',
      '咨询',
    ]);
    expect(doc.querySelector('#dealForm input[name=category]')).not.toBeNull();
    // Each read by its label, across the icon or help link beside it, and the time by its names.
    expect(readTicket(doc, desk).foundBy).toMatchObject({
      acceptedAt: 'label 创建时间',
      ticketType: 'label 工单类型',
      customerLevel: 'label 客户级别',
      customerPhone: 'label 联系电话',
      text: 'label 问题描述',
    });
    expect((await get(`/desk/ticket/NOPE?${now}`)).status).toBe(404);
  });

  it('the field picker proposes, for each value of the customer card, its label first, reading that value', async () => {
    const doc = await deskPage('GD100201');
    const rows = Array.from(doc.querySelectorAll('.field-row'));
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      const label = row.querySelector('.field-label')!.textContent!;
      const value = row.querySelector('.field-value')!;
      const [best] = suggestLocators(value, findTicketRoot(doc, desk), doc, { rootCss: desk.ticketRoot?.css });
      expect(best, label).toMatchObject({ locator: { label }, reads: value.textContent!.trim() });
    }
  });

  it('reads every field a bundled demo adapter reads, and is not bundled', () => {
    const bundledFields = new Set(BUNDLED_ADAPTERS.flatMap((a) => Object.keys(a.fields)));
    expect([...bundledFields].filter((f) => !(f in desk.fields))).toEqual([]);
    expect(BUNDLED_ADAPTERS.map((a) => a.id)).not.toContain(desk.id);
  });

  it.each(TICKETS.map((t) => t.id))('%s reads as on the legacy page', async (id) => {
    const [onDesk, onLegacy] = [
      readTicket(await deskPage(id), desk),
      readTicket(await legacyPage(id), adapter('demo-legacy')),
    ];
    expect(Object.keys(onLegacy.fields).length).toBeGreaterThan(10);
    expect(canonical(onDesk.fields)).toEqual(canonical(onLegacy.fields));
    const missing = (r: typeof onDesk) => r.missing.map((m) => m.field).sort();
    expect(missing(onDesk)).toEqual(missing(onLegacy));
  });

  it.each([
    ['GD100201', '投诉'],
    ['GD100208', '咨询'],
    ['GD100209', '咨询'],
  ])('%s: auto-fill would pick the CRM’s own 工单类型 option %s', async (id, option) => {
    const doc = await deskPage(id);
    const verdict = evaluate(readTicket(doc, desk).fields, packs['china-telecom']!, [], Date.parse(NOW));
    const ticketType = planFill(verdict, desk).find((p) => p.target === 'ticketType')?.value;
    expect(ticketType).toBe(option);
    expect(
      Array.from(doc.querySelectorAll(desk.write!.ticketType!.css + ' option')).map((o) => o.textContent),
    ).toContain(option);
  });
});
