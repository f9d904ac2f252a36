// Where the badge sits, as pure geometry over rectangles (viewport CSS pixels of the badge's own
// frame), so it can be tested without a browser. badge.ts gathers the rectangles and applies it.

/** An adapter's `badge`: inline beside the element `anchor` matches in the ticket's document. */
export type BadgePlacement = { anchor: string; place: 'after' | 'before' | 'append' } | undefined;

/** A dragged badge's top-left corner, as the caller stores it per adapter. */
export interface BadgePos {
  x: number;
  y: number;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** What the fixed badge must never cover. */
export const CONTROLS =
  'a,button,input,select,textarea,label,summary,[role=button],[role=link],[role=tab],[role=menuitem],[tabindex],[onclick]';

/** Gap between the fixed badge and the viewport's edge. */
export const MARGIN = 6;

/** Corners in order of preference: top-right, bottom-right, bottom-left, top-left. */
export const CORNERS = ['tr', 'br', 'bl', 'tl'] as const;
export type Corner = (typeof CORNERS)[number];

/** The box a `w`×`h` badge takes in corner `c` of a `vw`×`vh` viewport. */
export function cornerBox(c: Corner, w: number, h: number, vw: number, vh: number): Box {
  const left = c[1] === 'r' ? vw - MARGIN - w : MARGIN;
  const top = c[0] === 'b' ? vh - MARGIN - h : MARGIN;
  return { left, top, right: left + w, bottom: top + h };
}

/** Whether two boxes share some area (touching edges do not count). */
export const overlaps = (a: Box, b: Box): boolean =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The first corner where a `w`×`h` badge covers none of `controls`, or undefined when none is free. */
export function freeCorner(w: number, h: number, vw: number, vh: number, controls: readonly Box[]): Corner | undefined {
  return CORNERS.find((c) => {
    const box = cornerBox(c, w, h, vw, vh);
    return !controls.some((r) => overlaps(box, r));
  });
}

/** `p` moved just enough that a `w`×`h` badge lies inside the viewport (its top-left wins if it cannot fit; NaN counts as 0). */
export function clampPos(p: BadgePos, w: number, h: number, vw: number, vh: number): BadgePos {
  const fit = (v: number, room: number) => Math.round(Math.max(0, Math.min(v || 0, room)));
  return { x: fit(p.x, vw - w), y: fit(p.y, vh - h) };
}
