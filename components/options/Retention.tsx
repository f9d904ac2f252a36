import { t } from '@/utils/i18n';
import { useOptions } from './context';
import { Locked } from './Toggles';

/** How long closed and old tickets are kept on this computer, and a purge on demand. */
export function Retention() {
  const o = useOptions();
  const locked = o.locked.value.retentionDays === true;
  return (
    <section aria-labelledby="retention-h">
      <h2 id="retention-h">{t('options.retention')}</h2>
      <label class={locked ? 'field locked' : 'field'}>
        {t('options.retentionDays')}
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
        {t('options.days')}
        {locked && <Locked />}
      </label>
      <p class="hint">
        {locked ? t('options.retentionLocked') : t('options.retentionDefault', { days: o.defaultRetentionDays })}
        {t('options.retentionPurged')}
      </p>
      <button type="button" data-testid="purge" onClick={() => void o.purge()}>
        {t('options.purge')}
      </button>
    </section>
  );
}
