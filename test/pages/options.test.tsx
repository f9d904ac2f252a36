// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '@/components/options/App';
import { OptionsContext } from '@/components/options/context';
import { LearningContext } from '@/components/options/learning-context';
import { createLearningState } from '@/components/options/learning-state';
import { createOptionsState } from '@/components/options/state';
import { DEFAULT_PACK } from '@/rules/packs/default-pack';
import { createLearning } from '@/utils/db/learning';
import { fakeBrowser } from './fake-browser';
import { click, mount, texts } from './render';
import { freshStore, HOUR, NOW, seed } from './stored-tickets';

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

async function setup(local: Record<string, unknown> = {}) {
  const store = freshStore();
  await seed(store, [{ id: 'GD1' }, { id: 'GD2', seenAt: NOW - 400 * 24 * HOUR }]);
  const fb = fakeBrowser(local);
  const downloads: { text: string; filename: string; type: string }[] = [];
  const state = createOptionsState(fb.browser, store, {
    defaultRetentionDays: 365,
    now: () => NOW,
    download: (text, filename, type) => void downloads.push({ text, filename, type }),
  });
  await state.load();
  // The 「分类学习」 section has its own state and tests (learning-options.test.tsx).
  const learning = createLearningState(
    fb.browser,
    createLearning(store.db, DEFAULT_PACK, () => NOW),
    { pack: DEFAULT_PACK, now: () => NOW },
  );
  await learning.load();
  const { root, unmount } = await mount(
    <OptionsContext.Provider value={state}>
      <LearningContext.Provider value={learning}>
        <App />
      </LearningContext.Provider>
    </OptionsContext.Provider>,
  );
  cleanup.push(unmount, () => store.close());
  const $ = (id: string) => root.querySelector(`[data-testid=${id}]`) as HTMLInputElement | null;
  const notice = () => $('notice')?.textContent;
  return { store, fb, state, root, $, notice, downloads };
}

function type(input: HTMLInputElement | null, value: string, event: 'input' | 'change' = 'input') {
  if (!input) throw new Error('no input');
  input.value = value;
  input.dispatchEvent(new Event(event, { bubbles: true }));
}

describe('options page', () => {
  it('wipes everything only after 确认 is typed, and tells the background', async () => {
    const { $, fb, store, notice } = await setup();
    expect($('confirm')).toBeNull();
    click($('clear'));
    await vi.waitFor(() => expect($('confirm')).not.toBeNull());
    const go = () => $('confirm-clear') as unknown as HTMLButtonElement;
    expect(go().disabled).toBe(true);
    type($('confirm-text'), '确');
    await vi.waitFor(() => expect(go().disabled).toBe(true));
    click(go()); // a disabled button does nothing
    expect(await store.openTickets()).toHaveLength(2);

    type($('confirm-text'), '确认');
    await vi.waitFor(() => expect(go().disabled).toBe(false));
    click(go());
    await vi.waitFor(() => expect(notice()).toBe('已清除全部数据'));
    expect(await store.openTickets()).toEqual([]);
    expect(fb.sent).toEqual([{ type: 'store-changed' }]);
    expect($('confirm')).toBeNull();
  });

  it('cancelling the confirmation (or Escape) keeps the data and forgets what was typed', async () => {
    const { $, root, fb, store } = await setup();
    click($('clear'));
    await vi.waitFor(() => expect($('confirm')).not.toBeNull());
    type($('confirm-text'), '确认');
    click([...root.querySelectorAll('[data-testid=confirm] button')].find((b) => b.textContent === '取消'));
    await vi.waitFor(() => expect($('confirm')).toBeNull());
    click($('clear'));
    await vi.waitFor(() => expect($('confirm-text')!.value).toBe(''));
    $('confirm-text')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await vi.waitFor(() => expect($('confirm')).toBeNull());
    expect(await store.openTickets()).toHaveLength(2);
    expect(fb.sent).toEqual([]);
  });

  it('saves the retention period, refuses nonsense, and purges by it', async () => {
    const { $, fb, store, notice } = await setup();
    expect($('retention')!.value).toBe('365');
    type($('retention'), '0', 'change');
    await vi.waitFor(() => expect(notice()).toBe('保留天数须为 1–3650 的整数'));
    expect(fb.local.retentionDays).toBeUndefined();
    type($('retention'), '180', 'change');
    await vi.waitFor(() => expect(notice()).toBe('已保存：保留 180 天'));
    expect(fb.local.retentionDays).toBe(180);

    click($('purge'));
    await vi.waitFor(() => expect(notice()).toBe('已清理 1 张超过 180 天的工单'));
    expect((await store.openTickets()).map((t) => t.id)).toEqual(['GD1']);
    expect(fb.sent).toEqual([{ type: 'store-changed' }]);
  });

  it('reads the stored settings', async () => {
    const { $ } = await setup({ retentionDays: 90, autoFill: true, revealPhones: true });
    expect($('retention')!.value).toBe('90');
    expect($('auto-fill')!.checked).toBe(true);
    expect($('reveal-phones')!.checked).toBe(true);
  });

  it('stores the two switches', async () => {
    const { $, fb } = await setup();
    click($('auto-fill'));
    click($('reveal-phones'));
    await vi.waitFor(() => expect(fb.local).toEqual({ autoFill: true, revealPhones: true }));
  });

  it('exports CSV with the BOM and JSON, named by the Shanghai date', async () => {
    const { $, downloads } = await setup();
    click($('export-csv'));
    click($('export-json'));
    await vi.waitFor(() => expect(downloads).toHaveLength(2));
    expect(downloads.map((d) => [d.filename, d.type])).toEqual([
      ['工单助手-20250610.csv', 'text/csv;charset=utf-8'],
      ['工单助手-20250610.json', 'application/json'],
    ]);
    expect(downloads[0]!.text.startsWith('\uFEFF')).toBe(true);
    expect(JSON.parse(downloads[1]!.text).tickets).toHaveLength(2);
  });

  it('imports a backup and lists the records it refused', async () => {
    const { state, root, fb, store, downloads, notice, $ } = await setup();
    await state.exportJson();
    const file = JSON.parse(downloads[0]!.text) as { tickets: Record<string, unknown>[] };
    await store.clearAll();
    file.tickets.push({ key: 'broken' });
    await state.importText(JSON.stringify(file));
    await vi.waitFor(() => expect(notice()).toBe('已导入 2 张工单，1 处错误'));
    expect(texts(root, '[data-testid=import-errors] li')).toEqual([expect.stringMatching(/^第 3 张工单：/)]);
    expect($('notice')!.className).toContain('bad');
    expect(await store.openTickets()).toHaveLength(2);
    expect(fb.sent).toEqual([{ type: 'store-changed' }]);

    await state.importText('not json');
    await vi.waitFor(() => expect(notice()).toBe('已导入 0 张工单，1 处错误'));
    expect(texts(root, '[data-testid=import-errors] li')).toEqual(['文件不是有效的 JSON']);
    expect(fb.sent).toHaveLength(1); // nothing imported, nothing to reschedule
  });
});
