// Regenerates test/fixtures/sites/*.html from the demo CRM as a browser renders it (the
// browser adds <tbody>, runs the SPA's script), at a fixed now so expected values hold.
// Run: npx tsx test/demo-crm/save-fixtures.ts   (needs Debian's chromium at /usr/bin/chromium)
// The drifted variants are derived by the named edits below, so what drifted stays visible.
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startDemoCrm } from './serve';

const FIXTURE_NOW = '2026-11-26T10:30:00+08:00';
const OUT = new URL('../fixtures/sites/', import.meta.url);
const HEAVY_ROWS_KEPT = 300;

type Edit = [what: string, from: string | RegExp, to: string];

function drift(html: string, edits: Edit[]): string {
  return edits.reduce((out, [what, from, to]) => {
    const next = out.replace(from, to);
    if (next === out) throw new Error(`drift edit did not apply: ${what}`);
    return next;
  }, html);
}

const LEGACY_DRIFT: Edit[] = [
  ['id label renamed: only the hidden ticketId input is left', '工单流水号：', '单　号：'],
  ['accepted-time label renamed', '受理时间：', '受理日期：'],
  [
    'customer level moved into the section title as a star icon with a tooltip',
    /<td class="lbl">客户级别 ：<\/td><td>[^<]*<\/td>/,
    '<td class="lbl">证件类型：</td><td>居民身份证</td>',
  ],
  [
    '…the icon itself',
    '<div class="title">客户信息</div>',
    '<div class="title">客户信息 <span id="custLevel" title="钻石 5星">★★★★★</span></div>',
  ],
  ['urge count removed', /<td class="lbl">催单次数：<\/td><td>[^<]*<\/td>/, ''],
];

const SPA_DRIFT: Edit[] = [
  ['redesign renamed data-field to data-key, so css locators fail', /data-field=/g, 'data-key='],
  ['accepted time removed', /<dt>受理时间<\/dt><dd[^>]*>[^<]*<\/dd>/, ''],
];

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const save = (name: string, html: string) =>
    writeFileSync(new URL(name, OUT), `<!-- saved from the demo CRM at now=${FIXTURE_NOW} -->\n${html}\n`);
  const crm = await startDemoCrm(0);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage();
    const now = `now=${encodeURIComponent(FIXTURE_NOW)}`;

    // GD100217 is suspended now; GD100218 was suspended and resumed.
    for (const id of ['GD100201', 'GD100204', 'GD100207', 'GD100217', 'GD100218']) {
      await page.goto(`${crm.url}/legacy/?id=${id}&${now}`, { waitUntil: 'load' });
      const main = page.frame({ name: 'mainFrame' });
      if (!main) throw new Error('mainFrame did not load');
      await main.waitForSelector('#ticketInfo');
      const html = await main.content();
      save(`legacy-${id}.html`, html);
      if (id === 'GD100201') {
        save('legacy-frameset.html', await page.content());
        save('legacy-drifted.html', drift(html, LEGACY_DRIFT));
      }
    }

    await page.goto(`${crm.url}/desk/ticket/GD100218?${now}`, { waitUntil: 'load' });
    save('desk-GD100218.html', await page.content());

    await page.goto(`${crm.url}/spa/ticket/GD100202?${now}`);
    await page.waitForSelector('article[data-ticket-id="GD100202"]');
    const spa = await page.content();
    save('spa-GD100202.html', spa);
    save('spa-drifted.html', drift(spa, SPA_DRIFT));

    // Stop the page clock so the saved clock text does not depend on how long loading took.
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1000);
    await page.goto(`${crm.url}/heavy/?id=GD100206&${now}`, { waitUntil: 'load' });
    const heavy = await page.evaluate((keep) => {
      const rows = document.querySelectorAll('#contactHistory tbody tr');
      for (let i = keep; i < rows.length; i++) rows[i]?.remove();
      return document.documentElement.outerHTML;
    }, HEAVY_ROWS_KEPT);
    save('heavy-GD100206.html', `<!doctype html>\n${heavy}`);
  } finally {
    await browser.close();
    await crm.close();
  }
}

await main();
