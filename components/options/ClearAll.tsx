import { useOptions } from './context';
import { Confirm } from './Confirm';

/** Wiping everything takes two steps: open the confirmation, then type the word. */
export function ClearAll() {
  const o = useOptions();
  return (
    <section class="danger" aria-labelledby="clear-h">
      <h2 id="clear-h">清除数据</h2>
      {!o.clearing.open.value ? (
        <button type="button" class="danger" data-testid="clear" onClick={() => o.clearing.ask()}>
          清除全部数据
        </button>
      ) : (
        <Confirm
          confirmation={o.clearing}
          warning="将删除本机保存的全部工单、记录、分类样本和模型，以及提醒，且无法恢复。建议先导出备份。"
          action="永久清除"
          onConfirm={() => void o.clear()}
          testIds={{ box: 'confirm', text: 'confirm-text', confirm: 'confirm-clear' }}
        />
      )}
    </section>
  );
}
