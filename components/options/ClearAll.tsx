import { useOptions } from './context';
import { CONFIRM_WORD } from './state';

/** Wiping everything takes two steps: open the confirmation, then type the word. */
export function ClearAll() {
  const o = useOptions();
  return (
    <section class="danger" aria-labelledby="clear-h">
      <h2 id="clear-h">清除数据</h2>
      {!o.confirming.value ? (
        <button type="button" class="danger" data-testid="clear" onClick={() => o.askClear()}>
          清除全部数据
        </button>
      ) : (
        <div
          class="confirm"
          data-testid="confirm"
          onKeyDown={(e) => {
            if (e.key === 'Escape') o.cancelClear();
          }}
        >
          <p>将删除本机保存的全部工单、记录和提醒，且无法恢复。建议先导出备份。</p>
          <label class="field">
            请输入「{CONFIRM_WORD}」
            <input
              type="text"
              value={o.confirmText.value}
              data-testid="confirm-text"
              onInput={(e) => (o.confirmText.value = e.currentTarget.value)}
              autoFocus
            />
          </label>
          <div class="row">
            <button
              type="button"
              class="danger"
              data-testid="confirm-clear"
              disabled={o.confirmText.value.trim() !== CONFIRM_WORD}
              onClick={() => void o.clear()}
            >
              永久清除
            </button>
            <button type="button" class="secondary" onClick={() => o.cancelClear()}>
              取消
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
