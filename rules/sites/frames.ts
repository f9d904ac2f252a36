// Legacy CRMs put the ticket inside framesets and iframes. A frame path is followed from the
// top document one step at a time; a frame that is absent, not loaded yet or cross-origin
// ends the walk with the step that failed, never with an exception.

export type FrameResult = { ok: true; doc: Document } | { ok: false; failedStep: string };

export function resolveFrame(doc: Document, path: readonly string[] | undefined): FrameResult {
  let current = doc;
  for (const step of path ?? []) {
    const next = contentDocumentOf(findFrameElement(current, step));
    if (!next) return { ok: false, failedStep: step };
    current = next;
  }
  return { ok: true, doc: current };
}

/** A step is a frame's name or id first; failing that, a CSS selector. */
function findFrameElement(doc: Document, step: string): Element | null {
  try {
    for (const el of Array.from(doc.querySelectorAll('frame, iframe'))) {
      if (el.getAttribute('name') === step || el.getAttribute('id') === step) return el;
    }
    const el = doc.querySelector(step);
    return el && /^i?frame$/i.test(el.tagName) ? el : null;
  } catch {
    return null; // invalid selector, or a document that is not one
  }
}

function contentDocumentOf(el: Element | null): Document | null {
  if (!el) return null;
  try {
    return (el as HTMLIFrameElement).contentDocument ?? null;
  } catch {
    return null; // some browsers throw instead of returning null across origins
  }
}
