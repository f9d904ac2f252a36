import { useOptions } from './context';

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
      {/* The native file button speaks the browser's language; this label always speaks Chinese. */}
      <label class="file-button">
        导入 JSON 备份…
        <input
          type="file"
          accept=".json,application/json"
          data-testid="import"
          onChange={async (e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            if (!file) return;
            await o.importText(await file.text());
            input.value = ''; // the same file can be chosen again
          }}
        />
      </label>
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
