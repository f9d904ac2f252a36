// `npm run demo`: the demo CRM with the built extension in Chromium, on a demo ticket.
// With a display it stays open for you to use; without one it runs headless, saves
// screenshots of the CRM page with the badge and of the side panel, and prints their paths.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchWithExtension } from '../e2e/browser';
import { startDemoCrm } from './serve';

const OUT = resolve(import.meta.dirname, '../artifacts');
const TICKET = process.env.DEMO_TICKET ?? 'GD100201';
const headless = !process.env.DISPLAY || process.env.HEADLESS === '1';

const crm = await startDemoCrm(Number(process.env.PORT ?? 8787));
const browser = await launchWithExtension({ headless });
const page = await browser.context.newPage();
await page.goto(`${crm.url}/legacy/?id=${TICKET}`);
const frame = page.frame({ name: 'mainFrame' })!;
await frame.waitForSelector('ticket-sidekick-badge:not([hidden])', { state: 'attached', timeout: 15_000 });
const panel = await browser.openPanel(page);
await panel.getByTestId('ticket-id').waitFor();
console.log(`demo CRM: ${crm.url}  (ticket ${TICKET}; other tickets in the list on the left)`);

if (headless) {
  mkdirSync(OUT, { recursive: true });
  await page.waitForTimeout(1200); // let the countdown tick once so the screenshot shows it live
  const shots = { page: resolve(OUT, 'demo-crm-with-badge.png'), panel: resolve(OUT, 'demo-side-panel.png') };
  await page.screenshot({ path: shots.page });
  await panel.setViewportSize({ width: 360, height: 900 });
  await panel.screenshot({ path: shots.panel, fullPage: true });
  console.log(`screenshot of the CRM page with the badge: ${shots.page}`);
  console.log(`screenshot of the side panel:               ${shots.panel}`);
  await browser.close();
  await crm.close();
} else {
  console.log('Chromium is open with the extension; close it or press Ctrl-C to stop.');
  browser.context.on('close', () => void crm.close().then(() => process.exit(0)));
  process.on('SIGINT', () => void browser.close().then(() => crm.close()).then(() => process.exit(0)));
}
