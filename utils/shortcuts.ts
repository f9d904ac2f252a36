/**
 * The keyboard commands the manifest declares (wxt.config.ts) and the background carries out
 * (utils/background/commands.ts). Alt+Shift+letter is valid in Chrome, Edge and Firefox; the letters
 * avoid those Chrome keeps for itself (Chromium 156 on Linux assigns no extension Alt+Shift+A, B, C,
 * N, P, R, T, W, X or Z; Google Chrome has I for feedback) and Firefox's menu bar, whose access keys
 * take Alt+Shift too (F, E, V, S, B, T, H: File, Edit, View, History, Bookmarks, Tools, Help, the
 * same letters in its Chinese menus). The agent may change them (chrome://extensions/shortcuts,
 * Firefox's add-on manager).
 */
export const SHORTCUTS = {
  // Each description is a message of public/_locales/*/messages.json: the browser shows it in its own language.
  'open-panel': { key: 'Alt+Shift+O', description: '__MSG_cmdOpenPanel__' },
  'fill-form': { key: 'Alt+Shift+L', description: '__MSG_cmdFillForm__' },
  'focus-badge': { key: 'Alt+Shift+J', description: '__MSG_cmdFocusBadge__' },
} as const;

export type Shortcut = keyof typeof SHORTCUTS;
