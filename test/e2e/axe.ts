import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Result, RunOptions } from 'axe-core';
import type { CDPSession, Frame, Page } from 'playwright-core';

// axe-core in the page under test: injected as a script tag, run there, and only its violations
// brought back, as plain data that prints readably when a test fails.

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** What a violation is and where, without axe's bulky check details. */
export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** Every rule axe ships except the experimental ones: WCAG 2.x A and AA, and its best practices. */
export const AXE_OPTIONS: RunOptions = { resultTypes: ['violations'] };

/**
 * A script tag on a web page; on the extension's own pages, whose policy (`script-src 'self'`)
 * refuses an inline script, evaluated through the protocol instead, which no page policy governs.
 */
export async function injectAxe(target: Page | Frame): Promise<void> {
  if (await target.evaluate(() => 'axe' in window)) return;
  if (target.url().startsWith('chrome-extension:')) await target.evaluate(readFileSync(AXE_PATH, 'utf8'));
  else await target.addScriptTag({ path: AXE_PATH });
}

function trim(violations: Result[]): Violation[] {
  return violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    nodes: v.nodes.map((n) => ({
      target: JSON.stringify(n.target),
      html: n.html.slice(0, 200),
      summary: n.failureSummary ?? '',
    })),
  }));
}

/** The whole document of `target`. */
export async function axeDocument(target: Page | Frame): Promise<Violation[]> {
  await injectAxe(target);
  const violations = await target.evaluate(async (options) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    return (await axe.run(document, options)).violations;
  }, AXE_OPTIONS);
  return trim(violations);
}

/**
 * Axe scoped to one element and what is inside its shadow root, given as protocol objects (a
 * closed root is out of the page's reach, and of axe's: for this one run the host's `shadowRoot`
 * answers with it, as an open root's would). Runs in the element's own frame, where axe must be.
 * `passed` names the rules that found something to check and passed, so a scope axe could not see
 * into (an empty pass) shows.
 */
export async function axeShadowHost(
  s: CDPSession,
  hostId: string,
  rootId: string,
): Promise<{ violations: Violation[]; passed: string[] }> {
  const r = await s.send('Runtime.callFunctionOn', {
    objectId: hostId,
    functionDeclaration: `async function (root, options) {
      Object.defineProperty(this, 'shadowRoot', { get: () => root, configurable: true });
      try {
        const results = await window.axe.run(this, options);
        return { violations: results.violations, passed: results.passes.map((p) => p.id) };
      } finally {
        delete this.shadowRoot;
      }
    }`,
    arguments: [{ objectId: rootId }, { value: AXE_OPTIONS }],
    awaitPromise: true,
    returnByValue: true,
  });
  if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
  const { violations, passed } = r.result.value as { violations: Result[]; passed: string[] };
  return { violations: trim(violations), passed };
}

/** The violations as a test failure should print them: rule, impact, what it asks, and each node. */
export function describeViolations(where: string, violations: readonly Violation[]): string {
  if (violations.length === 0) return `${where}: no violations`;
  const lines = [`${where}: ${violations.length} axe violation(s)`];
  for (const v of violations) {
    lines.push(`- ${v.id} (${v.impact ?? 'no impact'}): ${v.help}`);
    for (const n of v.nodes)
      lines.push(`    ${n.target}\n      ${n.html}\n      ${n.summary.replace(/\n/g, '\n      ')}`);
  }
  return lines.join('\n');
}
