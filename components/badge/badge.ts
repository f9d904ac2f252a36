import type { Verdict } from '@/rules/verdict';
import { STATE_COLORS } from '@/rules/clock/vocabulary';
import { announcement, clocksAt, createTransitions } from '@/components/live/transitions';
import { contentLang } from '@/utils/i18n/content';
import { clampPos, CONTROLS, freeCorner, MARGIN, type BadgePlacement, type BadgePos, type Corner } from './place';
import { badgeText } from './text';

export type { BadgePlacement, BadgePos } from './place';

// Styles live inside a closed shadow root: the page can neither read the verdict nor style the
// badge's insides. The host's own box is guarded twice: `!important` rules on `:host` (an
// important rule of the inner tree beats every important rule of the page, its inline styles
// included) and the same declarations inline with `!important` (which beat the page's
// stylesheets should the shadow rules ever not apply). Where it sits (POS below) is locked the
// same way, in a second rule rewritten whenever the badge moves.
const LOCKED = (
  'z-index:2147483647;visibility:visible;opacity:1;transform:none;filter:none;clip-path:none;mask:none;' +
  'width:auto;height:auto;min-width:0;min-height:0;max-width:none;max-height:none;padding:0;border:0;' +
  'overflow:visible;pointer-events:auto;content-visibility:visible;vertical-align:middle;'
).replace(/;/g, '!important;');
const POS = ['position', 'display', 'top', 'right', 'bottom', 'left', 'margin'];
// The badge paints its own light box (dark text on white, a 3:1 edge and a shadow), so it reads
// the same on a light or a dark page, whatever the agent's colour scheme; the state and risk
// colours reach 4.5:1 and 3:1 on that white. Its text is in em of the host's `medium` (the
// browser's font setting; `all:initial` keeps the page's own font sizes out).
const CSS =
  `:host{all:initial!important;${LOCKED}}` +
  'button{all:unset;box-sizing:border-box;display:flex;align-items:center;gap:6px;cursor:pointer;' +
  'font:0.8125em/1.4 "Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2933;background:#fff;' +
  'border:1px solid #7a8696;border-left:6px solid var(--risk);border-radius:6px;padding:0.3em 0.75em;' +
  'box-shadow:0 1px 4px rgba(0,0,0,.18);user-select:none;touch-action:none}' +
  'button.off{display:none}' +
  'button.mini{padding:3px;border:3px solid var(--risk);border-radius:50%}' +
  'button.mini span+span{display:none}' +
  // Blue ring with a white gap: seen on a light page and on a dark one.
  'button:focus-visible{outline:3px solid #2563eb;outline-offset:2px;box-shadow:0 0 0 2px #fff}' +
  '.dot{width:9px;height:9px;border-radius:50%;background:var(--state);flex:none}' +
  '.time{font-variant-numeric:tabular-nums;font-weight:600;color:var(--state)}' +
  '.said{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}';
const RISK_COLORS = { red: '#e53e3e', orange: '#c05621', yellow: '#b7791f', none: '#cbd5e0' } as const;
/** The shrunk badge's side: the dot, its padding and its ring (CSS above), rounded up. */
const DOT = 22;
/** A press that moves less than this (CSS px) is a click, not a drag. */
const SLOP = 4;

export interface Badge {
  show(verdict: Verdict): void;
  hide(): void;
  /** Redraw the countdown; cheap, called once a second. */
  tick(now: number): void;
  /** Look for the adapter's anchor again (the page rendered another ticket): inline beside it, else fixed. */
  reanchor(): void;
  /** Put the keyboard focus on the badge (the agent's shortcut); false while it shows nothing. */
  focus(): boolean;
  remove(): void;
}

export interface BadgeOptions {
  /** The adapter's `badge`. Without it, or while its anchor is not in the page, the badge is fixed in the first corner where it covers no control. */
  placement?: BadgePlacement;
  /** Where the agent last dropped the badge on this adapter's pages (what `onMoved` gave). */
  initialPlace?: BadgePos;
  /** The agent dragged the fixed badge to `pos` (viewport px of its frame): keep it per adapter. */
  onMoved?(pos: BadgePos): void;
}

const NO_BADGE: Badge = { show() {}, hide() {}, tick() {}, reanchor() {}, focus: () => false, remove() {} };

/**
 * The badge, in a closed shadow root on `doc`. Never throws: on a page that has already claimed
 * the element (a custom element of that name with its own shadow root) there is simply no badge.
 */
export function mountBadge(doc: Document, onOpen: () => void, options: BadgeOptions = {}): Badge {
  try {
    return mount(doc, onOpen, options);
  } catch (e) {
    console.debug('[工单助手] no badge on this page', e);
    return NO_BADGE;
  }
}

