import { useOptions } from './context';
import { JsonFileButton } from './JsonFileButton';

/** Export for Excel or backup, and import a JSON backup; import errors are listed, not hidden. */
export function Transfer() {
  const o = useOptions();
  return (
    <section aria-labelledby="transfer-h">
      <h2 id="transfer-h">导出与导入</h2>
      <div class="row">
        <button type="button" data-testid="export-csv" onClick={() => void o.exportCsv()}>
          导出 CSV（Excel）
        </button>
        <button type="button" class="secondary" data-testid="export-json" onClick={() => void o.exportJson()}>
          导出 JSON 备份
        </button>
      </div>
      <JsonFileButton label="导入 JSON 备份…" testId="import" onText={(text) => o.importText(text)} />
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
