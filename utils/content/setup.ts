import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { findTicketRoot, readTicket } from '@/rules/sites/read';
import type { SiteAdapter } from '@/rules/sites/schema';
import { suggestLocators } from '@/rules/sites/suggest-locator';
import { FIELD_LABELS } from '@/rules/ticket';
import { ToContentSchema, type PickReply, type TryReadReply } from '@/utils/messages';
import { pickElement } from './picker';

/**
 * The options page's tools on this page, for an adapter being written (maybe unsaved): read the
 * ticket with it and say what each locator did, or let the agent click a value and propose locators.
 */
export function listenForSetup(ctx: ContentScriptContext): void {
  let picking: AbortController | null = null;
  ctx.onInvalidated(() => picking?.abort());
  browser.runtime.onMessage.addListener((raw: unknown) => {
    const msg = ToContentSchema.safeParse(raw);
    if (!msg.success || !ctx.isValid) return undefined;
    if (msg.data.type === 'ping') return Promise.resolve({ ok: true });
    const adapter = (msg.data.type === 'try-read' || msg.data.type === 'pick-field'
      ? msg.data.adapter
      : null) as unknown as SiteAdapter | null;
    if (!adapter) return undefined;
    if (msg.data.type === 'try-read') {
      const r = readTicket(document, adapter);
      const reply: TryReadReply = { url: location.href, fields: r.fields, foundBy: r.foundBy, missing: r.missing };
      return Promise.resolve(reply);
    }
    if (msg.data.type !== 'pick-field') return undefined;
    picking?.abort();
    const controller = (picking = new AbortController());
    const field = msg.data.field;
    return pickElement(document, controller.signal, `点选「${FIELD_LABELS[field] ?? field}」的值`).then(
      (el): PickReply => {
        const root = findTicketRoot(document, adapter);
        const suggestions = el ? suggestLocators(el, root, el.ownerDocument, { rootCss: adapter.ticketRoot?.css }) : [];
        return { url: location.href, suggestions: suggestions.map((s) => ({ locator: s.locator, reads: s.reads })) };
      },
    );
  });
}
