import { signal } from '@preact/signals';
import { t } from '@/utils/i18n';

/** The word to type before a destructive act, in the page's language: a deliberate act, not a stray double click. */
export const confirmWord = () => t('common.confirmWord');

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
      if (text.value.trim() !== confirmWord()) return false;
      close();
      return true;
    },
  };
}

export type Confirmation = ReturnType<typeof createConfirmation>;
