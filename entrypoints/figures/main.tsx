import { render } from 'preact';
import { App } from '@/components/figures/App';
import { FiguresContext } from '@/components/figures/context';
import { createFiguresState } from '@/components/figures/state';
import { createStore } from '@/utils/db/store';
import '@/components/figures/figures.css';

const state = createFiguresState(createStore());
void state.load();
render(
  <FiguresContext.Provider value={state}>
    <App />
  </FiguresContext.Provider>,
  document.getElementById('app')!,
);
