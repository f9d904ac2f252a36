// Draws the extension icons (public/icon-{16,32,48,128}.png) from test/tools/icons/*.svg with
// Debian's Chromium: a clipboard, ticked, with a deadline clock, on a blue tile that reads on light
// and dark toolbars. The 16 px one has its own drawing on the pixel grid. Re-run after changing them:
//   npx tsx test/tools/make-icons.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const drawing = (name: string) =>
  `data:image/svg+xml;base64,${readFileSync(new URL(`icons/${name}`, import.meta.url)).toString('base64')}`;
const SOURCES: Record<number, string> = { 16: 'icon-16.svg', 32: 'icon.svg', 48: 'icon.svg', 128: 'icon.svg' };

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  for (const [size, source] of Object.entries(SOURCES)) {
    const page = await browser.newPage({ viewport: { width: Number(size), height: Number(size) } });
    await page.setContent(
      `<style>body{margin:0}img{display:block}</style><img src="${drawing(source)}" width="${size}" height="${size}">`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    // Transparent outside the tile's rounded corners.
    writeFileSync(
      new URL(`../../public/icon-${size}.png`, import.meta.url),
      await page.screenshot({ omitBackground: true }),
    );
    await page.close();
  }
} finally {
  await browser.close();
}
