import type { Verdict } from '@/rules/verdict';
import { countdownText, liveState, nearestOpen, RISK_LABELS, STATE_LABELS } from '../countdown';

// Styles live inside the shadow root only; `all: initial` on the host keeps the CRM's own
// styles from leaking in, and nothing here reaches the page.
const CSS = `
:host { all: initial; position: fixed; top: 6px; right: 6px; z-index: 2147483646; }
:host([hidden]) { display: none !important; }
button { all: unset; box-sizing: border-box; display: flex; align-items: center; gap: 6px; cursor: pointer;
  font: 13px/1.4 "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #1f2933; background: #fff;
  border: 1px solid #c5cdd6; border-left: 6px solid var(--risk); border-radius: 6px; padding: 4px 10px;
  box-shadow: 0 1px 4px rgba(0,0,0,.18); }
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

export function mountBadge(doc: Document, onOpen: () => void): Badge {
  const host = doc.createElement('ticket-sidekick-badge');
  const shadow = host.attachShadow({ mode: 'open' });
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
  host.hidden = true;
  (doc.body ?? doc.documentElement).append(host);

  let verdict: Verdict | null = null;
  let lastText = '';
  const draw = (now: number) => {
    if (!verdict) return;
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
      host.hidden = false;
      draw(Date.now());
    },
    hide() {
      verdict = null;
      host.hidden = true;
    },
    tick: draw,
    remove: () => host.remove(),
  };
}
