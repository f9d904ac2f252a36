/**
 * Call `onChange` when the ticket area changes: one observer on the ticket root (and one on
 * its parent, so a re-rendered root is noticed), nothing document-wide, so a ticking clock or
 * a big history table elsewhere on the page never wakes it. Stops with the signal.
 */
export function watchTicket(
  findRoot: () => Element | null,
  onChange: () => void,
  signal: AbortSignal,
): { rebind(): void } {
  let observed: Element | null = null;
  const observer = new MutationObserver(() => {
    rebind();
    onChange();
  });
  const rebind = () => {
    const root = findRoot();
    if (root === observed) return;
    observer.disconnect();
    observed = root;
    if (!root) return;
    observer.observe(root, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['value'],
    });
    if (root.parentNode) observer.observe(root.parentNode, { childList: true });
  };
  rebind();
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  return { rebind };
}
