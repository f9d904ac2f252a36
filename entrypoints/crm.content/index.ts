import { findAdapter } from '@/rules/sites/bundled';
import { startSidekick } from '@/utils/content/sidekick';

export default defineContentScript({
  // Filled at build time with every pattern the site adapters in rules/sites/ name (wxt.config.ts).
  matches: [],
  allFrames: true,
  main(ctx) {
    const adapter = findAdapter(location.href);
    if (adapter) startSidekick(ctx, adapter);
  },
});
