import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dueLine } from '../../rules/clock/vocabulary';
import { badgeText, readBadges } from './badge';
import { demoSession } from './session';
import { expectedVerdict, nearestClock, shownSeconds } from './expected';

// The demo CRM renders times relative to a fixed server "now", so expectations are exact.

const pageErrors: string[] = [];

const session = demoSession();
const SERVER_NOW = session.serverNow;
const NOW_Q = session.nowQuery;

async function open(path: string): Promise<Page> {
  const page = await session.b.context.newPage();
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(`${path}: ${m.text()}`));
  page.on('pageerror', (e) => pageErrors.push(`${path}: ${e.message}`));
  await page.goto(`${session.crm.url}${path}${path.includes('?') ? '&' : '?'}${NOW_Q}`);
  return page;
}

async function waitForBadge(page: Page, contains = ''): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const t = await badgeText(page);
    if (t && t.includes(contains)) return t;
    await page.waitForTimeout(100);
  }
  throw new Error(`badge with "${contains}" never appeared; last: ${await badgeText(page)}`);
}

async function checkBadge(page: Page, id: string) {
  const text = await waitForBadge(page, '');
  const clock = nearestClock(expectedVerdict(id, SERVER_NOW));
  expect(clock, `ticket ${id} should have an open clock`).toBeDefined();
  expect(text).toContain(clock!.label);
  const expected = Math.round((Date.parse(clock!.dueAt) - Date.now()) / 1000);
  expect(Math.abs(shownSeconds(text) - expected)).toBeLessThanOrEqual(3);
}

async function checkPanel(panel: Page, id: string) {
  const v = expectedVerdict(id, SERVER_NOW);
  await panel.getByTestId('ticket-id').filter({ hasText: id }).waitFor();
  expect(await panel.getByTestId('category').textContent()).toBe(v.category?.label ?? '分类未知');
  const codes = await panel
    .locator('[data-testid=clocks] li')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
  expect(codes.sort()).toEqual(v.clocks.map((c) => c.code).sort());
  // The first clock shown is the one to act on: the nearest open deadline.
  const first = nearestClock(v);
  if (first) expect(await panel.locator('[data-testid=clocks] li').first().getAttribute('data-code')).toBe(first.code);
  // Each due as the clock vocabulary writes it: a due at midnight reads 24:00 of the day before.
  const metas = await panel
    .locator('[data-testid=clocks] li')
    .evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-code') ?? '', e.querySelector('.clock-meta')?.textContent ?? ''] as const),
    );
  for (const [code, meta] of metas)
    expect(meta).toContain(
      dueLine(
        v.clocks.find((c) => c.code === code)!,
        Date.now(),
      ),
    );
  if (v.clocks.some((c) => c.dueAt.includes('T00:00:00')))
    expect(metas.map(([, m]) => m).join('\n')).toMatch(/日 24:00/);
  expect(metas.map(([, m]) => m).join('\n')).not.toMatch(/日 00:00/);
  expect(await panel.getByTestId('risk').getAttribute('class')).toContain(`risk-${v.risk}`);
  if (v.dispatch[0]) expect(await panel.getByTestId('dispatch').textContent()).toContain(v.dispatch[0].target);
  const tags = await panel
    .locator('[data-testid=tags] li')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
  expect(tags).toEqual(v.tags.map((t) => t.code));
}

/** One-click fill through the adapter's write targets, then undo, on any demo page. */
async function checkFillAndUndo(panel: Page, frame: Frame, adapterFile: string, id: string) {
  const write = (
    JSON.parse(readFileSync(new URL(`../../rules/sites/${adapterFile}.json`, import.meta.url), 'utf8')) as {
      write: Record<string, { css: string }>;
    }
  ).write;
  const css = {
    type: write.ticketType!.css,
    cls: write.category!.css,
    line: write.department!.css,
    tags: write.tags!.css,
  };
  const values = () =>
    frame.evaluate((c) => {
      const sel = (q: string) => {
        const el = document.querySelector(q) as HTMLSelectElement;
        return el.options[el.selectedIndex]?.text.trim() ?? '';
      };
      return {
        type: sel(c.type),
        cls: sel(c.cls),
        line: sel(c.line),
        tags: (document.querySelector(c.tags) as HTMLInputElement).value,
      };
    }, css);
  const v = expectedVerdict(id, SERVER_NOW);
  const before = await values();
  await panel.getByTestId('fill').click();
  await expect.poll(async () => (await values()).cls).toBe(v.category!.label);
  expect(await values()).toEqual({
    type: '投诉单',
    cls: v.category!.label,
    line: v.dispatch[0]!.target,
    tags: v.tags.map((t) => t.label).join('，'),
  });
  await panel.getByTestId('undo').click();
  await expect.poll(values).toEqual(before);
}

