// The demo CRM shows 挂起/解挂 in two markups: the legacy page's 流转记录 table (GBK, in a frame,
// oldest first) and the desk page's 处理记录 list (newest first, month names). Read with their
// adapters, both give the same events as tickets.json for every ticket.
import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_ADAPTERS } from '../rules/sites/bundled';
import { readTicket } from '../rules/sites/read';
import { readPauseLog } from '../rules/sites/read-pauses';
import { parseSiteAdapter } from '../rules/sites/schema';
import { parseCrmTime } from '../rules/time/parse';
import deskJson from './demo-crm/adapters/desk.json';
import { startDemoCrm, type DemoCrm } from './demo-crm/serve';
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

const legacy = BUNDLED_ADAPTERS.find((a) => a.id === 'demo-legacy')!;
const parsedDesk = parseSiteAdapter(deskJson);
if (!parsedDesk.ok) throw new Error(parsedDesk.errors.join('\n'));
const desk = parsedDesk.adapter;

const gbk = async (path: string) =>
  parseHTML(iconv.decode(Buffer.from(await (await fetch(`${crm.url}${path}`)).arrayBuffer()), 'gbk')).document;
async function legacyPage(id: string): Promise<Document> {
  const top = await gbk(`/legacy/?id=${id}&${now}`);
  Object.defineProperty(top.querySelector('frame[name=mainFrame]'), 'contentDocument', {
    value: await gbk(`/legacy/ticket.asp?id=${id}&${now}`),
  });
  return top;
}
const deskPage = async (id: string) =>
  parseHTML(await (await fetch(`${crm.url}/desk/ticket/${id}?${now}`)).text()).document;

/** Events as instants, oldest first: what the background makes of either page's log. */
function instants(log: { event: string; at: string }[] | undefined) {
  return (log ?? [])
    .map((e) => {
      const t = parseCrmTime(e.at);
      return { event: e.event, ms: t.ok ? t.ms : NaN };
    })
    .sort((a, b) => a.ms - b.ms);
}

describe('pause and resume on the demo CRM', () => {
  it('has a ticket suspended now (status 挂起) and one suspended and resumed', () => {
    const suspended = TICKETS.filter((t) => t.suspensions?.length);
    expect(suspended.map((t) => [t.id, t.status, t.suspensions!.map((s) => s.event)])).toEqual([
      ['GD100217', '挂起', ['pause']],
      ['GD100218', '处理中', ['pause', 'resume']],
    ]);
  });

  it.each(TICKETS.map((t) => t.id))(
    '%s: the legacy table and the desk list give the events of tickets.json',
    async (id) => {
      const [onLegacy, onDesk] = [readPauseLog(await legacyPage(id), legacy), readPauseLog(await deskPage(id), desk)];
      expect(onLegacy).toMatchObject({ incomplete: false, tried: [] });
      expect(onDesk).toMatchObject({ incomplete: false, tried: [] });
      // To the minute: the desk list shows no seconds.
      const expected = liveTicket(
        TICKETS.find((t) => t.id === id)!,
        Date.parse(NOW),
      ).suspensions.map((s) => ({
        event: s.event,
        ms: Math.floor(s.at / 60_000) * 60_000,
      }));
      expect(instants(onLegacy?.log)).toEqual(expected);
      expect(instants(onDesk?.log)).toEqual(expected);
    },
  );

  it('lists the legacy rows oldest first and the desk ones newest first, with the desk’s own words', async () => {
    const main = (await legacyPage('GD100218')).querySelector('frame[name=mainFrame]') as HTMLFrameElement;
    const actions = Array.from(main.contentDocument!.querySelectorAll('#flowTable tr td:nth-child(4)'), (td) =>
      td.textContent?.trim(),
    );
    expect(actions).toEqual(['动作', '受理', '派单', '接单', '挂起', '解挂']);
    const doc = await deskPage('GD100218');
    const items = Array.from(doc.querySelectorAll('#history .list-group-item'), (li) => [
      li.querySelector('.action')?.textContent,
      li.querySelector('small')?.textContent,
    ]);
    expect(items).toEqual([
      ['取消挂起', 'Nov 26, 2026 08:15'],
      ['挂起', 'Nov 25, 2026 11:40'],
      ['接单', 'Nov 25, 2026 11:05'],
      ['派单', 'Nov 25, 2026 10:48'],
      ['创建', 'Nov 25, 2026 10:30'],
    ]);
  });

  it('keeps the history inside each adapter’s ticket root, so a new row is noticed', async () => {
    for (const [doc, adapter] of [
      [await legacyPage('GD100217'), legacy],
      [await deskPage('GD100217'), desk],
    ] as const) {
      expect(readPauseLog(doc, adapter)?.tried).toEqual([]);
      expect(readTicket(doc, adapter).fields.status).toBe('挂起');
    }
  });
});
