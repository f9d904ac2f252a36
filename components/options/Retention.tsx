import { useOptions } from './context';
import { Locked } from './Toggles';

/** How long closed and old tickets are kept on this computer, and a purge on demand. */
export function Retention() {
  const o = useOptions();
  const locked = o.locked.value.retentionDays === true;
  return (
    <section aria-labelledby="retention-h">
      <h2 id="retention-h">数据保留</h2>
      <label class={locked ? 'field locked' : 'field'}>
        保留天数
        <input
          type="number"
          min={1}
          max={3650}
          step={1}
          value={o.retentionDays.value}
          disabled={locked}
          data-testid="retention"
          onChange={(e) => void o.setRetention(e.currentTarget.value)}
        />
        天{locked && <Locked />}
      </label>
      <p class="hint">
        {locked ? '保留天数由中心统一设定。' : `默认 ${o.defaultRetentionDays} 天（按当前规则包）。`}
        超过保留期的工单会被自动清理。
      </p>
      <button type="button" data-testid="purge" onClick={() => void o.purge()}>
        立即清理
      </button>
    </section>
  );
}
