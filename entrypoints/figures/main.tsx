import { render } from 'preact';
import { App } from '@/components/figures/App';
import { FiguresContext } from '@/components/figures/context';
import { createFiguresState } from '@/components/figures/state';
import { createStore } from '@/utils/db/store';
import { followLanguage } from '@/utils/i18n';
import '@/components/figures/figures.css';

const state = createFiguresState(createStore());
void state.load();
// In the agent's language from the first paint (utils/i18n).
void followLanguage(browser, { title: 'title.figures' }).then(() =>
  render(
    <FiguresContext.Provider value={state}>
      <App />
    </FiguresContext.Provider>,
    document.getElementById('app')!,
  ),
);
