import { CONFIRM_WORD, type Confirmation } from './confirmation';

/** The open confirmation box: type the word, then confirm; Escape cancels. `testIds` name its parts for the pages' tests. */
export function Confirm(props: {
  confirmation: Confirmation;
  warning: string;
  action: string;
  onConfirm: () => void;
  testIds: { box: string; text: string; confirm: string };
}) {
  const { confirmation: c, testIds } = props;
  return (
    <div
      class="confirm"
      data-testid={testIds.box}
      onKeyDown={(e) => {
        if (e.key === 'Escape') c.cancel();
      }}
    >
      <p>{props.warning}</p>
      <label class="field">
        请输入「{CONFIRM_WORD}」
        <input
          type="text"
          value={c.text.value}
          data-testid={testIds.text}
          onInput={(e) => (c.text.value = e.currentTarget.value)}
          autoFocus
        />
      </label>
      <div class="row">
        <button
          type="button"
          class="danger"
          data-testid={testIds.confirm}
          disabled={c.text.value.trim() !== CONFIRM_WORD}
          onClick={props.onConfirm}
        >
          {props.action}
        </button>
        <button type="button" class="secondary" onClick={() => c.cancel()}>
          取消
        </button>
      </div>
    </div>
  );
}
