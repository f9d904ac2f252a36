import { STATE_LABELS } from '@/rules/clock/vocabulary';
import { useFigures } from './context';
import { DayChart } from './DayChart';
import { formatDay, formatRate } from './format';

/** Handled tickets, on-time rate per clock, repeat and escalated rates; tickets, repeats, escalations and appeals by class and by day. */
export function App() {
  const s = useFigures();
  const f = s.figures.value;
  if (s.error.value) return <p class="error">{s.error.value}</p>;
  if (!f) return <p class="empty">读取中…</p>;
  return (
    <main class="figures">
      <h1>工作统计</h1>
      <p class="period">
        近 {f.days} 天（{formatDay(f.from)} – {formatDay(f.to)}），按受理日期统计
      </p>
      <dl class="cards" data-testid="cards">
        <div>
          <dt>处理工单</dt>
          <dd data-testid="handled">{f.handled}</dd>
        </div>
        <div>
          <dt>已完成</dt>
          <dd>{f.done}</dd>
        </div>
        <div>
          <dt>重复投诉率</dt>
          <dd data-testid="repeat-rate">{formatRate(f.repeatRate)}</dd>
        </div>
        <div>
          <dt>升级投诉率</dt>
          <dd data-testid="escalated-rate">{formatRate(f.escalatedRate)}</dd>
        </div>
      </dl>

      <h2>各时限按时率</h2>
      {f.clocks.length === 0 ? (
        <p class="empty">没有可统计的时限</p>
      ) : (
        <table class="clocks" data-testid="clock-rates">
          <thead>
            <tr>
              <th>时限</th>
              <th>按时率</th>
              <th title={`${STATE_LABELS.met} / ${STATE_LABELS.late} / 未完成${STATE_LABELS.overdue}`}>
                按时/超时/逾期
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
                  {c.met} / {c.late} / {c.overdue}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>每日受理工单</h2>
      {f.handled === 0 ? <p class="empty">这段时间没有记录的工单</p> : <DayChart days={f.byDay} />}

      <h2>按分类</h2>
      {f.byClass.length === 0 ? (
        <p class="empty">没有记录的工单</p>
      ) : (
        <table class="classes" data-testid="by-class">
          <thead>
            <tr>
              <th>分类</th>
              <th>工单</th>
              <th title="重复投诉：张数与占比">重复</th>
              <th title="升级投诉：张数与占比">升级</th>
              <th>申诉</th>
            </tr>
          </thead>
          <tbody>
            {f.byClass.map((c) => (
              <tr key={c.code ?? 'unknown'} data-code={c.code ?? ''}>
                <td class="class-label">{c.label}</td>
                <td class="num">{c.tickets}</td>
                <td class="num">
                  {c.repeat}
                  {c.repeat > 0 && <small class="share">{formatRate(c.repeatRate)}</small>}
                </td>
                <td class="num">
                  {c.escalated}
                  {c.escalated > 0 && <small class="share">{formatRate(c.escalatedRate)}</small>}
                </td>
                <td class="num">{c.appeal}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
