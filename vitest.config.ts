import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // The ReDoS checker, as the CLI and the options page load it (rules/regex-check.ts); the pages'
    // language, Chinese unless a test says otherwise (test/setup-i18n.ts).
    setupFiles: ['rules/regex-judge.ts', 'test/setup-i18n.ts'],
  },
});
