// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mountBadge, type Badge, type BadgeOptions } from '@/components/badge/badge';
import {
  clampPos,
  cornerBox,
  CORNERS,
  freeCorner,
  MARGIN,
  overlaps,
  type Box,
  type Corner,
} from '@/components/badge/place';
import type { Verdict } from '@/rules/verdict';

// Where the badge goes: the free-corner choice and the clamping as pure geometry, then the
// badge itself in happy-dom (which lays nothing out, so rectangles come from `data-rect`).

const VW = 1000;
const VH = 800;
const W = 200;
const H = 30;
const box = (left: number, top: number, w: number, h: number): Box => ({ left, top, right: left + w, bottom: top + h });
/** A 40×20 control sitting right in corner `c`. */
const inCorner = (c: Corner): Box => {
  const b = cornerBox(c, W, H, VW, VH);
  return box(b.left + 10, b.top + 5, 40, 20);
};

describe('cornerBox', () => {
  it('keeps MARGIN from the two edges of its corner', () => {
    expect(cornerBox('tr', W, H, VW, VH)).toEqual(box(VW - MARGIN - W, MARGIN, W, H));
    expect(cornerBox('br', W, H, VW, VH)).toEqual(box(VW - MARGIN - W, VH - MARGIN - H, W, H));
    expect(cornerBox('bl', W, H, VW, VH)).toEqual(box(MARGIN, VH - MARGIN - H, W, H));
    expect(cornerBox('tl', W, H, VW, VH)).toEqual(box(MARGIN, MARGIN, W, H));
  });
});

describe('overlaps', () => {
  it.each([
    ['same box', box(0, 0, 10, 10), box(0, 0, 10, 10), true],
    ['one inside the other', box(0, 0, 100, 100), box(40, 40, 5, 5), true],
    ['a corner in common', box(0, 0, 10, 10), box(9, 9, 10, 10), true],
    ['touching edges', box(0, 0, 10, 10), box(10, 0, 10, 10), false],
    ['apart', box(0, 0, 10, 10), box(0, 50, 10, 10), false],
  ])('%s', (_, a, b, want) => {
    expect(overlaps(a, b)).toBe(want);
    expect(overlaps(b, a)).toBe(want);
  });
});

describe('freeCorner', () => {
  const cases: [string, Box[], Corner | undefined][] = [
    ['no controls: top-right', [], 'tr'],
    ['a control in the middle only', [box(400, 300, 200, 200)], 'tr'],
    ['top-right taken', [inCorner('tr')], 'br'],
    ['bottom-right taken (top-right still first)', [inCorner('br')], 'tr'],
    ['top-right and bottom-right taken', [inCorner('tr'), inCorner('br')], 'bl'],
    ['only top-left free', [inCorner('tr'), inCorner('br'), inCorner('bl')], 'tl'],
    ['only bottom-left taken', [inCorner('bl')], 'tr'],
    ['a toolbar across the top', [box(0, 0, VW, 40)], 'br'],
    [
      'a toolbar across the top and a footer across the bottom',
      [box(0, 0, VW, 40), box(0, VH - 40, VW, 40)],
      undefined,
    ],
    ['all four corners taken: a dot', CORNERS.map(inCorner), undefined],
    ['a control that only touches the badge’s edge', [box(VW - MARGIN - W - 50, MARGIN, 50, H)], 'tr'],
    ['a control one pixel into the badge', [box(VW - MARGIN - W - 50, MARGIN, 51, H)], 'br'],
    ['a control just below the badge', [box(VW - 300, MARGIN + H, 300, 20)], 'tr'],
    ['a right-hand column of controls: bottom-left comes before top-left', [box(VW - 250, 0, 250, VH)], 'bl'],
    ['a right-hand column and a bottom-left control', [box(VW - 250, 0, 250, VH), inCorner('bl')], 'tl'],
  ];
  it.each(cases)('%s → %s', (_, controls, want) => {
    expect(freeCorner(W, H, VW, VH, controls)).toBe(want);
  });

  it('a dot fits where the whole badge does not', () => {
    // Controls 30 px from each corner's edge: too close for a 200 px badge, far enough for a dot.
    const near = CORNERS.map((c) => {
      const b = cornerBox(c, W, H, VW, VH);
      return c[1] === 'r' ? box(b.left, b.top, 40, H) : box(b.right - 40, b.top, 40, H);
    });
    expect(freeCorner(W, H, VW, VH, near)).toBeUndefined();
    expect(freeCorner(22, 22, VW, VH, near)).toBe('tr');
  });
});

