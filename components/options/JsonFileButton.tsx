/**
 * A file chooser for a JSON file, as a button whose label speaks the page's language (the native one
 * speaks the browser's); the same file can be chosen again.
 */
export function JsonFileButton(props: { label: string; testId: string; onText: (text: string) => Promise<void> }) {
  return (
    <label class="file-button">
      {props.label}
      <input
        type="file"
        accept=".json,application/json"
        data-testid={props.testId}
        onChange={async (e) => {
          const input = e.currentTarget;
          const file = input.files?.[0];
          if (!file) return;
          await props.onText(await file.text());
          input.value = '';
        }}
      />
    </label>
  );
}
