import { render } from 'preact';
import { App } from '@/components/panel/App';
import { PanelContext } from '@/components/panel/context';
import { createPanelState } from '@/components/panel/state';
import { followLanguage } from '@/utils/i18n';
import '@/components/panel/panel.css';

// `?tab=N` pins the panel to one tab (used when the panel is opened as a page).
const tab = Number(new URLSearchParams(location.search).get('tab'));
const state = createPanelState(browser, Number.isInteger(tab) && tab > 0 ? { tabId: tab } : {});
state.start();
// In the agent's language from the first paint (utils/i18n).
void followLanguage(browser, { title: 'title.panel' }).then(() =>
  render(
    <PanelContext.Provider value={state}>
      <App />
    </PanelContext.Provider>,
    document.getElementById('app')!,
  ),
);
