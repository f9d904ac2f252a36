import { startOnPage } from '@/utils/content/start';

export default defineContentScript({
  // Filled at build time with every pattern the shipped site adapters name (wxt.config.ts); the
  // background registers the same script for adapters added at run time.
  matches: [],
  allFrames: true,
  main(ctx) {
    void startOnPage(ctx);
  },
});
