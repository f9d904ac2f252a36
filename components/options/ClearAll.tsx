import { t } from '@/utils/i18n';
import { useOptions } from './context';
import { Confirm } from './Confirm';

/**
 * Wiping everything takes two steps: open the confirmation, then type the word. The button stays
 * while the box is open, so the focus has somewhere to return to when it closes.
 */
export function ClearAll() {
  const o = useOptions();
  const open = o.clearing.open.value;
  return (
    <section class="danger" aria-labelledby="clear-h">
      <h2 id="clear-h">{t('options.clear')}</h2>
      <button type="button" class="danger" data-testid="clear" aria-expanded={open} onClick={() => o.clearing.ask()}>
        {t('options.clearAll')}
      </button>
      {open && (
        <Confirm
          confirmation={o.clearing}
          warning={t('options.clearWarning')}
          action={t('options.clearAction')}
          onConfirm={() => void o.clear()}
          testIds={{ box: 'confirm', text: 'confirm-text', confirm: 'confirm-clear' }}
        />
      )}
    </section>
  );
}
