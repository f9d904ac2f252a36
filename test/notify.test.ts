// Notifications in Chrome and in Firefox (utils/background/notify.ts): Firefox 153 ESR throws, at
// the call, on Chrome's `requireInteraction` and `buttons`, which would lose every reminder.
import { describe, expect, it } from 'vitest';
import type { browser as wxtBrowser } from 'wxt/browser';
import { createNotification } from '@/utils/background/notify';

type Browser = typeof wxtBrowser;
const FULL = {
  type: 'basic' as const,
  iconUrl: 'ext://id/icon-128.png',
  title: 'GD9001 处理时限',
  message: '即将到期',
  priority: 2,
  requireInteraction: true,
  buttons: [{ title: '15 分钟后提醒' }],
};
const PLAIN = { type: 'basic', iconUrl: FULL.iconUrl, title: FULL.title, message: FULL.message, priority: 2 };

/** `notifications.create` that refuses these properties as Firefox does (a synchronous throw), or fails whatever it is given. */
function fake(refuses: string[], fails = false) {
  const shown: unknown[] = [];
  const browser = {
    notifications: {
      create: (id: string, options: Record<string, unknown>) => {
        const bad = refuses.find((k) => k in options);
        if (bad)
          throw new Error(`Type error for parameter options (Unexpected property "${bad}") for notifications.create.`);
        if (fails) return Promise.reject(new Error('notifications are off'));
        shown.push([id, options]);
        return Promise.resolve(id);
      },
    },
  } as unknown as Browser;
  return { browser, shown };
}

describe('createNotification', () => {
  it.each<[string, string[], unknown]>([
    ['Chrome: as asked', [], FULL],
    ['Firefox: without requireInteraction and buttons', ['requireInteraction', 'buttons'], PLAIN],
  ])('%s', async (_, refuses, expected) => {
    const f = fake(refuses);
    expect(await createNotification(f.browser, 'r1', FULL)).toBe('r1');
    expect(f.shown).toEqual([['r1', expected]]);
  });

  it('rejects (for the caller to log) when even the plain notification fails', async () => {
    const f = fake(['buttons'], true);
    await expect(createNotification(f.browser, 'r1', FULL)).rejects.toThrow('notifications are off');
  });

  it('does not retry a notification that asked for nothing Firefox refuses', async () => {
    const f = fake([], true);
    await expect(createNotification(f.browser, 'r1', PLAIN as typeof FULL)).rejects.toThrow('notifications are off');
    expect(f.shown).toEqual([]);
  });
});
