import { t } from '@/utils/i18n';
import { useOptions } from './context';

/** Behaviour switches shared with the side panel (auto-fill) and the worklist (phone numbers). */
export function Toggles() {
  const o = useOptions();
  const locked = o.locked.value;
  const errors = o.policyErrors.value;
  return (
    <section aria-labelledby="toggles-h">
      <h2 id="toggles-h">{t('options.habits')}</h2>
      <label class={locked.autoFill ? 'toggle locked' : 'toggle'}>
        <input
          type="checkbox"
          checked={o.autoFill.value}
          disabled={locked.autoFill}
          data-testid="auto-fill"
          onChange={(e) => void o.setAutoFill(e.currentTarget.checked)}
        />
        <span>
          {t('options.autoFill')}
          {locked.autoFill && <Locked />}
          <small>{t('options.autoFillHint')}</small>
        </span>
      </label>
      <label class={locked.revealPhones ? 'toggle locked' : 'toggle'}>
        <input
          type="checkbox"
          checked={o.revealPhones.value}
          disabled={locked.revealPhones}
          data-testid="reveal-phones"
          onChange={(e) => void o.setRevealPhones(e.currentTarget.checked)}
        />
        <span>
          {t('options.revealPhones')}
          {locked.revealPhones && <Locked />}
          <small>{t('options.revealPhonesHint')}</small>
        </span>
      </label>
      {errors.length > 0 && (
        <div class="notice bad" role="status" data-testid="policy-settings-errors">
          {t('options.policyErrors')}
          <ul class="errors">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** The mark on a setting the centre's policy fixes. */
export function Locked() {
  return (
    <em class="locked-note" data-testid="locked-note">
      {t('common.locked')}
    </em>
  );
}
