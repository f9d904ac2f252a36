import { useEffect, useId, useRef } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { confirmWord, type Confirmation } from './confirmation';

/**
 * The open confirmation box: type the word, then confirm. It takes the focus when it opens;
 * Escape cancels (with the focus in the box, or nowhere); once it closes, the focus goes back to
 * the control that opened it, so a keyboard agent is not dropped at the top of the page.
 * `onCancel` closes it (the confirmation's own `cancel` by default). `testIds` name its parts for the pages' tests.
 */
export function Confirm(props: {
  confirmation: Confirmation;
  warning: string;
  action: string;
  onConfirm: () => void;
  onCancel?: () => void;
  testIds: { box: string; text: string; confirm: string };
}) {
  const { confirmation: c, testIds } = props;
  const cancel = props.onCancel ?? c.cancel;
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const onCancel = useRef(cancel);
  onCancel.current = cancel;
  const warningId = useId();

  useEffect(() => {
    const el = box.current!;
    const doc = el.ownerDocument;
    const active = doc.activeElement as HTMLElement | null;
    const opener = active && active !== doc.body && !el.contains(active) ? active : null;
    input.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const at = e.target as Node | null;
      if (at !== doc.body && at !== doc.documentElement && !(at && el.contains(at))) return;
      e.preventDefault();
      onCancel.current();
    };
    doc.addEventListener('keydown', onKey);
    return () => {
      doc.removeEventListener('keydown', onKey);
      // Give the focus back when it is in the box (about to go) or nowhere, not when the agent has moved on.
      const now = doc.activeElement;
      if (opener?.isConnected && (!now || now === doc.body || el.contains(now))) opener.focus();
    };
  }, []);

  return (
    <div class="confirm" data-testid={testIds.box} ref={box}>
      <p id={warningId}>{props.warning}</p>
      <label class="field">
        {t('common.typeWord', { word: confirmWord() })}
        <input
          ref={input}
          type="text"
          value={c.text.value}
          data-testid={testIds.text}
          aria-describedby={warningId}
          onInput={(e) => (c.text.value = e.currentTarget.value)}
        />
      </label>
      <div class="row">
        <button
          type="button"
          class="danger"
          data-testid={testIds.confirm}
          disabled={c.text.value.trim() !== confirmWord()}
          onClick={props.onConfirm}
        >
          {props.action}
        </button>
        <button type="button" class="secondary" onClick={() => cancel()}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
