// The adapter registry. It takes the adapter files as a parameter so that plain Node (the
// CLI, via tsx) can use it too; the extension's build hands it every JSON file beside this
// one through `bundled.ts`.
import { adapterMatchesUrl } from './match';
import { parseSiteAdapter, type SiteAdapter } from './schema';

export interface AdapterRegistry {
  adapters: readonly SiteAdapter[];
  /** The first adapter, in file-name order, whose `matches` cover the URL. */
  findAdapter(url: string): SiteAdapter | undefined;
}

/**
 * `sources` maps a file name to its parsed JSON. A broken or duplicate adapter throws with
 * every problem listed: shipping a CRM that silently reads nothing is worse than a failed build.
 */
export function createAdapterRegistry(sources: Record<string, unknown>): AdapterRegistry {
  const adapters: SiteAdapter[] = [];
  const problems: string[] = [];
  for (const file of Object.keys(sources).sort()) {
    const parsed = parseSiteAdapter(sources[file]);
    if (!parsed.ok) {
      problems.push(...parsed.errors.map((e) => `${file}: ${e}`));
    } else if (adapters.some((a) => a.id === parsed.adapter.id)) {
      problems.push(`${file}: id: "${parsed.adapter.id}" is already used by another adapter`);
    } else {
      adapters.push(parsed.adapter);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid site adapters:\n${problems.join('\n')}`);
  return {
    adapters,
    findAdapter: (url) => adapters.find((adapter) => adapterMatchesUrl(adapter, url)),
  };
}

export { adapterMatchesUrl, parseSiteAdapter, SiteAdapterSchema } from './schema';
export type { FieldSpec, Locator, SiteAdapter, Transform, WriteTarget } from './schema';
export { findTicketRoot, readTicket } from './read';
export type { MissingField, TicketReading } from './read';
export { resolveFrame } from './frames';
