import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { readPauseLog } from '@/rules/sites/read-pauses';
import { readTicket } from '@/rules/sites/read';
import type { SiteAdapter } from '@/rules/sites/schema';
import { ToContentSchema, type TryReadReply } from '@/utils/messages';

/**
 * The options page's try-read on this page: read the ticket with an adapter being written (maybe
 * unsaved) and say what each locator did. (Its field picker is injected only when asked for:
 * entrypoints/picker.)
 */
export function listenForSetup(ctx: ContentScriptContext): void {
  browser.runtime.onMessage.addListener((raw: unknown) => {
    const msg = ToContentSchema.safeParse(raw);
    if (!msg.success || !ctx.isValid) return undefined;
    if (msg.data.type === 'ping') return Promise.resolve({ ok: true });
    if (msg.data.type !== 'try-read') return undefined;
    const adapter = msg.data.adapter as unknown as SiteAdapter;
    const r = readTicket(document, adapter);
    const reply: TryReadReply = {
      url: location.href,
      fields: r.fields,
      foundBy: r.foundBy,
      missing: r.missing,
      pauses: readPauseLog(document, adapter),
    };
    return Promise.resolve(reply);
  });
}
