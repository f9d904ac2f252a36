import type { Figures } from '@/utils/db/types';
import { formatDay } from './format';

const BAR = 10;
const GAP = 2;
const HEIGHT = 80;

/** Tickets per day as SVG bars; the axis text is HTML so it stays legible when the chart is squeezed. */
export function DayChart({ days }: { days: Figures['byDay'] }) {
  const max = Math.max(1, ...days.map((d) => d.count));
  const total = days.reduce((n, d) => n + d.count, 0);
  const width = days.length * (BAR + GAP);
  const first = days[0];
  const last = days[days.length - 1];
  return (
    <figure class="day-chart">
      <div class="chart-max">{max} 张</div>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`每日工单数：共 ${total} 张，单日最多 ${max} 张`}
        data-testid="day-chart"
      >
        <line x1={0} y1={HEIGHT - 0.5} x2={width} y2={HEIGHT - 0.5} class="axis" />
        {days.map((d, i) => {
          const h = (d.count / max) * (HEIGHT - 4);
          return (
            <rect key={d.day} x={i * (BAR + GAP)} y={HEIGHT - h} width={BAR} height={h} class="bar" data-day={d.day} data-count={d.count}>
              <title>
                {formatDay(d.day)}：{d.count} 张
              </title>
            </rect>
          );
        })}
      </svg>
      {first && last && (
        <figcaption class="chart-axis">
          <span>{formatDay(first.day)}</span>
          <span>{formatDay(last.day)}</span>
        </figcaption>
      )}
    </figure>
  );
}
