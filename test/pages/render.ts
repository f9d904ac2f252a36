import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

/** Render into a fresh container in the document; returns it and an unmount for afterEach. */
export async function mount(node: ComponentChild) {
  const root = document.createElement('div');
  document.body.append(root);
  await act(() => render(node, root));
  return { root, unmount: () => (render(null, root), root.remove()) };
}

export const texts = (root: ParentNode, selector: string) =>
  [...root.querySelectorAll(selector)].map((e) => e.textContent?.trim() ?? '');

export function click(el: Element | null | undefined) {
  if (!el) throw new Error('nothing to click');
  (el as HTMLElement).click();
}