describe('clampPos', () => {
  it.each([
    ['inside: unchanged', { x: 100, y: 200 }, { x: 100, y: 200 }],
    ['past the right and bottom edges', { x: 990, y: 900 }, { x: VW - W, y: VH - H }],
    ['off the top-left', { x: -50, y: -3 }, { x: 0, y: 0 }],
    ['fractions round', { x: 10.4, y: 10.6 }, { x: 10, y: 11 }],
    ['not numbers (a damaged store) count as 0', { x: Number.NaN, y: Number.NaN }, { x: 0, y: 0 }],
  ])('%s', (_, p, want) => {
    expect(clampPos(p, W, H, VW, VH)).toEqual(want);
  });

  it('a window shrunk under a dropped badge pulls it back in, and it stays in when grown again', () => {
    const dropped = { x: 1700, y: 900 };
    expect(clampPos(dropped, W, H, 1920, 1080)).toEqual(dropped);
    expect(clampPos(dropped, W, H, 1280, 720)).toEqual({ x: 1080, y: 690 });
    expect(clampPos(dropped, W, H, 1920, 1080)).toEqual(dropped);
  });

  it('a badge wider than the viewport keeps its left edge in sight', () => {
    expect(clampPos({ x: 30, y: 10 }, 400, H, 300, VH)).toEqual({ x: 0, y: 10 });
  });
});

// ---- the badge in a document ---------------------------------------------------------------

const VERDICT = { risk: 'none', clocks: [], unknown: [] } as unknown as Verdict;

/** The closed shadow root, caught as it is attached (the page never gets it). */
let root: ShadowRoot | undefined;
let badge: Badge | undefined;
const realAttach = Element.prototype.attachShadow;
const realRect = Element.prototype.getBoundingClientRect;

beforeEach(() => {
  document.body.innerHTML = '';
  Object.assign(window, { innerWidth: VW, innerHeight: VH });
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
    root = realAttach.call(this, init);
    return root;
  });
  // `data-rect="left top width height"` on page elements; the badge host measures W×H.
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    if (this.localName === 'ticket-sidekick-badge') {
      const s = getComputedPos(this);
      const left = s.left !== 'auto' ? parseFloat(s.left) : s.right !== 'auto' ? VW - parseFloat(s.right) - W : 0;
      const top = s.top !== 'auto' ? parseFloat(s.top) : s.bottom !== 'auto' ? VH - parseFloat(s.bottom) - H : 0;
      return new DOMRect(left, top, W, H);
    }
    const r = this.getAttribute('data-rect');
    if (!r) return realRect.call(this);
    const [x, y, w, h] = r.split(' ').map(Number);
    return new DOMRect(x, y, w, h);
  });
});
afterEach(() => {
  badge?.remove();
  badge = undefined;
  vi.restoreAllMocks();
});

/** The host's own inline declarations (what the `:host` rule locks too). */
function getComputedPos(host: Element) {
  const s = (host as HTMLElement).style;
  return { position: s.position, display: s.display, top: s.top, right: s.right, bottom: s.bottom, left: s.left };
}
const host = () => document.querySelector('ticket-sidekick-badge') as HTMLElement;
const button = () => root!.querySelector('button')!;
const mount = (opts?: BadgeOptions, onOpen = () => {}) => {
  badge = mountBadge(document, onOpen, opts);
  return badge;
};
const control = (html: string) => document.body.insertAdjacentHTML('beforeend', html);
const pointer = (type: string, x: number, y: number) =>
  button().dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, pointerId: 1, button: 0, bubbles: true }));

