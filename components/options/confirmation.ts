import { signal } from '@preact/signals';

/** The word to type before a destructive act: a deliberate act, not a stray double click. */
export const CONFIRM_WORD = '确认';

/** A destructive act's two steps: open the box, then type the word. */
export function createConfirmation() {
  const open = signal(false);
  const text = signal('');
  const close = () => {
    open.value = false;
    text.value = '';
  };
  return {
    open,
    text,
    ask() {
      open.value = true;
      text.value = '';
    },
    cancel: close,
    /** True, and the box closed, when the word was typed; false otherwise. */
    take(): boolean {
      if (text.value.trim() !== CONFIRM_WORD) return false;
      close();
      return true;
    },
  };
}

export type Confirmation = ReturnType<typeof createConfirmation>;
