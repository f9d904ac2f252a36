// The content script loads on every CRM page, so its size is a budget the build must keep: a stray
// value import (the full Zod schemas instead of zod/mini) once added 21 KB gzipped unnoticed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from './browser';

const BUDGET_GZIP = 40 * 1024;

describe('the built content script', () => {
  const js = readFileSync(join(EXTENSION_DIR, 'content-scripts', 'crm.js'));

  it(`stays within ${BUDGET_GZIP / 1024} KB gzipped`, () => {
    expect(gzipSync(js, { level: 9 }).length).toBeLessThanOrEqual(BUDGET_GZIP);
  });
});
