import type { Verdict } from '@/rules/verdict';
import { countdownText, liveState, nearestOpen, RISK_LABELS, STATE_LABELS } from '../countdown';

// Styles live inside a closed shadow root: the page can neither read the verdict nor style the
// badge's insides. The host's own box is guarded twice: `!important` rules on `:host` (an
// important rule of the inner tree beats every important rule of the page, its inline styles
// included) and the same declarations inline with `!important` (which beat the page's
// stylesheets should the shadow rules ever not apply).
const HOST_STYLE: [string, string][] = [
  ['display', 'block'],
  ['position', 'fixed'],
  ['top', '6px'],
  ['right', '6px'],
  ['bottom', 'auto'],
  ['left', 'auto'],
  ['z-index', '2147483647'],
  ['visibility', 'visible'],
  ['opacity', '1'],
  ['transform', 'none'],
  ['filter', 'none'],
  ['clip-path', 'none'],
  ['mask', 'none'],
  ['width', 'auto'],
  ['height', 'auto'],
  ['min-width', '0'],
  ['min-height', '0'],
  ['max-width', 'none'],
  ['max-height', 'none'],
  ['margin', '0'],
  ['padding', '0'],
  ['border', '0'],
  ['overflow', 'visible'],
  ['pointer-events', 'auto'],
  ['content-visibility', 'visible'],
];
const HOST_CSS = HOST_STYLE.map(([k, v]) => `${k}: ${v} !important;`).join(' ');
const CSS = `
:host { all: initial !important; ${HOST_CSS} }
button { all: unset; box-sizing: border-box; display: flex; align-items: center; gap: 6px; cursor: pointer;
  font: 13px/1.4 "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #1f2933; background: #fff;
  border: 1px solid #c5cdd6; border-left: 6px solid var(--risk); border-radius: 6px; padding: 4px 10px;
  box-shadow: 0 1px 4px rgba(0,0,0,.18); }
button.off { display: none; }
button:focus-visible { outline: 2px solid #2563eb; }
.dot { width: 9px; height: 9px; border-radius: 50%; background: var(--state); flex: none; }
.time { font-variant-numeric: tabular-nums; font-weight: 600; color: var(--state); }
`;
const STATE_COLORS = { running: '#2f855a', 'due-soon': '#b7791f', overdue: '#c53030', met: '#718096', late: '#718096' } as const;
const RISK_COLORS = { red: '#e53e3e', orange: '#ed8936', yellow: '#ecc94b', none: '#cbd5e0' } as const;

export interface Badge {
  show(verdict: Verdict): void;
  hide(): void;
  /** Redraw the countdown; cheap, called once a second. */
  tick(now: number): void;
  remove(): void;
}

const NO_BADGE: Badge = { show() {}, hide() {}, tick() {}, remove() {} };

/**
 * The badge, in a closed shadow root on `doc`. Never throws: on a page that has already claimed
 * the element (a custom element of that name with its own shadow root) there is simply no badge.
 */
export function mountBadge(doc: Document, onOpen: () => void): Badge {
  try {
    return mount(doc, onOpen);
  } catch (e) {
    console.debug('[工单助手] no badge on this page', e);
    return NO_BADGE;
  }
}

function mount(doc: Document, onOpen: () => void): Badge {
  const host = doc.createElement('ticket-sidekick-badge');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = CSS;
  const button = doc.createElement('button');
  button.type = 'button';
  const dot = doc.createElement('span');
  dot.className = 'dot';
  const label = doc.createElement('span');
  const time = doc.createElement('span');
  time.className = 'time';
  button.append(dot, label, time);
  shadow.append(style, button);
  button.addEventListener('click', (e) => {
    e.stopPropagation();
    onOpen();
  });
  for (const [k, v] of HOST_STYLE) host.style.setProperty(k, v, 'important');
  const hostStyle = host.getAttribute('style') ?? '';
  // Whether it shows is decided inside the closed root (the page can set `hidden` on the host,
  // which the `:host` rules override); the host's `hidden` only mirrors it for whoever looks.
  button.className = 'off';
  host.hidden = true;
  const parent = () => doc.body ?? doc.documentElement;
  parent().append(host);

  let verdict: Verdict | null = null;
  let lastText = '';
  let removed = false;
  /** Undo what a page script did to the host (its inline style, its `hidden`, a removal); cheap. */
  const guard = () => {
    if (removed) return;
    if (host.getAttribute('style') !== hostStyle) host.setAttribute('style', hostStyle);
    if (host.hidden !== !verdict) host.hidden = !verdict;
    button.className = verdict ? '' : 'off';
    if (!host.isConnected) parent().append(host);
  };
  const draw = (now: number) => {
    if (!verdict) return;
    guard();
    const clock = nearestOpen(verdict.clocks);
    const state = clock ? liveState(clock, now) : 'met';
    const text = clock ? `${clock.label} ${countdownText(clock, now)}` : '';
    // Skip identical frames: the badge ticks every second and should cost nothing when idle.
    const key = `${text}|${state}|${verdict.risk}`;
    if (key === lastText) return;
    lastText = key;
    button.style.setProperty('--state', STATE_COLORS[state]);
    button.style.setProperty('--risk', RISK_COLORS[verdict.risk]);
    label.textContent = clock ? `${clock.label} · ${STATE_LABELS[state]}` : verdict.clocks.length ? '时限均已完成' : '无计时';
    time.textContent = clock ? countdownText(clock, now) : '';
    button.title = `工单助手：${RISK_LABELS[verdict.risk]}${verdict.unknown.length ? `，${verdict.unknown.length} 项未知` : ''}；点击打开侧边栏`;
    button.dataset.state = clock ? state : 'none';
    button.dataset.risk = verdict.risk;
  };
  return {
    show(v) {
      verdict = v;
      lastText = '';
      draw(Date.now());
    },
    hide() {
      verdict = null;
      guard();
    },
    tick: draw,
    remove: () => {
      removed = true;
      host.remove();
    },
  };
}
