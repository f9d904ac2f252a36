import { findTicketRoot } from '@/rules/sites/read';
import type { SiteAdapter } from '@/rules/sites/schema';
import { suggestLocators } from '@/rules/sites/suggest-locator';
import { FIELD_LABELS } from '@/rules/ticket';
import { ToPickerSchema, type PickReply } from '@/utils/messages';
import { pickElement } from './picker';

// The background injects this (entrypoints/picker) into the CRM page's top frame at every 「点选」,
// so the content script of every page need not carry it. Scripts injected by one extension share
// one world, where the copy that runs leaves its mark: a later copy does nothing while that one
// can still hear the background, and takes over (ending its pick) once a reload of the extension
// has cut it off.
const RUNNING = Symbol.for('ticket-sidekick-picker');
type Running = { alive: () => boolean; stop: () => void };
type World = typeof globalThis & { [RUNNING]?: Running };

/**
 * The options page's field picker on this page: let the agent click a value, and propose locators
 * for it with the adapter being written (maybe unsaved).
 */
export function startPicker(): void {
  const world = globalThis as World;
  const before = world[RUNNING];
  if (before?.alive()) return;
  before?.stop();
  let picking: AbortController | null = null;
  // An extension context cut off by a reload has no runtime id.
  const alive = () => browser.runtime?.id !== undefined;
  world[RUNNING] = { alive, stop: () => picking?.abort() };
  browser.runtime.onMessage.addListener((raw: unknown) => {
    const msg = ToPickerSchema.safeParse(raw);
    if (!msg.success || !alive()) return undefined;
    // A new pick ends the one waiting, which answers with no suggestions.
    picking?.abort();
    const controller = (picking = new AbortController());
    const { field } = msg.data;
    // The background checked the adapter whole (rules/sites/schema.ts) before sending it.
    const adapter = msg.data.adapter as unknown as SiteAdapter;
    // The options page says it in its language; this wording is for a sender that does not.
    const prompt = msg.data.prompt ?? `点选「${FIELD_LABELS[field] ?? field}」的值　「Esc 取消」`;
    return pickElement(document, controller.signal, prompt).then((el): PickReply => {
      const root = findTicketRoot(document, adapter);
      const suggestions = el ? suggestLocators(el, root, el.ownerDocument, { rootCss: adapter.ticketRoot?.css }) : [];
      return { url: location.href, suggestions: suggestions.map((s) => ({ locator: s.locator, reads: s.reads })) };
    });
  });
}
