import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskPage } from '../demo-crm/desk';
import type { DemoCrm } from '../demo-crm/serve';
import { findTicket, resolveNow, TICKETS } from '../demo-crm/tickets';
import { readBadges } from './badge';
import { launchWithExtension, type ExtensionBrowser } from './browser';

// A centre's policy, as Debian's Chromium reads it from /etc/chromium/policies/managed/: the
// extension's storage.managed holds it, verdicts use its pack, the options page shows its items
// and settings locked. The policy folder is the machine's, read by every Chromium started while
// the file is there, so the policy is harmless to other tests: its adapter reads a path only this
// file serves (/policy-e2e/…), and its settings are the defaults (phones masked) or keep everything.

const PATH = '/policy-e2e/desk/ticket/';
const ADAPTER = {
  ...(JSON.parse(readFileSync(new URL('../demo-crm/adapters/desk.json', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >),
  id: 'policy-e2e-desk',
  name: '策略下发：易工单',
  matches: [`http://127.0.0.1${PATH}*`],
};
// A pack the policy brings besides the one it applies: shown locked, not used.
const PACK = {
  ...(JSON.parse(readFileSync(new URL('../../rules/packs/china-telecom.json', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >),
  id: 'policy-e2e-pack',
  name: '策略下发的规则包',
};

/** As an admin writes it: adapters and packs as JSON strings (Chrome keeps no nested object it has no schema for). */
const POLICY = {
  adapters: [JSON.stringify(ADAPTER)],
  packs: [JSON.stringify(PACK)],
  appliedPack: 'tianyi-space',
  settings: { maskPhones: true, retentionDays: 3650 },
};

let crm: DemoCrm | undefined;
let own: Server | undefined;
let ownUrl = '';
let b: ExtensionBrowser;
const serverNow = Math.floor(Date.now() / 60_000) * 60_000;
const nowQuery = `now=${new Date(serverNow).toISOString()}`;

beforeAll(async () => {
  const { startDemoCrm } = await import('../demo-crm/serve');
  crm = await startDemoCrm(0);
  // The policy adapter's page: the desk demo screen, under a path no other adapter names.
  own = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const id = url.pathname.startsWith(PATH) ? decodeURIComponent(url.pathname.slice(PATH.length)) : '';
    const ticket = id ? findTicket(id, resolveNow(url.searchParams.get('now'))) : undefined;
    res.writeHead(ticket ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(ticket ? deskPage(ticket, url.searchParams.get('now')) : '<h1>404</h1>');
  });
  await new Promise<void>((r) => own!.listen(0, '127.0.0.1', r));
  ownUrl = `http://127.0.0.1:${(own.address() as AddressInfo).port}`;
  b = await launchWithExtension({ policy: POLICY });
});

afterAll(async () => {
  // Removes the policy file, whatever happened before.
  await b?.close();
  await crm?.close();
  await new Promise<void>((r) => (own ? own.close(() => r()) : r()));
});

/** The few extension APIs these tests call from an extension page (no chrome types in this project). */
interface Chrome {
  storage: { managed: { get(): Promise<Record<string, unknown>> } };
  runtime: { sendMessage(msg: unknown): Promise<unknown> };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> };
}
declare const chrome: Chrome;

/** An extension page, to call the extension's APIs from. */
async function extensionPage(path: string): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/${path}`);
  return page;
}

describe('a centre’s policy in Chromium’s policy folder', () => {
  it('reaches the extension’s managed storage, JSON strings and all', async () => {
    const page = await extensionPage('options.html');
    const managed = await page.evaluate(() => chrome.storage.managed.get());
    expect(managed).toEqual(POLICY);
    await page.close();
  });

  it('applies the policy’s pack: the verdict on a demo CRM page names it', async () => {
    const id = TICKETS[0]!.id;
    const crmPage = await b.context.newPage();
    await crmPage.goto(`${crm!.url}/heavy/?id=${id}&${nowQuery}`);
    const panel = await b.openPanel(crmPage);
    const tabId = Number(new URL(panel.url()).searchParams.get('tab'));
    const verdict = async () =>
      panel.evaluate(async (t) => {
        const r = (await chrome.runtime.sendMessage({ type: 'get-state', tabId: t })) as {
          state: { verdict: { id?: string; pack: string } } | null;
        };
        return r.state?.verdict ?? null;
      }, tabId);
    await expect.poll(verdict, { timeout: 20_000 }).toMatchObject({ id, pack: 'tianyi-space' });
    await panel.close();
    await crmPage.close();
  });

  it('shows the policy’s adapter, pack and settings locked on the options page', async () => {
    const page = await extensionPage('options.html');
    const adapter = page.getByTestId('adapter-policy-e2e-desk');
    await adapter.waitFor({ timeout: 20_000 });
    expect(await adapter.getAttribute('data-source')).toBe('policy');
    expect(await adapter.getByTestId('adapter-locked').textContent()).toContain('由中心策略设定');
    // Locked: neither edit, disable nor delete.
    expect(await adapter.getByTestId('adapter-edit-policy-e2e-desk').count()).toBe(0);
    expect(await adapter.getByTestId('adapter-delete-policy-e2e-desk').count()).toBe(0);

    const pack = page.getByTestId('pack-policy-e2e-pack');
    await pack.waitFor();
    expect(await pack.getAttribute('data-source')).toBe('policy');
    await expect.poll(() => page.getByTestId('pack-choice').inputValue()).toBe('tianyi-space');
    expect(await page.getByTestId('pack-choice').isDisabled()).toBe(true);
    expect(await page.getByTestId('pack-because').textContent()).toContain('由中心策略设定');

    // settings.maskPhones and settings.retentionDays: disabled, 「由中心策略设定」; auto-fill stays the agent's.
    const phones = page.getByTestId('reveal-phones');
    await expect.poll(() => phones.isDisabled()).toBe(true);
    expect(await phones.isChecked()).toBe(false);
    expect(await page.locator('label', { has: phones }).textContent()).toContain('由中心策略设定');
    expect(await page.getByTestId('retention').isDisabled()).toBe(true);
    expect(await page.getByTestId('retention').inputValue()).toBe('3650');
    expect(await page.getByTestId('auto-fill').isDisabled()).toBe(false);
    await page.close();
  });

  it('reads nothing on the policy adapter’s pages until the agent grants their origin, and asks for it in one bar', async () => {
    // Least privilege: the policy names the adapter, but access to its origin is the agent's to give.
    const page = await extensionPage('popup.html');
    const granted = await page.evaluate(() => chrome.permissions.contains({ origins: ['http://127.0.0.1/*'] }));
    expect(granted).toBe(false);
    const bar = page.getByTestId('access-bar');
    await bar.waitFor({ timeout: 20_000 });
    expect(await bar.textContent()).toContain('1 个 CRM 页面等待授权');
    expect(await bar.textContent()).toContain('策略下发：易工单');
    expect(await page.getByTestId('grant-access').textContent()).toContain('允许访问');

    const options = await extensionPage('options.html');
    await options.getByTestId('access-bar').waitFor({ timeout: 20_000 });
    expect(await options.getByTestId('access-bar').textContent()).toContain('http://127.0.0.1/*');

    // The content script is registered for the adapter's pages but does not run without the grant.
    const registered = await page.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    expect(registered.find((s) => s.id === 'adapter:policy-e2e-desk')?.matches).toEqual([`http://127.0.0.1${PATH}*`]);
    const desk = await b.context.newPage();
    await desk.goto(`${ownUrl}${PATH}${TICKETS[0]!.id}?${nowQuery}`);
    await desk.waitForTimeout(2000);
    expect(await readBadges(desk)).toEqual([]);
    await desk.close();
    await options.close();
    await page.close();
  });
});
