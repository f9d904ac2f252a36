// The side panel opens through one module (utils/side-panel.ts): Chrome's and Edge's `sidePanel`,
// Firefox's `sidebarAction`, which opens only inside a user action's handler.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createWorklistState, type WorklistStore } from '@/components/worklist/state';
import { openSidePanel, openSidePanelFromPage, SIDEBAR_HINT_ID } from '@/utils/side-panel';
import { chromeLike, firefoxLike } from './fake-browsers';

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  fakeBrowser.reset();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const hint = async () => (await fakeBrowser.notifications.getAll())[SIDEBAR_HINT_ID] as { message: string } | undefined;

describe('Chrome and Edge: sidePanel', () => {
  it.each([
    ['the badge’s tab', { tabId: 7 }, { tabId: 7 }],
    ['a window', { windowId: 2 }, { windowId: 2 }],
    ['the current window (the popup)', {}, { windowId: 3 }],
  ])('opens for %s', async (_, where, expected) => {
    const c = chromeLike();
    expect(await openSidePanel(c.browser, where)).toBe(true);
    expect(c.opened).toEqual([expected]);
  });

  it('says false when Chrome refuses, and logs why; no Firefox hint', async () => {
    const c = chromeLike({ refuse: new Error('sidePanel.open() may only be called in response to a user gesture.') });
    expect(await openSidePanelFromPage(c.browser, 7)).toBe(false);
    expect(warn).toHaveBeenCalledWith('[工单助手] 打开侧边栏失败', expect.any(Error));
    expect(await hint()).toBeUndefined();
  });
});

describe('Firefox: sidebarAction', () => {
  it('opens the sidebar inside a user action (a command, a click in the popup)', async () => {
    const f = firefoxLike();
    expect(await f.asUserAction(() => openSidePanel(f.browser, { tabId: 7 }))).toBe(true);
    expect(f.sidebar).toEqual({ open: true, refused: 0 });
  });

  it('is refused after an await: the call must come first in the handler', async () => {
    const f = firefoxLike();
    const late = f.asUserAction(async () => {
      await Promise.resolve();
      return openSidePanel(f.browser);
    });
    expect(await late).toBe(false);
    expect(f.sidebar).toEqual({ open: false, refused: 1 });
  });

  it('a badge click (a message from the page, no user action) cannot open it: a notification names the shortcut', async () => {
    const f = firefoxLike({ shortcuts: [{ name: 'open-panel', shortcut: 'Alt+Shift+O' }] });
    expect(await openSidePanelFromPage(f.browser, 7)).toBe(false);
    expect(f.sidebar.refused).toBe(1);
    expect((await hint())?.message).toContain('请按 Alt+Shift+O，或点工具栏上的工单助手图标');
  });

  it('without a shortcut (the agent removed it) the notification names only the toolbar', async () => {
    const f = firefoxLike({ shortcuts: [{ name: 'open-panel', shortcut: '' }] });
    await openSidePanelFromPage(f.browser, 7);
    const message = (await hint())?.message ?? '';
    expect(message).toContain('请点工具栏上的工单助手图标');
    expect(message).not.toContain('请按');
  });

  it('a badge click while the sidebar is open: refused, but the agent sees the panel, so no notification', async () => {
    const f = firefoxLike({ sidebarOpen: true });
    expect(await openSidePanelFromPage(f.browser, 7)).toBe(true);
    expect(f.sidebar.refused).toBe(1);
    expect(await hint()).toBeUndefined();
  });
});

it('a browser with neither API: false, nothing thrown', async () => {
  const { sidebarAction: _, ...bare } = fakeBrowser as unknown as Record<string, unknown>;
  expect(await openSidePanel(bare as unknown as Parameters<typeof openSidePanel>[0])).toBe(false);
});

describe('the popup’s 「侧边栏」 link', () => {
  const store = {} as WorklistStore;

  it('opens Chrome’s panel in the current window, and closes the popup', async () => {
    const close = vi.fn();
    vi.stubGlobal('window', { close });
    const c = chromeLike();
    await createWorklistState(c.browser, store).openSidePanel();
    expect(c.opened).toEqual([{ windowId: 3 }]);
    expect(close).toHaveBeenCalledOnce();
  });

  it('opens Firefox’s sidebar within the click, and closes the popup', async () => {
    const close = vi.fn();
    vi.stubGlobal('window', { close });
    const f = firefoxLike();
    await f.asUserAction(() => createWorklistState(f.browser, store).openSidePanel());
    expect(f.sidebar).toEqual({ open: true, refused: 0 });
    expect(close).toHaveBeenCalledOnce();
  });
});
