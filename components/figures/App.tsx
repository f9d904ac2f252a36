import { num, stateLabel, t } from '@/utils/i18n';
import { classLabel } from '@/utils/i18n/labels';
import { useFigures } from './context';
import { DayChart } from './DayChart';
import { formatDay, formatRate } from './format';

/** Handled tickets, on-time rate per clock, repeat and escalated rates; tickets, repeats, escalations and appeals by class and by day. */
export function App() {
  const s = useFigures();
  const f = s.figures.value;
  if (s.error.value) return <p class="error">{s.error.value}</p>;
  if (!f) return <p class="empty">{t('common.loading')}</p>;
  return (
    <main class="figures">
      <h1>{t('figures.title')}</h1>
      <p class="period">{t('figures.period', { days: f.days, from: formatDay(f.from), to: formatDay(f.to) })}</p>
      <dl class="cards" data-testid="cards">
        <div>
          <dt>{t('figures.handled')}</dt>
          <dd data-testid="handled">{num(f.handled)}</dd>
        </div>
        <div>
          <dt>{t('figures.done')}</dt>
          <dd>{num(f.done)}</dd>
        </div>
        <div>
          <dt>{t('figures.repeatRate')}</dt>
          <dd data-testid="repeat-rate">{formatRate(f.repeatRate)}</dd>
        </div>
        <div>
          <dt>{t('figures.escalatedRate')}</dt>
          <dd data-testid="escalated-rate">{formatRate(f.escalatedRate)}</dd>
        </div>
      </dl>

      <h2>{t('figures.clockRates')}</h2>
      {f.clocks.length === 0 ? (
        <p class="empty">{t('figures.noClocks')}</p>
      ) : (
        <table class="clocks" data-testid="clock-rates">
          <thead>
            <tr>
              <th>{t('figures.clock')}</th>
              <th>{t('figures.onTime')}</th>
              <th
                title={t('figures.splitTitle', {
                  met: stateLabel('met'),
                  late: stateLabel('late'),
                  overdue: stateLabel('overdue'),
                })}
              >
                {t('figures.split')}
              </th>
            </tr>
          </thead>
          <tbody>
            {f.clocks.map((c) => (
              <tr key={c.code} data-code={c.code}>
                <td>{c.label}</td>
                <td class={c.onTimeRate !== null && c.onTimeRate < 0.9 ? 'rate low' : 'rate'}>
                  {formatRate(c.onTimeRate)}
                </td>
                <td class="split">
                  {num(c.met)} / {num(c.late)} / {num(c.overdue)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('figures.byDay')}</h2>
      {f.handled === 0 ? <p class="empty">{t('figures.noTickets')}</p> : <DayChart days={f.byDay} />}

      <h2>{t('figures.byClass')}</h2>
      {f.byClass.length === 0 ? (
        <p class="empty">{t('figures.noRecorded')}</p>
      ) : (
        <table class="classes" data-testid="by-class">
          <thead>
            <tr>
              <th>{t('figures.class')}</th>
              <th>{t('figures.tickets')}</th>
              <th title={t('figures.repeatTitle')}>{t('figures.repeat')}</th>
              <th title={t('figures.escalatedTitle')}>{t('figures.escalated')}</th>
              <th>{t('figures.appeal')}</th>
            </tr>
          </thead>
          <tbody>
            {f.byClass.map((c) => (
              <tr key={c.code ?? 'unknown'} data-code={c.code ?? ''}>
                <td class="class-label">{c.code === null ? t('common.unknownClass') : classLabel(c)}</td>
                <td class="num">{num(c.tickets)}</td>
                <td class="num">
                  {num(c.repeat)}
                  {c.repeat > 0 && <small class="share">{formatRate(c.repeatRate)}</small>}
                </td>
                <td class="num">
                  {num(c.escalated)}
                  {c.escalated > 0 && <small class="share">{formatRate(c.escalatedRate)}</small>}
                </td>
                <td class="num">{num(c.appeal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
