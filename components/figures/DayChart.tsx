import { COUNTED_TAGS, type DayRow } from '@/utils/db/breakdown';
import { num, t } from '@/utils/i18n';
import { formatDay } from './format';

const SERIES = [{ code: 'tickets' }, ...COUNTED_TAGS] as const;
type Series = (typeof SERIES)[number]['code'];
const label = (code: Series) => t(`figures.${code}`);
/** A date under the axis every this many days, counted back from the last, and under the first. */
const TICK_EVERY = 7;

const dayTitle = (d: DayRow) =>
  t('figures.dayTitle', {
    day: formatDay(d.day),
    n: d.tickets,
    tags: COUNTED_TAGS.map((g) => t('figures.tagCount', { label: label(g.code), n: d[g.code] })).join(
      t('common.comma'),
    ),
  });

/** Where a date goes under the axis: the first and the last day at the chart's edges, a week apart between. */
function tick(i: number, last: number): 'first' | 'last' | 'mid' | null {
  if (i === last) return 'last';
  if (i === 0) return 'first';
  // Not the one right after the first day, which its date would cover.
  return (last - i) % TICK_EVERY === 0 && i > 1 ? 'mid' : null;
}

/**
 * Per day, a bar of tickets with its count above it and a thin bar beside it for each counted tag
 * (tags overlap: a repeat can also be an appeal, so stacking them would overstate). A day without
 * tickets is a narrow gap, so the busy days get the room. HTML rather than SVG, so the counts and
 * dates keep the page's font size however wide the page is.
 */
export function DayChart({ days }: { days: DayRow[] }) {
  const max = Math.max(1, ...days.map((d) => d.tickets));
  const total = (code: Series) => days.reduce((n, d) => n + d[code], 0);
  const last = days.length - 1;
  return (
    <figure class="day-chart">
      <div
        class="plot"
        role="img"
        aria-label={t('figures.chartLabel', {
          series: SERIES.map((s) => t('figures.seriesTotal', { label: label(s.code), n: total(s.code) })).join(
            t('common.comma'),
          ),
          max,
        })}
        data-testid="day-chart"
      >
        <div class="chart-max">{t('figures.chartMax', { n: max })}</div>
        <ol class="days">
          {days.map((d, i) => {
            const at = tick(i, last);
            return (
              <li key={d.day} class={d.tickets ? 'day busy' : 'day'} data-day={d.day} title={dayTitle(d)}>
                {d.tickets > 0 && (
                  <div class="bars">
                    {SERIES.map((s) => (
                      <span
                        key={s.code}
                        class={`bar s-${s.code}`}
                        data-series={s.code}
                        data-count={d[s.code]}
                        style={{ height: `${(d[s.code] / max) * 100}%` }}
                      >
                        {s.code === 'tickets' && <span class="count">{num(d.tickets)}</span>}
                      </span>
                    ))}
                  </div>
                )}
                {at && <span class={`day-label ${at}`}>{formatDay(d.day)}</span>}
              </li>
            );
          })}
        </ol>
      </div>
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
