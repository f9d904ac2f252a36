import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_ADAPTERS } from '../rules/sites/bundled';
import { readTicket, type SiteAdapter } from '../rules/sites/index';
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
const submits = async () => (await (await get('/__submits')).json()) as { count: number; byPath: Record<string, number> };

describe('demo CRM', () => {
  it('binds to loopback on the port it was given (0 = any free one)', () => {
    expect(crm.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('has the tickets the scenarios need', () => {
    const has = (test: (t: (typeof TICKETS)[number]) => boolean) => TICKETS.some(test);
    expect(has((t) => /钻石/.test(t.customerLevel ?? '') && /费用争议类->违约金/.test(t.categoryPath ?? ''))).toBe(true);
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
    const overdue = TICKETS.filter((t) => expectedVerdict(t.id, nowMs, nowMs).clocks.some((c) => c.code === 'respond' && c.state === 'overdue'));
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
      return readTicket(page, { ...adapter('demo-legacy'), fields: { acceptedAt: { locators: [{ label: '受理时间' }] } } }).fields.acceptedAt;
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
    expect(ticket).toMatchObject({ id: 'GD100204', source: '工信部申诉', appealReceivedAt: '2026-11-25 13:00:00', respondedAt: '2026-11-25 14:00:00' });
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
    expect(reading.fields).toMatchObject({ id: 'GD100206', acceptedAt: '2026/11/26 05:30:00', respondedAt: '2026/11/26 06:10:00', channel: '集团热线4008810000' });
    expect(reading.missing.map((m) => m.field)).toEqual(['closedAt', 'appealReceivedAt', 'supervisedAt']);
    expect(elapsed).toBeLessThan(2000);
  });

  it('counts form submissions so tests can prove the extension never submits', async () => {
    const before = await submits();
    await get('/legacy/save.asp', { method: 'POST', body: new URLSearchParams({ gdlx: '01', replyText: '已处理' }) });
    await get('/heavy/save.asp', { method: 'POST', body: 'ticketType=01' });
    await get('/api/tickets/GD100202/deal', { method: 'POST', body: '{}' });
    expect((await get('/legacy/nothing.asp', { method: 'POST', body: '' })).status).toBe(404);
    const after = await submits();
    expect(after.count).toBe(before.count + 3);
    expect(after.byPath['/legacy/save.asp']).toBe((before.byPath['/legacy/save.asp'] ?? 0) + 1);
    expect(after.byPath['/api/tickets/:id/deal']).toBe((before.byPath['/api/tickets/:id/deal'] ?? 0) + 1);
  });

  it('loads nothing from outside 127.0.0.1', async () => {
    const pages = ['/', '/legacy/', '/legacy/top.asp', '/legacy/list.asp', '/legacy/ticket.asp?id=GD100201', '/spa/', '/heavy/?id=GD100201', '/hostile/'];
    for (const path of pages) {
      const bytes = Buffer.from(await (await get(path)).arrayBuffer());
      const text = path.startsWith('/legacy/') ? iconv.decode(bytes, 'gbk') : bytes.toString('utf8');
      expect(text, path).not.toMatch(/(src|href|action)\s*=\s*["']?(https?:)?\/\//i);
      expect(text, path).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    }
  });
});
