import { t } from '@/utils/i18n';
import { LANGUAGE_CHOICES, type LanguageChoice } from '@/utils/i18n/language';
import { useOptions } from './context';
import { Locked } from './Toggles';

/** The language of the pages and reminders: the browser's, or one chosen here (or by the centre's policy). */
export function Language() {
  const o = useOptions();
  const locked = o.locked.value.language === true;
  return (
    <section aria-labelledby="language-h">
      <h2 id="language-h">{t('options.language')}</h2>
      <label class={locked ? 'field locked' : 'field'}>
        <select
          data-testid="language"
          aria-labelledby="language-h"
          value={o.languageChoice.value}
          disabled={locked}
          onChange={(e) => void o.setLanguage(e.currentTarget.value as LanguageChoice)}
        >
          {LANGUAGE_CHOICES.map((c) => (
            <option key={c} value={c} lang={c === 'auto' ? undefined : c === 'en' ? 'en' : 'zh-CN'}>
              {t(`options.language.${c}`)}
            </option>
          ))}
        </select>
        {locked && <Locked />}
      </label>
      <p class="hint">{t('options.languageHint')}</p>
    </section>
  );
}
