import type { Signal } from '@preact/signals';
import { CONFIRM_WORD } from './state';

/**
 * A destructive act takes two steps: this box, then typing the confirm word. Escape cancels.
 * `testIds` name the box, its text field and its button for the pages' tests.
 */
export function Confirm(props: { warning: string; action: string; text: Signal<string>; onConfirm: () => void; onCancel: () => void; testIds: { box: string; text: string; confirm: string } }) {
  const { text, testIds } = props;
  return (
    <div
      class="confirm"
      data-testid={testIds.box}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
    >
      <p>{props.warning}</p>
      <label class="field">
        请输入「{CONFIRM_WORD}」
        <input type="text" value={text.value} data-testid={testIds.text} onInput={(e) => (text.value = e.currentTarget.value)} autoFocus />
      </label>
      <div class="row">
        <button type="button" class="danger" data-testid={testIds.confirm} disabled={text.value.trim() !== CONFIRM_WORD} onClick={props.onConfirm}>
          {props.action}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          取消
        </button>
      </div>
    </div>
  );
}
