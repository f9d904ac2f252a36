import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { OptionsState } from './state';

export const OptionsContext = createContext<OptionsState | null>(null);

export function useOptions(): OptionsState {
  const s = useContext(OptionsContext);
  if (!s) throw new Error('useOptions outside <OptionsContext.Provider>');
  return s;
}