describe('legacy frameset page (GBK, nested tables)', () => {
  let page: Page;
  let panel: Page;
  const form = () => page.frame({ name: 'mainFrame' })!;
  const formValues = () =>
    form().evaluate(() => {
      const f = document.forms.namedItem('dealForm')!;
      const sel = (n: string) => (f.elements.namedItem(n) as HTMLSelectElement).selectedOptions[0]?.text ?? '';
      return {
        type: sel('gdlx'),
        cls: sel('tsfl'),
        line: sel('cltx'),
        tags: (f.elements.namedItem('bq') as HTMLInputElement).value,
        changed: (f.elements.namedItem('changedFields') as HTMLInputElement).value,
      };
    });

  it('shows the nearest deadline on the badge', async () => {
    page = await open('/legacy/?id=GD100201');
    await checkBadge(page, 'GD100201');
  });

  it('opens the side panel when the agent clicks the badge', async () => {
    const worker = session.b.context.serviceWorkers()[0]!;
    await worker.evaluate(() => {
      const g = globalThis as unknown as {
        opened: unknown[];
        chrome: { sidePanel: { onOpened: { addListener(f: (i: unknown) => void): void } } };
      };
      g.opened = [];
      g.chrome.sidePanel.onOpened.addListener((i) => g.opened.push(i));
    });
    // The badge's shadow root is closed: the click lands on the host, as an agent's would.
    expect((await readBadges(page)).map((b) => b.shadowMode)).toEqual(['closed']);
    await page.frame({ name: 'mainFrame' })!.locator('ticket-sidekick-badge').click();
    await expect
      .poll(() =>
        worker.evaluate(() => (globalThis as unknown as { opened: { path: string }[] }).opened.map((o) => o.path)),
      )
      .toEqual(['/sidepanel.html']);
  });

  it('shows the verdict in the side panel', async () => {
    panel = await session.b.openPanel(page);
    await checkPanel(panel, 'GD100201');
  });

  it('auto-fills the form, fires the CRM events, and undo restores it', async () => {
    const before = await formValues();
    const v = expectedVerdict('GD100201', SERVER_NOW);
    await panel.getByTestId('fill').click();
    await panel.getByTestId('filled').waitFor();
    const after = await formValues();
    expect(after.type).toBe('投诉单');
    expect(after.cls).toBe(v.category!.label);
    expect(after.line).toBe(v.dispatch[0]!.target);
    expect(after.changed).not.toBe(''); // the CRM's own onchange handler ran
    expect(await panel.locator('[data-testid=filled] li.bad').count()).toBe(0);
    await panel.getByTestId('undo').click();
    await expect.poll(async () => (await formValues()).cls).toBe(before.cls);
    const undone = await formValues();
    expect([undone.type, undone.cls, undone.line, undone.tags]).toEqual([
      before.type,
      before.cls,
      before.line,
      before.tags,
    ]);
  });

  it('inserts a script into the CRM reply box, after what the agent typed', async () => {
    const reply = () =>
      form().evaluate(
        () => (document.forms.namedItem('dealForm')!.elements.namedItem('replyText') as HTMLTextAreaElement).value,
      );
    await form().evaluate(
      () =>
        ((document.forms.namedItem('dealForm')!.elements.namedItem('replyText') as HTMLTextAreaElement).value =
          '坐席已写的话'),
    );
    const first = panel.locator('[data-testid=scripts] li').first();
    const text = await first.locator('.script-text').textContent();
    await first.getByRole('button', { name: '插入回复框' }).click();
    await expect.poll(reply).toBe(`坐席已写的话\n${text}`);
  });

  it('in automatic mode fills each new ticket the agent opens', async () => {
    await panel.getByRole('checkbox', { name: '自动填写' }).check();
    const v = expectedVerdict('GD100202', SERVER_NOW);
    await page.frame({ name: 'leftFrame' })!.click('a:text("GD100202")');
    await expect.poll(async () => (await formValues()).cls, { timeout: 5000 }).toBe(v.category!.label);
    const filled = await formValues();
    expect([filled.type, filled.line]).toEqual(['投诉单', v.dispatch[0]!.target]);
    await panel.getByRole('checkbox', { name: '自动填写' }).uncheck();
  });

  it('lists a missing accepted time by name and guesses no clock from it', async () => {
    const p = await open('/legacy/?id=GD100207');
    const missingPanel = await session.b.openPanel(p);
    await missingPanel.getByTestId('missing').waitFor();
    expect(await missingPanel.locator('[data-testid=missing] [data-field=acceptedAt]').count()).toBe(1);
    const v = expectedVerdict('GD100207', SERVER_NOW);
    expect(v.clocks.some((c) => c.code === 'resolve')).toBe(false);
    const codes = await missingPanel
      .locator('[data-testid=clocks] li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes.sort()).toEqual(v.clocks.map((c) => c.code).sort());
  });
});

describe('single-page CRM', () => {
  // How fast is the overlay bench's to measure (`npm run bench -- --only overlay`), not a test's to assert.
  it('updates badge and panel on a ticket switch, then fills and undoes the form', async () => {
    const page = await open('/spa/ticket/GD100202');
    await checkBadge(page, 'GD100202');
    const panel = await session.b.openPanel(page);
    await checkPanel(panel, 'GD100202');
    const target = expectedVerdict('GD100204', SERVER_NOW);
    const label = nearestClock(target)!.label;
    await page.click('a[data-id=GD100204]');
    await Promise.all([
      waitForBadge(page, label),
      panel.getByTestId('ticket-id').filter({ hasText: 'GD100204' }).waitFor(),
    ]);
    await checkBadge(page, 'GD100204');
    await checkPanel(panel, 'GD100204');
    await checkFillAndUndo(panel, page.mainFrame(), 'demo-spa', 'GD100204');
  });
});

describe('heavy page (5,000-row history, ticking clock)', () => {
  it('shows the right badge and panel, and fills and undoes the form', async () => {
    const page = await open('/heavy/?id=GD100203');
    await checkBadge(page, 'GD100203');
    const panel = await session.b.openPanel(page);
    await checkPanel(panel, 'GD100203');
    await checkFillAndUndo(panel, page.mainFrame(), 'demo-heavy', 'GD100203');
  });
});

describe('hygiene', () => {
  it('never submits a CRM form', async () => {
    const r = (await (await fetch(`${session.crm.url}/__submits`)).json()) as { count: number };
    expect(r.count).toBe(0);
  });
  it('leaves no errors in the CRM pages’ consoles', () => {
    expect(pageErrors).toEqual([]);
  });
  it('makes no network request of its own', () => {
    expect(session.b.foreignRequests).toEqual([]);
  });
});
