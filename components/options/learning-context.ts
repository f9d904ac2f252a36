import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { LearningState } from './learning-state';

export const LearningContext = createContext<LearningState | null>(null);

export function useLearning(): LearningState {
  const s = useContext(LearningContext);
  if (!s) throw new Error('useLearning outside <LearningContext.Provider>');
  return s;
}
