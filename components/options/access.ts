import { signal } from '@preact/signals';
import type { browser as wxtBrowser } from 'wxt/browser';
import { z } from 'zod/mini';
import { t } from '@/utils/i18n';

type Browser = typeof wxtBrowser;

// Host access is granted per origin, only by the agent, and only from a user gesture: Chrome
// refuses `permissions.request` once the click's activation is spent, so every caller here calls
// it synchronously inside the click handler, before any await, with origins it already knows.

/**
 * Ask for `origins` now (synchronously: call it from the click handler itself). Resolves with
 * whether they were granted; nothing to ask resolves true; a refusal or failure resolves false.
 */
export function requestOrigins(browser: Browser, origins: readonly string[]): Promise<boolean> {
  if (!origins.length) return Promise.resolve(true);
  try {
    return Promise.resolve(browser.permissions.request({ origins: [...origins] })).catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}

/** Whether each origin is granted now (one question per origin, so the missing ones are named). */
export async function grantedOrigins(browser: Browser, origins: Iterable<string>): Promise<Map<string, boolean>> {
  const list = [...new Set(origins)];
  const answers = await Promise.all(
    list.map((o) =>
      Promise.resolve()
        .then(() => browser.permissions.contains({ origins: [o] }))
        .catch(() => false),
    ),
  );
  return new Map(list.map((o, i) => [o, answers[i] === true]));
}

const AccessNeededSchema = z.object({
  origins: z.array(z.string()),
  adapters: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type AccessNeeded = z.infer<typeof AccessNeededSchema>;

/**
 * The popup's bar: which CRM pages (adapters from the policy or the agent) wait for access, as the
 * background answers 'access-needed', and one click that asks for all their origins.
 */
export function createAccessState(browser: Browser) {
  const needed = signal<AccessNeeded | null>(null);
  const error = signal<string | null>(null);

  async function load() {
    try {
      const r = AccessNeededSchema.safeParse(await browser.runtime.sendMessage({ type: 'access-needed' }));
      needed.value = r.success && r.data.origins.length > 0 ? r.data : null;
    } catch {
      needed.value = null; // no background answering: nothing to show
    }
  }

  return {
    needed,
    error,
    load,
    /** Call from the click handler: the request is made before this returns. */
    grant(): Promise<boolean> {
      const n = needed.value;
      if (!n) return Promise.resolve(false);
      error.value = null;
      const asked = requestOrigins(browser, n.origins);
      return asked.then(async (ok) => {
        if (!ok) error.value = t('access.denied');
        await load();
        return ok;
      });
    },
  };
}
export type AccessState = ReturnType<typeof createAccessState>;
