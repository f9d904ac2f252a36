import type { CDPSession, Page } from 'playwright-core';

// The badge lives in a closed shadow root, so neither the page nor Playwright's locators can
// look inside it. Tests read it the way DevTools does, through the Chrome DevTools Protocol
// (DOM.describeNode with `pierce`), which leaves nothing in the page for its scripts to find.

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

export interface BadgeView {
  /** The host has the `hidden` attribute (no ticket read). */
  hidden: boolean;
  /** The button's text, as an agent sees it. */
  text: string;
  /** The shadow root's mode: "closed" for the badge as shipped. */
  shadowMode: string;
  /** Backend ids of the button's `.time` span (for `callOnBadgeTime`). */
  timeNode?: number;
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();
function cdp(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}

const attr = (n: CdpNode, name: string) => {
  const a = n.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1];
  return undefined;
};
const walk = (n: CdpNode, visit: (n: CdpNode) => void) => {
  visit(n);
  for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) walk(c, visit);
};
const textOf = (n: CdpNode): string => {
  let t = '';
  walk(n, (x) => {
    if (x.nodeType === 3) t += x.nodeValue;
  });
  return t;
};

/** Every badge host in the page and its frames, read through the protocol. */
export async function readBadges(page: Page): Promise<BadgeView[]> {
  const s = await cdp(page);
  // A search needs the document requested first; it spans same-process frames.
  await s.send('DOM.getDocument', { depth: 0 });
  const { searchId, resultCount } = await s.send('DOM.performSearch', { query: 'ticket-sidekick-badge' });
  try {
    if (resultCount === 0) return [];
    const { nodeIds } = await s.send('DOM.getSearchResults', { searchId, fromIndex: 0, toIndex: resultCount });
    const views: BadgeView[] = [];
    for (const nodeId of nodeIds) {
      const { node } = (await s.send('DOM.describeNode', { nodeId, depth: -1, pierce: true })) as {
        node: CdpNode & { shadowRoots?: (CdpNode & { shadowRootType?: string })[] };
      };
      if (node.nodeName !== 'TICKET-SIDEKICK-BADGE') continue;
      const root = node.shadowRoots?.[0];
      let button: CdpNode | undefined;
      let time: CdpNode | undefined;
      if (root)
        walk(root, (x) => {
          if (x.nodeName === 'BUTTON') button ??= x;
          if (x.nodeName === 'SPAN' && attr(x, 'class') === 'time') time ??= x;
        });
      views.push({
        hidden: attr(node, 'hidden') !== undefined,
        text: button ? textOf(button) : '',
        shadowMode: root?.shadowRootType ?? 'none',
        timeNode: time?.backendNodeId,
      });
    }
    return views;
  } finally {
    await s.send('DOM.discardSearchResults', { searchId }).catch(() => {});
  }
}

/** The text of the shown badge in whichever frame has it, or null. */
export async function badgeText(page: Page): Promise<string | null> {
  const shown = (await readBadges(page).catch(() => [])).find((b) => !b.hidden && b.text);
  return shown?.text ?? null;
}

/**
 * Call `fn` in the page with the badge's `.time` span as `time` in its argument. The element
 * reaches only this one call (Runtime.callFunctionOn on the node), never the page's globals.
 */
export async function callOnBadgeTime<A extends object, R>(
  page: Page,
  fn: (arg: A & { time: Element }) => R | Promise<R>,
  arg: A,
): Promise<R> {
  const view = (await readBadges(page)).find((b) => !b.hidden && b.timeNode !== undefined);
  if (!view) throw new Error('no shown badge');
  const s = await cdp(page);
  const { object } = await s.send('DOM.resolveNode', { backendNodeId: view.timeNode });
  try {
    const r = await s.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function (arg) { return (${fn.toString()})({ ...arg, time: this }); }`,
      arguments: [{ value: arg }],
      awaitPromise: true,
      returnByValue: true,
    });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value as R;
  } finally {
    if (object.objectId) await s.send('Runtime.releaseObject', { objectId: object.objectId }).catch(() => {});
  }
}
