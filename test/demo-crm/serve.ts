// The demo CRM server: `npx tsx test/demo-crm/serve.ts [--port N]` (default 8787, loopback
// only). Pages look like what agents really use; every form POST is counted at /__submits
// so tests can prove the extension never submits a form.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { deskPage } from './desk';
import { heavyPage } from './heavy';
import { homePage } from './home';
import { hostilePage } from './hostile';
import { legacyFrameset, legacyList, legacyMissing, legacySaved, legacyTicket, legacyTop } from './legacy';
import { apiList, apiTicket, spaShell } from './spa';
import { findTicket, resolveNow, TICKETS } from './tickets';

export interface DemoCrm {
  url: string;
  close(): Promise<void>;
}

// Long enough that a reader running at document idle sees the SPA's loading state first.
const API_DELAY_MS = Number(process.env.DEMO_API_DELAY_MS ?? 300);

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}
const html = (res: ServerResponse, body: string, status = 200) => send(res, status, 'text/html; charset=utf-8', body);
const gbk = (res: ServerResponse, body: string) => send(res, 200, 'text/html; charset=GBK', iconv.encode(body, 'gbk'));
const json = (res: ServerResponse, body: unknown, status = 200) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));

export async function startDemoCrm(port = 8787): Promise<DemoCrm> {
  const submits = { count: 0, byPath: {} as Record<string, number> };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const nowParam = url.searchParams.get('now');
    const nowMs = resolveNow(nowParam);
    const id = url.searchParams.get('id');
    const firstId = TICKETS[0]?.id ?? '';

    if (req.method === 'POST') {
      for await (const _chunk of req); // drain the body; only the fact of submitting matters
      const key = path.replace(/^\/api\/tickets\/[^/]+\/deal$/, '/api/tickets/:id/deal');
      if (
        !['/legacy/save.asp', '/heavy/save.asp', '/hostile/save.asp', '/desk/save', '/api/tickets/:id/deal'].includes(
          key,
        )
      ) {
        return json(res, { error: 'not found' }, 404);
      }
      submits.count += 1;
      submits.byPath[key] = (submits.byPath[key] ?? 0) + 1;
      return key === '/api/tickets/:id/deal' ? json(res, { ok: true }) : gbk(res, legacySaved());
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, { error: 'method not allowed' }, 405);

    if (path === '/') return html(res, homePage(nowParam));
    if (path === '/__submits') return json(res, submits);
    if (path === '/favicon.ico') return void res.writeHead(204).end(); // an old CRM has none, but no 404 noise either
    if (['/legacy', '/spa', '/heavy', '/hostile'].includes(path)) {
      res.writeHead(301, { Location: `${path}/${url.search}` });
      return void res.end();
    }

    if (path === '/legacy/' || path === '/legacy/index.asp') return gbk(res, legacyFrameset(id ?? firstId, nowParam));
    if (path === '/legacy/top.asp') return gbk(res, legacyTop(nowMs));
    if (path === '/legacy/list.asp') return gbk(res, legacyList(nowParam));
    if (path === '/legacy/ticket.asp') {
      const ticket = findTicket(id, nowMs);
      return gbk(res, ticket ? legacyTicket(ticket) : legacyMissing(id));
    }

    if (path === '/spa/' || path.startsWith('/spa/ticket/')) return html(res, spaShell());
    if (path === '/api/tickets') return json(res, apiList());
    const apiId = /^\/api\/tickets\/([^/]+)$/.exec(path)?.[1];
    if (apiId) {
      const ticket = findTicket(decodeURIComponent(apiId), nowMs);
      await new Promise((resolve) => setTimeout(resolve, API_DELAY_MS));
      return ticket ? json(res, apiTicket(ticket)) : json(res, { error: '工单不存在' }, 404);
    }

    if (path === '/heavy/') {
      const ticket = findTicket(id ?? firstId, nowMs);
      return ticket ? html(res, heavyPage(ticket, nowMs)) : html(res, '<p>工单不存在</p>', 404);
    }
    const deskId = /^\/desk\/ticket\/([^/]+)$/.exec(path)?.[1];
    if (deskId) {
      const ticket = findTicket(decodeURIComponent(deskId), nowMs);
      return ticket ? html(res, deskPage(ticket, nowParam)) : html(res, '<h1>工单不存在</h1>', 404);
    }
    // Markup and scripts in the ticket, decoy controls, CSS and a script aimed at the badge.
    if (path === '/hostile/') return html(res, hostilePage(nowMs));
    return html(res, '<h1>404 页面不存在</h1>', 404);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (!res.headersSent) json(res, { error: e instanceof Error ? e.message : String(e) }, 400);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 8787;
  const crm = await startDemoCrm(port);
  console.log(`演示客服系统 demo CRM: ${crm.url}/`);
}
