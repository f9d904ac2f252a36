import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { FiguresState } from './state';

export const FiguresContext = createContext<FiguresState | null>(null);

export function useFigures(): FiguresState {
  const s = useContext(FiguresContext);
  if (!s) throw new Error('useFigures outside <FiguresContext.Provider>');
  return s;
}