function mount(doc: Document, onOpen: () => void, { placement, initialPlace, onMoved }: BadgeOptions): Badge {
  const host = doc.createElement('ticket-sidekick-badge');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = CSS;
  const posStyle = doc.createElement('style');
  const button = doc.createElement('button');
  button.type = 'button';
  const dot = doc.createElement('span');
  dot.className = 'dot';
  const label = doc.createElement('span');
  const time = doc.createElement('span');
  time.className = 'time';
  button.append(dot, label, time);
  // A polite live region beside the button: a clock becoming due-soon or overdue is said once.
  const said = doc.createElement('span');
  said.className = 'said';
  said.setAttribute('role', 'status');
  said.setAttribute('aria-live', 'polite');
  shadow.append(style, posStyle, button, said);
  const win = doc.defaultView;
  const parent = () => doc.body ?? doc.documentElement;

  let verdict: Verdict | null = null;
  let name = '';
  const transitions = createTransitions();
  /**
   * Whether the agent is on this page (in any of its frames): the side panel says a transition
   * instead while it has the focus, so it is heard once. A cross-origin frame cannot ask its top
   * page, and speaks.
   */
  const agentHere = () => {
    try {
      return win?.top?.document.hasFocus() ?? true;
    } catch {
      return true;
    }
  };
  let lastText = '';
  let lastLabel = '';
  let removed = false;
  let hostStyle = '';
  /** The element the badge sits beside, while the adapter's anchor is in the page. */
  let anchor: Element | null = null;
  /** The agent's own place for the fixed badge: no free-corner search moves it away. */
  let dragged = initialPlace;
  /** Shrunk to a dot: no corner was free. */
  let mini = false;

  const setPos = (...v: string[]) => {
    const css = POS.map((k, i) => `${k}:${v[i]}!important;`).join('');
    if (LOCKED + css === hostStyle) return;
    posStyle.textContent = `:host{${css}}`;
    host.setAttribute('style', (hostStyle = LOCKED + css));
  };
  const atCorner = (c: Corner) => {
    const [v, h] = c;
    const m = `${MARGIN}px`;
    setPos(
      'fixed',
      'block',
      v === 't' ? m : 'auto',
      h === 'r' ? m : 'auto',
      v === 'b' ? m : 'auto',
      h === 'l' ? m : 'auto',
      '0',
    );
  };
  // Whether it shows is decided inside the closed root (the page can set `hidden` on the host,
  // which the `:host` rules override); the host's `hidden` only mirrors it for whoever looks.
  const cls = () => {
    button.className = verdict ? (mini ? 'mini' : '') : 'off';
  };
  const view = () => {
    // The scrolling element's client box is the viewport without its scrollbars, quirks mode too.
    const se = doc.scrollingElement ?? doc.documentElement;
    return [se.clientWidth || win?.innerWidth || 0, se.clientHeight || win?.innerHeight || 0] as const;
  };

  /** Fixed badge: the agent's place (clamped into the viewport), else the first corner covering no control, else a dot. */
  const place = () => {
    if (removed || !verdict || anchor) return;
    const was = mini;
    mini = false;
    cls();
    const [vw, vh] = view();
    const { width: w, height: h } = host.getBoundingClientRect();
    if (dragged) {
      const p = clampPos(dragged, w, h, vw, vh);
      setPos('fixed', 'block', `${p.y}px`, 'auto', 'auto', `${p.x}px`, '0');
    } else {
      // Only on show, a label change, resize or scroll end: one query, one rectangle per control.
      const boxes: DOMRect[] = [];
      for (const el of doc.querySelectorAll(CONTROLS)) {
        const r = el.getBoundingClientRect();
        if (r.width && r.height && el !== host) boxes.push(r);
      }
      let c = freeCorner(w, h, vw, vh, boxes);
      if (!c) {
        mini = true;
        c = freeCorner(DOT, DOT, vw, vh, boxes) ?? 'tr';
      }
      atCorner(c);
    }
    cls();
    if (mini !== was) {
      lastText = '';
      draw(Date.now());
    }
  };

  const reanchor = () => {
    if (removed) return;
    let a: Element | null = null;
    try {
      a = placement ? doc.querySelector(placement.anchor) : null;
    } catch {
      // Not a selector: no anchor, the badge stays fixed.
    }
    const had = anchor;
    anchor = a;
    if (a) {
      const p = placement!.place;
      // Moved only when not already there: each insertion is a mutation the page observes.
      if (p === 'append' ? host.parentNode !== a : p === 'after' ? a.nextSibling !== host : host.nextSibling !== a)
        a[p](host);
      mini = false;
      cls();
      setPos('static', 'inline-block', 'auto', 'auto', 'auto', 'auto', '0 6px');
    } else {
      if (host.parentNode !== parent()) parent().append(host);
      // Cheap when nothing changed: the corner is searched again only when the anchor went away.
      if (had) place();
    }
  };

  /** Undo what a page script did to the host (its inline style, its `hidden`, a removal); cheap. */
  const guard = () => {
    if (removed) return;
    if (host.getAttribute('style') !== hostStyle) host.setAttribute('style', hostStyle);
    if (host.hidden !== !verdict) host.hidden = !verdict;
    cls();
    if (!host.isConnected || (anchor && !anchor.isConnected)) reanchor();
  };
  const draw = (now: number) => {
    if (!verdict) return;
    guard();
    const id = verdict.id ?? undefined;
    const changed = transitions(id, clocksAt(verdict.clocks, now));
    if (changed.length && agentHere()) {
      // A new node each time, so the same words for another ticket are read again.
      const words = doc.createElement('span');
      words.textContent = announcement(id, changed, contentLang());
      said.replaceChildren(words);
    }
    // The dot shows no text: its title and its name carry all of it.
    const t = badgeText(verdict, now, mini);
    // Skip identical frames: the badge ticks every second and should cost nothing when idle.
    const key = `${t.label}|${t.time}|${t.title}|${verdict.risk}`;
    if (key === lastText) return;
    lastText = key;
    button.style.setProperty('--state', STATE_COLORS[t.state ?? 'met']);
    button.style.setProperty('--risk', RISK_COLORS[verdict.risk]);
    label.textContent = t.label;
    time.textContent = t.time;
    button.title = t.title;
    // The name (state, countdown, due time, risk) is exact when the badge takes the focus and holds
    // still while it has it: a screen reader reads a focused button's new name out, every second.
    name = t.name;
    if (shadow.activeElement !== button) button.setAttribute('aria-label', name);
    button.dataset.state = t.state ?? 'none';
    button.dataset.risk = verdict.risk;
    // Another label, another width: find the badge's place again (the time's digits keep their width).
    if (label.textContent !== lastLabel) {
      lastLabel = label.textContent;
      place();
    }
  };

  // Dragging the fixed badge: a press that moves less than SLOP is still a click; the keyboard's
  // clicks have no pointer and are untouched.
  let drag: { x: number; y: number; dx: number; dy: number } | null = null;
  let moved = false;
  button.addEventListener('pointerdown', (e) => {
    if (e.button || anchor) return;
    const r = host.getBoundingClientRect();
    drag = { x: e.clientX, y: e.clientY, dx: e.clientX - r.left, dy: e.clientY - r.top };
    moved = false;
    button.setPointerCapture(e.pointerId);
  });
  button.addEventListener('pointermove', (e) => {
    if (!drag || (!moved && Math.hypot(e.clientX - drag.x, e.clientY - drag.y) < SLOP)) return;
    moved = true;
    const { width, height } = host.getBoundingClientRect();
    dragged = clampPos({ x: e.clientX - drag.dx, y: e.clientY - drag.dy }, width, height, ...view());
    place();
  });
  const drop = () => {
    if (drag && moved && dragged) {
      onMoved?.(dragged);
      // The click that ends a drag opens nothing.
      setTimeout(() => (moved = false));
    }
    drag = null;
  };
  button.addEventListener('focus', () => button.setAttribute('aria-label', name));
  button.addEventListener('pointerup', drop);
  button.addEventListener('pointercancel', drop);
  button.addEventListener('click', (e) => {
    e.stopPropagation();
    if (!moved) onOpen();
  });

  // Left on the window after remove(): `place` then does nothing, and the frame's window goes with its document.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(place, 150);
  };
  win?.addEventListener('resize', later);
  win?.addEventListener('scroll', later, { passive: true });

  atCorner('tr');
  host.hidden = true;
  cls();
  parent().append(host);
  reanchor();

  return {
    show(v) {
      // A new verdict redraws the text; the corner is searched again only if the label (so the
      // width) changed: on a page with thousands of links that search is the costly part.
      const first = !verdict;
      verdict = v;
      lastText = '';
      if (first) lastLabel = '';
      draw(Date.now());
    },
    hide() {
      verdict = null;
      guard();
    },
    tick: draw,
    reanchor,
    focus() {
      if (removed || !verdict) return false;
      guard();
      button.focus();
      return shadow.activeElement === button;
    },
    remove: () => {
      removed = true;
      host.remove();
    },
  };
}
