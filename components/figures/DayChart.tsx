import { COUNTED_TAGS, type DayRow } from '@/utils/db/breakdown';
import { num, t } from '@/utils/i18n';
import { formatDay } from './format';

const SLOT = 12;
const BAR = 11;
const TAG_BAR = 2.5;
/** Tag bars sit centred in the tickets bar, leaving its colour showing on both sides. */
const TAG_LEFT = (BAR - COUNTED_TAGS.length * TAG_BAR) / 2;
const HEIGHT = 100;
const SERIES = [{ code: 'tickets' }, ...COUNTED_TAGS] as const;
const label = (code: (typeof SERIES)[number]['code']) => t(`figures.${code}`);

const dayTitle = (d: DayRow) =>
  t('figures.dayTitle', {
    day: formatDay(d.day),
    n: d.tickets,
    tags: COUNTED_TAGS.map((g) => t('figures.tagCount', { label: label(g.code), n: d[g.code] })).join(
      t('common.comma'),
    ),
  });

/**
 * Per day, a wide bar of tickets with a thin bar for each counted tag inside it: tags overlap
 * (a repeat can also be an appeal), so stacking them would overstate. The axis text is HTML so
 * it stays legible when the chart is squeezed.
 */
export function DayChart({ days }: { days: DayRow[] }) {
  const max = Math.max(1, ...days.map((d) => d.tickets));
  const total = (code: (typeof SERIES)[number]['code']) => days.reduce((n, d) => n + d[code], 0);
  const width = days.length * SLOT;
  const height = (n: number) => (n / max) * (HEIGHT - 4);
  const first = days[0];
  const last = days[days.length - 1];
  return (
    <figure class="day-chart">
      <div class="chart-max">{t('figures.chartMax', { n: max })}</div>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={t('figures.chartLabel', {
          series: SERIES.map((s) => t('figures.seriesTotal', { label: label(s.code), n: total(s.code) })).join(
            t('common.comma'),
          ),
          max,
        })}
        data-testid="day-chart"
      >
        <line x1={0} y1={HEIGHT - 0.5} x2={width} y2={HEIGHT - 0.5} class="axis" />
        {days.map((d, i) => (
          <g key={d.day} data-day={d.day}>
            <title>{dayTitle(d)}</title>
            {SERIES.map((s, k) => {
              const x = i * SLOT + (k === 0 ? 0 : TAG_LEFT + (k - 1) * TAG_BAR);
              const h = height(d[s.code]);
              return (
                <rect
                  key={s.code}
                  x={x}
                  y={HEIGHT - h}
                  width={k === 0 ? BAR : TAG_BAR}
                  height={h}
                  class={`s-${s.code}`}
                  data-series={s.code}
                  data-count={d[s.code]}
                />
              );
            })}
          </g>
        ))}
      </svg>
      {first && last && (
        <div class="chart-axis">
          <span>{formatDay(first.day)}</span>
          <span>{formatDay(last.day)}</span>
        </div>
      )}
      <figcaption>
        <ul class="legend" data-testid="legend">
          {SERIES.map((s) => (
            <li key={s.code} data-series={s.code}>
              <span class={`swatch s-${s.code}`} />
              {label(s.code)} {num(total(s.code))}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
