import { render } from 'preact';
import { App } from '@/components/worklist/App';
import { WorklistContext } from '@/components/worklist/context';
import { createWorklistState } from '@/components/worklist/state';
import { createStore } from '@/utils/db/store';
import '@/components/worklist/worklist.css';

const state = createWorklistState(browser, createStore());
state.start();
render(
  <WorklistContext.Provider value={state}>
    <App />
  </WorklistContext.Provider>,
  document.getElementById('app')!,
);
