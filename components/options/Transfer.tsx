import { t } from '@/utils/i18n';
import { useOptions } from './context';
import { JsonFileButton } from './JsonFileButton';

/** Export for Excel or backup, and import a JSON backup; import errors are listed, not hidden. */
export function Transfer() {
  const o = useOptions();
  return (
    <section aria-labelledby="transfer-h">
      <h2 id="transfer-h">{t('options.transfer')}</h2>
      <div class="row">
        <button type="button" data-testid="export-csv" onClick={() => void o.exportCsv()}>
          {t('options.exportCsv')}
        </button>
        <button type="button" class="secondary" data-testid="export-json" onClick={() => void o.exportJson()}>
          {t('options.exportJson')}
        </button>
      </div>
      <JsonFileButton label={t('options.importJson')} testId="import" onText={(text) => o.importText(text)} />
      {o.importErrors.value.length > 0 && (
        <ul class="errors" data-testid="import-errors">
          {o.importErrors.value.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
