// The content script loads on every CRM page, so its size is a budget the build must keep: a stray
// value import (the full Zod schemas instead of zod/mini) once added 21 KB gzipped unnoticed.
// 40 KB until the page's own verdict gained the class model (≈3.5 KB: features, naive Bayes, the
// pack's longer word lists) and the hardening (≈2.5 KB: shaping oversized readings, auto-fill's
// control checks and rollback, the badge's locked host); 44 KB keeps the same guard against bloat.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from './browser';

const BUDGET_GZIP = 44 * 1024;

describe('the built content script', () => {
  const js = readFileSync(join(EXTENSION_DIR, 'content-scripts', 'crm.js'));

  it(`stays within ${BUDGET_GZIP / 1024} KB gzipped`, () => {
    expect(gzipSync(js, { level: 9 }).length).toBeLessThanOrEqual(BUDGET_GZIP);
  });
});