describe('the fixed badge', () => {
  it('sits top-right when that corner is free, locked with !important in the closed root', () => {
    mount().show(VERDICT);
    expect(getComputedPos(host())).toEqual({
      position: 'fixed',
      display: 'block',
      top: '6px',
      right: '6px',
      bottom: 'auto',
      left: 'auto',
    });
    expect(host().getAttribute('style')).toContain('position:fixed!important');
    expect(host().shadowRoot).toBeNull();
    expect(root!.querySelectorAll('style')[1]!.textContent).toContain('position:fixed!important');
  });

  it('moves off a control in the top-right corner, and back when the window changes', async () => {
    control(`<a href="#" data-rect="${VW - 60} 10 40 20">退出</a>`);
    mount().show(VERDICT);
    expect(getComputedPos(host())).toMatchObject({ top: 'auto', right: '6px', bottom: '6px' });
    // The control moves out of the way; a resize finds the preferred corner again.
    document.querySelector('a')!.setAttribute('data-rect', '400 400 40 20');
    window.dispatchEvent(new Event('resize'));
    await new Promise((r) => setTimeout(r, 200));
    expect(getComputedPos(host())).toMatchObject({ top: '6px', right: '6px' });
  });

  it('ignores controls with no box (hidden ones)', () => {
    control(`<button data-rect="${VW - 60} 10 0 0">x</button><input type="hidden">`);
    mount().show(VERDICT);
    expect(getComputedPos(host())).toMatchObject({ top: '6px', right: '6px' });
  });

  it('shrinks to a dot, still a button with the whole text in its title, when no corner is free', () => {
    control(
      `<div role="tab" data-rect="0 0 ${VW} 60"></div><span tabindex="0" data-rect="0 ${VH - 60} ${VW} 60"></span>`,
    );
    const onOpen = vi.fn();
    mount(undefined, onOpen).show(VERDICT);
    expect(button().className).toBe('mini');
    expect(button().title).toContain('无计时');
    expect(button().title).toContain('点击打开侧边栏');
    button().click();
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('undoes the page’s restyling of the host on the next tick', () => {
    const b = mount();
    b.show(VERDICT);
    const locked = host().getAttribute('style');
    host().setAttribute('style', 'display:none!important');
    host().hidden = true;
    b.tick(Date.now());
    expect(host().getAttribute('style')).toBe(locked);
    expect(host().hidden).toBe(false);
  });
});

describe('dragging', () => {
  it('a drag moves the badge, reports the drop once and opens nothing', () => {
    const onMoved = vi.fn();
    const onOpen = vi.fn();
    mount({ onMoved }, onOpen).show(VERDICT);
    const start = host().getBoundingClientRect();
    pointer('pointerdown', start.left + 10, start.top + 10);
    pointer('pointermove', start.left + 12, start.top + 11); // within the slop: not yet a drag
    expect(getComputedPos(host())).toMatchObject({ right: '6px' });
    pointer('pointermove', 300, 200);
    pointer('pointermove', 310, 400);
    pointer('pointerup', 310, 400);
    button().click(); // the click that ends the drag
    expect(getComputedPos(host())).toEqual({
      position: 'fixed',
      display: 'block',
      top: '390px',
      right: 'auto',
      bottom: 'auto',
      left: '300px',
    });
    expect(onMoved.mock.calls).toEqual([[{ x: 300, y: 390 }]]);
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('a press that moves less than 4 px is a click', () => {
    const onMoved = vi.fn();
    const onOpen = vi.fn();
    mount({ onMoved }, onOpen).show(VERDICT);
    const { left, top } = host().getBoundingClientRect();
    pointer('pointerdown', left + 10, top + 10);
    pointer('pointermove', left + 12, top + 12);
    pointer('pointerup', left + 12, top + 12);
    button().click();
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onMoved).not.toHaveBeenCalled();
  });

  it('a drag is clamped into the viewport', () => {
    const onMoved = vi.fn();
    mount({ onMoved }).show(VERDICT);
    const { left, top } = host().getBoundingClientRect();
    pointer('pointerdown', left + 10, top + 10);
    pointer('pointermove', VW + 500, -300);
    pointer('pointerup', VW + 500, -300);
    expect(onMoved).toHaveBeenLastCalledWith({ x: VW - W, y: 0 });
  });

  it('the agent’s place is kept (clamped), even over a control', () => {
    control(`<button data-rect="90 90 100 40">保存</button>`);
    mount({ initialPlace: { x: 100, y: 100 } }).show(VERDICT);
    expect(getComputedPos(host())).toMatchObject({ top: '100px', left: '100px' });
    badge!.remove();
    mount({ initialPlace: { x: 5000, y: 5000 } }).show(VERDICT);
    expect(getComputedPos(host())).toMatchObject({ top: `${VH - H}px`, left: `${VW - W}px` });
  });
});

describe('the anchored badge', () => {
  it.each([
    ['after', (a: Element) => a.nextSibling],
    ['before', (a: Element) => a.previousSibling],
    ['append', (a: Element) => a.lastChild],
  ] as const)('place "%s" puts it inline beside the anchor', (place, where) => {
    control('<h3 id="title">工单 <b>GD1</b></h3><p>正文</p>');
    mount({ placement: { anchor: '#title', place } }).show(VERDICT);
    expect(where(document.getElementById('title')!)).toBe(host());
    expect(getComputedPos(host())).toEqual({
      position: 'static',
      display: 'inline-block',
      top: 'auto',
      right: 'auto',
      bottom: 'auto',
      left: 'auto',
    });
    expect(host().getAttribute('style')).toContain('margin:0 6px!important');
  });

  it('is fixed while the anchor is missing (or not a selector), inline once reanchor() finds it', () => {
    const b = mount({ placement: { anchor: '#later', place: 'append' } });
    b.show(VERDICT);
    expect(host().parentNode).toBe(document.body);
    expect(getComputedPos(host()).position).toBe('fixed');
    control('<div id="later"></div>');
    b.reanchor();
    expect(host().parentNode).toBe(document.getElementById('later'));
    expect(getComputedPos(host()).position).toBe('static');
    // The page re-renders the ticket: the badge falls back to fixed on the next tick.
    document.getElementById('later')!.remove();
    b.tick(Date.now());
    expect(host().parentNode).toBe(document.body);
    expect(getComputedPos(host()).position).toBe('fixed');
    badge!.remove();
    mount({ placement: { anchor: '##', place: 'after' } }).show(VERDICT);
    expect(getComputedPos(host()).position).toBe('fixed');
  });

  it('cannot be dragged away: a press is a click', () => {
    control('<span id="a"></span>');
    const onOpen = vi.fn();
    const onMoved = vi.fn();
    mount({ placement: { anchor: '#a', place: 'after' }, onMoved }, onOpen).show(VERDICT);
    pointer('pointerdown', 5, 5);
    pointer('pointermove', 300, 300);
    pointer('pointerup', 300, 300);
    button().click();
    expect(onMoved).not.toHaveBeenCalled();
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(getComputedPos(host()).position).toBe('static');
  });
});
