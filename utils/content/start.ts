import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { SiteAdapter } from '@/rules/sites/schema';
import { AdapterReplySchema } from '@/utils/messages';
import { listenForSetup } from './setup';
import { startSidekick } from './sidekick';

// The script runs on the shipped adapters' pages (manifest), on the run-time adapters' pages
// (registered by the background) and in tabs it was injected into when an adapter was added; a page
// matched twice must not get two overlays. Content scripts of one extension share one world, so a
// global of that world tells; a context invalidated by a reload of the extension does not count.
const RUNNING = Symbol.for('ticket-sidekick');
type World = typeof globalThis & { [RUNNING]?: ContentScriptContext };

/** Ask the background which adapter reads this page, and start the overlay with it. */
export async function startOnPage(ctx: ContentScriptContext): Promise<void> {
  const world = globalThis as World;
  if (world[RUNNING]?.isValid) return;
  world[RUNNING] = ctx;
  // The options page's try-read and field picker work on the top frame, with or without an adapter.
  if (window === window.top) listenForSetup(ctx);
  const answer: unknown = await browser.runtime
    .sendMessage({ type: 'adapter-for', url: location.href })
    .catch(() => null);
  const reply = AdapterReplySchema.safeParse(answer);
  // The adapter was checked whole by the background (rules/sites/schema.ts) before it was offered.
  if (reply.success && reply.data.adapter && ctx.isValid)
    void startSidekick(ctx, reply.data.adapter as unknown as SiteAdapter);
}
