import { render } from 'preact';
import { createAccessState } from '@/components/options/access';
import { AccessContext } from '@/components/worklist/AccessBar';
import { App } from '@/components/worklist/App';
import { WorklistContext } from '@/components/worklist/context';
import { createWorklistState } from '@/components/worklist/state';
import { createStore } from '@/utils/db/store';
import { followLanguage } from '@/utils/i18n';
import '@/components/worklist/worklist.css';

const state = createWorklistState(browser, createStore());
state.start();
// Adapters the centre's policy pushed (or the agent added) wait for the agent's grant of their origins.
const access = createAccessState(browser);
void access.load();
// In the agent's language from the first paint (utils/i18n).
void followLanguage(browser, { title: 'title.worklist' }).then(() =>
  render(
    <WorklistContext.Provider value={state}>
      <AccessContext.Provider value={access}>
        <App />
      </AccessContext.Provider>
    </WorklistContext.Provider>,
    document.getElementById('app')!,
  ),
);
