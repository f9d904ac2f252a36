import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PanelState } from './state';

export const PanelContext = createContext<PanelState | null>(null);

export function usePanel(): PanelState {
  const s = useContext(PanelContext);
  if (!s) throw new Error('usePanel outside <PanelContext.Provider>');
  return s;
}
