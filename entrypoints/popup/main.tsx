import { render } from 'preact';
import { createAccessState } from '@/components/options/access';
import { AccessContext } from '@/components/worklist/AccessBar';
import { App } from '@/components/worklist/App';
import { WorklistContext } from '@/components/worklist/context';
import { createWorklistState } from '@/components/worklist/state';
import { createStore } from '@/utils/db/store';
import '@/components/worklist/worklist.css';

const state = createWorklistState(browser, createStore());
state.start();
// Adapters the centre's policy pushed (or the agent added) wait for the agent's grant of their origins.
const access = createAccessState(browser);
void access.load();
render(
  <WorklistContext.Provider value={state}>
    <AccessContext.Provider value={access}>
      <App />
    </AccessContext.Provider>
  </WorklistContext.Provider>,
  document.getElementById('app')!,
);
