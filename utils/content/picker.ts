// The field picker's pick mode on the CRM page: an outline follows the pointer, the next click
// names an element instead of reaching the page, Escape gives up. The outline and the banner
// live in one closed shadow root that takes no pointer events; no page element is restyled,
// and the prompt is set as text. Injected only for a pick (entrypoints/picker), never on every page.

// One rule set for the host and its insides; `!important` on :host beats the page's own rules.
const CSS =
  ':host{all:initial!important;position:fixed!important;inset:0!important;z-index:2147483647!important;pointer-events:none!important;display:block!important}' +
  '*{pointer-events:none}' +
  '.box{position:fixed;display:none;box-sizing:border-box;outline:2px solid #2563eb;background:rgba(37,99,235,.12);border-radius:2px}' +
  '.bar{position:fixed;top:8px;left:50%;transform:translateX(-50%);padding:6px 14px;border-radius:6px;background:#1f2933;color:#fff;' +
  'font:13px/1.4 "Noto Sans CJK SC","Microsoft YaHei",sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.3)}';

// Every event a click is made of: the CRM must see none of them while picking.
const SWALLOW = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'dblclick', 'auxclick', 'contextmenu'];

/**
 * Waits for the admin to click an element of `doc`: resolves with it, or with null on Escape or
 * when `signal` aborts. Everything it added is gone when it resolves.
 */
export function pickElement(doc: Document, signal: AbortSignal, prompt: string): Promise<Element | null> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(null);
    const off = new AbortController();
    // The window's capture phase comes before any listener the page put on its elements.
    const win: EventTarget = doc.defaultView ?? doc;
    const on = (target: EventTarget, type: string, fn: (e: Event) => void) =>
      target.addEventListener(type, fn, { capture: true, signal: off.signal });
    const el = (tag: string, cls: string) => Object.assign(doc.createElement(tag), { className: cls });

    const host = doc.createElement('ticket-sidekick-picker');
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = CSS;
    const box = el('div', 'box');
    const bar = el('div', 'bar');
    bar.textContent = prompt;
    shadow.append(style, box, bar);
    doc.documentElement.append(host);

    let hovered: Element | null = null;
    const finish = (picked: Element | null) => {
      off.abort();
      host.remove();
      resolve(picked);
    };
    // The innermost element under the pointer (inside the page's open shadow roots too), never ours.
    const pointed = (e: Event): Element | null => {
      const t = (e.composedPath?.()[0] ?? e.target) as Node | null;
      return t && t.nodeType === 1 && t !== host ? (t as Element) : hovered;
    };
    const draw = () => {
      const r = hovered?.getBoundingClientRect();
      box.style.cssText = r
        ? `display:block;left:${r.left}px;top:${r.top}px;width:${r.width}px;height:${r.height}px`
        : '';
    };
    const stop = (e: Event) => {
      e.preventDefault();
      e.stopPropagation();
      e.stopImmediatePropagation();
    };

    on(win, 'pointermove', (e) => {
      const t = pointed(e);
      if (t !== hovered) {
        hovered = t;
        draw();
      }
    });
    on(win, 'scroll', draw);
    for (const type of SWALLOW) {
      on(win, type, (e) => {
        stop(e);
        const t = pointed(e);
        // A disabled control gets no click: its pointerup decides.
        if (type === 'click' || (type === 'pointerup' && (t as { disabled?: unknown } | null)?.disabled === true))
          finish(t);
      });
    }
    on(win, 'keydown', (e) => {
      if ((e as KeyboardEvent).key !== 'Escape') return;
      stop(e);
      finish(null);
    });
    signal.addEventListener('abort', () => finish(null), { signal: off.signal });
  });
}
