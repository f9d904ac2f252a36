import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { WorklistState } from './state';

export const WorklistContext = createContext<WorklistState | null>(null);

export function useWorklist(): WorklistState {
  const s = useContext(WorklistContext);
  if (!s) throw new Error('useWorklist outside <WorklistContext.Provider>');
  return s;
}
